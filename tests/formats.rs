//! Issue 6's formats, each checked by its real consumer: networkx for
//! GraphML, GEXF, node-link JSON and Cytoscape JSON; Graphviz for SVG and
//! PNG; the csv reader for the Neo4j tables; snapshots for small cases.

use crate::util::{ergraph, have_dot, python, sample};
use ergraph::entities::EntityType;
use ergraph::export::{self, ExportOptions, Format};
use ergraph::graph::{Edge, EdgeKind, EntityGraph, Evidence, Node};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Everything that breaks naive exporters: quotes, backslash, newline, markup, `&`, a bidi override.
pub const NASTY: &str = "Say \"hi\" \\ to\nme <script>alert(1)</script> & \u{202E}Київ";

fn node(id: &str, label: &str, t: EntityType, aliases: &[&str], mentions: u64) -> Node {
    Node {
        id: id.into(),
        label: label.into(),
        entity_type: t,
        aliases: aliases.iter().map(|s| (*s).to_owned()).collect::<BTreeSet<_>>(),
        mentions,
        documents: 1,
    }
}

fn evidence(document: &str, sentence: &str) -> Evidence {
    Evidence { document: document.into(), sentence: sentence.into(), start: 0, end: sentence.chars().count() }
}

/// Four nodes (one named [`NASTY`]) and five edges of both kinds, with
/// evidence, including a co-mention and a relation between the same pair.
pub fn hand_graph() -> EntityGraph {
    let mut g = EntityGraph { documents: 2, ..EntityGraph::default() };
    let russia = g.graph.add_node(node("country:russia", "Russia", EntityType::Country, &["Russia", "Russian"], 3));
    let org = g.graph.add_node(node("organisation:graph", "strict", EntityType::Organisation, &["strict"], 1));
    let nasty = g.graph.add_node(node("person:nasty", NASTY, EntityType::Person, &[NASTY, "Say"], 2));
    let putin = g.graph.add_node(node(
        "person:vladimir-putin",
        "Vladimir Putin",
        EntityType::Person,
        &["Putin", "Vladimir Putin"],
        5,
    ));
    let co = |weight| Edge { kind: EdgeKind::CoMention, weight, ..Edge::default() };
    let rel = |relation: &str, category: &str, weight, evidence| Edge {
        kind: EdgeKind::Relation,
        weight,
        relation: Some(relation.into()),
        category: Some(category.into()),
        evidence,
    };
    g.graph.add_edge(russia, putin, co(4));
    g.graph.add_edge(org, nasty, co(2));
    g.graph.add_edge(nasty, putin, co(1));
    let thanks =
        vec![evidence("doc-1", "Say thanked Putin."), evidence("doc-2", "He said \"<b>thanks</b>\" & left,\nbriefly.")];
    g.graph.add_edge(nasty, putin, rel("thank", "cooperation", 2, thanks));
    g.graph.add_edge(putin, russia, rel("lead", "role", 1, vec![evidence("doc-1", "Putin leads Russia.")]));
    g
}

fn bytes(graph: &EntityGraph, format: Format) -> Vec<u8> {
    export::export(graph, format, &ExportOptions::default()).expect("exports")
}

/// networkx's view of a file (see tests/python/load_graph.py).
fn load(python: &Path, format: &str, path: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/load_graph.py");
    let out = std::process::Command::new(python).arg(script).arg(format).arg(path).output().expect("python runs");
    assert!(out.status.success(), "networkx could not load {format}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("summary is JSON")
}

fn edge<'a>(summary: &'a Value, source: &str, target: &str, kind: &str) -> &'a Value {
    let edges = summary["edges"].as_array().expect("edges");
    let found = edges.iter().find(|e| e[0] == source && e[1] == target && e[2]["kind"] == kind);
    &found.unwrap_or_else(|| panic!("no {kind} edge {source} -> {target} in {edges:?}"))[2]
}

