//! GraphML, for networkx (`read_graphml`), Gephi and yEd.
//!
//! Every attribute has a typed `<key>` declaration, so readers get numbers as
//! numbers. Lists (aliases, evidence) have no GraphML type; they travel as
//! JSON strings, which any consumer can decode and none will misread.
//! Attributes an edge does not have (a co-mention's relation) are omitted
//! rather than written empty.

use super::{edges, evidence_json, xml_safe};
use crate::graph::EntityGraph;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// (id, for, attr.type) of every key, in output order; the id is also the attribute's name.
const KEYS: [(&str, &str, &str); 12] = [
    ("generator", "graph", "string"),
    ("documents", "graph", "long"),
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("aliases", "node", "string"),
    ("mentions", "node", "long"),
    ("node_documents", "node", "long"),
    ("kind", "edge", "string"),
    ("relation", "edge", "string"),
    ("category", "edge", "string"),
    ("weight", "edge", "long"),
    ("evidence", "edge", "string"),
];

/// The attribute name of a key (only `node_documents` differs from its id:
/// GraphML key ids are global, and the graph has a `documents` too).
fn attr_name(id: &str) -> &str {
    if id == "node_documents" {
        "documents"
    } else {
        id
    }
}

type W = Writer<Vec<u8>>;

fn data(w: &mut W, key: &str, value: &str) {
    w.create_element("data")
        .with_attribute(("key", key))
        .write_text_content(BytesText::new(&xml_safe(value)))
        .expect("writing to a Vec cannot fail");
}

/// Serialise the graph as GraphML (UTF-8, indented, final newline).
#[must_use]
pub fn to_graphml(graph: &EntityGraph) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let ok = "writing to a Vec cannot fail";
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(ok);
    let root = BytesStart::new("graphml").with_attributes([
        ("xmlns", "http://graphml.graphdrawing.org/xmlns"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        (
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
        ),
    ]);
    w.write_event(Event::Start(root)).expect(ok);
    for (id, domain, ty) in KEYS {
        w.create_element("key")
            .with_attributes([("id", id), ("for", domain), ("attr.name", attr_name(id)), ("attr.type", ty)])
            .write_empty()
            .expect(ok);
    }
    let g = BytesStart::new("graph").with_attributes([("id", "ergraph"), ("edgedefault", "directed")]);
    w.write_event(Event::Start(g)).expect(ok);
    data(&mut w, "generator", &format!("ergraph {}", env!("CARGO_PKG_VERSION")));
    data(&mut w, "documents", &graph.documents.to_string());
    for n in graph.graph.node_weights() {
        w.write_event(Event::Start(BytesStart::new("node").with_attributes([("id", xml_safe(&n.id).as_ref())])))
            .expect(ok);
        data(&mut w, "label", &n.label);
        data(&mut w, "type", n.entity_type.as_str());
        data(&mut w, "aliases", &serde_json::to_string(&n.aliases).expect("strings serialise"));
        data(&mut w, "mentions", &n.mentions.to_string());
        data(&mut w, "node_documents", &n.documents.to_string());
        w.write_event(Event::End(BytesEnd::new("node"))).expect(ok);
    }
    for (i, (a, b, e)) in edges(graph).enumerate() {
        let id = format!("e{i}");
        let start = BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", xml_safe(&a.id).as_ref()),
            ("target", xml_safe(&b.id).as_ref()),
        ]);
        w.write_event(Event::Start(start)).expect(ok);
        data(&mut w, "kind", super::json::kind_name(e.kind));
        if let Some(r) = &e.relation {
            data(&mut w, "relation", r);
        }
        if let Some(c) = &e.category {
            data(&mut w, "category", c);
        }
        data(&mut w, "weight", &e.weight.to_string());
        if !e.evidence.is_empty() {
            data(&mut w, "evidence", &evidence_json(&e.evidence));
        }
        w.write_event(Event::End(BytesEnd::new("edge"))).expect(ok);
    }
    w.write_event(Event::End(BytesEnd::new("graph"))).expect(ok);
    w.write_event(Event::End(BytesEnd::new("graphml"))).expect(ok);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityType;
    use crate::graph::{Edge, EdgeKind, Node};

    #[test]
    fn escapes_and_declares_keys() {
        let mut g = EntityGraph::default();
        let a = g.graph.add_node(Node {
            id: "person:a".into(),
            label: "A <b> & \"c\"\u{1}".into(),
            entity_type: EntityType::Person,
            aliases: ["A".to_owned()].into(),
            mentions: 2,
            documents: 1,
        });
        g.graph.add_edge(a, a, Edge { kind: EdgeKind::CoMention, weight: 1, ..Edge::default() });
        let text = String::from_utf8(to_graphml(&g)).unwrap();
        assert!(text.contains(r#"<data key="label">A &lt;b&gt; &amp; &quot;c&quot;</data>"#), "{text}");
        assert!(text.contains(r#"<key id="mentions" for="node" attr.name="mentions" attr.type="long"/>"#));
        assert!(text.contains(r#"<data key="aliases">[&quot;A&quot;]</data>"#));
        assert!(!text.contains("relation\">"), "absent attributes are omitted");
    }
}
