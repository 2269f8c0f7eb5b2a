//! Entities: one decision per name per document.
//!
//! Mentions become entities here. Aliases are resolved within the document
//! ("Putin" and "Mr Putin" are "Vladimir Putin", whichever comes first; an
//! acronym in brackets after a name is that name), demonyms and metonyms
//! already point at their country, and tentative names with no evidence are
//! kept only when the document ties them to an entity found with evidence.

mod alias;
mod slots;

use crate::lexicon::Lexicon;
use crate::mentions::{Mention, Referent, SpanType};
use crate::text::ASCII_ALNUM;
use serde::Serialize;

/// The node types of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person.
    Person,
    /// A country (or its government).
    Country,
    /// An organisation.
    Organisation,
    /// A place that is not a country.
    Location,
}

impl EntityType {
    /// Every type, in output order.
    pub const ALL: [Self; 4] = [Self::Person, Self::Country, Self::Organisation, Self::Location];

    /// Lower-case name, as in ids and JSON.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Country => "country",
            Self::Organisation => "organisation",
            Self::Location => "location",
        }
    }
}

impl std::str::FromStr for EntityType {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "person" | "people" | "persons" => Ok(Self::Person),
            "country" | "countries" => Ok(Self::Country),
            "organisation" | "organization" | "organisations" | "organizations" | "org" => Ok(Self::Organisation),
            "location" | "locations" => Ok(Self::Location),
            other => Err(format!("unknown entity type {other:?} (expected person, country, organisation or location)")),
        }
    }
}

/// One entity of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Stable id, `type:slug` (`person:vladimir-putin`): the graph merges documents by it.
    pub id: String,
    /// Canonical name, the node label.
    pub label: String,
    /// Its type.
    pub entity_type: EntityType,
}

/// A document's mentions and the entities they refer to.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Mentions kept, in text order.
    pub mentions: Vec<Mention>,
    /// For each mention, the index of its entity in `entities` (None for places that refer to nothing we draw).
    pub entity_of: Vec<Option<usize>>,
    /// The document's entities, in order of first mention.
    pub entities: Vec<Entity>,
}

/// Lower-case, hyphen-joined id part: `Kim Jong-un` → `kim-jong-un`.
#[must_use]
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    slug_into(name, &mut out);
    out
}

/// [`slug`] appended to `out` (what was in `out` before is left alone), so
/// that an id `type:slug` is built in one string.
pub(crate) fn slug_into(name: &str, out: &mut String) {
    let start = out.len();
    if name.is_ascii() {
        // The common case, byte by byte: the same rules without Unicode
        // tables. A separator is only noted, and written as one hyphen
        // before the next letter or digit, so none is ever trimmed again.
        out.reserve(name.len());
        let bytes = name.as_bytes();
        let (mut i, mut dash) = (0, false);
        while i < bytes.len() {
            let b = bytes[i];
            if ASCII_ALNUM[usize::from(b)] {
                // A whole run of letters and digits at once.
                let mut run = i + 1;
                while run < bytes.len() && ASCII_ALNUM[usize::from(bytes[run])] {
                    run += 1;
                }
                if dash {
                    out.push('-');
                    dash = false;
                }
                out.push_str(&name[i..run]);
                i = run;
                continue;
            }
            dash |= out.len() > start && b != b'.' && b != b'\'';
            i += 1;
        }
        // Lower-cased once, not word by word.
        out[start..].make_ascii_lowercase();
        return;
    }
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if out.len() > start && !out.ends_with('-') && c != '.' && c != '\'' && c != '’' {
            out.push('-');
        }
    }
    while out.len() > start && out.ends_with('-') {
        out.pop();
    }
}

/// Resolve one document's mentions into entities.
#[must_use]
pub fn resolve(text: &str, mentions: Vec<Mention>, lexicon: &Lexicon) -> Resolved {
    let mut resolved = Resolved { mentions, ..Resolved::default() };
    let Resolved { mentions, entity_of, entities } = &mut resolved;
    resolve_into(text, lexicon, mentions, entity_of, entities, &mut EntityBuffers::default());
    resolved
}

/// What [`resolve_into`] keeps from one document to the next (one per
/// worker), so that resolving allocates nothing once its buffers have grown.
#[derive(Default)]
pub struct EntityBuffers {
    alias: alias::AliasBuffers,
    names: Vec<alias::Name<'static>>,
    /// The previous document's entities, whose strings are written over.
    spare: Vec<Entity>,
    /// The document's entities by id.
    index: slots::Slots,
}

