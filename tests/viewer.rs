//! The HTML viewer in a real browser: headless Chromium loads the page from a
//! file, runs our JavaScript, and we read the resulting DOM. An entity named
//! like a script must show up as text and run nothing.

use crate::formats::{hand_graph, NASTY};
use crate::util::{artifacts, chromium, ergraph, sample};
use ergraph::entities::EntityType;
use ergraph::export::html::to_html;
use ergraph::graph::{Edge, Node};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Run headless Chromium on `page` with `args`; returns stdout. Gives up after a minute.
fn run_chromium(browser: &Path, page: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,800"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(page)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            panic!("chromium did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn dump_dom(browser: &Path, page: &str) -> String {
    run_chromium(browser, page, &["--dump-dom", "--virtual-time-budget=3000"])
}

fn url(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// The hand graph plus entities whose names try to run code.
fn hostile_graph() -> ergraph::graph::EntityGraph {
    let mut g = hand_graph();
    let names = [
        "<script>document.title='pwned';document.body.setAttribute('data-pwned','script')</script>",
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
        "</script><script>document.body.setAttribute('data-pwned','close')</script>\u{2028}",
    ];
    let first = g.graph.node_indices().next().unwrap();
    for (i, name) in names.iter().enumerate() {
        let n = g.graph.add_node(Node {
            id: format!("person:zz-hostile-{i}"),
            label: (*name).to_owned(),
            entity_type: EntityType::Person,
            aliases: [(*name).to_owned()].into(),
            mentions: 1,
            documents: 1,
        });
        g.graph.add_edge(first, n, Edge::default());
    }
    g
}

#[test]
fn viewer_shows_hostile_names_as_text_and_runs_nothing() {
    let Some(browser) = chromium() else { return };
    let g = hostile_graph();
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hostile.html");
    std::fs::write(&page, to_html(&g)).unwrap();
    let dom = dump_dom(&browser, &url(&page));
    assert!(dom.contains("<svg"), "the page rendered: {dom}");
    assert_eq!(dom.matches(" data-id=\"").count(), g.graph.node_count(), "one drawn node per entity");
    assert!(dom.contains(&format!("data-nodes=\"{}\"", g.graph.node_count())), "the script ran to the end");
    let body = &dom[dom.find("<body").expect("body")..];
    let body_tag = &body[..body.find('>').expect("body tag ends")];
    assert!(
        !body_tag.contains("pwned") && !dom.contains("data-pwned="),
        "an injected script or handler ran: {body_tag}"
    );
    assert!(!dom.contains("pwned</title>") && dom.contains("<title>ergraph: 7 entities"), "the title is ours");
    assert!(dom.contains("&lt;script&gt;document.title="), "the name is shown as text");
    assert!(dom.contains("&lt;img src=x onerror="), "the name is shown as text");
    assert!(dom.contains("Київ"), "non-ASCII survives");
}

#[test]
fn viewer_edge_link_shows_the_evidence_sentences() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("hand.html");
    std::fs::write(&page, to_html(&hand_graph())).unwrap();
    // edge 3 is the stated relation "thank", with two evidence sentences
    let dom = dump_dom(&browser, &format!("{}#edge=3", url(&page)));
    let info = &dom[dom.find("<aside id=\"info\"").expect("info panel")..];
    assert!(info.contains("Evidence") && info.contains("Say thanked Putin."), "{info}");
    assert!(info.contains("He said \"&lt;b&gt;thanks&lt;/b&gt;\" &amp; left"), "evidence is text, not markup: {info}");
    assert!(info.contains("thank") && info.contains("cooperation"));
    let dom = dump_dom(&browser, &format!("{}#node=person:nasty", url(&page)));
    let info = &dom[dom.find("<aside id=\"info\"").expect("info panel")..];
    let shown = NASTY.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;");
    assert!(info.contains(&format!("<h2>{shown}</h2>")), "node details open from a link, as text: {info}");
}

#[test]
fn viewer_draws_the_sample_article_and_keeps_a_screenshot() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sample.html");
    let json = ergraph().arg("build").arg(sample()).args(["--format", "json"]).output().unwrap();
    let nodes = serde_json::from_slice::<serde_json::Value>(&json.stdout).unwrap()["nodes"].as_array().unwrap().len();
    let out = ergraph().arg("build").arg(sample()).arg("-o").arg(&page).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("https://") && !html.contains(" src="), "self-contained: nothing to fetch");
    let dom = dump_dom(&browser, &url(&page));
    assert_eq!(dom.matches(" data-id=\"").count(), nodes);
    assert!(dom.contains(">Vladimir Putin</text>"));
    let shot = artifacts().join("viewer-sample.png");
    let _ = std::fs::remove_file(&shot);
    run_chromium(&browser, &url(&page), &[&format!("--screenshot={}", shot.display()), "--virtual-time-budget=3000"]);
    let png = std::fs::read(&shot).expect("chromium wrote the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(png.len() > 10_000, "a real picture, not a blank page ({} bytes)", png.len());
}

#[test]
fn viewer_hover_filters_search_click_and_zoom_work() {
    let Some(browser) = chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let out = ergraph().arg("build").arg(sample()).args(["--format", "html"]).output().unwrap();
    // the fixture drives the page as a user would and records what it saw in <body data-result>
    let driver = std::fs::read_to_string(crate::util::fixture("viewer-interactions.js.html")).unwrap();
    let page = String::from_utf8(out.stdout).unwrap().replace("</body>", &driver);
    let path = dir.path().join("driven.html");
    std::fs::write(&path, page).unwrap();
    let dom = dump_dom(&browser, &url(&path));
    let start = dom.find("data-result=\"").expect("the driver ran") + "data-result=\"".len();
    let raw = &dom[start..start + dom[start..].find('"').unwrap()];
    let r: serde_json::Value = serde_json::from_str(&raw.replace("&quot;", "\"").replace("&amp;", "&")).unwrap();
    assert!(r["hl"].as_u64().unwrap() > 2 && r["focus"] == true, "hover highlights the neighbours: {r}");
    assert!(
        r["hiddenNodes"].as_u64().unwrap() > 0 && r["hiddenEdges"].as_u64().unwrap() > 0,
        "min weight filters: {r}"
    );
    assert_eq!((&r["matches"], &r["info"]), (&1.into(), &"Vladimir Putin".into()), "search finds by alias: {r}");
    let counts: Vec<u64> = r["afterType"].as_str().unwrap().split(' ').filter_map(|w| w.parse().ok()).collect();
    assert!(counts.len() == 2 && counts[0] < counts[1], "unticking a type in the legend hides it: {r}");
    assert!(r["edgeInfo"].as_str().unwrap().contains(" — "), "clicking a link opens it: {r}");
    assert_eq!(r["zoomed"], true, "the wheel zooms: {r}");
}
