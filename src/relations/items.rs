//! A document as a sequence of *items*: one per mention, pronoun or
//! description, one per remaining token. Patterns read items, so a
//! three-token name and "he" fill a slot the same way.
//!
//! Pronouns and descriptions ("the North Korean dictator") are resolved here,
//! after a first pass over the role rules has said who holds which office:
//! a description names a person when exactly one person of the document fits
//! its country and role; a pronoun names the subject of its sentence (the
//! first person named in it) or, at the start of a sentence, the subject of
//! the sentence before.

use super::index::{flag, Vocab, NONE};
use crate::entities::{Entity, EntityType};
use crate::lexicon::{Entry, Hit, Lexicon};
use crate::mentions::{Mention, Referent, SpanType};
use crate::text::{starts_upper, Sentence, Token, TokenKind};
use std::ops::Range;

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// A plain token.
    Token,
    /// A mention with an entity (index into the mentions, and its entity).
    Mention {
        /// Index into the document's mentions.
        mention: usize,
        /// Index into the document's entities.
        entity: usize,
    },
    /// "he", "she", "him", "his", "her": a person, once resolved.
    Pronoun {
        /// "his"/"her" before a noun.
        possessive: bool,
        /// The person it refers to.
        entity: Option<usize>,
    },
    /// "the Russian leader": a person, once resolved.
    Description {
        /// The country entity it names.
        country: usize,
        /// The title (index into the lexicon's titles).
        title: u32,
        /// The person it refers to.
        entity: Option<usize>,
    },
}

/// One item: the tokens it covers and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// What it is.
    pub kind: ItemKind,
}

impl Item {
    /// The entity it stands for, if resolved.
    #[must_use]
    pub const fn entity(&self) -> Option<usize> {
        match self.kind {
            ItemKind::Token => None,
            ItemKind::Mention { entity, .. } => Some(entity),
            ItemKind::Pronoun { entity, .. } | ItemKind::Description { entity, .. } => entity,
        }
    }

    /// The mention it is, if it is one.
    #[must_use]
    pub const fn mention(&self) -> Option<usize> {
        match self.kind {
            ItemKind::Mention { mention, .. } => Some(mention),
            _ => None,
        }
    }
}

/// A title found in the text: its tokens and its index in the lexicon.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleHit {
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Index into [`Lexicon::titles`].
    pub title: u32,
}

/// Into `out` (cleared first), every title among the gazetteer hits, sorted by first token.
pub fn title_hits(hits: &[Hit], lexicon: &Lexicon, out: &mut Vec<TitleHit>) {
    out.clear();
    out.extend(hits.iter().filter_map(|h| {
        lexicon.entries(h.surface).iter().find_map(|e| match e {
            Entry::Title(t) => Some(TitleHit { tokens: h.tokens.clone(), title: *t }),
            _ => None,
        })
    }));
}

/// The title starting at token `t`, if any.
#[must_use]
pub fn title_at(titles: &[TitleHit], t: usize) -> Option<&TitleHit> {
    let at = titles.partition_point(|h| h.tokens.start < t);
    titles.get(at).filter(|h| h.tokens.start == t)
}

/// Quote marks are invisible to patterns: "was “very disappointed” in Putin".
const QUOTES: [&str; 9] = ["\"", "“", "”", "„", "‘", "’", "«", "»", "'"];

/// Quote marks are invisible to patterns: "was “very disappointed” in Putin".
fn is_quote(s: &str) -> bool {
    QUOTES.contains(&s)
}

/// Every token [`build`] makes other than a plain item with its word id,
/// or notes (a "who"), is one of these (in any case): the quote marks, the
/// pronouns, "the" opening a description and "who". The rules' vocabulary
/// flags them [`flag::ITEM`], so the other tokens need only their lookup.
pub(super) const READ_APART: [&str; 16] = [
    QUOTES[0], QUOTES[1], QUOTES[2], QUOTES[3], QUOTES[4], QUOTES[5], QUOTES[6], QUOTES[7], QUOTES[8], "he", "she",
    "him", "his", "her", "the", "who",
];

