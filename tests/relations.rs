//! Stated relations on the sample article, read from the real binary's JSON.

use crate::util::{ergraph, graph_json, sample};

/// (source, relation, target, first evidence sentence) of every relation link.
fn relations(graph: &serde_json::Value) -> Vec<(String, String, String, String)> {
    graph["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter(|l| l["kind"] == "relation")
        .map(|l| {
            (
                l["source"].as_str().unwrap().to_owned(),
                l["relation"].as_str().unwrap().to_owned(),
                l["target"].as_str().unwrap().to_owned(),
                l["evidence"][0]["sentence"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn assert_stated(found: &[(String, String, String, String)], source: &str, label: &str, target: &str, says: &str) {
    let hit = found.iter().find(|(s, l, t, _)| s == source && l == label && t == target);
    let Some((_, _, _, sentence)) = hit else { panic!("{source} -{label}-> {target} missing from {found:#?}") };
    assert!(sentence.contains(says), "evidence {sentence:?} should contain {says:?}");
}

#[test]
fn the_sample_states_who_thanked_whom_and_who_holds_which_office() {
    let graph = graph_json(&[sample().to_str().unwrap()]);
    let found = relations(&graph);
    assert_stated(
        &found,
        "person:vladimir-putin",
        "thank",
        "person:kim-jong-un",
        "He thanked the North Korean dictator",
    );
    assert_stated(&found, "person:donald-trump", "disappointed_in", "person:vladimir-putin", "disappointed");
    assert_stated(
        &found,
        "person:sergei-lavrov",
        "foreign_minister_of",
        "country:russia",
        "his Foreign Minister Sergey Lavrov",
    );
}

#[test]
fn relation_links_carry_category_weight_evidence_and_a_unique_key() {
    let graph = graph_json(&[sample().to_str().unwrap()]);
    let links = graph["links"].as_array().unwrap();
    let mut keys = std::collections::BTreeSet::new();
    for link in links {
        let key = (link["source"].as_str().unwrap(), link["target"].as_str().unwrap(), link["key"].as_str().unwrap());
        assert!(keys.insert(key), "duplicate key {key:?}");
        if link["kind"] == "relation" {
            assert!(link["key"].as_str().unwrap().starts_with("relation:"));
            assert!(["cooperation", "conflict", "communication", "role", "other"]
                .contains(&link["category"].as_str().unwrap()));
            assert!(link["weight"].as_u64().unwrap() >= 1);
            let evidence = &link["evidence"][0];
            let (start, end) = (evidence["start"].as_u64().unwrap(), evidence["end"].as_u64().unwrap());
            assert!(start < end && evidence["document"].as_str().unwrap().ends_with(".txt"));
        }
    }
}

#[test]
fn relations_only_keeps_relation_edges_and_their_nodes() {
    let graph = graph_json(&[sample().to_str().unwrap(), "--relations-only"]);
    let links = graph["links"].as_array().unwrap();
    assert!(!links.is_empty());
    assert!(links.iter().all(|l| l["kind"] == "relation"));
    let touched: std::collections::BTreeSet<&str> =
        links.iter().flat_map(|l| [l["source"].as_str().unwrap(), l["target"].as_str().unwrap()]).collect();
    assert!(graph["nodes"].as_array().unwrap().iter().all(|n| touched.contains(n["id"].as_str().unwrap())));
}

#[test]
fn extract_lines_index_relations_into_their_entities() {
    let out = ergraph()
        .args(["extract", "-"])
        .write_stdin("The New Democratic Party (NDP) won. Joe Biden defeated Donald Trump in 2020.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entities = line["entities"].as_array().unwrap();
    let relations = line["relations"].as_array().unwrap();
    let text =
        |i: &serde_json::Value| entities[usize::try_from(i.as_u64().unwrap()).unwrap()]["text"].as_str().unwrap();
    let found: Vec<(&str, &str, &str)> =
        relations.iter().map(|r| (text(&r["head"]), r["relation"].as_str().unwrap(), text(&r["tail"]))).collect();
    assert!(found.contains(&("Joe Biden", "defeat", "Donald Trump")), "{found:?}");
    assert!(found.contains(&("NDP", "alias_of", "New Democratic Party")), "{found:?}");
    assert!(relations
        .iter()
        .all(|r| r["rule"].as_str().unwrap().starts_with("relation/") && r["category"].is_string()));
}

#[test]
fn a_rule_can_be_disabled_and_an_unknown_one_is_an_error() {
    let out = ergraph()
        .args(["extract", "-", "--disable-rule", "relation/defeat/1"])
        .write_stdin("Joe Biden defeated Donald Trump in 2020.")
        .output()
        .unwrap();
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the learned pair classifier may still relate the two (its own rule id).
    let rules: Vec<&str> = line["relations"].as_array().unwrap().iter().map(|r| r["rule"].as_str().unwrap()).collect();
    assert!(rules.iter().all(|r| *r == "relation/learned/pair"), "{rules:?}");
    let out = ergraph().args(["extract", "-", "--disable-rule", "relation/nope"]).write_stdin("x").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("relation/nope"));
}

#[test]
fn the_learned_pair_classifier_can_be_switched_off() {
    // See: issue #4 — learned pairs are marked, and users who want only
    // rule-stated relations can leave them out.
    let path = sample();
    let with = relations(&graph_json(&[path.to_str().unwrap()]));
    assert!(with.iter().any(|r| r.1 == "associated_with"), "{with:?}");
    let without = relations(&graph_json(&[path.to_str().unwrap(), "--disable-rule", "relation/learned/pair"]));
    assert!(without.iter().all(|r| r.1 != "associated_with"), "{without:?}");
    assert!(without.iter().any(|r| r.1 == "thank"), "{without:?}");
}
