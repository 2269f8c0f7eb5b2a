//! Mentions: spans of text that name a person, country, organisation or place.
//!
//! Found by evidence, so that names never seen before are found too. A
//! sentence is cut into *name runs* (capitalised tokens, joined by name
//! particles and "of"-chains); each run is then peeled (sentence starters,
//! "The", titles, a leading demonym) and typed by the strongest evidence:
//! a gazetteer entry, an organisation head word, a title or role before it,
//! a given name, a reporting verb after it, or the shape of the name.
//! Runs with no evidence are left for the document-level pass in
//! [`crate::entities`], which links short forms to full names.

mod acronym;
mod headline;
mod organisations;
mod people;
mod places;
mod runs;
mod tagged;
mod teams;

use crate::lexicon::{bits, Entry, Hit, Lexicon};
use crate::tagger::Tagger;
use crate::text::{Sentence, Span, Token, TokenKind};
use serde::Serialize;
use std::ops::Range;

/// What a span is, as written (not what it refers to).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanType {
    /// A person's name.
    Person,
    /// A country's name.
    Country,
    /// An organisation's name.
    Organisation,
    /// A place that is not a country (a capital used as a metonym stays a location).
    Location,
    /// A demonym ("Russian"), which refers to a country.
    Demonym,
}

impl SpanType {
    /// Lower-case name, as in the JSON output.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Country => "country",
            Self::Organisation => "organisation",
            Self::Location => "location",
            Self::Demonym => "demonym",
        }
    }
}

/// What a mention refers to, when the lexicon knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Referent {
    /// A country (by name, demonym, or as a metonym for its government).
    Country(u32),
    /// A known institution.
    Organisation(u32),
    /// A known person.
    Person(u32),
    /// A known place that is not a country.
    Location(u32),
    /// Not in the lexicon: resolved by name.
    Name,
}

/// One mention in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Its bytes.
    pub span: Span,
    /// Its tokens (indices into the document's tokens).
    pub tokens: Range<usize>,
    /// The sentence it is in.
    pub sentence: usize,
    /// What the span is.
    pub span_type: SpanType,
    /// What it refers to.
    pub referent: Referent,
    /// The rule that found it (e.g. `person/title`), for debugging and tests.
    pub rule: &'static str,
    /// A capitalised name with no evidence yet: kept only if the document
    /// links it to a known entity ("Putin" after "Vladimir Putin").
    pub tentative: bool,
}

/// Everything the mention rules read about one document.
pub struct Context<'a> {
    /// The document text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Feature bits per token ([`Lexicon::token_features`]), or empty.
    pub features: &'a [u32],
    /// Gazetteer hits, sorted by position: from the same [`Lexicon::scan`]
    /// as `features`, whose match bits mark where hits start and end.
    pub hits: &'a [Hit],
    /// [`index_hits`] of `hits`, or empty (then hits are searched for).
    pub hit_index: &'a [u32],
    /// The lexicon.
    pub lexicon: &'a Lexicon,
}

