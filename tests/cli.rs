//! The binary on the sample article and on hard inputs.

use crate::util::{ergraph, fixture, graph_json, nodes, sample};
use predicates::prelude::*;
use std::fs;

#[test]
fn sample_article_has_every_person_once_under_the_full_name() {
    // See: issue #2
    let graph = graph_json(&[sample().to_str().unwrap()]);
    let nodes = nodes(&graph);
    let people: Vec<&str> = nodes.iter().filter(|(id, _)| id.starts_with("person:")).map(|(_, l)| l.as_str()).collect();
    for full in [
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Xi Jinping",
        "Kim Jong-un",
        "Donald Trump",
        "Narendra Modi",
        "Andrii Sybiha",
    ] {
        assert_eq!(people.iter().filter(|l| **l == full).count(), 1, "{full} in {people:?}");
    }
    assert_eq!(people.iter().filter(|l| l.contains("Lavrov")).count(), 1, "{people:?}");
    assert_eq!(people.len(), 8, "exactly the eight people: {people:?}");
}

#[test]
fn sample_article_countries_and_organisations() {
    let graph = graph_json(&[sample().to_str().unwrap()]);
    let nodes = nodes(&graph);
    let labels: Vec<&str> = nodes.iter().map(|(_, l)| l.as_str()).collect();
    for country in [
        "Russia",
        "Ukraine",
        "China",
        "North Korea",
        "United States",
        "India",
        "Indonesia",
        "Austria",
        "Switzerland",
        "Turkey",
    ] {
        let id_count = nodes.iter().filter(|(id, l)| id.starts_with("country:") && l == country).count();
        assert_eq!(id_count, 1, "{country} in {labels:?}");
    }
    for org in ["Kompas", "Coalition of the Willing"] {
        assert!(nodes.iter().any(|(id, l)| id.starts_with("organisation:") && l == org), "{org} in {labels:?}");
    }
    for not_entity in
        ["Thursday", "Kremlin leader", "Foreign Minister", "Russian media", "European", "European leaders"]
    {
        assert!(!labels.contains(&not_entity), "{not_entity} must not be a node: {labels:?}");
    }
}

#[test]
fn output_file_is_written_atomically_into_new_folders() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deep/er/graph.dot");
    ergraph().arg("build").arg(sample()).arg("-o").arg(&out).assert().success();
    let dot = fs::read_to_string(&out).unwrap();
    assert!(dot.starts_with("digraph ergraph {"), "{dot}");
    assert_eq!(fs::read_dir(out.parent().unwrap()).unwrap().count(), 1);
}

#[test]
fn stdin_is_read_when_no_input_is_given() {
    ergraph()
        .args(["build", "--format", "json"])
        .write_stdin("Vladimir Putin thanked Kim Jong-un in Moscow.")
        .assert()
        .success()
        .stdout(predicate::str::contains("person:kim-jong-un"));
}

#[test]
fn empty_input_gives_an_empty_graph() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "").unwrap();
    let graph = graph_json(&[empty.to_str().unwrap()]);
    assert_eq!(graph["nodes"].as_array().unwrap().len(), 0);
    assert_eq!(graph["links"].as_array().unwrap().len(), 0);
    assert_eq!(graph["graph"]["documents"], 1);
}

#[test]
fn invalid_utf8_fails_with_offset_and_keeps_earlier_output() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"Vladimir Putin \xff met Kim Jong-un.").unwrap();
    let out = dir.path().join("graph.json");
    fs::write(&out, "previous graph").unwrap();
    ergraph()
        .arg("build")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("bad.txt: invalid UTF-8 at byte offset 15"));
    assert_eq!(fs::read_to_string(&out).unwrap(), "previous graph");
    ergraph().arg("build").arg("--lossy").arg(&bad).arg("-o").arg(&out).assert().success();
    assert!(fs::read_to_string(&out).unwrap().contains("Vladimir Putin"));
}

#[test]
fn malformed_jsonl_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    fs::write(&corpus, "{\"id\": \"a\", \"text\": \"Putin spoke.\"}\n{\"id\": \"b\", \"text\": \n").unwrap();
    ergraph()
        .arg("extract")
        .arg(&corpus)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("corpus.jsonl:2: not valid JSON"));
}

