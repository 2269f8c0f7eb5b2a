//! Within-document alias resolution: one canonical name per mention.

use super::{known, slug_into, EntityType};
use crate::lexicon::Lexicon;
use crate::mentions::{Mention, Referent, SpanType};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::rc::Rc;

/// An entity's type, id and label; borrowed from the lexicon or the text
/// where possible, so most mentions allocate nothing.
type Named<'a> = (EntityType, Id<'a>, Cow<'a, str>);
type Name<'a> = Option<Named<'a>>;

/// An entity id: the lexicon's, or one made from a surface form and shared
/// by every mention of that form (a copy of it copies no string).
#[derive(Debug, Clone)]
pub enum Id<'a> {
    /// A known entity's id, borrowed from the lexicon.
    Known(&'a str),
    /// An id made by [`made_id`].
    Made(Rc<str>),
}

impl Id<'_> {
    /// The id.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Known(id) => id,
            Self::Made(id) => id,
        }
    }
}

/// A person found with evidence and named in full (two words or more).
struct FullName<'a> {
    mention: usize,
    words: Vec<&'a str>,
    label: &'a str,
    id: Id<'a>,
}

impl<'a> FullName<'a> {
    fn named(&self) -> Named<'a> {
        (EntityType::Person, self.id.clone(), Cow::Borrowed(self.label))
    }
}

/// Ids made from surface forms, each computed once per document (a name
/// is often repeated, and organisations are asked for twice).
#[derive(Default)]
struct MadeIds<'a> {
    memo: FxHashMap<(EntityType, &'a str), Rc<str>>,
    /// Where ids are built before being shared (one allocation per id, not two).
    buf: String,
}

impl<'a> MadeIds<'a> {
    fn get(&mut self, entity_type: EntityType, surface: &'a str) -> Id<'static> {
        let Self { memo, buf } = self;
        Id::Made(Rc::clone(memo.entry((entity_type, surface)).or_insert_with(|| made_id(entity_type, surface, buf))))
    }
}

/// An id built from a type and a surface form: `person:kim-jong-un`, in `buf`.
fn made_id(entity_type: EntityType, surface: &str, buf: &mut String) -> Rc<str> {
    buf.clear();
    buf.push_str(entity_type.as_str());
    buf.push(':');
    slug_into(surface, buf);
    Rc::from(buf.as_str())
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
pub fn canonical_names<'a>(text: &'a str, mentions: &[Mention], lexicon: &'a Lexicon) -> Vec<Name<'a>> {
    // "The Harbour Trust" and "Harbour Trust" are one organisation.
    let surface = |m: &Mention| {
        let s = m.span.of(text);
        if m.span_type == SpanType::Organisation {
            s.strip_prefix("The ").unwrap_or(s)
        } else {
            s
        }
    };
    let mut made = MadeIds::default();
    let mut fulls: Vec<FullName<'_>> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if m.tentative || m.span_type != SpanType::Person {
            continue;
        }
        let w = words(surface(m));
        let w = if w.len() >= 2 { w } else { words(lexicon_label(m, lexicon)) };
        if w.len() >= 2 {
            let (id, label) = match known(m.referent, lexicon) {
                Some((_, id, label)) => (Id::Known(id), label),
                None => (made.get(EntityType::Person, surface(m)), surface(m)),
            };
            fulls.push(FullName { mention: i, words: w, label, id });
        }
    }
    let mut full_of = vec![None; mentions.len()];
    // The full names each word begins or ends, for `short_form_of`.
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (k, f) in fulls.iter().enumerate() {
        full_of[f.mention] = Some(k);
        let (first, last) = (f.words[0], f.words[f.words.len() - 1]);
        by_word.entry(first).or_default().push(k);
        if last != first {
            by_word.entry(last).or_default().push(k);
        }
    }
    let fulls = Fulls { list: fulls, by_word };
    // The document's organisations, with their initials ("NDP"), computed
    // once, and only for a document that asks (most never do).
    let organisations = |made: &mut MadeIds<'a>| -> Vec<(Named<'a>, String)> {
        mentions
            .iter()
            .filter(|m| !m.tentative && m.span_type == SpanType::Organisation)
            .map(|m| {
                let named = match known(m.referent, lexicon) {
                    Some((t, id, label)) => (t, Id::Known(id), Cow::Borrowed(label)),
                    None => (
                        EntityType::Organisation,
                        made.get(EntityType::Organisation, surface(m)),
                        Cow::Borrowed(surface(m)),
                    ),
                };
                let initials = initials(&named.2);
                (named, initials)
            })
            .collect()
    };
    let mut organisations_once: Option<Vec<(Named<'a>, String)>> = None;

    let mut names: Vec<Name<'a>> = Vec::with_capacity(mentions.len());
    for (i, m) in mentions.iter().enumerate() {
        let s = surface(m);
        // An acronym in brackets right after an organisation is that organisation.
        if let Some(org) = bracketed_acronym_of(text, mentions, i, &names) {
            names.push(Some(org));
            continue;
        }
        if let Some(k) = full_of[i] {
            names.push(Some(fulls.list[k].named()));
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
                names.push(Some(full.named()));
                continue;
            }
        }
        if m.span_type == SpanType::Person || m.tentative {
            if let Some(full) = short_form_of(&fulls, i, s) {
                names.push(Some(full.named()));
            } else if let Some((org, _)) = organisations_once
                .get_or_insert_with(|| organisations(&mut made))
                .iter()
                .find(|((_, _, label), initials)| label == s || initials == s)
            {
                names.push(Some(org.clone()));
            } else if let Some(person) = lexicon
                .person_by_surname(s)
                .filter(|_| !m.tentative || !opens_sentence(text, m))
                .and_then(|i| known(Referent::Person(i), lexicon))
            {
                // No full name in the document: a well-known person's family
                // name alone is that person ("Putin, Xi and Kim reviewed …"),
                // but a capitalised first word with no other evidence may be a
                // common noun ("Rice prices rose").

                names.push(Some((EntityType::Person, Id::Known(person.1), Cow::Borrowed(person.2))));
            } else if m.tentative && !acts_as_person(text, m) {
                names.push(None);
            } else {
                let named = known(m.referent, lexicon).map_or_else(
                    || (EntityType::Person, made.get(EntityType::Person, s), Cow::Borrowed(s)),
                    |(_, id, l)| (EntityType::Person, Id::Known(id), Cow::Borrowed(l)),
                );
                names.push(Some(named));
            }
            continue;
        }
        names.push(Some(match known(m.referent, lexicon) {
            Some((t, id, label)) => (t, Id::Known(id), Cow::Borrowed(label)),
            None => {
                let t = match m.span_type {
                    SpanType::Organisation => EntityType::Organisation,
                    SpanType::Country | SpanType::Demonym => EntityType::Country,
                    _ => EntityType::Location,
                };
                (t, made.get(t, s), Cow::Borrowed(s))
            }
        }));
    }
    // An acronym defined in brackets ("Green Harvest Party (GHP)") names that
    // organisation everywhere in the document, before and after.
    let mut defined: Vec<(&str, Named<'a>)> = Vec::new();
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
        if name.as_ref().is_some_and(|(_, id, _)| id.as_str().ends_with(':')) {
            *name = None;
        }
    }
    names
}