impl Context<'_> {
    fn word(&self, i: usize) -> &str {
        self.tokens[i].span.of(self.text)
    }

    /// The bytes of token `i`, for comparing it with a word: slicing bytes
    /// needs no check that both ends fall on character boundaries, as
    /// slicing the text in [`Context::word`] does, and the rules compare
    /// words many times a sentence ("of", "the", "and" around names).
    fn bytes(&self, i: usize) -> &[u8] {
        let span = self.tokens[i].span;
        &self.text.as_bytes()[span.start..span.end]
    }

    /// Token `i` is `word`, byte for byte. The lengths first: most tokens
    /// asked are not the word, and then no slice of the text is made (two
    /// bounds checks).
    fn is(&self, i: usize, word: &str) -> bool {
        let span = self.tokens[i].span;
        span.len() == word.len() && self.text.as_bytes()[span.start..span.end] == *word.as_bytes()
    }

    fn bits(&self, i: usize) -> u32 {
        self.features[i]
    }

    /// Asked of nearly every token, token after token: the tokenizer's
    /// case bit answers it.
    #[inline(always)]
    fn is_capitalised(&self, i: usize) -> bool {
        self.tokens[i].is_capitalised()
    }

    /// The hit that starts at token `i`, if any. Asked of most capitalised
    /// tokens, and most start no hit: [`Context::hit_index`] answers with
    /// one load (`u32::MAX`, past every hit, where none starts), and
    /// without it the scan's marks ([`bits::MATCH_FIRST`]) rule out the
    /// tokens that start none before the hits are searched.
    fn hit_at(&self, i: usize) -> Option<&Hit> {
        let at = match self.hit_index.get(i) {
            Some(&at) => at as usize,
            None if self.features.get(i).is_some_and(|f| f & bits::MATCH_FIRST == 0) => return None,
            None => self.hits.partition_point(|h| h.tokens.start < i),
        };
        self.hits.get(at).filter(|h| h.tokens.start == i)
    }

    /// The hit that covers exactly `range`, if any.
    fn hit_exact(&self, range: &Range<usize>) -> Option<&Hit> {
        self.hit_at(range.start).filter(|h| h.tokens.end == range.end)
    }

    /// The hit that ends just before token `i`, if any (the scan marks the
    /// last token of every hit, [`bits::MATCH_LAST`]).
    fn hit_ending_at(&self, i: usize) -> Option<&Hit> {
        if i.checked_sub(1).and_then(|last| self.features.get(last)).is_some_and(|f| f & bits::MATCH_LAST == 0) {
            return None;
        }
        let at = self.hits.partition_point(|h| h.tokens.end < i);
        self.hits.get(at).filter(|h| h.tokens.end == i)
    }

    fn span(&self, range: &Range<usize>) -> Span {
        Span::new(self.tokens[range.start].span.start, self.tokens[range.end - 1].span.end)
    }
}

/// Find the mentions of one document, in text order: rule mentions, merged
/// with the tagger's spans when a tagger is given.
#[must_use]
pub fn find_mentions(ctx: &Context<'_>, sentences: &[Sentence], tagger: Option<&Tagger>) -> Vec<Mention> {
    find_mentions_with(ctx, sentences, tagger, &mut MentionBuffers::default())
}

/// Buffers [`find_mentions_with`] reuses from document to document (one per
/// worker): rule mentions, a sentence's name runs, tagger spans, the
/// tagger's work space, what is noted of every sentence, and which rule
/// mentions the merge keeps.
#[derive(Default)]
pub struct MentionBuffers {
    rules: Vec<Mention>,
    name_runs: Vec<Range<usize>>,
    tagged: Vec<(Range<usize>, Option<Mention>)>,
    work: tagged::TagWork,
    shouted: Vec<bool>,
    sentence_starts: Vec<usize>,
    kept_rules: Vec<bool>,
}

/// Per token of a text of `tokens` tokens, the index in `hits` (sorted by
/// position) of the first hit that starts at it, `u32::MAX` where none
/// does: for [`Context::hit_index`], into a reused vector.
///
/// Why: rules ask for the hit at a token thousands of times a document,
/// and a binary search over all its hits each time cost more than this one
/// pass.
pub fn index_hits(hits: &[Hit], tokens: usize, out: &mut Vec<u32>) {
    out.clear();
    out.resize(tokens, u32::MAX);
    // Backwards, so that the first of the hits starting at a token is left.
    for (k, hit) in hits.iter().enumerate().rev() {
        if let (Some(at), Ok(k)) = (out.get_mut(hit.tokens.start), u32::try_from(k)) {
            *at = k;
        }
    }
}

