//! Within-document alias resolution: one canonical name per mention.

use super::slots::{self, Slots};
use super::{known, slug_into, EntityType};
use crate::lexicon::Lexicon;
use crate::mentions::{Mention, Referent, SpanType};

/// An entity's type, id and label; the id and label borrowed from the
/// lexicon, the text or the document's made ids ([`MadeIds`]), so that no
/// mention allocates.
pub type Named<'a> = (EntityType, Id<'a>, &'a str);
/// A mention's entity, or `None` to drop the mention.
pub type Name<'a> = Option<Named<'a>>;

/// An entity id: the lexicon's, or one made from a surface form.
#[derive(Debug, Clone, Copy)]
pub enum Id<'a> {
    /// A known entity's id, borrowed from the lexicon.
    Known(&'a str),
    /// An id made by [`MadeIds::get`]: its bytes in the document's made ids.
    Made(usize, usize),
}

impl<'a> Id<'a> {
    /// The id; `made` is the document's [`MadeIds::ids`].
    #[must_use]
    pub fn as_str<'s>(&self, made: &'s str) -> &'s str
    where
        'a: 's,
    {
        match *self {
            Self::Known(id) => id,
            Self::Made(start, end) => &made[start..end],
        }
    }

    /// The id is `type:` and nothing more. Asked of every mention's id:
    /// its last byte answers, with no made id sliced (a char-boundary check).
    #[must_use]
    pub fn slug_is_empty(&self, made: &str) -> bool {
        match *self {
            Self::Known(id) => id.ends_with(':'),
            Self::Made(_, end) => made.as_bytes()[..end].last() == Some(&b':'),
        }
    }
}

/// Ids made from surface forms (`person:kim-jong-un`), one after the other
/// in one string kept from document to document: an id costs no allocation
/// of its own. Each is made once per document and type (a name is often
/// repeated, and organisations are asked for twice).
#[derive(Default)]
pub struct MadeIds {
    ids: String,
    /// The surface forms the ids were made from, one after the other.
    surfaces: String,
    made: Vec<Made>,
    /// `made` by type and surface.
    index: Slots,
}

/// An id made: its type, and where its surface and itself are in
/// [`MadeIds`]'s strings.
struct Made {
    entity_type: EntityType,
    surface: (usize, usize),
    id: (usize, usize),
}

impl MadeIds {
    /// Forget the previous document's ids, to make at most `n` new ones.
    pub fn clear(&mut self, n: usize) {
        self.ids.clear();
        self.surfaces.clear();
        self.made.clear();
        self.index.clear(n);
    }

    /// The id of `surface` as an entity of `entity_type`.
    fn get(&mut self, entity_type: EntityType, surface: &str) -> Id<'static> {
        let Self { ids, surfaces, made, index } = self;
        let is = |k: usize| {
            let Made { entity_type: t, surface: (start, end), .. } = made[k];
            t == entity_type && surfaces[start..end] == *surface
        };
        // The type mixed into the high bits, which pick the slot.
        let hash = slots::hash_str(surface) ^ (entity_type as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let k = index.find(hash, is).unwrap_or_else(|empty| {
            let start = ids.len();
            ids.push_str(entity_type.as_str());
            ids.push(':');
            slug_into(surface, ids);
            let from = surfaces.len();
            surfaces.push_str(surface);
            made.push(Made { entity_type, surface: (from, surfaces.len()), id: (start, ids.len()) });
            index.fill(empty, made.len() - 1);
            made.len() - 1
        });
        let (start, end) = made[k].id;
        Id::Made(start, end)
    }

    /// Where [`Id::Made`] ids point.
    #[must_use]
    pub fn ids(&self) -> &str {
        &self.ids
    }
}

/// A person found with evidence and named in full (two words or more).
#[derive(Clone, Copy)]
struct FullName<'a> {
    mention: usize,
    /// Its words, in [`Fulls::words`].
    words: (usize, usize),
    label: &'a str,
    id: Id<'a>,
}

impl<'a> FullName<'a> {
    const fn named(&self) -> Named<'a> {
        (EntityType::Person, self.id, self.label)
    }
}

/// The lexicon's full name for a known person, so "Xi" alone links to "Xi Jinping".
fn lexicon_label<'l>(m: &Mention, lexicon: &'l Lexicon) -> &'l str {
    match m.referent {
        Referent::Person(i) => &lexicon.people[i as usize].name,
        _ => "",
    }
}