/// Everything the item builder reads.
pub struct Doc<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its mentions.
    pub mentions: &'a [Mention],
    /// The entity of each mention.
    pub entity_of: &'a [Option<usize>],
    /// Its entities.
    pub entities: &'a [Entity],
}

impl<'a> Doc<'a> {
    /// The builder's view of a document's parts: it needs neither the
    /// lexicon's hits nor its bits.
    #[must_use]
    pub fn of(parts: &super::Parts<'a>) -> Self {
        Doc {
            text: parts.text,
            tokens: parts.tokens,
            sentences: parts.sentences,
            mentions: parts.mentions,
            entity_of: parts.entity_of,
            entities: parts.entities,
        }
    }
}

/// The items of a document ([`build`]), kept from one document to the next
/// so that their vectors are not grown again for each.
#[derive(Default)]
pub struct Items {
    /// Every item, sentence after sentence.
    pub items: Vec<Item>,
    /// The range of items of each sentence.
    pub ranges: Vec<Range<usize>>,
    /// In order, the items that are no plain token (mentions, pronouns,
    /// descriptions: those that may fill a slot), so that the rules need not
    /// look for them among the tokens.
    pub named: Vec<u32>,
    /// The rules' word id of each item ([`Vocab::id_of_span`] of a plain
    /// token's first token, [`NONE`] for the others): looked up here, where
    /// each token is read anyway, rather than in a pass of its own.
    pub ids: Vec<u32>,
    /// In order, the plain tokens "who": [`resolve`] reads them and the
    /// names, so it need not look at every item of a sentence for them.
    pub whos: Vec<u32>,
}

/// Build the items of every sentence into `out` (what it held is replaced),
/// with their word ids in `vocab`.
///
/// A sentence with fewer than two names can hold no relation, so no rule
/// reads its plain tokens: it keeps only the items [`resolve`] reads
/// (`build_all` says which).
pub fn build(doc: &Doc<'_>, titles: &[TitleHit], vocab: &Vocab, out: &mut Items) {
    build_all(doc, titles, vocab, out, false);
}

/// The words [`build`] makes a pronoun, as written (no other case is one).
fn maybe_pronoun(word: &[u8]) -> bool {
    matches!(word, b"He" | b"he" | b"She" | b"she" | b"him" | b"Him" | b"His" | b"his" | b"Her" | b"her")
}

/// True when fewer than two mentions with an entity start in the sentence
/// of tokens `tokens`, the first of them at or after mention `m`.
fn one_entity_at_most(doc: &Doc<'_>, mut m: usize, tokens: &Range<usize>) -> bool {
    while m < doc.mentions.len() && doc.mentions[m].tokens.start < tokens.start {
        m += 1;
    }
    let mut entities = 0;
    while m < doc.mentions.len() && doc.mentions[m].tokens.start < tokens.end {
        entities += usize::from(doc.entity_of[m].is_some());
        if entities == 2 {
            return false;
        }
        m += 1;
    }
    true
}

/// [`build`], or with `all` every item of every sentence.
///
/// A sentence with two names (mentions with an entity, pronouns,
/// descriptions) is read whole. Of one with fewer (the rules skip it, and
/// [`resolve`] reads only its names, to find who its subject is), the
/// plain tokens kept are its first item and the item after each name
/// (which [`resolve`] reads, through their word ids, to tell a modifier:
/// "the Trump administration"), the token before each mention ("the" of a
/// description) and those spelt as a pronoun. A "who" is then passed over,
/// or read to no effect: it resolves a pronoun after it to a name before
/// it, and the sentence has one name at most.
///
/// Which sentences those are is known only once their pronouns are read:
/// one with at most one mention of an entity is read in part, and again,
/// whole, when its pronouns make two names (a description holds a
/// mention, so it adds none).
pub(super) fn build_all(doc: &Doc<'_>, titles: &[TitleHit], vocab: &Vocab, out: &mut Items, all: bool) {
    let Items { items, ranges, named, ids, whos } = out;
    items.clear();
    ranges.clear();
    named.clear();
    ids.clear();
    whos.clear();
    // A document has at most one item per token.
    let mut w = Writer::new(items, ids, doc.tokens.len());
    let mut m = 0;
    for sentence in doc.sentences {
        let first = w.len;
        let tokens = &sentence.tokens;
        if all || !one_entity_at_most(doc, m, tokens) {
            m = read_sentence::<false>(doc, titles, vocab, tokens, m, (&mut w, named, whos));
        } else {
            let (named_from, whos_from) = (named.len(), whos.len());
            let read = read_sentence::<true>(doc, titles, vocab, tokens, m, (&mut w, named, whos));
            if named.len() - named_from < 2 {
                m = read;
            } else {
                // Its pronouns made two names: read it again, whole.
                named.truncate(named_from);
                w.truncate(first, named);
                whos.truncate(whos_from);
                m = read_sentence::<false>(doc, titles, vocab, tokens, m, (&mut w, named, whos));
            }
        }
        ranges.push(first..w.len);
    }
}