/// [`find_mentions`] with buffers kept from the previous document.
pub fn find_mentions_with(
    ctx: &Context<'_>,
    sentences: &[Sentence],
    tagger: Option<&Tagger>,
    buffers: &mut MentionBuffers,
) -> Vec<Mention> {
    let mut mentions = Vec::new();
    find_mentions_into(ctx, sentences, tagger, buffers, &mut mentions);
    mentions
}

/// [`find_mentions_with`] into `out` (what it held is replaced), so that the
/// vector of mentions is reused too.
#[inline(never)]
pub fn find_mentions_into(
    ctx: &Context<'_>,
    sentences: &[Sentence],
    tagger: Option<&Tagger>,
    buffers: &mut MentionBuffers,
    out: &mut Vec<Mention>,
) {
    let MentionBuffers { rules, name_runs, tagged, work, shouted, sentence_starts, kept_rules } = buffers;
    rules.clear();
    out.clear();
    shouted.clear();
    shouted.extend(sentences.iter().map(|s| headline::is_shouted(ctx, s.tokens.clone())));
    for (index, sentence) in sentences.iter().enumerate() {
        if shouted[index] {
            headline::shouted_mentions(ctx, index, sentence.tokens.clone(), rules);
            continue;
        }
        runs::name_runs(ctx, sentence.tokens.clone(), name_runs);
        for run in name_runs.drain(..) {
            runs::classify(ctx, sentence, index, run, rules);
        }
    }
    let Some(tagger) = tagger else {
        std::mem::swap(rules, out);
        return;
    };
    tagged.clear();
    for (index, sentence) in sentences.iter().enumerate().filter(|(index, _)| !shouted[*index]) {
        tagged::tagged_mentions(ctx, tagger, sentence, index, work, tagged);
    }
    let merged = out;
    tagged::merge(ctx, tagged, rules, kept_rules, merged);
    people::split_trailing_people(ctx, merged);
    people::include_styles(ctx, merged);
    organisations::split_lists(ctx, merged);
    organisations::join_place_after_of(ctx, merged);
    people::drop_units(ctx, merged);
    people::people_read_as_places(ctx, merged);
    places::electoral_districts(ctx, merged);
    organisations::examples_of_kind(ctx, merged);
    sentence_starts.clear();
    sentence_starts.extend(sentences.iter().map(|s| s.tokens.start));
    acronym::spell_out_long_forms(ctx, sentence_starts, merged);
    include_capital_the(ctx, sentence_starts, merged);
    join_place_with_organisation(ctx, merged);
    headline::reread_capitals(ctx, sentence_starts, merged);
    teams::read_results(ctx, merged);
    bracketed_acronyms(ctx, merged);
    people::cut_hyphen_suffixes(ctx, merged);
}

/// Pick the entry a name stands for when a surface form has several.
fn best_entry(entries: &[Entry]) -> Option<Entry> {
    // Asked of nearly every gazetteer hit, and most surface forms name one
    // thing: that one is the best, with no ranking.
    match entries {
        [only] => Some(*only),
        _ => best_of(entries.iter().copied()),
    }
}

/// [`best_entry`] of entries as they are picked out, with no list made.
fn best_of(entries: impl Iterator<Item = Entry>) -> Option<Entry> {
    let rank = |e: &Entry| match e {
        Entry::Organisation(_) => 0,
        Entry::Person(_) => 1,
        Entry::Country(_) => 2,
        Entry::Seat(_) => 3,
        Entry::Capital(_) => 4,
        Entry::Demonym(_) => 5,
        Entry::Location(_) => 6,
        Entry::Title(_) => 7,
    };
    entries.min_by_key(rank)
}

/// What a span names exactly, when the lexicon knows it as the kind `pick`
/// accepts ([`organisation_referent`], [`person_referent`]).
fn known_as(ctx: &Context<'_>, tokens: &Range<usize>, pick: fn(&Entry) -> Option<Referent>) -> Referent {
    ctx.hit_exact(tokens).and_then(|h| ctx.lexicon.entries(h.surface).iter().find_map(pick)).unwrap_or(Referent::Name)
}

