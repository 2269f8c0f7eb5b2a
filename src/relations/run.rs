//! Which rules run where: the sentence loop of both passes.
//!
//! A match fills two slots with entities, so a sentence with fewer than two
//! is skipped. For the others, the items' word ids, the word sets they hold
//! and the rules that may match are found once and kept for the second
//! pass ([`Scratch`]). Rules are indexed by an *anchor*, the word set of
//! their pattern's required ones whose shortest word is longest (short
//! words are the common ones, so it is rarely there; [`Anchors`]): a
//! sentence selects only the rules
//! whose anchor it holds (and the few with none), and keeps those whose
//! other needs (word sets, a title) it meets too; they run in file order, so
//! the output is the one trying every rule would give. A rule is tried only
//! from the items its pattern can open with and that have every word set
//! it needs at or after them (a match only moves forwards, so "met" before
//! a name cannot serve a rule starting at that name).

use super::index::{Mask, Vocab, MAX_SETS};
use super::items::{Item, ItemKind, Profiles};
use super::matcher::{match_at, Capture, Ctx, Sent};
use super::pattern::{Element, End, Repeat, Words};
use super::{emit, Relation, RoleLabels, Rule, RuleSet};
use std::ops::Range;
use std::sync::Arc;

/// How many unions of slot bits there are ([`super::pattern::accept`] has five bits).
const SLOT_UNIONS: usize = 32;

/// The rules as bitsets over their index: by anchor word set, without one,
/// and those of the first pass.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// `u64` words per bitset.
    words: usize,
    always: Vec<u64>,
    first_pass: Vec<u64>,
    /// The rules each word set anchors, as the `(word, bits)` of their
    /// bitset that are not 0, set after set (most sets anchor a rule or
    /// two: one word each, where the whole bitset is [`Self::words`]).
    by_set: Vec<(u32, u64)>,
    /// Where each set's entries start in `by_set` (`MAX_SETS + 1` offsets).
    by_set_at: Vec<u32>,
    /// Per set, its one entry of `by_set` when it has at most one (then
    /// read from here, with no offsets to load and no slice to check), else
    /// `(MANY, 0)`: [`Self::select`] reads it first.
    single: Singles,
    /// The same bitsets whole, `MAX_SETS` of them: what a test selects by.
    #[cfg(test)]
    dense: Vec<u64>,
    /// The word sets that anchor some rule.
    anchored: Mask,
    /// Per union of a sentence's slot bits ([`super::pattern::accept`], below 32), the
    /// rules whose A and B slots both accept one of them: a slot takes only
    /// an item whose bit it accepts, so no other rule can match there.
    viable: Vec<u64>,
}

impl Anchors {
    /// Index `rules` (their `first_pass` already set).
    #[must_use]
    pub fn new(rules: &[Rule], sets: &Words) -> Self {
        let words = rules.len().div_ceil(64);
        let mut a = Self {
            words,
            always: vec![0; words],
            first_pass: vec![0; words],
            by_set: Vec::new(),
            by_set_at: Vec::with_capacity(MAX_SETS + 1),
            single: Singles::default(),
            #[cfg(test)]
            dense: Vec::new(),
            anchored: Mask::default(),
            viable: vec![0; SLOT_UNIONS * words],
        };
        // The rules of each set as whole bitsets, then kept sparse.
        let mut by_set = vec![0u64; MAX_SETS * words];
        for (r, rule) in rules.iter().enumerate() {
            let (w, bit) = (r / 64, 1 << (r % 64));
            if rule.first_pass {
                a.first_pass[w] |= bit;
            }
            let accepts = |end: End| {
                rule.elements.iter().find_map(|e| match *e {
                    Element::Slot(x, accept) if x == end => Some(accept),
                    _ => None,
                })
            };
            let (Some(a_accepts), Some(b_accepts)) = (accepts(End::A), accepts(End::B)) else { continue };
            for present in 0..SLOT_UNIONS {
                // `present` is below 32.
                #[allow(clippy::cast_possible_truncation)]
                let p = present as u8;
                if p & a_accepts != 0 && p & b_accepts != 0 {
                    a.viable[present * words + w] |= bit;
                }
            }
            match anchor_of(rule, sets) {
                Some(set) => {
                    by_set[set * words + w] |= bit;
                    a.anchored[set / 64] |= 1 << (set % 64);
                }
                None => a.always[w] |= bit,
            }
        }
        let index = |n: usize| u32::try_from(n).expect("fewer than 4 billion rules");
        for (set, bitset) in by_set.chunks_exact(words.max(1)).enumerate() {
            let from = a.by_set.len();
            a.by_set_at.push(index(from));
            let nonzero = bitset.iter().enumerate().filter(|&(_, &bits)| bits != 0);
            a.by_set.extend(nonzero.map(|(w, &bits)| (index(w), bits)));
            a.single.0[set] = match a.by_set[from..] {
                [] => (0, 0),
                [one] => one,
                _ => (MANY, 0),
            };
        }
        a.by_set_at.resize(MAX_SETS + 1, index(a.by_set.len()));
        #[cfg(test)]
        {
            a.dense = by_set;
        }
        a
    }