/// [`resolve`] in place: `mentions` keeps the mentions that name an entity
/// (retyped where the entity says so), `entity_of` gets each one's entity
/// and `entities` the document's entities (what they held is replaced, and
/// their strings reused).
#[inline(never)]
pub fn resolve_into(
    text: &str,
    lexicon: &Lexicon,
    mentions: &mut Vec<Mention>,
    entity_of: &mut Vec<Option<usize>>,
    entities: &mut Vec<Entity>,
    buffers: &mut EntityBuffers,
) {
    let EntityBuffers { alias, names, spare, index } = buffers;
    let mut names_list = alias::recycle(std::mem::take(names));
    alias::canonical_names(text, mentions, lexicon, alias, &mut names_list);
    let made = alias.made.ids();
    entity_of.clear();
    index.clear(names_list.len());
    // The previous document's entities are written over where they lie,
    // the first `live` of them this document's: an entity is not moved out
    // to a spare list and back for each document.
    let mut live = 0;
    let mut kept = 0;
    for (i, name) in names_list.iter().enumerate() {
        let Some((entity_type, id, label)) = name else { continue };
        let id = id.as_str(made);
        let entity = index.find(slots::hash_str(id), |e| entities[e].id == id).unwrap_or_else(|empty| {
            if live == entities.len() {
                entities.push(spare.pop().unwrap_or_else(|| Entity {
                    id: String::new(),
                    label: String::new(),
                    entity_type: *entity_type,
                }));
            }
            let entity = &mut entities[live];
            entity.id.clear();
            entity.id.push_str(id);
            entity.label.clear();
            entity.label.push_str(label);
            entity.entity_type = *entity_type;
            index.fill(empty, live);
            live += 1;
            live - 1
        });
        // Retyped where it lies, and moved only once a mention before it
        // was dropped: most documents drop none, and a copy per mention
        // cost more than the rest of this loop's work on a repeated name.
        let mention = &mut mentions[i];
        let retyped = !mention.tentative && *entity_type == EntityType::Person && mention.span_type != SpanType::Person;
        if mention.tentative || retyped {
            mention.tentative = false;
            mention.span_type = match entity_type {
                EntityType::Person => SpanType::Person,
                EntityType::Organisation => SpanType::Organisation,
                EntityType::Country => SpanType::Country,
                EntityType::Location => SpanType::Location,
            };
        }
        if kept != i {
            mentions[kept] = mentions[i].clone();
        }
        kept += 1;
        entity_of.push(Some(entity));
    }
    mentions.truncate(kept);
    spare.extend(entities.drain(live..));
    *names = alias::recycle(names_list);
}

/// The entity a lexicon referent stands for: (type, id, label), borrowed
/// from the lexicon so that known entities cost no allocation per mention.
/// Inlined: asked of every mention, out of line it returned its answer
/// through memory and cost more than the lookup itself.
#[inline]
fn known(referent: Referent, lexicon: &Lexicon) -> Option<(EntityType, &str, &str)> {
    Some(match referent {
        Referent::Country(i) => {
            let c = &lexicon.countries[i as usize];
            (EntityType::Country, c.node_id.as_str(), c.name.as_str())
        }
        Referent::Organisation(i) => {
            let o = &lexicon.organisations[i as usize];
            (EntityType::Organisation, o.node_id.as_str(), o.name.as_str())
        }
        Referent::Person(i) => {
            let p = &lexicon.people[i as usize];
            (EntityType::Person, p.node_id.as_str(), p.name.as_str())
        }
        Referent::Location(i) => {
            let l = &lexicon.locations[i as usize];
            (EntityType::Location, l.node_id.as_str(), l.name.as_str())
        }
        Referent::Name => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_stable_and_readable() {
        assert_eq!(slug("Kim Jong-un"), "kim-jong-un");
        assert_eq!(slug("U.S. Senate"), "us-senate");
        assert_eq!(slug("Élysée Palace"), "élysée-palace");
        assert_eq!(slug("O'Brien"), "obrien");
        assert_eq!(slug("  --  "), "");
        // Runs of separators make one hyphen; "." and "'" make none, and none is left at the ends.
        assert_eq!(slug("a-.b"), "a-b");
        assert_eq!(slug("a .-b"), "a-b");
        assert_eq!(slug("--x--"), "x");
        assert_eq!(slug("A&B Co."), "a-b-co");
    }

    /// The ASCII fast path gives what the general one gives.
    #[test]
    fn ascii_slugs_match_the_general_rules() {
        fn general(name: &str) -> String {
            let mut out = String::new();
            for c in name.chars() {
                if c.is_alphanumeric() {
                    out.extend(c.to_lowercase());
                } else if !out.is_empty() && !out.ends_with('-') && c != '.' && c != '\'' {
                    out.push('-');
                }
            }
            while out.ends_with('-') {
                out.pop();
            }
            out
        }
        for name in ["", "-", "A.B.", "--Kim  Jong-un--", "O'Brien & Sons (UK)", "G20 Summit", "x", " U.S. ", "a--b"] {
            assert_eq!(slug(name), general(name), "{name:?}");
            let mut id = String::from("person:");
            slug_into(name, &mut id);
            assert_eq!(id, format!("person:{}", general(name)), "{name:?}");
        }
    }
}