/// The lexicon knows `tokens` exactly as an organisation's name.
fn is_known_organisation(ctx: &Context<'_>, tokens: &Range<usize>) -> bool {
    known_as(ctx, tokens, organisation_referent) != Referent::Name
}

const fn organisation_referent(e: &Entry) -> Option<Referent> {
    match e {
        Entry::Organisation(i) => Some(Referent::Organisation(*i)),
        _ => None,
    }
}

const fn person_referent(e: &Entry) -> Option<Referent> {
    match e {
        Entry::Person(i) => Some(Referent::Person(*i)),
        _ => None,
    }
}

/// True when token `i` is a title or role word (part of a title hit).
fn is_title(ctx: &Context<'_>, i: usize) -> bool {
    ctx.bits(i) & bits::TITLE != 0
}

/// "Democrats of the Left (DS)": a short token in brackets right after an
/// organisation is its acronym, even in mixed case ("IdV", "MpS").
fn bracketed_acronyms(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut found = Vec::new();
    for (k, m) in mentions.iter().enumerate() {
        if m.span_type != SpanType::Organisation {
            continue;
        }
        let i = m.tokens.end;
        if i + 2 >= ctx.tokens.len() || !ctx.is(i, "(") || !ctx.is(i + 2, ")") || is_title(ctx, i + 1) {
            continue;
        }
        let word = ctx.word(i + 1);
        let upper = word.chars().filter(|c| c.is_uppercase()).count();
        let already = mentions.get(k + 1).is_some_and(|n| n.tokens.start == i + 1);
        if !already && word.starts_with(char::is_uppercase) && upper >= 2 && word.chars().count() <= 8 {
            found.push(Mention {
                span: ctx.tokens[i + 1].span,
                tokens: i + 1..i + 2,
                sentence: m.sentence,
                span_type: SpanType::Organisation,
                referent: Referent::Name,
                rule: "organisation/bracketed-acronym",
                tentative: false,
            });
        }
    }
    if !found.is_empty() {
        mentions.extend(found);
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
    }
}

/// "Portuguese Communist Party", "Hong Kong Bar Association": a place or
/// demonym written right before an organisation name the lexicon does not
/// know starts that name (the tagger often cuts it off as a place). Known
/// organisations keep their own span ("German EU", "South Carolina GOP").
fn join_place_with_organisation(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (place, org) = (&mentions[k], &mentions[k + 1]);
        // The mentions' own fields first, the text between them last.
        let joins = org.span_type == SpanType::Organisation
            && matches!(place.span_type, SpanType::Location | SpanType::Demonym | SpanType::Country)
            && !place.tentative
            && !org.tentative
            && org.referent == Referent::Name
            && place.tokens.end == org.tokens.start
            && place.sentence == org.sentence
            && ctx.bits(org.tokens.end - 1) & bits::ORG_HEAD != 0
            && ctx.text[place.span.end..org.span.start] == *" ";
        if joins {
            let tokens = place.tokens.start..org.tokens.end;
            let referent = known_as(ctx, &tokens, organisation_referent);
            mentions[k] = Mention {
                span: ctx.span(&tokens),
                tokens,
                sentence: place.sentence,
                span_type: SpanType::Organisation,
                referent,
                rule: "organisation/place-prefix",
                tentative: false,
            };
            mentions.remove(k + 1);
        }
        k += 1;
    }
}

