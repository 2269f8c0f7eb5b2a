//! Exporters: snapshots of the sample graph, escaping, and real consumers.

use crate::util::{ergraph, fixture, have_dot};
use ergraph::entities::EntityType;
use ergraph::export::{dot, json};
use ergraph::graph::{Edge, EdgeKind, EntityGraph, Node};
use std::collections::BTreeSet;

/// The sample article, relative to the crate root.
const SAMPLE: &str = "data/samples/putin-moscow-invitation.txt";

/// A graph whose labels hold everything that breaks naive exporters.
fn nasty_graph() -> EntityGraph {
    let mut g = EntityGraph::default();
    let label = "Say \"hi\" \\ to\nme <script>alert(1)</script> & \u{202E}Київ";
    let a = g.graph.add_node(Node {
        id: "person:node".into(),
        label: label.into(),
        entity_type: EntityType::Person,
        aliases: BTreeSet::from([label.to_owned()]),
        mentions: 2,
        documents: 1,
    });
    let b = g.graph.add_node(Node {
        id: "organisation:graph".into(),
        label: "strict".into(),
        entity_type: EntityType::Organisation,
        aliases: BTreeSet::new(),
        mentions: 1,
        documents: 1,
    });
    g.graph.add_edge(a, b, Edge { kind: EdgeKind::CoMention, weight: 3, ..Edge::default() });
    g.documents = 1;
    g
}

#[test]
fn dot_escapes_untrusted_labels_and_reparses() {
    let text = dot::to_dot(&nasty_graph());
    let parsed = graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let reprinted =
        graphviz_rust::printer::DotPrinter::print(&parsed, &mut graphviz_rust::printer::PrinterContext::default());
    assert!(reprinted.contains("Київ"));
    assert!(text.contains(r#"label="Say \"hi\" \\ to\nme <script>alert(1)</script> & Київ""#), "{text}");
    if have_dot() {
        let svg =
            graphviz_rust::exec_dot(text, vec![graphviz_rust::cmd::Format::Svg.into()]).expect("dot renders our DOT");
        let svg = String::from_utf8(svg).unwrap();
        assert!(svg.contains("&lt;script&gt;"), "labels arrive as text in the SVG");
    }
}

#[test]
fn json_escapes_and_round_trips() {
    let bytes = json::to_json(&nasty_graph());
    let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(value["nodes"][0]["label"], "Say \"hi\" \\ to\nme <script>alert(1)</script> & \u{202E}Київ");
    assert_eq!(value["links"][0]["weight"], 3);
}

#[test]
fn sample_graph_json_snapshot() {
    // A relative path, so the evidence's document id is the same on every machine.
    let out =
        ergraph().current_dir(env!("CARGO_MANIFEST_DIR")).args(["build", SAMPLE, "--format", "json"]).output().unwrap();
    insta::assert_snapshot!("sample_graph_json", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn sample_graph_dot_snapshot_parses_and_renders() {
    let out = ergraph().current_dir(env!("CARGO_MANIFEST_DIR")).args(["build", SAMPLE]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    graphviz_rust::parse(&text).expect("our DOT parses");
    insta::assert_snapshot!("sample_graph_dot", text);
    if have_dot() {
        let svg = graphviz_rust::exec_dot(text, vec![graphviz_rust::cmd::Format::Svg.into()]).expect("dot renders");
        assert!(String::from_utf8_lossy(&svg).contains("Vladimir Putin"));
    }
}

#[test]
fn names_with_quotes_and_backslashes_render() {
    let out = ergraph().arg("build").arg(fixture("quotes-and-backslashes.txt")).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    graphviz_rust::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    if have_dot() {
        graphviz_rust::exec_dot(text, vec![graphviz_rust::cmd::Format::Svg.into()]).expect("dot renders");
    }
}
