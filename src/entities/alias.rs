//! Within-document alias resolution: one canonical name per mention.

use super::{known, slug, EntityType};
use crate::lexicon::Lexicon;
use crate::mentions::{Mention, Referent, SpanType};

/// An entity's type, id and label.
type Named = (EntityType, Option<String>, String);
type Name = Option<Named>;

/// A person found with evidence and named in full (two words or more).
struct FullName<'a> {
    mention: usize,
    words: Vec<&'a str>,
    label: String,
    id: String,
}

/// The lexicon's full name for a known person, so "Xi" alone links to "Xi Jinping".
fn lexicon_label<'l>(m: &Mention, lexicon: &'l Lexicon) -> &'l str {
    match m.referent {
        Referent::Person(i) => &lexicon.people[i as usize].name,
        _ => "",
    }
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

/// For each mention: its entity type, id and label, or `None` to drop it.
pub fn canonical_names(text: &str, mentions: &[Mention], lexicon: &Lexicon) -> Vec<Name> {
    let surface = |m: &Mention| m.span.of(text);
    let mut fulls: Vec<FullName<'_>> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.tentative || m.span_type != SpanType::Person {
            continue;
        }
        let (id, label) = match known(m.referent, lexicon) {
            Some((_, id, label)) => (id, label),
            None => (format!("person:{}", slug(surface(m))), surface(m).to_owned()),
        };
        let w = if words(surface(m)).len() >= 2 { words(surface(m)) } else { words(lexicon_label(m, lexicon)) };
        if w.len() >= 2 {
            fulls.push(FullName { mention: i, words: w, label, id });
        }
    }
    let organisations: Vec<(usize, String, String)> = mentions
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.tentative && m.span_type == SpanType::Organisation)
        .map(|(i, m)| match known(m.referent, lexicon) {
            Some((_, id, label)) => (i, id, label),
            None => (i, format!("organisation:{}", slug(surface(m))), surface(m).to_owned()),
        })
        .collect();

    let mut names: Vec<Name> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let s = surface(m);
        // An acronym in brackets right after an organisation is that organisation.
        if let Some(org) = bracketed_acronym_of(text, mentions, i, &names) {
            names.push(Some(org));
            continue;
        }
        if let Some(full) = fulls.iter().find(|f| f.mention == i) {
            names.push(Some((EntityType::Person, Some(full.id.clone()), full.label.clone())));
            continue;
        }
        // One decision per name: a name the tagger typed as a place or an
        // organisation, that the lexicon does not know, but that the document
        // names as a person elsewhere ("disappointed in Putin"), is that person.
        let unknown_name = matches!(m.referent, Referent::Name)
            && matches!(m.span_type, SpanType::Location | SpanType::Organisation)
            && m.rule.starts_with("tagger/");
        if unknown_name {
            if let Some(full) = short_form_of(&fulls, i, s) {
                names.push(Some((EntityType::Person, Some(full.id.clone()), full.label.clone())));
                continue;
            }
        }
        if m.span_type == SpanType::Person || m.tentative {
            if let Some(full) = short_form_of(&fulls, i, s) {
                names.push(Some((EntityType::Person, Some(full.id.clone()), full.label.clone())));
            } else if let Some((_, id, label)) =
                organisations.iter().find(|(_, _, label)| label == s || initials(label) == s)
            {
                names.push(Some((EntityType::Organisation, Some(id.clone()), label.clone())));
            } else if m.tentative {
                names.push(None);
            } else {
                let (id, label) = known(m.referent, lexicon)
                    .map_or_else(|| (format!("person:{}", slug(s)), s.to_owned()), |(_, id, l)| (id, l));
                names.push(Some((EntityType::Person, Some(id), label)));
            }
            continue;
        }
        names.push(Some(match known(m.referent, lexicon) {
            Some((t, id, label)) => (t, Some(id), label),
            None => {
                let t = match m.span_type {
                    SpanType::Organisation => EntityType::Organisation,
                    SpanType::Country | SpanType::Demonym => EntityType::Country,
                    _ => EntityType::Location,
                };
                (t, Some(format!("{}:{}", t.as_str(), slug(s))), s.to_owned())
            }
        }));
    }
    // An acronym defined in brackets ("Green Harvest Party (GHP)") names that
    // organisation everywhere in the document, before and after.
    let mut defined: Vec<(&str, Named)> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if let Some(org) = bracketed_acronym_of(text, mentions, i, &names) {
            defined.push((surface(m), org));
        }
    }
    for (m, name) in mentions.iter().zip(names.iter_mut()) {
        let is_org_name =
            matches!(name, Some((EntityType::Organisation, _, _))) && matches!(m.referent, Referent::Name);
        if is_org_name || m.tentative {
            if let Some((_, org)) = defined.iter().find(|(acronym, _)| *acronym == surface(m)) {
                *name = Some(org.clone());
            }
        }
    }
    // Drop mentions whose slug came out empty (names made only of punctuation).
    for name in &mut names {
        if name.as_ref().is_some_and(|(_, id, _)| id.as_deref().is_some_and(|id| id.ends_with(':'))) {
            *name = None;
        }
    }
    names
}

/// The full name `short` (one or more words) stands for: it equals the full
/// name, or its last word, or its first word (family-name-first names such as
/// "Xi", "Kim"). The nearest full name before the mention wins, else the first after.
fn short_form_of<'f>(fulls: &'f [FullName<'_>], mention: usize, short: &str) -> Option<&'f FullName<'f>> {
    let short = short.trim_start_matches("Mr ").trim_start_matches("Ms ");
    let short_words = words(short);
    let matches = |f: &&FullName<'_>| {
        f.words == short_words
            || (short_words.len() == 1 && (f.words.last() == Some(&short) || f.words.first() == Some(&short)))
    };
    let before = fulls.iter().filter(|f| f.mention < mention).rfind(matches);
    before.or_else(|| fulls.iter().filter(|f| f.mention > mention).find(matches))
}

fn initials(label: &str) -> String {
    label.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).filter_map(|w| w.chars().next()).collect()
}

/// "New Democratic Party (NDP)": the acronym takes the organisation's entity.
fn bracketed_acronym_of(
    text: &str,
    mentions: &[Mention],
    i: usize,
    names: &[Name],
) -> Option<(EntityType, Option<String>, String)> {
    let m = &mentions[i];
    let prev = i.checked_sub(1)?;
    let between = text.get(mentions[prev].span.end..m.span.start)?;
    let after = text.get(m.span.end..)?;
    let s = m.span.of(text);
    let acronym = s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if between.trim() != "("
        || !after.trim_start().starts_with(')')
        || !acronym
        || matches!(m.referent, Referent::Country(_))
    {
        return None;
    }
    names[prev].clone().filter(|(t, _, _)| *t == EntityType::Organisation)
}