/// "members of The Harbour Trust": a capitalised "The" in mid-sentence
/// is part of an organisation's name (the politics and Wikipedia training
/// files include it 52 times in 53; at the start of a sentence it says
/// nothing, and there it is left out).
/// The tagger sometimes reads that "The" as a name of its own; it joins
/// the organisation after it then.
fn include_capital_the(ctx: &Context<'_>, sentence_starts: &[usize], mentions: &mut Vec<Mention>) {
    let bare_the = |m: &Mention| m.tokens.len() == 1 && ctx.is(m.tokens.start, "The");
    let mut absorbed = false;
    for k in 0..mentions.len() {
        let m = &mentions[k];
        // The mention's own fields first: most are no organisation.
        if m.span_type != SpanType::Organisation || m.tentative {
            continue;
        }
        let Some(the) = m.tokens.start.checked_sub(1) else { continue };
        let after_word = the > 0 && ctx.tokens[the - 1].kind == TokenKind::Word;
        let before_is_the = k > 0 && mentions[k - 1].tokens.start == the && bare_the(&mentions[k - 1]);
        let free = k == 0 || mentions[k - 1].tokens.end <= the || before_is_the;
        if ctx.is(the, "The") && after_word && free && sentence_starts.binary_search(&the).is_err() {
            let m = &mut mentions[k];
            m.tokens.start = the;
            m.span = ctx.span(&m.tokens);
            absorbed |= before_is_the;
        }
    }
    if absorbed {
        // Drop each bare "The" the next mention now starts with.
        let covered: Vec<bool> = (0..mentions.len())
            .map(|k| mentions.get(k + 1).is_some_and(|n| n.tokens.start == mentions[k].tokens.start))
            .collect();
        let mut k = 0;
        mentions.retain(|_| {
            k += 1;
            !covered[k - 1]
        });
    }
}

/// "Principality of Guria", "Crown Colony of Sarawak", "Ottoman Empire": a
/// name whose first word (before "of") or last word is a state word names a
/// state, which we count as a country.
fn is_state_shaped(ctx: &Context<'_>, r: &Range<usize>) -> bool {
    if r.len() < 2 {
        return false;
    }
    let pre = (r.start..r.end - 1).take(2).any(|i| ctx.bits(i) & bits::STATE_PRE != 0 && ctx.is(i + 1, "of"));
    let head = ctx.bits(r.end - 1) & bits::STATE_HEAD != 0 && ctx.is_capitalised(r.start);
    pre || head
}

/// What the tests of the passes over merged mentions share.
#[cfg(test)]
mod testing {
    use super::{index_hits, Context, Mention, Referent, SpanType};
    use crate::lexicon::Lexicon;
    use crate::text::tokenize;