/// Appends to the items of a document and their word ids (always as many),
/// with the length, the room and both buffers in locals: through
/// `Vec::push`, both lengths were loaded and stored again at every token
/// (a write into one vector's buffer may, for all the compiler knows,
/// change the other's length), some ten instructions of the forty or so a
/// plain token costs. The vectors' lengths are set when it is dropped.
struct Writer<'a> {
    items: &'a mut Vec<Item>,
    ids: &'a mut Vec<u32>,
    /// `items.as_mut_ptr()` and `ids.as_mut_ptr()`, read after the last
    /// change to their buffers.
    item_buf: *mut Item,
    id_buf: *mut u32,
    /// Items (and ids) written: those below are initialised; the vectors'
    /// own lengths may lag behind.
    len: usize,
    /// Room in both buffers (the smaller capacity).
    cap: usize,
    /// One past the last item pushed that is no plain token (0 before
    /// any): `len` when the last item is a name, asked of every token of a
    /// sentence read in part.
    named_end: usize,
}

impl<'a> Writer<'a> {
    /// Appending to `items` and `ids` (of the same length), with room reserved for `room` more.
    fn new(items: &'a mut Vec<Item>, ids: &'a mut Vec<u32>, room: usize) -> Self {
        assert_eq!(items.len(), ids.len(), "an id per item");
        items.reserve(room);
        ids.reserve(room);
        let cap = items.capacity().min(ids.capacity());
        Self { item_buf: items.as_mut_ptr(), id_buf: ids.as_mut_ptr(), len: items.len(), cap, named_end: 0, items, ids }
    }

    /// Add an item with its word id `id`; when it is no plain token, note its
    /// index in `named`.
    #[inline(always)]
    fn push(&mut self, named: &mut Vec<u32>, item: Item, id: u32) {
        if item.kind != ItemKind::Token {
            named.push(u32::try_from(self.len).expect("fewer than 4 billion items"));
            self.named_end = self.len + 1;
        }
        if self.len == self.cap {
            self.grow();
        }
        // SAFETY: `len < cap` was just made sure of, and both buffers, as
        // last read, hold `cap` elements or more.
        unsafe {
            self.item_buf.add(self.len).write(item);
            self.id_buf.add(self.len).write(id);
        }
        self.len += 1;
    }

    /// More room, out of line and with the vectors passed by value: a call
    /// that took `self`'s address would keep its fields in memory rather
    /// than registers.
    #[inline]
    fn grow(&mut self) {
        #[cold]
        #[inline(never)]
        fn reserve(items: &mut Vec<Item>, ids: &mut Vec<u32>) -> (*mut Item, *mut u32, usize) {
            items.reserve(64);
            ids.reserve(64);
            (items.as_mut_ptr(), ids.as_mut_ptr(), items.capacity().min(ids.capacity()))
        }
        self.finish();
        (self.item_buf, self.id_buf, self.cap) = reserve(self.items, self.ids);
    }

    /// Forget the items from `len` on (an item needs no drop); `named`, cut
    /// to the names below `len` already, says where the last name now ends.
    fn truncate(&mut self, len: usize, named: &[u32]) {
        self.len = self.len.min(len);
        self.named_end = named.last().map_or(0, |&i| i as usize + 1);
    }

    /// Bring the vectors' lengths up to date.
    #[inline]
    fn finish(&mut self) {
        // SAFETY: the `len` elements below `len` of both are initialised
        // (their own and those written by `push`), and `len <= cap`.
        unsafe {
            self.items.set_len(self.len);
            self.ids.set_len(self.len);
        }
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        self.finish();
    }
}