#[test]
fn networkx_loads_every_format_with_counts_and_attributes() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let g = hand_graph();
    let mut loaded = Vec::new();
    for (format, name) in
        [(Format::Graphml, "graphml"), (Format::Gexf, "gexf"), (Format::Json, "json"), (Format::Cytoscape, "cytoscape")]
    {
        let path = dir.path().join(format!("g.{name}"));
        std::fs::write(&path, bytes(&g, format)).unwrap();
        let s = load(&python, name, &path);
        assert_eq!(s["nodes"].as_object().unwrap().len(), 4, "{name}: {s}");
        assert_eq!(s["edges"].as_array().unwrap().len(), 5, "{name}: {s}");
        assert_eq!((&s["directed"], &s["multigraph"]), (&Value::Bool(true), &Value::Bool(true)), "{name}");
        let nasty = &s["nodes"]["person:nasty"];
        let label = if name == "cytoscape" { &nasty["name"] } else { &nasty["label"] };
        assert_eq!(label, NASTY, "{name}: the label survives byte for byte");
        assert_eq!(nasty["type"], "person", "{name}");
        assert_eq!(nasty["mentions"], 2, "{name}: mentions is a number");
        let co = edge(&s, "country:russia", "person:vladimir-putin", "co-mention");
        assert_eq!(co["weight"].as_f64(), Some(4.0), "{name}");
        loaded.push((name, s));
    }
    for (name, s) in &loaded[..2] {
        let thank = edge(s, "person:nasty", "person:vladimir-putin", "relation");
        assert_eq!(
            (&thank["relation"], &thank["category"]),
            (&Value::from("thank"), &Value::from("cooperation")),
            "{name}"
        );
        let evidence: Value =
            serde_json::from_str(thank["evidence"].as_str().expect("evidence as a JSON string")).unwrap();
        assert_eq!(evidence[1]["sentence"], "He said \"<b>thanks</b>\" & left,\nbriefly.", "{name}");
    }
    let (_, graphml) = &loaded[0];
    let aliases: Vec<String> =
        serde_json::from_str(graphml["nodes"]["person:nasty"]["aliases"].as_str().unwrap()).unwrap();
    assert_eq!(aliases, ["Say", NASTY]);
    assert_eq!(loaded[1].1["nodes"]["country:russia"]["aliases"], "Russia|Russian", "GEXF liststring");
    let thank = edge(&loaded[3].1, "person:nasty", "person:vladimir-putin", "relation");
    assert_eq!(thank["evidence"][0]["document"], "doc-1", "Cytoscape keeps evidence as a list");
}