/// The allocation of `v`, emptied, as a vector of another type of the same
/// size and alignment: in practice the same type with other lifetimes, so
/// that a vector of names borrowed from one document serves the next.
/// `collect` reuses the allocation in place for such types (were it not to,
/// it would allocate, which is only slower).
pub fn recycle<T, U>(mut v: Vec<T>) -> Vec<U> {
    v.clear();
    v.into_iter().map(|_| unreachable!("the vector is empty")).collect()
}

/// The name a mention gives: "The Harbour Trust" and "Harbour Trust" are one organisation.
fn surface<'t>(text: &'t str, m: &Mention) -> &'t str {
    let s = m.span.of(text);
    if m.span_type == SpanType::Organisation {
        s.strip_prefix("The ").unwrap_or(s)
    } else {
        s
    }
}

/// The document's organisations, in `organisations`; their initials are
/// left empty for [`list_initials`].
fn list_organisations<'a>(
    text: &'a str,
    mentions: &[Mention],
    lexicon: &'a Lexicon,
    made: &mut MadeIds,
    organisations: &mut Vec<(Named<'a>, (usize, usize))>,
) {
    for m in mentions.iter().filter(|m| !m.tentative && m.span_type == SpanType::Organisation) {
        let named = match known(m.referent, lexicon) {
            Some((t, id, label)) => (t, Id::Known(id), label),
            None => {
                let s = surface(text, m);
                (EntityType::Organisation, made.get(EntityType::Organisation, s), s)
            }
        };
        organisations.push((named, (0, 0)));
    }
}