    /// Append to `out` the rules a sentence holding the word sets `have` may match.
    fn select(&self, have: &Mask, out: &mut Vec<u64>) {
        let base = out.len();
        out.extend_from_slice(&self.always);
        let out = &mut out[base..];
        for (k, (&h, &a)) in have.iter().zip(&self.anchored).enumerate() {
            let mut bits = h & a;
            while bits != 0 {
                let set = k * 64 + bits.trailing_zeros() as usize;
                bits &= bits - 1;
                match self.single.0[set] {
                    (MANY, _) => self.select_many(set, out),
                    (w, bits) => out[w as usize] |= bits,
                }
            }
        }
    }

    /// Or onto `out` the rules of `set`, one that anchors rules of more than
    /// one word of [`Self::words`] (rare: out of line).
    #[inline(never)]
    fn select_many(&self, set: usize, out: &mut [u64]) {
        let (from, to) = (self.by_set_at[set] as usize, self.by_set_at[set + 1] as usize);
        for &(w, bits) in &self.by_set[from..to] {
            out[w as usize] |= bits;
        }
    }
}

/// [`Anchors::single`] of a set whose rules lie in more than one word.
const MANY: u32 = u32::MAX;

/// [`Anchors::single`]: one entry per word set, so that a set below
/// [`MAX_SETS`] indexes it with no bounds check.
#[derive(Debug, Clone)]
struct Singles(Box<[(u32, u64); MAX_SETS]>);

impl Default for Singles {
    fn default() -> Self {
        Self(Box::new([(0, 0); MAX_SETS]))
    }
}

/// The word set that anchors `rule`: of its required ones, the one whose
/// shortest word is longest (the last of those), none when it requires
/// none. Short words are the common ones (",", "of", "'s"): that set is
/// likely the rarest.
fn anchor_of(rule: &Rule, sets: &Words) -> Option<usize> {
    let shortest = |set: usize| sets.get(set).iter().map(String::len).min().unwrap_or(0);
    rule.elements
        .iter()
        .filter_map(|e| match *e {
            Element::Word(set, Repeat::One) => Some(set),
            _ => None,
        })
        .rev()
        .max_by_key(|&set| shortest(set))
}

/// What both passes share about each sentence (filled on first use), and
/// buffers reused from sentence to sentence and document to document.
#[derive(Default)]
pub(super) struct Scratch {
    /// Per sentence: where its items' entries start in `after`
    /// ([`u32::MAX`] until looked up; only sentences with two names are),
    /// and where its rules start in `runnable`.
    at: Vec<(u32, u32)>,
    /// The word sets each item of the looked-up sentences and the items
    /// after it in its sentence hold.
    after: Vec<Mask>,
    /// Per looked-up sentence, the rules it selects whose needs it meets, as
    /// a bitset ([`Anchors::words`] words): found once, the second pass
    /// tests no rule's needs again.
    runnable: Vec<u64>,
    /// Per sentence: where the first pass's relations of it lie in that
    /// pass's output.
    read: Vec<Range<u32>>,
    /// The current sentence's items that name an entity, with their slot bits.
    names: Vec<(usize, u8)>,
    /// The slot bit of each of the current sentence's items ([`Sent::bits`]).
    bits: Vec<u8>,
    /// The role labels filled in so far (both passes read the same titles).
    labels: RoleLabels,
}

impl Scratch {
    /// Empty, for a document of `items` items in `sentences` sentences
    /// (room for all is reserved, not filled: growing would copy).
    pub(super) fn reset(&mut self, items: usize, sentences: usize) {
        let Self { at, after, runnable, read, names, labels, .. } = self;
        at.clear();
        at.resize(sentences, (u32::MAX, 0));
        read.clear();
        read.resize(sentences, 0..0);
        runnable.clear();
        after.clear();
        after.reserve(items);
        names.clear();
        labels.0.clear();
    }
}