/// What [`read_sentence`] adds to: the items with their ids, named and whos.
type Out<'a, 'w> = (&'a mut Writer<'w>, &'a mut Vec<u32>, &'a mut Vec<u32>);

/// Add the items of the sentence of tokens `tokens`, whose mentions start
/// at or after mention `m` (the cursor, returned moved past them); with
/// `IN_PART`, only those `build_all` keeps of a sentence with fewer than
/// two names.
#[inline(always)]
fn read_sentence<const IN_PART: bool>(
    doc: &Doc<'_>,
    titles: &[TitleHit],
    vocab: &Vocab,
    tokens: &Range<usize>,
    mut m: usize,
    (w, named, whos): Out<'_, '_>,
) -> usize {
    let first = w.len;
    let mut t = tokens.start;
    while t < tokens.end {
        while m < doc.mentions.len() && doc.mentions[m].tokens.start < t {
            m += 1;
        }
        let next = match doc.mentions.get(m) {
            Some(mention) if mention.tokens.start == t => {
                let end = mention.tokens.end.max(t + 1);
                if let Some(entity) = doc.entity_of[m] {
                    let item = Item { tokens: t..end, kind: ItemKind::Mention { mention: m, entity } };
                    w.push(named, item, NONE);
                } else {
                    // A name with no entity is a plain token, maybe "who" (read as in [`resolve`]).
                    if doc.tokens[t].span.of(doc.text) == "who" {
                        whos.push(u32::try_from(w.len).expect("fewer than 4 billion items"));
                    }
                    let id = vocab.id_of_span(doc.text, doc.tokens[t].span);
                    w.push(named, Item { tokens: t..end, kind: ItemKind::Token }, id);
                }
                t = end;
                continue;
            }
            Some(mention) => mention.tokens.start.min(tokens.end),
            None => tokens.end,
        };
        // No mention starts before `next`, so the cursor stays at `m`
        // for the tokens up to it (most of a sentence's). Cut there once,
        // the tokens are read with no bounds check each (`t < next`).
        let run = &doc.tokens[..next];
        while t < next {
            let token = run[t];
            if IN_PART && t + 1 != next {
                let after_name = w.len == first || w.named_end == w.len;
                let word = &doc.text.as_bytes()[token.span.start..token.span.end];
                let kept = after_name || word.len() <= 3 && maybe_pronoun(word);
                if !kept {
                    t += 1;
                    continue;
                }
            }
            let id = vocab.id_of_span(doc.text, token.span);
            // Most tokens are no word read apart: their lookup says so.
            if !vocab.read_apart(id) {
                w.push(named, Item { tokens: t..t + 1, kind: ItemKind::Token }, id);
                t += 1;
                continue;
            }
            let (after, description) =
                read_apart(doc, titles, (t, next, m, tokens.end), id, (&mut *w, &mut *named, &mut *whos));
            t = after;
            if description {
                break;
            }
        }
    }
    m
}

/// Add the item of token `t`, whose word (of id `id`) is read apart: a
/// quote mark (no item), a pronoun, "who", or "the" opening a description
/// ([`description`], only when `t + 1` is `next`, where the run of tokens
/// with no mention stops; `m` is the mention there and `end` the
/// sentence's end). Returns the token after the item and whether it was a
/// description.
///
/// Out of line: few tokens come here, and inside [`read_sentence`] its
/// many values crowded the plain tokens' loop out of its registers.
#[inline(never)]
fn read_apart(
    doc: &Doc<'_>,
    titles: &[TitleHit],
    (t, next, m, end): (usize, usize, usize, usize),
    id: u32,
    (w, named, whos): Out<'_, '_>,
) -> (usize, bool) {
    let token = doc.tokens[t];
    let word = &doc.text.as_bytes()[token.span.start..token.span.end];
    if token.kind == TokenKind::Punct && is_quote(token.span.of(doc.text)) {
        return (t + 1, false);
    }
    // A description's country is a mention starting right after its
    // "the", and none starts before `next`: only the token before it
    // may open one (most "the"s are not asked).
    let description = if t + 1 == next { description(doc, titles, word, t, m, end) } else { None };
    if let Some((item, end)) = description {
        w.push(named, item, NONE);
        return (end, true);
    }
    let kind = match word {
        b"He" | b"he" | b"She" | b"she" | b"him" | b"Him" => ItemKind::Pronoun { possessive: false, entity: None },
        b"His" | b"his" => ItemKind::Pronoun { possessive: true, entity: None },
        b"Her" | b"her" if title_at(titles, t + 1).is_some() => ItemKind::Pronoun { possessive: true, entity: None },
        b"who" => {
            whos.push(u32::try_from(w.len).expect("fewer than 4 billion items"));
            ItemKind::Token
        }
        _ => ItemKind::Token,
    };
    let id = if kind == ItemKind::Token { id } else { NONE };
    w.push(named, Item { tokens: t..t + 1, kind }, id);
    (t + 1, false)
}

