//! Running compiled patterns over a sentence's items.
//!
//! A small backtracking matcher: patterns are short (under a dozen
//! elements) and sentences a few dozen items, so trying every rule at every
//! slot-like start costs little and needs no allocation per token. Lists
//! ("Putin, Xi and Kim") are expanded after a match, from the slot at the
//! pattern's start backwards and from the slot at its end forwards.

use super::items::{title_at, Item, ItemKind, TitleHit};
use super::pattern::{accepts, word_eq, Element, End, Repeat, Words};
use crate::entities::{Entity, EntityType};
use crate::lexicon::{bits, Lexicon};
use crate::mentions::Mention;
use crate::text::Token;

/// Everything a match reads.
pub struct Ctx<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its mentions.
    pub mentions: &'a [Mention],
    /// Its entities.
    pub entities: &'a [Entity],
    /// Titles in the text.
    pub titles: &'a [TitleHit],
    /// The lexicon.
    pub lexicon: &'a Lexicon,
    /// The word sets of the rules.
    pub words: &'a Words,
    /// Nouns after a name that make it a modifier ("the Trump administration").
    pub modifiers: &'a [String],
    /// Words a slot skips before its name ("the", "opposition").
    pub slot_skip: &'a [String],
}

impl Ctx<'_> {
    fn word(&self, item: &Item) -> Option<&str> {
        (item.kind == ItemKind::Token).then(|| self.tokens[item.tokens.start].span.of(self.text))
    }

    fn is_word(&self, item: &Item, w: &str) -> bool {
        self.word(item).is_some_and(|x| word_eq(x, w))
    }

    fn in_list(&self, item: &Item, list: &[String]) -> bool {
        self.word(item).is_some_and(|x| list.iter().any(|w| word_eq(x, w)))
    }

    fn in_set(&self, item: &Item, set: usize) -> bool {
        self.word(item).is_some_and(|x| self.words.get(set).iter().any(|w| word_eq(x, w)))
    }

    fn slot_fits(&self, item: &Item, accept: u8) -> bool {
        let Some(entity) = item.entity() else { return false };
        let possessive = matches!(item.kind, ItemKind::Pronoun { possessive: true, .. });
        let span = item.mention().map(|m| self.mentions[m].span_type);
        accepts(accept, self.entities[entity].entity_type, span, possessive)
    }
}

/// What a match captured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Capture {
    /// Item of the A slot.
    pub a: usize,
    /// Item of the B slot.
    pub b: usize,
    /// The title matched by `<title>`, if any.
    pub title: Option<u32>,
    /// A negation word was passed ("did not meet").
    pub negated: bool,
    /// Item index one past the match.
    pub end: usize,
}

const NEGATORS: &[&str] = &["not", "n't", "'t", "never", "no", "neither", "nor"];
const CLAUSE_PUNCT: &[&str] = &[".", ";", ":", "(", ")", "?", "!", ",", "—", "–"];

fn note_negation(ctx: &Ctx<'_>, item: &Item, cap: &mut Capture) {
    if let Some(w) = ctx.word(item) {
        if NEGATORS.iter().any(|n| word_eq(w, n)) {
            cap.negated = true;
        }
    }
}