/// Append, for each item of a sentence (of word ids `ids`), the union of
/// the word sets of the items from it on.
fn look_up(vocab: &Vocab, ids: &[u32], after: &mut Vec<Mask>) {
    let base = after.len();
    after.resize(base + ids.len(), Mask::default());
    let mut have = Mask::default();
    for (sets, &id) in after[base..].iter_mut().zip(ids).rev() {
        vocab.add_sets(id, &mut have);
        *sets = have;
    }
}

/// Which pass [`run`] makes.
#[derive(Clone, Copy)]
pub(super) enum Pass<'a> {
    /// The first: the role rules over names only.
    Roles,
    /// The second: every rule, once pronouns and descriptions are resolved.
    /// `first` is what the first pass read. The role rules read only a
    /// sentence's items (never the profiles), and resolving changes no
    /// item but a pronoun's or description's entity: in a sentence where
    /// none was resolved they read the same again, so their relations are
    /// copied from `first`, in the same place among the other rules' ones,
    /// instead of being matched a second time.
    All { first: &'a [Relation] },
}

/// A document's items as the rules read them ([`super::items::Items`]).
#[derive(Clone, Copy)]
pub(super) struct ItemsRef<'a> {
    /// Every item.
    pub items: &'a [Item],
    /// The range of items of each sentence.
    pub ranges: &'a [Range<usize>],
    /// The items that are no plain token.
    pub named: &'a [u32],
    /// The word id of each item.
    pub ids: &'a [u32],
}

/// Run the rules of `pass` over every sentence of `doc`, appending what
/// they read.
pub(super) fn run(
    ctx: &Ctx<'_>,
    rules: &RuleSet,
    doc: ItemsRef<'_>,
    scratch: &mut Scratch,
    pass: Pass<'_>,
    profiles: &Profiles,
    out: &mut Vec<Relation>,
) {
    let Scratch { at, after, runnable, read, names, bits, labels } = scratch;
    let vocab = &rules.vocab;
    let roles_only = matches!(pass, Pass::Roles);
    let ItemsRef { items, ranges, named, ids } = doc;
    let mut next_named = 0;
    for (sentence, range) in ranges.iter().enumerate() {
        let sentence_items = &items[range.clone()];
        let first_named = next_named;
        while named.get(next_named).is_some_and(|&i| (i as usize) < range.end) {
            next_named += 1;
        }
        let named = &named[first_named..next_named];
        if named.len() < 2 {
            continue;
        }
        names.clear();
        // A name that is no mention is a resolved pronoun or description.
        let mut resolved = false;
        let mut present = 0;
        for &i in named {
            if let Some((bit, mention)) = ctx.slot_of(&items[i as usize]) {
                names.push((i as usize - range.start, bit));
                present |= bit;
                resolved |= !mention;
            }
        }
        if names.len() < 2 {
            continue;
        }
        if at[sentence].0 == u32::MAX {
            let index = |n: usize| u32::try_from(n).expect("fewer than 4 billion entries");
            at[sentence] = (index(after.len()), index(runnable.len()));
            look_up(vocab, &ids[range.clone()], after);
            let tokens = sentence_items[0].tokens.start..sentence_items[sentence_items.len() - 1].tokens.end;
            let first_title = ctx.titles.partition_point(|h| h.tokens.start < tokens.start);
            let has_title = ctx.titles.get(first_title).is_some_and(|h| h.tokens.start < tokens.end);
            let have = &after[at[sentence].0 as usize];
            let base = runnable.len();
            rules.anchors.select(have, runnable);
            // When every name is a mention, both passes see the same names:
            // the rules they cannot match are left out here, before their needs
            // are tested (else pronouns resolved later may make them viable).
            let fixed = names.len() == named.len() && !resolved;
            let viable = &rules.anchors.viable[usize::from(present) * rules.anchors.words..][..rules.anchors.words];
            for (w, (word, &viable)) in runnable[base..].iter_mut().zip(viable).enumerate() {
                if fixed {
                    *word &= viable;
                }
                let mut bits = *word;
                while bits != 0 {
                    let bit = bits & bits.wrapping_neg();
                    bits &= bits - 1;
                    let needs = &rules.rules[w * 64 + bit.trailing_zeros() as usize].needs;
                    if !(needs.met_by(have) && (!needs.title || has_title)) {
                        *word &= !bit;
                    }
                }
            }
        }
        let words = rules.anchors.words;
        let selected = &runnable[at[sentence].1 as usize..][..words];
        let viable = &rules.anchors.viable[usize::from(present) * words..][..words];
        // With no rule to run (most sentences of the first pass), nothing is
        // read, and nothing was in the first pass when none is run here.
        let to_run = |((&word, &first_pass), &viable): ((&u64, &u64), &u64)| {
            word & viable & if roles_only { first_pass } else { u64::MAX } != 0
        };
        if !selected.iter().zip(&rules.anchors.first_pass).zip(viable).any(to_run) {
            continue;
        }
        let own = at[sentence].0 as usize..at[sentence].0 as usize + sentence_items.len();
        bits.clear();
        bits.resize(sentence_items.len(), 0);
        for &(k, bit) in names.iter() {
            bits[k] = bit;
        }
        let (s, after) = (Sent { items: sentence_items, ids: &ids[range.clone()], bits }, &after[own]);
        // The first pass's relations of this sentence, when they can be reused
        // (in rule order: each rule's are copied where the rule would run).
        let reuse = match pass {
            Pass::All { first } if !resolved => Some(first),
            _ => None,
        };
        let mut next = read[sentence].start as usize;
        let read_from = out.len();
        for (w, ((&word, &first_pass), &viable)) in
            selected.iter().zip(&rules.anchors.first_pass).zip(viable).enumerate()
        {
            // A rule that cannot match here read nothing in the first pass
            // either (the names are the same when none was resolved): none
            // of its relations is passed over.
            let word = word & viable;
            let mut bits = if roles_only { word & first_pass } else { word };
            while bits != 0 {
                let rule = &rules.rules[w * 64 + bits.trailing_zeros() as usize];
                bits &= bits - 1;
                if let Some(reuse) = reuse.filter(|_| rule.first_pass) {
                    let end = read[sentence].end as usize;
                    while next < end && Arc::ptr_eq(&reuse[next].rule, &rule.id) {
                        out.push(reuse[next].clone());
                        next += 1;
                    }
                } else {
                    try_rule(ctx, rule, s, after, sentence, names, profiles, labels, out);
                }
            }
        }
        if roles_only {
            let index = |n: usize| u32::try_from(n).expect("fewer than 4 billion relations");
            read[sentence] = index(read_from)..index(out.len());
        }
    }
}