    /// `check` given a [`Context`] of `text` with its tokens and the
    /// embedded lexicon but no scan (no features, no hits): for tests of
    /// what a rule reads from the words alone.
    pub fn with_words<R>(text: &str, check: impl FnOnce(&Context<'_>) -> R) -> R {
        let lexicon = Lexicon::embedded();
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        check(&Context { text, tokens: &tokens, features: &[], hits: &[], hit_index: &[], lexicon: &lexicon })
    }

    /// (surface, type) of the mentions `pass` leaves of one mention of type
    /// `span_type`, found by `rule`, covering `name` in `text`.
    pub fn after_pass(
        text: &str,
        name: &str,
        span_type: SpanType,
        rule: &'static str,
        pass: fn(&Context<'_>, &mut Vec<Mention>),
    ) -> Vec<(String, SpanType)> {
        after_pass_on(text, &[(name, span_type)], rule, pass)
    }

    /// [`after_pass`] of several mentions: `(name, type)` each, in text order.
    pub fn after_pass_on(
        text: &str,
        names: &[(&str, SpanType)],
        rule: &'static str,
        pass: fn(&Context<'_>, &mut Vec<Mention>),
    ) -> Vec<(String, SpanType)> {
        let lexicon = Lexicon::embedded();
        let (mut tokens, mut hits, mut features) = (Vec::new(), Vec::new(), Vec::new());
        tokenize(text, &mut tokens);
        lexicon.scan(text, &tokens, &mut hits, &mut features);
        let mut hit_index = Vec::new();
        index_hits(&hits, tokens.len(), &mut hit_index);
        let ctx = Context {
            text,
            tokens: &tokens,
            features: &features,
            hits: &hits,
            hit_index: &hit_index,
            lexicon: &lexicon,
        };
        let mut mentions: Vec<Mention> = names
            .iter()
            .map(|&(name, span_type)| {
                let at = text.find(name).expect("the name is in the text");
                let first = tokens.iter().position(|t| t.span.start == at).expect("the name starts a token");
                let last = tokens.iter().position(|t| t.span.end == at + name.len()).expect("the name ends a token");
                let range = first..last + 1;
                Mention {
                    span: ctx.span(&range),
                    tokens: range,
                    sentence: 0,
                    span_type,
                    referent: Referent::Name,
                    rule,
                    tentative: false,
                }
            })
            .collect();
        pass(&ctx, &mut mentions);
        mentions.iter().map(|m| (m.span.of(text).to_owned(), m.span_type)).collect()
    }
}

#[cfg(test)]
mod hit_index_tests {
    use super::{index_hits, Context};
    use crate::lexicon::Lexicon;
    use crate::text::tokenize;

    /// Comparing a token's bytes with a word answers what comparing the
    /// token's text does, in ASCII and out of it.
    #[test]
    fn byte_comparisons_are_the_word_comparisons() {
        let text = "Élysée of the Côte d’Ivoire and «Putin», 1992 — the Bank of England.";
        let lexicon = Lexicon::embedded();
        let (mut tokens, mut hits, mut features) = (Vec::new(), Vec::new(), Vec::new());
        tokenize(text, &mut tokens);
        lexicon.scan(text, &tokens, &mut hits, &mut features);
        let ctx =
            Context { text, tokens: &tokens, features: &features, hits: &hits, hit_index: &[], lexicon: &lexicon };
        let words: Vec<&str> = (0..tokens.len()).map(|i| ctx.word(i)).collect();
        for i in 0..tokens.len() {
            assert_eq!(ctx.bytes(i), ctx.word(i).as_bytes());
            for w in words.iter().copied().chain(["of", "the", "", "Élysée", "É"]) {
                assert_eq!(ctx.is(i, w), ctx.word(i) == w, "{:?} {w:?}", ctx.word(i));
            }
        }
    }

    /// The hit at every token is the same through the index as by search,
    /// with or without the match bits, when two hits start at one token too.
    #[test]
    fn indexed_hits_are_the_searched_ones() {
        let text = "The New York Times said the United States and the United Kingdom met in New York, \
                    then the Prime Minister of the United Kingdom flew to Washington, D.C. with the Bank of England.";
        let lexicon = Lexicon::embedded();
        let (mut tokens, mut hits, mut features) = (Vec::new(), Vec::new(), Vec::new());
        tokenize(text, &mut tokens);
        lexicon.scan(text, &tokens, &mut hits, &mut features);
        // Two hits starting at one token (the scan gives none): the first is the one.
        let k = hits.iter().position(|h| h.tokens.len() > 1).expect("a hit of two tokens");
        let mut shorter = hits[k].clone();
        shorter.tokens.end = shorter.tokens.start + 1;
        hits.insert(k + 1, shorter);
        let mut hit_index = Vec::new();
        index_hits(&hits, tokens.len(), &mut hit_index);
        let indexed = Context {
            text,
            tokens: &tokens,
            features: &features,
            hits: &hits,
            hit_index: &hit_index,
            lexicon: &lexicon,
        };
        let searched = Context { hit_index: &[], ..indexed };
        let bare = Context { features: &[], ..indexed };
        let neither = Context { features: &[], hit_index: &[], ..indexed };
        for i in 0..tokens.len() {
            let found = searched.hit_at(i).map(std::ptr::from_ref);
            assert_eq!(indexed.hit_at(i).map(std::ptr::from_ref), found, "token {i}");
            assert_eq!(bare.hit_at(i).map(std::ptr::from_ref), found, "token {i}");
            assert_eq!(neither.hit_at(i).map(std::ptr::from_ref), found, "token {i}");
        }
    }
}