/// Past tenses that say a person acted ("Putin met Xi"); with "-ed" words
/// and "says", they tell a subject from a common noun ("Rice prices rose").
const PAST_TENSES: [&str; 24] = [
    "met", "said", "says", "told", "made", "took", "gave", "held", "won", "lost", "left", "came", "went", "spoke",
    "sent", "led", "began", "became", "wrote", "ran", "fled", "saw", "kept", "brought",
];

/// The mention starts its sentence (nothing before it but an end mark or a
/// quote) and neither a comma ("Putin, Xi and Kim") nor a verb in the past
/// ("Putin met Xi") shows it is a name.
fn opens_sentence(text: &str, m: &Mention) -> bool {
    let before = text[..m.span.start].trim_end();
    let first = before.is_empty() || before.ends_with(['.', '!', '?', '"', '“', '\n']);
    let after = text[m.span.end..].trim_start();
    let mut words = after.split(|c: char| !c.is_alphabetic());
    let next = words.next().unwrap_or("");
    let past = |word: &str| (word.len() > 3 && word.ends_with("ed")) || PAST_TENSES.contains(&word);
    // "Putin was elected", "Lula has said": an auxiliary and a participle.
    let auxiliary = matches!(next, "was" | "is" | "has" | "had") && words.find(|w| !w.is_empty()).is_some_and(past);
    let acts = past(next) || auxiliary;
    first && !after.starts_with(',') && !acts
}

/// Verbs whose subject is a person, not a thing: "Kowalczyk campaigned for …",
/// "Brantley ran against …", "Oyelaran was elected".
const PERSON_VERBS: [&str; 14] = [
    "campaigned",
    "ran",
    "stood",
    "resigned",
    "served",
    "married",
    "graduated",
    "studied",
    "defeated",
    "died",
    "was",
    "retired",
    "announced",
    "founded",
];

/// What may follow a person-verb: "ran for", "was elected", "served as".
fn completes_person_verb(verb: &str, next: &str) -> bool {
    match verb {
        "ran" | "stood" => matches!(next, "for" | "against" | "as" | "in" | "unsuccessfully"),
        "served" => matches!(next, "as" | "in" | "on" | "two" | "three" | "four"),
        "was" => matches!(next, "elected" | "re-elected" | "appointed" | "born" | "sworn" | "named" | "nominated"),
        "announced" => matches!(next, "his" | "her"),
        _ => true,
    }
}