/// "the Russian leader", "the Kremlin leader", "the North Korean dictator":
/// "the", a country (demonym, name, capital or seat), a title with a role,
/// and no name after it (else it is a title before a name).
fn description(
    doc: &Doc<'_>,
    titles: &[TitleHit],
    word: &[u8],
    t: usize,
    m: usize,
    end: usize,
) -> Option<(Item, usize)> {
    if !matches!(word, b"the" | b"The") {
        return None;
    }
    // "Konrad Adenauer, the German chancellor": an apposition, read by the role rules.
    if t > 0 && matches!(doc.tokens[t - 1].span.of(doc.text), "," | "(") {
        return None;
    }
    let mention = doc.mentions.get(m).filter(|x| x.tokens.start == t + 1)?;
    let country = doc.entity_of[m].filter(|&e| doc.entities[e].entity_type == EntityType::Country)?;
    let mut after = mention.tokens.end;
    if after < end && matches!(doc.tokens[after].span.of(doc.text), "'s" | "’s") {
        after += 1;
    }
    let title = title_at(titles, after)?;
    let stop = title.tokens.end;
    if stop > end {
        return None;
    }
    let named_next = doc.mentions.get(m + 1).is_some_and(|x| x.tokens.start == stop)
        || (stop < end && doc.tokens[stop].kind == TokenKind::Word && starts_upper(doc.tokens[stop].span.of(doc.text)));
    if named_next {
        return None;
    }
    Some((Item { tokens: t..stop, kind: ItemKind::Description { country, title: title.title, entity: None } }, stop))
}

/// What the document says (or the lexicon knows) about each person.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    /// (person entity, country entity, normalised role), sorted, deduplicated.
    /// A sorted vector, not a `BTreeSet`: a document holds a few facts, and
    /// the set's node allocations and frees cost ~0.3 M instructions on
    /// news700 for nothing the readers need (they only scan it in order).
    pub facts: Vec<(usize, usize, String)>,
}

impl Profiles {
    /// From the lexicon's people (country and role) and from role relations
    /// already read (`(person, country, role)`).
    #[must_use]
    pub fn new(doc: &Doc<'_>, lexicon: &Lexicon, stated: impl IntoIterator<Item = (usize, usize, String)>) -> Self {
        let mut facts: Vec<(usize, usize, String)> = stated.into_iter().collect();
        // A person named again gives the same fact: its country is not
        // searched for among the entities again (a document names few people).
        let mut seen: Vec<(u32, usize)> = Vec::new();
        for (mention, entity) in doc.mentions.iter().zip(doc.entity_of) {
            let (Referent::Person(p), Some(person)) = (mention.referent, *entity) else { continue };
            if seen.contains(&(p, person)) {
                continue;
            }
            seen.push((p, person));
            let p = &lexicon.people[p as usize];
            let Some(slug) = &p.country else { continue };
            let Some(country) = doc.entities.iter().position(|e| e.id.strip_prefix("country:") == Some(slug.as_str()))
            else {
                continue;
            };
            let role = p.role.as_deref().unwrap_or("").replace(' ', "_");
            facts.push((person, country, role));
        }
        // Equal facts are equal throughout: an unstable sort orders them as a set would.
        facts.sort_unstable();
        facts.dedup();
        Self { facts }
    }

