//! Neo4j bulk-import CSV: a folder with `nodes.csv` and `relationships.csv`
//! that `neo4j-admin database import full --nodes=nodes.csv
//! --relationships=relationships.csv` accepts as is.
//!
//! ```text
//! nodes.csv:          id:ID,name,type,:LABEL,mentions:int
//!                     person:vladimir-putin,Vladimir Putin,person,Person,14
//! relationships.csv:  :START_ID,:END_ID,:TYPE,weight:int,relation,evidence
//!                     country:russia,person:vladimir-putin,CO_MENTION,5,,
//!                     person:vladimir-putin,person:kim-jong-un,THANK,1,thank,He thanked …
//! ```
//! Co-mentions are `CO_MENTION` relationships; a stated relation's type is
//! its label in upper snake case, so Cypher reads `(a)-[:THANK]->(b)`.
//! Quoting is the `csv` crate's (fields with `,` or `"` quoted, `"` doubled),
//! which is what neo4j-admin expects. Line breaks inside fields become spaces
//! because neo4j-admin reads one record per line unless told
//! `--multiline-fields=true`; evidence sentences are joined with ` | `.

use super::edges;
use crate::entities::EntityType;
use crate::graph::{EdgeKind, EntityGraph};

/// File name of the node table inside the folder.
pub const NODES_FILE: &str = "nodes.csv";
/// File name of the relationship table inside the folder.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";

const fn label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Organisation => "Organisation",
        EntityType::Location => "Location",
    }
}

/// `thank` → `THANK`, `foreign minister-of` → `FOREIGN_MINISTER_OF`.
fn relationship_type(relation: &str) -> String {
    let mut out = String::with_capacity(relation.len());
    for c in relation.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_matches('_');
    if out.is_empty() {
        "RELATION".to_owned()
    } else {
        out.to_owned()
    }
}

fn one_line(s: &str) -> String {
    s.replace("\r\n", " ").replace(['\r', '\n'], " ")
}

fn table(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let ok = "writing CSV to a Vec cannot fail";
    w.write_record(header).expect(ok);
    for row in rows {
        w.write_record(row.iter().map(|f| one_line(f))).expect(ok);
    }
    w.into_inner().expect(ok)
}

/// The two tables: (`nodes.csv`, `relationships.csv`).
#[must_use]
pub fn to_csv(graph: &EntityGraph) -> (Vec<u8>, Vec<u8>) {
    let nodes = table(
        &["id:ID", "name", "type", ":LABEL", "mentions:int"],
        graph.graph.node_weights().map(|n| {
            vec![
                n.id.clone(),
                n.label.clone(),
                n.entity_type.as_str().to_owned(),
                label(n.entity_type).to_owned(),
                n.mentions.to_string(),
            ]
        }),
    );
    let relationships = table(
        &[":START_ID", ":END_ID", ":TYPE", "weight:int", "relation", "evidence"],
        edges(graph).map(|(a, b, e)| {
            let ty = match e.kind {
                EdgeKind::CoMention => "CO_MENTION".to_owned(),
                EdgeKind::Relation => relationship_type(e.relation.as_deref().unwrap_or("")),
            };
            let evidence: Vec<&str> = e.evidence.iter().map(|e| &*e.sentence).collect();
            vec![
                a.id.clone(),
                b.id.clone(),
                ty,
                e.weight.to_string(),
                e.relation.clone().unwrap_or_default(),
                evidence.join(" | "),
            ]
        }),
    );
    (nodes, relationships)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_types_are_upper_snake() {
        assert_eq!(relationship_type("thank"), "THANK");
        assert_eq!(relationship_type("foreign minister-of"), "FOREIGN_MINISTER_OF");
        assert_eq!(relationship_type("--"), "RELATION");
    }

    #[test]
    fn fields_are_quoted_and_kept_on_one_line() {
        let out = table(&["a", "b"], std::iter::once(vec!["x, \"y\"".to_owned(), "1\n2".to_owned()]));
        assert_eq!(String::from_utf8(out).unwrap(), "a,b\n\"x, \"\"y\"\"\",1 2\n");
    }
}