#[test]
fn missing_input_and_bad_flags_fail_clearly() {
    let out = ergraph().args(["build", "no/such/file.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("ergraph: error: no/such/file.txt: "), "{stderr}");
    // The cause once, not again from the error chain.
    assert_eq!(stderr.matches("(os error 2)").count(), 1, "{stderr}");
    ergraph().args(["build", "--window", "chapter"]).assert().code(2);
    ergraph()
        .args(["build", "--gazetteer", "planets=x.tsv"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("unknown data kind"));
}

/// No file can be made in /proc: the message names the user's output, not
/// the temp file ergraph writes first.
#[cfg(target_os = "linux")]
#[test]
fn an_output_that_cannot_be_made_is_named_without_the_temp_file() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples/putin-moscow-invitation.txt");
    let out = ergraph().args(["build", sample, "-o", "/proc/ergraph-graph.dot"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("ergraph: error: /proc/ergraph-graph.dot: "), "{stderr}");
    assert!(!stderr.contains(".ergraph-"), "{stderr}");
}

#[test]
fn a_directory_of_mixed_files_is_walked_in_sorted_order() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("nested")).unwrap();
    fs::write(dir.path().join("a.txt"), "Emmanuel Macron met Olaf Scholz.").unwrap();
    fs::write(dir.path().join("nested/b.md"), "# Talks\n\nOlaf Scholz visited Poland.").unwrap();
    fs::write(
        dir.path().join("c.jsonl"),
        "{\"text\": \"Emmanuel Macron called Joe Biden.\"}\n{\"id\": 9, \"text\": \"Poland and Germany agreed.\"}\n",
    )
    .unwrap();
    fs::write(dir.path().join("ignored.png"), [0x89, b'P', b'N', b'G', 0xff]).unwrap();
    let graph = graph_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(graph["graph"]["documents"], 4);
    let ids: Vec<String> = nodes(&graph).into_iter().map(|(id, _)| id).collect();
    for id in ["person:emmanuel-macron", "person:olaf-scholz", "person:joe-biden", "country:poland", "country:germany"]
    {
        assert!(ids.contains(&id.to_owned()), "{id} in {ids:?}");
    }
    let extract = ergraph().arg("extract").arg(dir.path()).output().unwrap();
    let ids: Vec<String> = String::from_utf8(extract.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        ids[0].ends_with("a.txt") && ids[1].ends_with("c.jsonl:1") && ids[2] == "9" && ids[3].ends_with("b.md"),
        "{ids:?}"
    );
}

#[test]
fn extract_gives_character_and_byte_offsets() {
    let out = ergraph().arg("extract").arg(fixture("non-ascii.txt")).output().unwrap();
    assert!(out.status.success());
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = fs::read_to_string(fixture("non-ascii.txt")).unwrap();
    let entities = line["entities"].as_array().unwrap();
    let erdogan = entities.iter().find(|e| e["text"] == "Recep Tayyip Erdoğan").expect("Erdoğan found");
    let chars: Vec<char> = text.chars().collect();
    let (start, end) = (erdogan["start"].as_u64().unwrap() as usize, erdogan["end"].as_u64().unwrap() as usize);
    assert_eq!(chars[start..end].iter().collect::<String>(), "Recep Tayyip Erdoğan");
    let (bs, be) = (erdogan["byte_start"].as_u64().unwrap() as usize, erdogan["byte_end"].as_u64().unwrap() as usize);
    assert_eq!(&text[bs..be], "Recep Tayyip Erdoğan");
    assert!(bs > start, "byte offsets count the Cyrillic bytes");
    assert!(erdogan["node"].as_str().unwrap().starts_with("person:recep-tayyip-erdo"), "{erdogan}");
}

#[test]
fn same_input_gives_identical_bytes() {
    let run = || ergraph().arg("build").arg(sample()).args(["--format", "json"]).output().unwrap().stdout;
    assert_eq!(run(), run());
    let run = || ergraph().arg("build").arg(sample()).output().unwrap().stdout;
    assert_eq!(run(), run());
}

#[test]
fn min_weight_and_types_filter_the_graph() {
    let graph = graph_json(&[sample().to_str().unwrap(), "--types", "person"]);
    assert!(nodes(&graph).iter().all(|(id, _)| id.starts_with("person:")));
    let graph = graph_json(&[sample().to_str().unwrap(), "--min-weight", "3"]);
    let links = graph["links"].as_array().unwrap();
    assert!(!links.is_empty() && links.iter().all(|l| l["weight"].as_u64().unwrap() >= 3));
}

#[test]
fn user_gazetteer_adds_entities() {
    let dir = tempfile::tempdir().unwrap();
    let orgs = dir.path().join("orgs.tsv");
    fs::write(&orgs, "# id\tname\taliases\tkind\tcountry\nzorg\tZorglub Collective\tZorg\tother\t\n").unwrap();
    let out = ergraph()
        .args(["extract", "--gazetteer"])
        .arg(format!("organisations={}", orgs.display()))
        .write_stdin("Officials from Zorg met Kim Jong-un.")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("organisation:zorg"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    fs::write(&orgs, "zorg\tZorglub\tZ\tother\t\textra\n").unwrap();
    ergraph()
        .args(["extract", "--gazetteer"])
        .arg(format!("organisations={}", orgs.display()))
        .write_stdin("x")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("orgs.tsv:1: expected 5 tab-separated columns, found 6"));
}

#[test]
fn an_unknown_output_extension_is_an_error_not_silent_dot() {
    // See: issue #6
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.csv");
    ergraph()
        .arg("build")
        .arg(sample())
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot tell the format from this extension"));
    assert!(!out.exists());
}

#[test]
fn jobs_give_byte_identical_output() {
    // See: issue #5
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    let text = fs::read_to_string(sample()).unwrap();
    let lines: Vec<String> =
        text.lines().enumerate().map(|(i, l)| serde_json::json!({"id": i, "text": l}).to_string()).collect();
    fs::write(&corpus, vec![lines.join("\n"); 20].join("\n")).unwrap();
    let run = |cmd: &str, jobs: &str| ergraph().args([cmd, "--quiet", "--jobs", jobs]).arg(&corpus).output().unwrap();
    for cmd in ["build", "extract"] {
        let one = run(cmd, "1");
        assert!(one.status.success());
        assert_eq!(one.stdout, run(cmd, "2").stdout, "{cmd}");
        assert_eq!(one.stdout, run(cmd, "3").stdout, "{cmd}");
    }
}