/// How a pattern opens: where [`try_rule`] starts it. Found once per rule
/// ([`Opening::of`]): every sentence a rule is tried in asked it anew.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opening {
    /// A slot accepting `accept`; `next` is the set of a required word right
    /// after it, `other` what the pattern's other slot accepts.
    Slot { accept: u8, next: Option<usize>, other: Option<u8> },
    /// A required word of this set.
    Word(usize),
    /// A title.
    Title,
    /// Anything else: tried from every item.
    Any,
}

impl Opening {
    /// How `elements` open.
    pub(super) fn of(elements: &[Element]) -> Self {
        match elements.first() {
            Some(&Element::Slot(_, accept)) => Self::Slot {
                accept,
                next: match elements.get(1) {
                    Some(&Element::Word(set, Repeat::One)) => Some(set),
                    _ => None,
                },
                other: elements[1..].iter().find_map(|e| match *e {
                    Element::Slot(_, accept) => Some(accept),
                    _ => None,
                }),
            },
            Some(&Element::Word(set, Repeat::One)) => Self::Word(set),
            Some(Element::Title) => Self::Title,
            _ => Self::Any,
        }
    }
}

/// Try `rule` in sentence `s` from every item its pattern can open with
/// and that has all the rule's word sets at or after it (`after`, per
/// item): a match never moves backwards. Once an item lacks them, every
/// later one does too (what lies after it lies after them), so the search
/// stops there.
#[allow(clippy::too_many_arguments)]
fn try_rule(
    ctx: &Ctx<'_>,
    rule: &Rule,
    s: Sent<'_>,
    after: &[Mask],
    sentence: usize,
    names: &[(usize, u8)],
    profiles: &Profiles,
    labels: &mut RoleLabels,
    out: &mut Vec<Relation>,
) {
    let vocab = ctx.vocab;
    if rule.options.frame {
        try_frame(ctx, rule, s, sentence, names, profiles, labels, out);
        return;
    }
    let holds_from = |k: usize| rule.needs.met_by(after.get(k).unwrap_or(&Mask::default()));
    let mut try_at = |start: usize| {
        if let Some(cap) = match_at(ctx, &rule.elements, s, start, Capture::default()) {
            emit(ctx, rule, s, sentence, cap, profiles, labels, out);
        }
    };
    // A pattern opening with a slot matches from the name itself (a start on
    // a "the" or title before it gives the same match again).
    match rule.opening {
        // …and the word right after the name, when the pattern names one
        // (`next`). The pattern's other slot (`other`) takes a name after
        // this one: past the last name it accepts, no start can match.
        Opening::Slot { accept, next, other } => {
            let end = other.map_or(usize::MAX, |other| {
                names.iter().rev().find(|&&(_, bit)| other & bit != 0).map_or(0, |&(j, _)| j)
            });
            for &(k, slot_bit) in names.iter().take_while(|&&(k, _)| k < end) {
                let word_fits = || next.is_none_or(|set| s.ids.get(k + 1).is_some_and(|&id| vocab.in_set(id, set)));
                if accept & slot_bit == 0 || !word_fits() {
                    continue;
                }
                // The slot takes item `k` or one after it; the words come later.
                if !holds_from(k + 1) {
                    break;
                }
                try_at(k);
            }
        }
        Opening::Word(set) => {
            for k in (0..s.len()).filter(|&k| vocab.in_set(s.ids[k], set)) {
                if !holds_from(k) {
                    break;
                }
                try_at(k);
            }
        }
        Opening::Title => {
            // The plain tokens a title starts at, found from the sentence's few
            // titles (sorted, one per first token) rather than by looking up
            // every item among the document's titles.
            let (first, end) = (s.items[0].tokens.start, s.items[s.len() - 1].tokens.end);
            let from = ctx.titles.partition_point(|h| h.tokens.start < first);
            for hit in ctx.titles[from..].iter().take_while(|h| h.tokens.start < end) {
                let k = s.items.partition_point(|it| it.tokens.start < hit.tokens.start);
                let titled =
                    s.items.get(k).is_some_and(|it| it.kind == ItemKind::Token && it.tokens.start == hit.tokens.start);
                if !titled {
                    continue;
                }
                if !holds_from(k) {
                    break;
                }
                try_at(k);
            }
        }
        Opening::Any => (0..s.len()).take_while(|&k| holds_from(k)).for_each(&mut try_at),
    }
}