/// Try `elements` at item `i` (items of one sentence: `items[..end]`).
#[must_use]
pub fn match_at(ctx: &Ctx<'_>, elements: &[Element], items: &[Item], i: usize, cap: Capture) -> Option<Capture> {
    let Some((element, rest)) = elements.split_first() else {
        return Some(Capture { end: i, ..cap });
    };
    match *element {
        Element::Slot(end, accept) => {
            let mut j = i;
            while j < i + 3 && items.get(j).is_some_and(|it| ctx.is_word(it, "the") || ctx.in_list(it, ctx.slot_skip)) {
                j += 1;
            }
            if let Some(t) = items.get(j).filter(|it| it.kind == ItemKind::Token) {
                if let Some(hit) = title_at(ctx.titles, t.tokens.start) {
                    let mut k = j;
                    while items.get(k).is_some_and(|it| it.kind == ItemKind::Token && it.tokens.start < hit.tokens.end)
                    {
                        k += 1;
                    }
                    if items.get(k).is_some_and(|it| it.tokens.start == hit.tokens.end) {
                        j = k;
                    }
                }
            }
            let item = items.get(j)?;
            if !ctx.slot_fits(item, accept) {
                return None;
            }
            // At the end of a pattern, a name followed by a role noun or a
            // modifier noun is not the party: "spoke with the Kremlin leader",
            // "praised the Trump administration".
            if rest.is_empty() && items.get(j + 1).is_some_and(|n| is_modified_by(ctx, n)) {
                return None;
            }
            let mut next = cap;
            match end {
                End::A => next.a = j,
                End::B => next.b = j,
            }
            match_at(ctx, rest, items, j + 1, next)
        }
        Element::Word(set, repeat) => {
            let max = match repeat {
                Repeat::One | Repeat::Optional => 1,
                Repeat::Many => 4,
            };
            let mut taken = 0;
            let mut state = cap;
            let mut options = [(i, cap); 5];
            while taken < max && items.get(i + taken).is_some_and(|it| ctx.in_set(it, set)) {
                note_negation(ctx, &items[i + taken], &mut state);
                taken += 1;
                options[taken] = (i + taken, state);
            }
            let min = usize::from(repeat == Repeat::One);
            (min..=taken).rev().find_map(|n| match_at(ctx, rest, items, options[n].0, options[n].1))
        }
        Element::Title => {
            let first = items.get(i).filter(|it| it.kind == ItemKind::Token)?;
            let hit = title_at(ctx.titles, first.tokens.start)?;
            if ctx.lexicon.titles[hit.title as usize].role.is_empty() {
                return None;
            }
            let mut k = i;
            while items.get(k).is_some_and(|it| it.kind == ItemKind::Token && it.tokens.start < hit.tokens.end) {
                k += 1;
            }
            if items.get(k).is_some_and(|it| it.tokens.start < hit.tokens.end) {
                return None;
            }
            // A title that ends the pattern but precedes a name is that name's
            // title: "Zambia's President Kenneth Kaunda" is no apposition.
            if rest.is_empty() && items.get(k).and_then(Item::entity).is_some() {
                return None;
            }
            match_at(ctx, rest, items, k, Capture { title: Some(hit.title), ..cap })
        }
        Element::Cue => {
            let w = ctx.word(items.get(i)?)?;
            (ctx.lexicon.word_bits(w) & bits::ORG_CUE != 0).then_some(())?;
            match_at(ctx, rest, items, i + 1, cap)
        }
        Element::Aside => {
            if let Some(found) = match_at(ctx, rest, items, i, cap) {
                return Some(found);
            }
            if !items.get(i).is_some_and(|it| ctx.is_word(it, "(")) {
                return None;
            }
            let close = (i + 1..items.len().min(i + 10)).find(|&k| ctx.is_word(&items[k], ")"))?;
            match_at(ctx, rest, items, close + 1, cap)
        }
        Element::Gap(n) => {
            let mut state = cap;
            for skip in 0..=n {
                if let Some(found) = match_at(ctx, rest, items, i + skip, state) {
                    return Some(found);
                }
                let item = items.get(i + skip)?;
                let plain = ctx.word(item).is_some_and(|w| !CLAUSE_PUNCT.contains(&w));
                if !plain {
                    return None;
                }
                note_negation(ctx, item, &mut state);
            }
            None
        }
    }
}

fn is_modified_by(ctx: &Ctx<'_>, next: &Item) -> bool {
    let Some(w) = ctx.word(next) else { return false };
    ctx.modifiers.iter().any(|m| word_eq(w, m))
        || (w.starts_with(char::is_lowercase) && title_at(ctx.titles, next.tokens.start).is_some())
}

fn is_separator(ctx: &Ctx<'_>, item: &Item) -> Option<bool> {
    let w = ctx.word(item)?;
    if w == "," || w == ";" {
        Some(false)
    } else if word_eq(w, "and") || word_eq(w, "or") || w == "&" {
        Some(true)
    } else {
        None
    }
}

fn same_kind(ctx: &Ctx<'_>, a: &Item, b: &Item) -> bool {
    match (a.entity(), b.entity()) {
        (Some(x), Some(y)) => {
            let (tx, ty) = (ctx.entities[x].entity_type, ctx.entities[y].entity_type);
            tx == ty && tx != EntityType::Location
        }
        _ => false,
    }
}

/// The members of a coordinated list that ends (`forward == false`) or
/// starts at item `at`, in text order, `at` included. A list needs an
/// "and"/"or" at its far end, so "Xi, China's leader" is no list, unless
/// the pattern itself holds the "and" (`need_and == false`).
#[must_use]
pub fn expand(ctx: &Ctx<'_>, items: &[Item], at: usize, forward: bool, need_and: bool) -> Vec<usize> {
    let mut members = vec![at];
    let mut confirmed = 1;
    let mut saw_and = !need_and;
    let mut cur = at;
    loop {
        let mut j = cur;
        let mut seps = 0;
        let mut has_and = false;
        loop {
            let next = if forward { j.checked_add(1) } else { j.checked_sub(1) };
            let Some(next) = next.filter(|&n| n < items.len()) else { break };
            match is_separator(ctx, &items[next]) {
                Some(and) if seps < 2 => {
                    seps += 1;
                    has_and |= and;
                    j = next;
                }
                _ => break,
            }
        }
        if seps == 0 {
            break;
        }
        let mut k = if forward { j + 1 } else { j.wrapping_sub(1) };
        if k < items.len() && ctx.is_word(&items[k], "the") {
            k = if forward { k + 1 } else { k.wrapping_sub(1) };
        }
        if k >= items.len() || !same_kind(ctx, &items[k], &items[at]) {
            break;
        }
        members.push(k);
        cur = k;
        if forward {
            if has_and || !need_and {
                confirmed = members.len();
            }
        } else {
            if members.len() == 2 {
                saw_and |= has_and;
            }
            if saw_and {
                confirmed = members.len();
            }
        }
    }
    members.truncate(confirmed);
    members.sort_unstable();
    members
}