    /// The only country known for `person`, if exactly one is.
    #[must_use]
    pub fn country_of(&self, person: usize) -> Option<usize> {
        let mut countries = self.facts.iter().filter(|f| f.0 == person).map(|f| f.1);
        let first = countries.next()?;
        countries.all(|c| c == first).then_some(first)
    }

    /// The only person of `country` whose role fits `role`.
    fn described(&self, country: usize, role: &str, heads: &[String]) -> Option<usize> {
        let fits = |r: &str| r == role || (heads.iter().any(|h| h == role) && heads.iter().any(|h| h == r));
        let mut people = self.facts.iter().filter(|f| f.1 == country && fits(&f.2)).map(|f| f.0);
        let first = people.next()?;
        people.all(|p| p == first).then_some(first)
    }
}

/// Resolve descriptions and pronouns in place, sentence by sentence.
///
/// `heads` are roles that "leader" may stand for (president, prime minister…);
/// the words `vocab` flags [`flag::MODIFIER`] (the rules' `not_antecedent`)
/// are nouns after a name that make it a modifier ("the Trump
/// administration"), so that name is no subject. `named` lists the items
/// that are no plain token, `ids` their word ids and `whos` the tokens
/// "who" ([`build`]).
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    doc: &Doc<'_>,
    lexicon: &Lexicon,
    items: &mut [Item],
    ranges: &[Range<usize>],
    (named, ids, whos): (&[u32], &[u32], &[u32]),
    profiles: &Profiles,
    heads: &[String],
    vocab: &Vocab,
) {
    let is_person = |e: usize| doc.entities[e].entity_type == EntityType::Person;
    // A person named at item `i` is no subject when a modifier noun follows.
    let modified = |i: usize| ids.get(i + 1).is_some_and(|&id| vocab.has(id, flag::MODIFIER));
    let mut previous: Option<usize> = None;
    let (mut next_named, mut next_who) = (0, 0);
    for range in ranges {
        let mut subject: Option<usize> = None;
        let mut who: Option<usize> = None;
        let first_named = next_named;
        while named.get(next_named).is_some_and(|&i| (i as usize) < range.end) {
            next_named += 1;
        }
        // Only pronouns and descriptions are resolved, and only they read
        // `who`: in a sentence without one, all there is to find is its
        // subject, among its mentions.
        let named = &named[first_named..next_named];
        let first_who = next_who;
        while whos.get(next_who).is_some_and(|&i| (i as usize) < range.end) {
            next_who += 1;
        }
        let whos = &whos[first_who..next_who];
        if named.iter().all(|&i| matches!(items[i as usize].kind, ItemKind::Mention { .. })) {
            subject = named.iter().find_map(|&i| match items[i as usize].kind {
                ItemKind::Mention { entity, .. } if is_person(entity) && !modified(i as usize) => Some(entity),
                _ => None,
            });
            if subject.is_some() {
                previous = subject;
            }
            continue;
        }
        // The names and the "who"s, in order: no other item is read here.
        let (mut n, mut w) = (0, 0);
        while n < named.len() || w < whos.len() {
            let i = if w == whos.len() || n < named.len() && named[n] < whos[w] {
                n += 1;
                named[n - 1] as usize
            } else {
                w += 1;
                whos[w - 1] as usize
            };
            match items[i].kind {
                ItemKind::Description { country, title, .. } => {
                    let role = &lexicon.titles[title as usize].role;
                    let entity = profiles.described(country, role, heads);
                    items[i].kind = ItemKind::Description { country, title, entity };
                    if subject.is_none() {
                        subject = entity;
                    }
                }
                ItemKind::Mention { entity, .. } if is_person(entity) => {
                    if !modified(i) && subject.is_none() {
                        subject = Some(entity);
                    }
                }
                ItemKind::Pronoun { possessive, .. } => {
                    let entity = who.or(subject).or(previous);
                    items[i].kind = ItemKind::Pronoun { possessive, entity };
                    if subject.is_none() {
                        subject = entity;
                    }
                }
                ItemKind::Token => {
                    let before = if i > range.start && doc.tokens[items[i - 1].tokens.start].span.of(doc.text) == "," {
                        i.checked_sub(2)
                    } else {
                        i.checked_sub(1)
                    };
                    who =
                        before.filter(|&b| b >= range.start).and_then(|b| items[b].entity()).filter(|&e| is_person(e));
                }
                ItemKind::Mention { .. } => {}
            }
        }
        if subject.is_some() {
            previous = subject;
        }
    }
}