/// A frame rule: its pattern but the last slot opens the sentence; the last
/// slot is then every fitting name of the rest of the sentence ("In Italy,"
/// scopes all of it, not only the first clause).
#[allow(clippy::too_many_arguments)]
fn try_frame(
    ctx: &Ctx<'_>,
    rule: &Rule,
    s: Sent<'_>,
    sentence: usize,
    names: &[(usize, u8)],
    profiles: &Profiles,
    labels: &mut RoleLabels,
    out: &mut Vec<Relation>,
) {
    let Some((&Element::Slot(_, accept), opening)) = rule.elements.split_last() else { return };
    let Some(cap) = match_at(ctx, opening, s, 0, Capture::default()) else { return };
    for &(k, _) in names.iter().filter(|&&(k, bit)| k >= cap.end && accept & bit != 0) {
        emit(ctx, rule, s, sentence, Capture { a: k, end: k + 1, ..cap }, profiles, labels, out);
    }
}

#[cfg(test)]
mod tests {
    use super::super::pattern::accept;
    use super::*;

    /// Each rule keeps how its pattern opens: a slot (with the word after
    /// it and the other slot's types), a required word, a title, or else.
    #[test]
    fn rules_keep_how_their_patterns_open() {
        let rules = "x/1\tA:per met B:cou\tmeet\tsymmetric\t\t-\tAna Brel met France.\tAna Brel > meet > France\n\
                     x/2\tA *2 B\tmeet\tsymmetric\t\t-\tAna Brel, x NATO.\tAna Brel > meet > NATO\n\
                     x/3\twith A , B met\tmeet\tsymmetric\t\t-\twith Ana Brel, NATO met.\tAna Brel > meet > NATO\n\
                     x/4\t<title> A of B\tmeet\tsymmetric\t\t-\tPresident Ana Brel of France.\tAna Brel > meet > France\n\
                     x/5\tmet? A B\tmeet\tsymmetric\t\t-\tmet Ana Brel France.\tAna Brel > meet > France\n";
        let set = RuleSet::parse(("r.tsv", rules), super::super::CATEGORIES_FILE, &[]).unwrap();
        let openings: Vec<Opening> = set.rules.iter().map(|r| r.opening).collect();
        let Element::Word(met, _) = set.rules[0].elements[1] else { panic!("a word") };
        let Element::Word(with, _) = set.rules[2].elements[0] else { panic!("a word") };
        assert_eq!(openings[0], Opening::Slot { accept: accept::PER, next: Some(met), other: Some(accept::COU) });
        assert_eq!(openings[1], Opening::Slot { accept: accept::ANY, next: None, other: Some(accept::ANY) });
        assert_eq!(openings[2], Opening::Word(with));
        assert_eq!(openings[3], Opening::Title);
        assert_eq!(openings[4], Opening::Any);
        assert!(set.rules.iter().all(|r| r.opening == Opening::of(&r.elements)));
    }