/// The initials ("NDP") of each of the listed `organisations`, in `initials`.
fn list_initials(organisations: &mut [(Named<'_>, (usize, usize))], initials: &mut String) {
    initials.clear();
    for ((_, _, label), range) in organisations {
        let start = initials.len();
        push_initials(label, initials);
        *range = (start, initials.len());
    }
}

/// What [`canonical_names`] keeps from one document to the next (one per
/// worker): its lists, empty, the string of made ids and that of initials.
#[derive(Default)]
pub struct AliasBuffers {
    /// The made ids of the last document: read them before the next.
    pub made: MadeIds,
    initials: String,
    lists: Lists<'static>,
}

/// The lists [`canonical_names`] makes of one document, borrowing from it.
#[derive(Default)]
struct Lists<'a> {
    fulls: Fulls<'a>,
    /// The document's organisations, with their initials in [`AliasBuffers::initials`].
    organisations: Vec<(Named<'a>, (usize, usize))>,
    /// Acronyms defined in brackets, and what they name.
    defined: Vec<(&'a str, Named<'a>)>,
}

impl Lists<'_> {
    /// The same lists, emptied, to borrow from another document.
    fn recycle<'b>(self) -> Lists<'b> {
        let Fulls { list, words, by_word } = self.fulls;
        Lists {
            fulls: Fulls { list: recycle(list), words: recycle(words), by_word: recycle(by_word) },
            organisations: recycle(self.organisations),
            defined: recycle(self.defined),
        }
    }
}

/// For each mention: its entity type, id and label, or `None` to drop it,
/// in `names` (a vector from [`recycle`], empty). Made ids are in
/// `buffers.made` until the next call.
pub fn canonical_names<'a>(
    text: &'a str,
    mentions: &[Mention],
    lexicon: &'a Lexicon,
    buffers: &mut AliasBuffers,
    names: &mut Vec<Name<'a>>,
) {
    let AliasBuffers { made, initials, lists: kept } = buffers;
    // Each mention asks for at most one id, an organisation maybe one more.
    made.clear(2 * mentions.len());
    let mut lists: Lists<'a> = std::mem::take(kept).recycle();
    let Lists { fulls, organisations, defined } = &mut lists;
    let surface = |m: &Mention| surface(text, m);
    for (i, m) in mentions.iter().enumerate() {
        if m.tentative || m.span_type != SpanType::Person {
            continue;
        }
        let words = &mut fulls.words;
        let start = words.len();
        push_words(surface(m), words);
        if words.len() - start < 2 {
            words.truncate(start);
            push_words(lexicon_label(m, lexicon), words);
        }
        if words.len() - start >= 2 {
            let (id, label) = match known(m.referent, lexicon) {
                Some((_, id, label)) => (Id::Known(id), label),
                None => (made.get(EntityType::Person, surface(m)), surface(m)),
            };
            fulls.list.push(FullName { mention: i, words: (start, words.len()), label, id });
        } else {
            words.truncate(start);
        }
    }
    // The full names each word begins or ends, for `short_form_of`.
    for (k, f) in fulls.list.iter().enumerate() {
        let (first, last) = (fulls.words[f.words.0], fulls.words[f.words.1 - 1]);
        fulls.by_word.push((first, k));
        if last != first {
            fulls.by_word.push((last, k));
        }
    }
    // No two pairs are equal: sorted, each word's full names are in order.
    // Words are ordered by length first, which most comparisons settle.
    fulls.by_word.sort_unstable_by(|(a, i), (b, k)| (a.len(), a, i).cmp(&(b.len(), b, k)));
    let fulls = &*fulls;
    let mut next_full = 0;
    // The document's organisations, and their initials, listed only for a
    // document that asks.
    let (mut organisations_listed, mut initials_listed) = (false, false);

    for (i, m) in mentions.iter().enumerate() {
        let s = surface(m);
        let full = fulls.list.get(next_full).filter(|f| f.mention == i);
        next_full += usize::from(full.is_some());
        // An acronym in brackets right after an organisation is that organisation.
        if let Some(org) = bracketed_acronym_of(text, mentions, i, names) {
            // Such an acronym names that organisation everywhere (below).
            defined.push((s, org));
            names.push(Some(org));
            continue;
        }
        if let Some(full) = full {
            names.push(Some(full.named()));
            continue;
        }
        // One decision per name: a name the tagger typed as a place or an
        // organisation, that the lexicon does not know, but that the document
        // names as a person elsewhere ("disappointed in Putin"), is that person.
        let unknown_name = matches!(m.referent, Referent::Name)
            && matches!(m.span_type, SpanType::Location | SpanType::Organisation)
            && m.rule.starts_with("tagger/");
        if unknown_name {
            if let Some(full) = short_form_of(fulls, i, s) {
                names.push(Some(full.named()));
                continue;
            }
        }
        if m.span_type == SpanType::Person || m.tentative {
            let full = short_form_of(fulls, i, s);
            if full.is_none() && !organisations_listed {
                organisations_listed = true;
                list_organisations(text, mentions, lexicon, made, organisations);
            }
            // Initials are capitals only: a name with any other letter is none's.
            let capitals = full.is_none() && s.chars().all(char::is_uppercase);
            if capitals && !initials_listed {
                initials_listed = true;
                list_initials(organisations, initials);
            }
            let called = |((_, _, label), (start, end)): &&(Named<'_>, (usize, usize))| {
                *label == s || (capitals && initials[*start..*end] == *s)
            };
            if let Some(full) = full {
                names.push(Some(full.named()));
            } else if let Some((org, _)) = organisations.iter().find(called) {
                names.push(Some(*org));
            } else if let Some(person) = lexicon
                .person_by_surname(s)
                .filter(|_| !m.tentative || !opens_sentence(text, m))
                .and_then(|i| known(Referent::Person(i), lexicon))
            {
                // No full name in the document: a well-known person's family
                // name alone is that person ("Putin, Xi and Kim reviewed …"),
                // but a capitalised first word with no other evidence may be a
                // common noun ("Rice prices rose").

                names.push(Some((EntityType::Person, Id::Known(person.1), person.2)));
            } else if m.tentative && !acts_as_person(text, m) {
                names.push(None);
            } else {
                let named = known(m.referent, lexicon).map_or_else(
                    || (EntityType::Person, made.get(EntityType::Person, s), s),
                    |(_, id, l)| (EntityType::Person, Id::Known(id), l),
                );
                names.push(Some(named));
            }
            continue;
        }
        names.push(Some(match known(m.referent, lexicon) {
            Some((t, id, label)) => (t, Id::Known(id), label),
            None => {
                let t = match m.span_type {
                    SpanType::Organisation => EntityType::Organisation,
                    SpanType::Country | SpanType::Demonym => EntityType::Country,
                    _ => EntityType::Location,
                };
                (t, made.get(t, s), s)
            }
        }));
    }
    // An acronym defined in brackets ("Green Harvest Party (GHP)") names that
    // organisation everywhere in the document, before and after.
    if !defined.is_empty() {
        for (m, name) in mentions.iter().zip(names.iter_mut()) {
            let is_org_name =
                matches!(name, Some((EntityType::Organisation, _, _))) && matches!(m.referent, Referent::Name);
            if is_org_name || m.tentative {
                if let Some((_, org)) = defined.iter().find(|(acronym, _)| *acronym == surface(m)) {
                    *name = Some(*org);
                }
            }
        }
    }
    // Drop mentions whose slug came out empty (names made only of punctuation).
    for name in names.iter_mut() {
        if name.as_ref().is_some_and(|(_, id, _)| id.slug_is_empty(made.ids())) {
            *name = None;
        }
    }
    *kept = lists.recycle();
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

/// A document's full names, their words, and for each word the full names
/// (indices into `list`) that begin or end with it: pairs sorted by the
/// word's length, the word, then the full name.
#[derive(Default)]
struct Fulls<'a> {
    list: Vec<FullName<'a>>,
    words: Vec<&'a str>,
    by_word: Vec<(&'a str, usize)>,
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
    let (first, n_words) = first_word_and_count(short)?;
    // Only full names that begin or end with `short` (one word) or with its
    // first word (several) can match: every full name has two words or more.
    let key = if n_words == 1 { short } else { first };
    let from = fulls.by_word.partition_point(|(word, _)| (word.len(), *word) < (key.len(), key));
    let count = fulls.by_word[from..].iter().take_while(|(word, _)| *word == key).count();
    let candidates = fulls.by_word[from..from + count].iter();
    let matches = |f: &&FullName<'_>| {
        let words = &fulls.words[f.words.0..f.words.1];
        (words.len() == n_words && words.iter().copied().eq(short.split_whitespace()))
            || (n_words == 1 && (words.last() == Some(&short) || words.first() == Some(&short)))
    };
    let list = candidates.map(|&(_, k)| &fulls.list[k]);
    let before = list.clone().filter(|f| f.mention < mention).rfind(matches);
    before.or_else(|| list.filter(|f| f.mention > mention).find(matches))
}