#[test]
fn networkx_loads_the_sample_in_every_format_alike() {
    let Some(python) = python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut counts = Vec::new();
    for name in ["json", "graphml", "gexf", "cytoscape"] {
        let path = dir.path().join(format!("sample.{name}"));
        let out = ergraph().arg("build").arg(sample()).args(["--format", name, "-o"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let s = load(&python, name, &path);
        assert!(s["nodes"]["person:vladimir-putin"].is_object(), "{name}");
        counts.push((s["nodes"].as_object().unwrap().len(), s["edges"].as_array().unwrap().len()));
    }
    assert!(counts[0].0 > 10 && counts[0].1 > 10, "{counts:?}");
    assert!(counts.iter().all(|c| *c == counts[0]), "every format has the same nodes and edges: {counts:?}");
}

#[test]
fn csv_tables_read_back_with_neo4j_headers() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("neo4j");
    export::write(&hand_graph(), Format::Csv, &ExportOptions::default(), &folder).unwrap();
    let mut nodes = csv::Reader::from_path(folder.join("nodes.csv")).unwrap();
    assert_eq!(nodes.headers().unwrap(), vec!["id:ID", "name", "type", ":LABEL", "mentions:int"]);
    let rows: Vec<csv::StringRecord> = nodes.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    assert_eq!(&rows[2][1], NASTY.replace('\n', " "), "quoted, on one line, otherwise intact");
    assert_eq!(&rows[2][3], "Person");
    let mut rels = csv::Reader::from_path(folder.join("relationships.csv")).unwrap();
    assert_eq!(rels.headers().unwrap(), vec![":START_ID", ":END_ID", ":TYPE", "weight:int", "relation", "evidence"]);
    let rows: Vec<csv::StringRecord> = rels.records().map(Result::unwrap).collect();
    let types: Vec<&str> = rows.iter().map(|r| &r[2]).collect();
    assert_eq!(types, ["CO_MENTION", "CO_MENTION", "CO_MENTION", "THANK", "LEAD"]);
    assert_eq!(&rows[3][5], "Say thanked Putin. | He said \"<b>thanks</b>\" & left, briefly.");
    let raw = std::fs::read_to_string(folder.join("relationships.csv")).unwrap();
    assert_eq!(raw.lines().count(), 6, "one record per line, as neo4j-admin reads by default");
}

#[test]
fn small_graph_snapshots() {
    let g = hand_graph();
    insta::assert_snapshot!("hand_graph_graphml", String::from_utf8(bytes(&g, Format::Graphml)).unwrap());
    insta::assert_snapshot!("hand_graph_gexf", String::from_utf8(bytes(&g, Format::Gexf)).unwrap());
    insta::assert_snapshot!("hand_graph_cytoscape", String::from_utf8(bytes(&g, Format::Cytoscape)).unwrap());
    let (nodes, rels) = export::csv::to_csv(&g);
    insta::assert_snapshot!(
        "hand_graph_csv",
        format!("{}\n{}", String::from_utf8(nodes).unwrap(), String::from_utf8(rels).unwrap())
    );
}

#[test]
fn every_format_is_deterministic_and_escapes() {
    let g = hand_graph();
    for format in [Format::Dot, Format::Json, Format::Graphml, Format::Gexf, Format::Cytoscape, Format::Html] {
        let out = bytes(&g, format);
        assert_eq!(out, bytes(&g, format), "{format:?} is deterministic");
        let text = String::from_utf8(out).unwrap();
        if matches!(format, Format::Graphml | Format::Gexf | Format::Html) {
            assert!(!text.contains("<script>alert"), "{format:?} leaves no raw markup from the input");
        }
    }
    let gexf = String::from_utf8(bytes(&g, Format::Gexf)).unwrap();
    assert!(
        gexf.contains("&lt;script&gt;") && gexf.contains("&amp;") && gexf.contains("&#10;"),
        "attributes keep newlines"
    );
}

#[test]
fn svg_and_png_are_drawn_by_graphviz() {
    if !have_dot() {
        return;
    }
    let g = hand_graph();
    let svg = String::from_utf8(bytes(&g, Format::Svg)).unwrap();
    assert!(svg.contains("<svg") && svg.contains("&lt;script&gt;"), "the nasty label is text in the SVG");
    let png = bytes(&g, Format::Png);
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let (w, h) =
        (u32::from_be_bytes(png[16..20].try_into().unwrap()), u32::from_be_bytes(png[20..24].try_into().unwrap()));
    assert!((50..10_000).contains(&w) && (50..10_000).contains(&h), "{w}x{h}");
    let dir = tempfile::tempdir().unwrap();
    for layout in ["dot", "neato", "fdp", "sfdp", "circo"] {
        let path = dir.path().join(format!("sample-{layout}.svg"));
        let out = ergraph().arg("build").arg(sample()).args(["--layout", layout, "-o"]).arg(&path).output().unwrap();
        assert!(out.status.success(), "{layout}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(std::fs::read_to_string(&path).unwrap().contains("Vladimir Putin"), "{layout}");
    }
}

#[test]
fn images_without_graphviz_fail_with_one_clear_line() {
    let empty = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("g.png");
    std::fs::write(&out_path, b"earlier").unwrap();
    let out = ergraph().env("PATH", empty.path()).arg("build").arg(sample()).arg("-o").arg(&out_path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("png output needs Graphviz's `dot` on PATH"), "{stderr}");
    assert_eq!(std::fs::read(&out_path).unwrap(), b"earlier", "a failed run keeps the old file");
}