    /// [`Anchors::select`], reading each set's rules sparse, picks what
    /// or-ing the whole bitsets of the sentence's anchoring sets onto the
    /// rules with no anchor picks: on the word sets of every sentence of
    /// the sample article and of varied text, and on none, each set alone
    /// and all of them.
    #[test]
    fn sparse_selection_is_the_dense_one() {
        let rules = RuleSet::embedded();
        let (vocab, anchors) = (&rules.vocab, &rules.anchors);
        let article = include_str!("../../data/samples/putin-moscow-invitation.txt");
        let varied = "He said the talks, which NATO’s chief led, did not go well; “never” — and Merkel met \
                      Macron in Paris (France) or with Xi: no. She thanked him, accused Lavrov of lying and \
                      invited Modi to visit Beijing after the Russian president’s call with the prime minister.";
        let mut haves = vec![Mask::default(), [u64::MAX; 4]];
        haves.extend((0..MAX_SETS).map(|set| {
            let mut have = Mask::default();
            have[set / 64] |= 1 << (set % 64);
            have
        }));
        for text in [article, varied] {
            let mut tokens = Vec::new();
            crate::text::tokenize(text, &mut tokens);
            for sentence in tokens.split(|t| t.span.of(text) == ".") {
                let mut have = Mask::default();
                for t in sentence {
                    vocab.add_sets(vocab.id_of(t.span.of(text)), &mut have);
                }
                haves.push(have);
            }
        }
        let words = anchors.words;
        let mut anchored_sets = 0;
        for have in &haves {
            let mut out = vec![7];
            anchors.select(have, &mut out);
            let mut want = anchors.always.clone();
            for set in (0..MAX_SETS).filter(|&set| (have[set / 64] & anchors.anchored[set / 64]) >> (set % 64) & 1 != 0)
            {
                for (o, r) in want.iter_mut().zip(&anchors.dense[set * words..][..words]) {
                    *o |= r;
                }
                anchored_sets += 1;
            }
            assert_eq!(out[1..], want[..]);
        }
        assert!(anchored_sets > haves.len(), "{anchored_sets}");
    }

    /// A rule is viable only where both its slots accept a bit of the
    /// sentence's names (a slot takes no other item): on a sentence of a
    /// person and an organisation, a rule between a person and a country
    /// is not tried.
    #[test]
    fn a_rule_is_viable_where_both_slots_accept_a_name_present() {
        let rules = "x/1\tA:per met B:cou\tmeet\tsymmetric\t\t-\tAna Brel met France.\tAna Brel > meet > France\n\
                     x/2\tA met B\tmeet\tsymmetric\t\t-\tAna Brel met NATO.\tAna Brel > meet > NATO\n";
        let set = RuleSet::parse(("r.tsv", rules), super::super::CATEGORIES_FILE, &[]).unwrap();
        let viable =
            |present: u8, rule: usize| set.anchors.viable[usize::from(present) * set.anchors.words] & 1 << rule != 0;
        assert!(!viable(accept::PER | accept::ORG, 0));
        assert!(viable(accept::PER | accept::ORG, 1));
        assert!(viable(accept::PER | accept::COU, 0));
        assert!(!viable(accept::PER, 0));
        assert!(viable(accept::PER, 1));
        assert!(!viable(accept::DEM | accept::POSS, 1));
    }
}
