//! Helpers shared by the integration tests.

use assert_cmd::Command;
use std::path::PathBuf;

/// The sample article shipped in data/.
pub fn sample() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples/putin-moscow-invitation.txt")
}

/// A fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The ergraph binary.
pub fn ergraph() -> Command {
    Command::cargo_bin("ergraph").expect("binary builds")
}

/// Run `ergraph build ARGS --format json` and parse the graph.
pub fn graph_json(args: &[&str]) -> serde_json::Value {
    let out = ergraph().arg("build").args(args).args(["--format", "json"]).output().expect("runs");
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// (id, label) of every node.
pub fn nodes(graph: &serde_json::Value) -> Vec<(String, String)> {
    graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .map(|n| (n["id"].as_str().unwrap().to_owned(), n["label"].as_str().unwrap().to_owned()))
        .collect()
}

/// True when `dot` (Graphviz) is installed; under CI it must be.
pub fn have_dot() -> bool {
    let found = std::process::Command::new("dot").arg("-V").output().is_ok_and(|o| o.status.success());
    assert!(found || std::env::var_os("CI").is_none(), "CI must install graphviz (see .ci/run)");
    found
}