/// `out.extend(s.split_whitespace())`, read byte by byte in ASCII (whose
/// white space is tab to carriage return, and space).
fn push_words<'s>(s: &'s str, out: &mut Vec<&'s str>) {
    if !s.is_ascii() {
        out.extend(s.split_whitespace());
        return;
    }
    // White space, then a word, each by a loop of its own that carries no
    // state from byte to byte.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        while i < bytes.len() && space(bytes[i]) {
            i += 1;
        }
        if i == bytes.len() {
            return;
        }
        let from = i;
        while i < bytes.len() && !space(bytes[i]) {
            i += 1;
        }
        out.push(&s[from..i]);
    }
}

/// The first word of `s` and how many words it has, as `split_whitespace`
/// cuts them; asked of every short form, so read byte by byte in ASCII
/// (whose white space is tab to carriage return, and space).
fn first_word_and_count(s: &str) -> Option<(&str, usize)> {
    if !s.is_ascii() {
        let mut words = s.split_whitespace();
        let first = words.next()?;
        return Some((first, 1 + words.count()));
    }
    let space = |b: &u8| matches!(b, b'\t'..=b'\r' | b' ');
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|b| !space(b))?;
    let end = bytes[start..].iter().position(space).map_or(bytes.len(), |n| start + n);
    let (mut count, mut in_word) = (1, false);
    for b in &bytes[end..] {
        let word = !space(b);
        count += usize::from(word && !in_word);
        in_word = word;
    }
    Some((&s[start..end], count))
}

/// The first letters of `label`'s capitalised words ("NDP"), pushed on `out`.
fn push_initials(label: &str, out: &mut String) {
    if label.is_ascii() {
        // Byte by byte: a word starts after the white space `split_whitespace`
        // knows in ASCII (tab to carriage return, and space).
        let mut word_start = true;
        for b in label.bytes() {
            if word_start && b.is_ascii_uppercase() {
                out.push(char::from(b));
            }
            word_start = matches!(b, b'\t'..=b'\r' | b' ');
        }
        return;
    }
    out.extend(label.split_whitespace().filter(|w| w.starts_with(char::is_uppercase)).filter_map(|w| w.chars().next()));
}