/// Is this item a demonym mention?
#[must_use]
pub fn span_type(item: &Item, mentions: &[Mention]) -> Option<SpanType> {
    item.mention().map(|m| mentions[m].span_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`build`] takes a token no rule word flags [`flag::ITEM`] for a plain
    /// item: every spelling its slow path reads must be flagged, in the
    /// case it is written and the token kind it may have.
    #[test]
    fn every_word_read_apart_is_flagged() {
        let vocab = &super::super::RuleSet::embedded().vocab;
        let spellings = [
            "\"", "“", "”", "„", "‘", "’", "«", "»", "'", "He", "he", "She", "she", "him", "Him", "His", "his", "Her",
            "her", "the", "The", "who",
        ];
        for word in spellings {
            let text = format!("x {word} y");
            let span = crate::text::Span::new(2, 2 + word.len());
            assert!(vocab.has(vocab.id_of_span(&text, span), flag::ITEM), "{word:?}");
            assert!(vocab.has(vocab.id_of(word), flag::ITEM), "{word:?}");
        }
        // Quote marks are read apart only as punctuation; the rest by their bytes.
        assert!(QUOTES.iter().all(|q| is_quote(q)));
        assert!(!vocab.has(vocab.id_of("president"), flag::ITEM));
    }

    /// [`Writer`] leaves the vectors as pushing onto them would, past the
    /// room it reserved (it grows them), after a truncation, and with
    /// what they held before it.
    #[test]
    fn the_writer_pushes_as_vec_push_does() {
        let token = |t: usize| Item { tokens: t..t + 1, kind: ItemKind::Token };
        let pronoun = |t: usize| Item { tokens: t..t + 1, kind: ItemKind::Pronoun { possessive: false, entity: None } };
        let (mut items, mut ids, mut named) = (vec![token(0)], vec![7], Vec::new());
        let (mut want_items, mut want_ids, mut want_named) = (items.clone(), ids.clone(), Vec::new());
        {
            let mut w = Writer::new(&mut items, &mut ids, 3);
            for t in 1..200 {
                let item = if t % 9 == 0 { pronoun(t) } else { token(t) };
                w.push(&mut named, item.clone(), t as u32);
                if item.kind != ItemKind::Token {
                    want_named.push(want_items.len() as u32);
                }
                want_items.push(item);
                want_ids.push(t as u32);
                // What `read_sentence` asked of `named` before.
                assert_eq!(
                    w.named_end == w.len,
                    want_named.last().is_some_and(|&i| i as usize + 1 == want_items.len()),
                    "{t}"
                );
                if t == 150 {
                    // Names at 135 and 144: the last one left does not end at the cut.
                    let cut = 140;
                    let names_below = want_named.iter().filter(|&&i| (i as usize) < cut).count();
                    named.truncate(names_below);
                    w.truncate(cut, &named);
                    want_items.truncate(cut);
                    want_ids.truncate(cut);
                    want_named.truncate(names_below);
                    assert_ne!(w.named_end, w.len, "no name ends where the items do");
                }
            }
            assert_eq!(w.len, want_items.len());
        }
        assert_eq!((items, ids, named), (want_items, want_ids, want_named));
    }

    /// A sentence [`build`] keeps only in part is one with fewer than two
    /// names, and resolving gives every name the entity it has when every
    /// item is kept: the names, the subjects carried to the next sentence
    /// and the sentences the rules read are the same.
    #[test]
    fn sentences_kept_in_part_resolve_as_kept_whole() {
        let extractor = crate::Extractor::new(Lexicon::embedded());
        let rules = super::super::RuleSet::embedded();
        let texts = [
            "Angela Merkel spoke on Monday. He left early. She met Vladimir Putin in Berlin. \
             The Russian president thanked her. Later, the German chancellor left.",
            "Joe Biden arrived. “It was good,” he said. Biden met Xi Jinping. It rained in Paris, \
             and the talks ended. The Chinese leader said so. Merkel \"laughed\". The Trump administration \
             said nothing. Emmanuel Macron",
            "He met her. Nothing happened here at all, she said. Olaf Scholz, who led, spoke. Who knows?",
        ];
        for text in texts {
            let analysis = extractor.analyse(text);
            let lexicon = extractor.lexicon();
            let (mut hits, mut features, mut titles) = (Vec::new(), Vec::new(), Vec::new());
            lexicon.scan(text, &analysis.tokens, &mut hits, &mut features);
            title_hits(&hits, lexicon, &mut titles);
            let doc = Doc::of(&analysis.parts(text, &hits, &features));
            let profiles = Profiles::new(&doc, lexicon, []);
            let (mut part, mut whole) = (Items::default(), Items::default());
            build(&doc, &titles, &rules.vocab, &mut part);
            build_all(&doc, &titles, &rules.vocab, &mut whole, true);
            let mut in_part = 0;
            for out in [&mut part, &mut whole] {
                let Items { items, ranges, named, ids, whos } = out;
                resolve(&doc, lexicon, items, ranges, (named, ids, whos), &profiles, &rules.heads, &rules.vocab);
            }
            let names = |out: &Items| out.named.iter().map(|&i| out.items[i as usize].clone()).collect::<Vec<_>>();
            assert_eq!(names(&part), names(&whole), "{text}");
            assert_eq!(part.ranges.len(), whole.ranges.len());
            for (p, w) in part.ranges.iter().zip(&whole.ranges) {
                if part.items[p.clone()] == whole.items[w.clone()] {
                    continue;
                }
                in_part += 1;
                let named = whole.named.iter().filter(|&&i| w.contains(&(i as usize))).count();
                assert!(named < 2, "{text}: {:?}", &whole.items[w.clone()]);
            }
            assert!(in_part > 0, "{text}");
        }
    }

    /// [`Profiles::new`] holds the facts a `BTreeSet` of every stated and
    /// lexicon fact would, in the same order, though it reads each person
    /// once; `described` finds a person only when exactly one fits.
    #[test]
    fn profiles_hold_the_facts_of_a_set() {
        use std::collections::BTreeSet;
        let extractor = crate::Extractor::new(Lexicon::embedded());
        let text = "Angela Merkel met Vladimir Putin in Berlin and Moscow. Merkel and Putin spoke. \
                    Emmanuel Macron of France met Merkel of Germany.";
        let analysis = extractor.analyse(text);
        let lexicon = extractor.lexicon();
        let (mut hits, mut features) = (Vec::new(), Vec::new());
        lexicon.scan(text, &analysis.tokens, &mut hits, &mut features);
        let doc = Doc::of(&analysis.parts(text, &hits, &features));
        let stated = vec![(9, 1, "minister".to_owned()), (3, 2, "x".to_owned()), (9, 1, "minister".to_owned())];
        let profiles = Profiles::new(&doc, lexicon, stated.clone());
        let mut plain: BTreeSet<(usize, usize, String)> = stated.into_iter().collect();
        for (mention, entity) in doc.mentions.iter().zip(doc.entity_of) {
            let (Referent::Person(p), Some(person)) = (mention.referent, *entity) else { continue };
            let p = &lexicon.people[p as usize];
            let Some(slug) = &p.country else { continue };
            let id = format!("country:{slug}");
            if let Some(country) = doc.entities.iter().position(|e| e.id == id) {
                plain.insert((person, country, p.role.as_deref().unwrap_or("").replace(' ', "_")));
            }
        }
        assert!(plain.len() > 3, "the lexicon knows some of these people: {plain:?}");
        assert_eq!(profiles.facts, plain.into_iter().collect::<Vec<_>>());
        let two = Profiles { facts: vec![(1, 5, "president".into()), (2, 5, "president".into())] };
        assert_eq!(two.described(5, "president", &[]), None);
        let one = Profiles { facts: vec![(1, 5, "president".into()), (1, 5, "leader".into())] };
        assert_eq!(one.described(5, "president", &[]), Some(1));
        assert_eq!(one.described(6, "president", &[]), None);
    }
}
