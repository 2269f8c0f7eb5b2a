//! GEXF 1.3, for Gephi and networkx (`read_gexf`).
//!
//! Attributes are declared once per class with their types, then given per
//! node or edge as `<attvalue>`s; nodes carry a `viz:color` by type and a
//! `viz:size` growing with mentions, so Gephi shows the graph coloured
//! without any styling step. No timestamp is written: the same input gives
//! the same bytes.

use super::{edges, evidence_json, type_colour, xml_safe};
use crate::graph::EntityGraph;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

type W = Writer<Vec<u8>>;
const OK: &str = "writing to a Vec cannot fail";

const NODE_ATTRS: [(&str, &str); 4] =
    [("type", "string"), ("aliases", "liststring"), ("mentions", "long"), ("documents", "long")];
const EDGE_ATTRS: [(&str, &str); 4] =
    [("kind", "string"), ("relation", "string"), ("category", "string"), ("evidence", "string")];

fn declare(w: &mut W, class: &str, attrs: &[(&str, &str)]) {
    w.write_event(Event::Start(BytesStart::new("attributes").with_attributes([("class", class)]))).expect(OK);
    for (id, ty) in attrs {
        w.create_element("attribute")
            .with_attributes([("id", *id), ("title", *id), ("type", *ty)])
            .write_empty()
            .expect(OK);
    }
    w.write_event(Event::End(BytesEnd::new("attributes"))).expect(OK);
}

fn attvalues(w: &mut W, values: &[(&str, String)]) {
    w.write_event(Event::Start(BytesStart::new("attvalues"))).expect(OK);
    for (key, value) in values {
        w.create_element("attvalue")
            .with_attributes([("for", *key), ("value", xml_safe(value).as_ref())])
            .write_empty()
            .expect(OK);
    }
    w.write_event(Event::End(BytesEnd::new("attvalues"))).expect(OK);
}

/// GEXF's `liststring`: items separated by `|`, which is dropped from items
/// (GEXF has no escape for it).
fn liststring<'a>(items: impl IntoIterator<Item = &'a String>) -> String {
    items.into_iter().map(|s| s.replace('|', " ")).collect::<Vec<_>>().join("|")
}

/// Node size: 10 plus 4 per doubling of mentions.
fn size(mentions: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let s = 10.0 + 4.0 * (mentions.max(1) as f64).log2();
    format!("{s:.1}")
}

/// Serialise the graph as GEXF 1.3 (UTF-8, indented, final newline).
#[must_use]
pub fn to_gexf(graph: &EntityGraph) -> Vec<u8> {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None))).expect(OK);
    let root = BytesStart::new("gexf").with_attributes([
        ("xmlns", "http://gexf.net/1.3"),
        ("xmlns:viz", "http://gexf.net/1.3/viz"),
        ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"),
        ("version", "1.3"),
    ]);
    w.write_event(Event::Start(root)).expect(OK);
    w.write_event(Event::Start(BytesStart::new("meta"))).expect(OK);
    let creator = format!("ergraph {}", env!("CARGO_PKG_VERSION"));
    w.create_element("creator").write_text_content(BytesText::new(&creator)).expect(OK);
    let description = format!("people, countries and organisations in {} documents", graph.documents);
    w.create_element("description").write_text_content(BytesText::new(&description)).expect(OK);
    w.write_event(Event::End(BytesEnd::new("meta"))).expect(OK);
    let g = BytesStart::new("graph").with_attributes([("defaultedgetype", "directed"), ("mode", "static")]);
    w.write_event(Event::Start(g)).expect(OK);
    declare(&mut w, "node", &NODE_ATTRS);
    declare(&mut w, "edge", &EDGE_ATTRS);
    w.write_event(Event::Start(BytesStart::new("nodes"))).expect(OK);
    for n in graph.graph.node_weights() {
        let start = BytesStart::new("node")
            .with_attributes([("id", xml_safe(&n.id).as_ref()), ("label", xml_safe(&n.label).as_ref())]);
        w.write_event(Event::Start(start)).expect(OK);
        attvalues(
            &mut w,
            &[
                ("type", n.entity_type.as_str().to_owned()),
                ("aliases", liststring(&n.aliases)),
                ("mentions", n.mentions.to_string()),
                ("documents", n.documents.to_string()),
            ],
        );
        let (r, g, b) = type_colour(n.entity_type);
        let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
        w.create_element("viz:color")
            .with_attributes([("r", r.as_str()), ("g", &g), ("b", &b)])
            .write_empty()
            .expect(OK);
        w.create_element("viz:size").with_attribute(("value", size(n.mentions).as_str())).write_empty().expect(OK);
        w.write_event(Event::End(BytesEnd::new("node"))).expect(OK);
    }
    w.write_event(Event::End(BytesEnd::new("nodes"))).expect(OK);
    w.write_event(Event::Start(BytesStart::new("edges"))).expect(OK);
    for (i, (a, b, e)) in edges(graph).enumerate() {
        let (id, weight) = (i.to_string(), e.weight.to_string());
        let mut start = BytesStart::new("edge").with_attributes([
            ("id", id.as_str()),
            ("source", xml_safe(&a.id).as_ref()),
            ("target", xml_safe(&b.id).as_ref()),
            ("weight", &weight),
        ]);
        if let Some(r) = &e.relation {
            start.push_attribute(("label", xml_safe(r).as_ref()));
        }
        w.write_event(Event::Start(start)).expect(OK);
        let mut values = vec![("kind", super::json::kind_name(e.kind).to_owned())];
        values.extend(e.relation.clone().map(|r| ("relation", r)));
        values.extend(e.category.clone().map(|c| ("category", c)));
        if !e.evidence.is_empty() {
            values.push(("evidence", evidence_json(&e.evidence)));
        }
        attvalues(&mut w, &values);
        w.write_event(Event::End(BytesEnd::new("edge"))).expect(OK);
    }
    w.write_event(Event::End(BytesEnd::new("edges"))).expect(OK);
    w.write_event(Event::End(BytesEnd::new("graph"))).expect(OK);
    w.write_event(Event::End(BytesEnd::new("gexf"))).expect(OK);
    let mut out = w.into_inner();
    out.push(b'\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_items_lose_the_separator() {
        let items = ["a|b".to_owned(), "c".to_owned()];
        assert_eq!(liststring(&items), "a b|c");
    }

    #[test]
    fn sizes_grow_with_mentions() {
        assert_eq!(size(0), "10.0");
        assert_eq!(size(1), "10.0");
        assert_eq!(size(4), "18.0");
    }
}
