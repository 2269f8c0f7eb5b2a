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

/// A tool the consumer tests need, found through `env_var` (set by `.ci/run`)
/// or on PATH under one of `names`. Outside CI a missing tool skips the test
/// with a note; under CI it fails it.
fn tool(env_var: &str, names: &[&str], what: &str) -> Option<PathBuf> {
    let found = std::env::var_os(env_var).map(PathBuf::from).filter(|p| p.exists()).or_else(|| {
        names.iter().find_map(|name| {
            let ok = std::process::Command::new(name).arg("--version").output().is_ok_and(|o| o.status.success());
            ok.then(|| PathBuf::from(name))
        })
    });
    if found.is_none() {
        assert!(std::env::var_os("CI").is_none(), "CI must provide {what} (set {env_var}; see .ci/run)");
        eprintln!("note: skipping: {what} not found (set {env_var}, or run .ci/run)");
    }
    found
}

/// Python with networkx (`.ci/run` makes a venv and sets `ERGRAPH_PYTHON`).
pub fn python() -> Option<PathBuf> {
    let python = tool("ERGRAPH_PYTHON", &[], "python3 with networkx")?;
    let ok =
        std::process::Command::new(&python).args(["-c", "import networkx"]).output().is_ok_and(|o| o.status.success());
    assert!(ok || std::env::var_os("CI").is_none(), "{} cannot import networkx", python.display());
    ok.then_some(python)
}

/// Headless Chromium (`ERGRAPH_CHROMIUM`, else `chromium` on PATH).
pub fn chromium() -> Option<PathBuf> {
    tool("ERGRAPH_CHROMIUM", &["chromium", "chromium-browser"], "chromium")
}

/// A folder under target/ for files a test keeps for people to look at.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/test-artifacts");
    std::fs::create_dir_all(&dir).expect("target/ is writable");
    dir
}
