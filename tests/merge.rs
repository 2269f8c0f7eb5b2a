//! `ergraph merge` and the graph views (`--top`, `--ego`) through the binary.

use crate::util::{ergraph, graph_json, sample};
use std::path::Path;

/// The sample article, one document per paragraph, as JSONL with explicit ids.
fn paragraphs() -> Vec<String> {
    let text = std::fs::read_to_string(sample()).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, p)| serde_json::json!({"id": format!("p{i}"), "text": p}).to_string())
        .collect()
}

fn build_json(input: &Path, output: &Path) {
    let out = ergraph().arg("build").arg(input).arg("-o").arg(output).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn merge_of_two_halves_equals_the_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let lines = paragraphs();
    assert!(lines.len() >= 6, "the sample has paragraphs");
    let (first, second) = lines.split_at(lines.len() / 2);
    std::fs::write(d.join("whole.jsonl"), lines.join("\n")).unwrap();
    std::fs::write(d.join("a.jsonl"), first.join("\n")).unwrap();
    std::fs::write(d.join("b.jsonl"), second.join("\n")).unwrap();
    for name in ["whole", "a", "b"] {
        build_json(&d.join(format!("{name}.jsonl")), &d.join(format!("{name}.json")));
    }
    for (x, y, out) in [("a", "b", "ab.json"), ("b", "a", "ba.json")] {
        let run = ergraph()
            .arg("merge")
            .arg(d.join(format!("{x}.json")))
            .arg(d.join(format!("{y}.json")))
            .arg("-o")
            .arg(d.join(out))
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    }
    let whole = std::fs::read_to_string(d.join("whole.json")).unwrap();
    let a = std::fs::read_to_string(d.join("a.json")).unwrap();
    assert!(
        a.contains("\"person:putin\"") || !whole.contains("\"person:putin\""),
        "the test covers short-name linking"
    );
    assert_eq!(std::fs::read_to_string(d.join("ab.json")).unwrap(), whole, "merge(a, b) == build(a + b)");
    assert_eq!(std::fs::read_to_string(d.join("ba.json")).unwrap(), whole, "order does not matter");
}

#[test]
fn merge_writes_other_formats_and_names_bad_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.json");
    build_json(&sample(), &g);
    let out = ergraph().arg("merge").arg(&g).arg(&g).arg("--format").arg("graphml").output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("<graphml"));
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\"nodes\": 3}").unwrap();
    let out = ergraph().arg("merge").arg(&g).arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("ergraph: error: ") && stderr.contains("bad.json: not an ergraph JSON graph"),
        "{stderr}"
    );
    let out = ergraph().args(["merge", "missing.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.json"));
}

#[test]
fn top_keeps_the_most_connected() {
    let s = sample();
    let graph = graph_json(&[s.to_str().unwrap(), "--top", "3"]);
    let ids: Vec<&str> = graph["nodes"].as_array().unwrap().iter().map(|n| n["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3);
    assert!(ids.contains(&"person:vladimir-putin") && ids.contains(&"country:russia"), "{ids:?}");
}

#[test]
fn ego_finds_an_entity_by_any_alias() {
    let s = sample();
    let by_alias = graph_json(&[s.to_str().unwrap(), "--ego", "putin"]);
    let by_id = graph_json(&[s.to_str().unwrap(), "--ego", "PERSON:VLADIMIR-PUTIN", "--depth", "1"]);
    assert_eq!(by_alias, by_id);
    let n = by_alias["nodes"].as_array().unwrap().len();
    let whole = graph_json(&[s.to_str().unwrap()])["nodes"].as_array().unwrap().len();
    let deeper =
        graph_json(&[s.to_str().unwrap(), "--ego", "Putin", "--depth", "3"])["nodes"].as_array().unwrap().len();
    assert!(1 < n && n <= deeper && deeper <= whole, "{n} {deeper} {whole}");
    let zero = graph_json(&[s.to_str().unwrap(), "--ego", "Kremlin", "--depth", "0"]);
    assert_eq!(zero["nodes"][0]["id"], "country:russia", "the Kremlin is an alias of Russia");
}

#[test]
fn ego_with_an_unknown_name_fails_clearly() {
    let out = ergraph().arg("build").arg(sample()).args(["--ego", "Napoleon"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim(), "ergraph: error: --ego: no entity is called \"Napoleon\" in this graph");
}