/// `between.trim() == "("`, asked of every pair of neighbouring mentions.
/// Nearly every pair has more than a bracket between them, which the first
/// byte after the white space tells without decoding (the ASCII white space
/// `trim` removes: tab to carriage return, and space).
fn is_lone_bracket(between: &str) -> bool {
    let opening = between.bytes().find(|b| !matches!(b, b'\t'..=b'\r' | b' '));
    !opening.is_some_and(|b| b.is_ascii() && b != b'(') && between.trim() == "("
}

/// False when no gap that ends at byte `start` trims to "(": the last byte
/// before `start` that is no ASCII white space is ASCII and no "(" (or there
/// is none). [`bracketed_acronym_of`] asks it of every mention, and nearly
/// every one follows a word: one byte or two rule it out before the gap is
/// sliced (a char-boundary check) and trimmed.
fn may_follow_bracket(text: &str, start: usize) -> bool {
    let bytes = text.as_bytes();
    let last = bytes[..start].iter().rposition(|b| !matches!(b, b'\t'..=b'\r' | b' '));
    last.is_some_and(|at| !bytes[at].is_ascii() || bytes[at] == b'(')
}

/// "New Democratic Party (NDP)": the acronym takes the organisation's entity.
fn bracketed_acronym_of<'a>(text: &str, mentions: &[Mention], i: usize, names: &[Name<'a>]) -> Name<'a> {
    let m = &mentions[i];
    let prev = i.checked_sub(1)?;
    // Nearly every mention is a name like "Putin": an ASCII lower-case
    // letter as its second byte makes it no acronym, told before anything
    // around it is read.
    if m.span.len() >= 2 && text.as_bytes()[m.span.start + 1].is_ascii_lowercase() {
        return None;
    }
    if !may_follow_bracket(text, m.span.start) {
        return None;
    }
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
    names[prev].filter(|(t, _, _)| *t == EntityType::Organisation)
}

#[cfg(test)]
mod tests {
    use super::{first_word_and_count, is_lone_bracket, may_follow_bracket, push_initials, push_words};

    #[test]
    fn first_words_and_counts_are_those_of_split_whitespace() {
        for s in ["Putin", "Mr Putin", "  Kim \t Jong-un\x0b x ", "", "   ", "a\u{a0}b c", "Élysée Palace", "x\n"] {
            let mut words = s.split_whitespace();
            let general = words.next().map(|first| (first, 1 + words.count()));
            assert_eq!(first_word_and_count(s), general, "{s:?}");
            let mut words = Vec::new();
            push_words(s, &mut words);
            assert_eq!(words, s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn initials_are_those_of_capitalised_words() {
        for label in ["New Democratic Party", "Party of the\tLeft\x0bX", " Ab  cd Éf Gh", "", "a b", "Über Alles Ag"]
        {
            let mut fast = String::new();
            push_initials(label, &mut fast);
            let general: String = label
                .split_whitespace()
                .filter(|w| w.starts_with(char::is_uppercase))
                .filter_map(|w| w.chars().next())
                .collect();
            assert_eq!(fast, general, "{label:?}");
        }
    }

    /// Where [`may_follow_bracket`] says no, no gap before trims to "(".
    #[test]
    fn no_gap_trims_to_a_bracket_where_none_may() {
        let text = "Party ( NDP) x(\u{a0}Y \u{a0}( Z\t(\nW) é(V met (";
        for start in (0..=text.len()).filter(|&k| text.is_char_boundary(k)) {
            if may_follow_bracket(text, start) {
                continue;
            }
            for from in (0..=start).filter(|&k| text.is_char_boundary(k)) {
                assert_ne!(text[from..start].trim(), "(", "{from}..{start}");
            }
        }
        assert!(may_follow_bracket(text, text.find("NDP").unwrap()));
        assert!(may_follow_bracket(text, text.find('Y').unwrap()));
    }

    #[test]
    fn a_lone_bracket_is_what_trim_says() {
        for between in
            ["(", " ( ", "\x0b(\n", "\u{a0}(", "( x", " met ", "", "  ", "((", "\u{2003}(\u{3000}", " (\u{85}"]
        {
            assert_eq!(is_lone_bracket(between), between.trim() == "(", "{between:?}");
        }
    }
}
