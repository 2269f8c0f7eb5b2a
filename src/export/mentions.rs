//! The `extract` format: one JSON line per document with its entity mentions
//! (character *and* byte offsets) and relations, as `score.py` reads it.

use crate::pipeline::{Analysis, Document};
use crate::text::CharOffsets;
use serde::Serialize;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    entities: Vec<EntityJson<'a>>,
    relations: Vec<RelationJson<'a>>,
}

/// A stated relation between two of the line's entities (indices into `entities`).
#[derive(Serialize)]
struct RelationJson<'a> {
    head: usize,
    tail: usize,
    relation: &'a str,
    category: &'a str,
    rule: &'a str,
}

#[derive(Serialize)]
struct EntityJson<'a> {
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    span_type: &'static str,
    node: Option<&'a str>,
    rule: &'static str,
}

/// One JSON line (with its newline) for a document.
#[must_use]
pub fn to_json_line(doc: &Document, analysis: &Analysis) -> Vec<u8> {
    let offsets = CharOffsets::new(&doc.text);
    let entities = analysis
        .mentions
        .iter()
        .zip(&analysis.entity_of)
        .map(|(m, e)| EntityJson {
            start: offsets.char_at(m.span.start),
            end: offsets.char_at(m.span.end),
            byte_start: m.span.start,
            byte_end: m.span.end,
            text: m.span.of(&doc.text),
            span_type: m.span_type.as_str(),
            node: e.map(|e| analysis.entities[e].id.as_str()),
            rule: m.rule,
        })
        .collect();
    // Only relations between two mentions (not "he" or "the Kremlin leader",
    // which have no span here), and never a negated one.
    let relations = analysis
        .relations
        .iter()
        .filter(|r| !r.negated)
        .filter_map(|r| {
            Some(RelationJson {
                head: r.head_mention?,
                tail: r.tail_mention?,
                relation: &r.label,
                category: &r.category,
                rule: &r.rule,
            })
        })
        .collect();
    let mut out = serde_json::to_vec(&Line { id: &doc.id, entities, relations }).expect("plain structs serialise");
    out.push(b'\n');
    out
}