/// A name with no other evidence is a person when a verb only people do
/// follows it, maybe after an adverb ("Brantley later ran for …").
fn acts_as_person(text: &str, m: &Mention) -> bool {
    let mut words = text[m.span.end..].split(|c: char| !(c.is_alphabetic() || c == '-')).filter(|w| !w.is_empty());
    let mut verb = words.next().unwrap_or("");
    if matches!(verb, "later" | "then" | "also" | "unsuccessfully" | "successfully" | "again" | "subsequently") {
        verb = words.next().unwrap_or("");
    }
    let next = words.next().unwrap_or("");
    let before = text[..m.span.start].trim_end();
    // The verb follows the name itself: "(… sitting MPs) stood" is no person's act.
    let after = &text[m.span.end..];
    let direct = !before.ends_with(['-', '–']) && after.trim_start().starts_with(char::is_alphabetic);
    // "Protesters campaigned", "Activists ran", "MPs stood": plural nouns for people.
    let name = m.span.of(text);
    let plural_acronym =
        name.len() >= 3 && name.ends_with('s') && name[..name.len() - 1].bytes().all(|b| b.is_ascii_uppercase());
    let plural_noun =
        plural_acronym || ["ers", "ists", "ants", "ents", "ians", "ors", "ives"].iter().any(|end| name.ends_with(end));
    direct && !plural_noun && PERSON_VERBS.contains(&verb) && completes_person_verb(verb, next)
}

/// A document's full names, and for each word the full names (indices into
/// `list`, ascending) that begin or end with it.
struct Fulls<'a> {
    list: Vec<FullName<'a>>,
    by_word: FxHashMap<&'a str, Vec<usize>>,
}

/// The full name `short` (one or more words) stands for: it equals the full
/// name, or its last word, or its first word (family-name-first names such as
/// "Xi", "Kim"). The nearest full name before the mention wins, else the first after.
fn short_form_of<'f, 'a>(fulls: &'f Fulls<'a>, mention: usize, short: &str) -> Option<&'f FullName<'a>> {
    // `trim_start_matches` with a string pattern would build a searcher per call.
    let mut short = short;
    while let Some(rest) = short.strip_prefix("Mr ") {
        short = rest;
    }
    while let Some(rest) = short.strip_prefix("Ms ") {
        short = rest;
    }
    let mut words = short.split_whitespace();
    let first = words.next()?;
    let n_words = 1 + words.count();
    // Only full names that begin or end with `short` (one word) or with its
    // first word (several) can match: every full name has two words or more.
    let candidates = fulls.by_word.get(if n_words == 1 { short } else { first })?;
    let matches = |f: &&FullName<'_>| {
        (f.words.len() == n_words && f.words.iter().copied().eq(short.split_whitespace()))
            || (n_words == 1 && (f.words.last() == Some(&short) || f.words.first() == Some(&short)))
    };
    let list = candidates.iter().map(|&k| &fulls.list[k]);
    let before = list.clone().filter(|f| f.mention < mention).rfind(matches);
    before.or_else(|| list.filter(|f| f.mention > mention).find(matches))
}

fn initials(label: &str) -> String {
    label.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).filter_map(|w| w.chars().next()).collect()
}

/// `between.trim() == "("`, asked of every pair of neighbouring mentions.
/// Nearly every pair has more than a bracket between them, which the first
/// byte after the white space tells without decoding (the ASCII white space
/// `trim` removes: tab to carriage return, and space).
fn is_lone_bracket(between: &str) -> bool {
    let opening = between.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' '));
    !opening.is_some_and(|b| b.is_ascii() && b != b'(') && between.trim() == "("
}

/// "New Democratic Party (NDP)": the acronym takes the organisation's entity.
fn bracketed_acronym_of<'a>(text: &str, mentions: &[Mention], i: usize, names: &[Name<'a>]) -> Name<'a> {
    let m = &mentions[i];
    let prev = i.checked_sub(1)?;
    let between = text.get(mentions[prev].span.end..m.span.start)?;
    if !is_lone_bracket(between) {
        return None;
    }
    let after = text.get(m.span.end..)?;
    let s = m.span.of(text);
    let acronym = || s.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-');
    if !after.trim_start().starts_with(')') || !acronym() || matches!(m.referent, Referent::Country(_)) {
        return None;
    }
    names[prev].clone().filter(|(t, _, _)| *t == EntityType::Organisation)
}

#[cfg(test)]
mod tests {
    use super::is_lone_bracket;

    #[test]
    fn a_lone_bracket_is_what_trim_says() {
        for between in
            ["(", " ( ", "\x0b(\n", "\u{a0}(", "( x", " met ", "", "  ", "((", "\u{2003}(\u{3000}", " (\u{85}"]
        {
            assert_eq!(is_lone_bracket(between), between.trim() == "(", "{between:?}");
        }
    }
}
