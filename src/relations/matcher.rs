//! Running compiled patterns over a sentence's items.
//!
//! A small backtracking matcher: patterns are short (under a dozen
//! elements) and sentences a few dozen items. Words are compared as the
//! integer ids of [`super::index::Vocab`], and [`super::index`] decides which
//! rules are tried where, so a match allocates nothing. Lists
//! ("Putin, Xi and Kim") are expanded after a match, from the slot at the
//! pattern's start backwards and from the slot at its end forwards.

use super::index::{flag, Vocab};
use super::items::{title_at, Item, ItemKind, TitleHit};
use super::pattern::{accept, accept_bit, Element, End, Repeat};
use crate::entities::{Entity, EntityType};
use crate::lexicon::{bits, Lexicon};
use crate::mentions::{Mention, SpanType};
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
    /// The rules' words.
    pub vocab: &'a Vocab,
}

/// One sentence: its items and their word ids ([`super::index::Vocab::id_of`]).
#[derive(Clone, Copy)]
pub struct Sent<'a> {
    /// The items.
    pub items: &'a [Item],
    /// The word id of each item.
    pub ids: &'a [u32],
    /// The `Ctx::slot_bit` of each item, found once per sentence and pass
    /// (a slot, a list and a role noun before a name all ask for it).
    pub bits: &'a [u8],
}

impl Sent<'_> {
    /// The slot bit of item `i`, 0 past the end.
    fn bit(&self, i: usize) -> u8 {
        self.bits.get(i).copied().unwrap_or(0)
    }

    /// Number of items.
    #[must_use]
    pub const fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are no items.
    #[must_use]
    pub const fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Ctx<'_> {
    fn word(&self, item: &Item) -> Option<&str> {
        (item.kind == ItemKind::Token).then(|| self.tokens[item.tokens.start].span.of(self.text))
    }

    /// True when item `i` of `s` exists and its word has flag `f`.
    fn flag(&self, s: Sent<'_>, i: usize, f: u16) -> bool {
        s.ids.get(i).is_some_and(|&id| self.vocab.has(id, f))
    }

    /// The [`accept_bit`] of an item that stands for an entity, and whether
    /// it is a mention (not a resolved pronoun or description); `None` when
    /// it stands for none. See [`slot_of`].
    pub(super) fn slot_of(&self, item: &Item) -> Option<(u8, bool)> {
        slot_of(item.kind, |e| self.entities[e].entity_type, |m| self.mentions[m].span_type)
    }
}

/// [`Ctx::slot_of`] of an item of this kind, given the entities' types and
/// the mentions' span types: read with one `match` on the kind, where
/// asking [`Item::entity`], then [`Item::mention`] and whether it is a
/// possessive pronoun matched it three times (twice through a jump table)
/// for every name of every sentence, in both passes.
#[inline]
fn slot_of(
    kind: ItemKind,
    entity_type: impl Fn(usize) -> EntityType,
    span_type: impl Fn(usize) -> SpanType,
) -> Option<(u8, bool)> {
    match kind {
        ItemKind::Mention { mention, entity } => {
            Some((accept_bit(entity_type(entity), Some(span_type(mention)), false), true))
        }
        ItemKind::Pronoun { possessive, entity: Some(entity) } => {
            Some((accept_bit(entity_type(entity), None, possessive), false))
        }
        ItemKind::Description { entity: Some(entity), .. } => {
            Some((accept_bit(entity_type(entity), None, false), false))
        }
        ItemKind::Token | ItemKind::Pronoun { entity: None, .. } | ItemKind::Description { entity: None, .. } => None,
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
    /// The A (bit 0) or B (bit 1) slot read past a party before its name
    /// (`party_before_name`); its list may do the same.
    pub past_party: u8,
}

/// Try `elements` at item `i` (items of one sentence: `items[..end]`).
#[must_use]
pub fn match_at(
    ctx: &Ctx<'_>,
    mut elements: &[Element],
    s: Sent<'_>,
    mut i: usize,
    mut cap: Capture,
) -> Option<Capture> {
    // Required words, the most common elements, are matched here one after
    // the other, not by a call each (what the `Word` arm below and
    // `continue_at` would do for them).
    while let Some((&Element::Word(set, Repeat::One), rest)) = elements.split_first() {
        if !s.ids.get(i).is_some_and(|&id| ctx.vocab.in_set(id, set)) {
            return None;
        }
        cap.negated |= ctx.flag(s, i, flag::NEG);
        // As in the `Word` arm: a role noun ending the pattern before a person's name.
        if rest.is_empty() && ctx.flag(s, i, flag::PARTY_ROLE) && s.bit(i + 1) & accept::PER != 0 {
            return None;
        }
        i += 1;
        elements = past_absent(ctx, rest, s, i);
    }
    let items = s.items;
    let Some((element, rest)) = elements.split_first() else {
        return Some(Capture { end: i, ..cap });
    };
    match *element {
        Element::Slot(end, accept) => {
            let mut j = i;
            while j < i + 3 && ctx.flag(s, j, flag::THE | flag::SKIP) {
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
            // "the Green Union candidate Ana Brel": a slot for a person takes the
            // person; any other slot is not the party of a person's name.
            let before_name = party_before_name(ctx, s, j);
            let past_party = before_name > 0 && accept & accept::PER != 0;
            if past_party {
                j += before_name;
            }
            if accept & s.bits.get(j)? == 0 {
                return None;
            }
            // At the end of a pattern, a name followed by a role noun or a
            // modifier noun is not the party: "spoke with the Kremlin leader",
            // "praised the Trump administration". Nor is a party written
            // before a person's name: "Gibson, leader of the Green Union Tomas
            // Lindqvist" (Lindqvist leads it).
            if rest.is_empty() && (is_modified_by(ctx, s, j + 1) || before_name > 0 && !past_party) {
                return None;
            }
            let mut next = cap;
            match end {
                End::A => next.a = j,
                End::B => next.b = j,
            }
            next.past_party |= u8::from(past_party) << u8::from(end == End::B);
            let found = continue_at(ctx, rest, s, j + 1, next);
            if found.is_some() || !matches!(rest.first(), Some(Element::Word(..) | Element::Gap(_))) {
                return found;
            }
            let k = past_modifier(ctx, s, j)?;
            continue_at(ctx, rest, s, k, next)
        }
        Element::Word(set, repeat) => {
            let max = match repeat {
                Repeat::One | Repeat::Optional => 1,
                Repeat::Many => 4,
            };
            // Bit n of `negs`: a negation among the first n words (or before).
            let (mut taken, mut negated) = (0, cap.negated);
            let mut negs = u8::from(negated);
            while taken < max && s.ids.get(i + taken).is_some_and(|&id| ctx.vocab.in_set(id, set)) {
                negated |= ctx.flag(s, i + taken, flag::NEG);
                taken += 1;
                negs |= u8::from(negated) << taken;
            }
            // A role noun that ends the pattern but precedes a name is that
            // name's role: "Lindqvist, the Green Union candidate Ana Brel" is
            // no apposition.
            if rest.is_empty()
                && taken > 0
                && ctx.flag(s, i + taken - 1, flag::PARTY_ROLE)
                && s.bit(i + taken) & accept::PER != 0
            {
                return None;
            }
            let min = usize::from(repeat == Repeat::One);
            (min..=taken)
                .rev()
                .find_map(|n| continue_at(ctx, rest, s, i + n, Capture { negated: negs >> n & 1 != 0, ..cap }))
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
            // title: "Kenya's President Daniel arap Moi" is no apposition.
            if rest.is_empty() && items.get(k).and_then(Item::entity).is_some() {
                return None;
            }
            continue_at(ctx, rest, s, k, Capture { title: Some(hit.title), ..cap })
        }
        Element::Cue => {
            let w = ctx.word(items.get(i)?)?;
            (ctx.lexicon.word_bits(w) & bits::ORG_CUE != 0).then_some(())?;
            continue_at(ctx, rest, s, i + 1, cap)
        }
        Element::Aside => {
            if let Some(found) = continue_at(ctx, rest, s, i, cap) {
                return Some(found);
            }
            if !ctx.flag(s, i, flag::OPEN) {
                return None;
            }
            let close = (i + 1..items.len().min(i + 10)).find(|&k| ctx.flag(s, k, flag::CLOSE))?;
            continue_at(ctx, rest, s, close + 1, cap)
        }
        Element::Gap(n) => {
            let mut state = cap;
            for skip in 0..=n {
                if let Some(found) = continue_at(ctx, rest, s, i + skip, state) {
                    return Some(found);
                }
                let item = items.get(i + skip)?;
                let plain = item.kind == ItemKind::Token && !ctx.flag(s, i + skip, flag::CLAUSE);
                if !plain {
                    return None;
                }
                state.negated |= ctx.flag(s, i + skip, flag::NEG);
            }
            None
        }
    }
}

/// [`match_at`], but answered without the call when `elements` open with a
/// required word that item `i` is not: the way most tries fail (the
/// verb is not there), and what `match_at` would answer too. Optional and
/// repeated words that item `i` is not are passed over first ("A @aux*
/// met B" with no auxiliary), as `match_at` would, without a call each.
#[inline]
fn continue_at(ctx: &Ctx<'_>, elements: &[Element], s: Sent<'_>, i: usize, cap: Capture) -> Option<Capture> {
    let elements = past_absent(ctx, elements, s, i);
    if let Some(&Element::Word(set, Repeat::One)) = elements.first() {
        if !s.ids.get(i).is_some_and(|&id| ctx.vocab.in_set(id, set)) {
            return None;
        }
    }
    match_at(ctx, elements, s, i, cap)
}

/// `elements` past the optional and repeated words they open with that
/// item `i` is not (each matches no word there, as [`match_at`] would find).
#[inline]
fn past_absent<'e>(ctx: &Ctx<'_>, mut elements: &'e [Element], s: Sent<'_>, i: usize) -> &'e [Element] {
    while let Some((&Element::Word(set, Repeat::Optional | Repeat::Many), rest)) = elements.split_first() {
        if s.ids.get(i).is_some_and(|&id| ctx.vocab.in_set(id, set)) {
            break;
        }
        elements = rest;
    }
    elements
}

/// Where a pattern goes on after the name at item `j` when a modifier of the name stands between it and the
/// pattern's next word: a relative clause ("Quiroga, who stood against
/// Lindqvist", "the Harbour Council (HC), which was founded by …"), a
/// leader ("the Farmers League led by Ana Brel defeated …"), or the
/// name being an apposition itself ("the party's nominee, Senator Ivo
/// Sand, defeated …").
#[inline]
fn past_modifier(ctx: &Ctx<'_>, s: Sent<'_>, j: usize) -> Option<usize> {
    // Most names are followed by none of these: answered here, without a call.
    if !ctx.flag(s, j + 1, flag::COMMA | flag::OPEN | flag::RELATIVE | flag::LED) {
        return None;
    }
    past_modifier_read(ctx, s, j)
}

/// [`past_modifier`] when item `j + 1` may open a modifier.
#[inline(never)]
fn past_modifier_read(ctx: &Ctx<'_>, s: Sent<'_>, j: usize) -> Option<usize> {
    let word = |k: usize| s.items.get(k).and_then(|item| ctx.word(item));
    let led = || {
        ctx.flag(s, j + 1, flag::LED)
            && matches!(word(j + 1), Some("led" | "headed" | "chaired"))
            && word(j + 2) == Some("by")
    };
    if !ctx.flag(s, j + 1, flag::COMMA | flag::OPEN | flag::RELATIVE) && !led() {
        return None;
    }
    let k = skip_aside(ctx, s, j, true) + 1;
    let k = if ctx.flag(s, k, flag::COMMA) || ctx.flag(s, k, flag::OPEN) { k + 1 } else { k };
    if ctx.flag(s, k, flag::RELATIVE) {
        return Some(k + 1);
    }
    if led() && s.bit(j + 3) & accept::PER != 0 {
        return Some(if ctx.flag(s, j + 4, flag::COMMA) { j + 5 } else { j + 4 });
    }
    let opening = opening_of(ctx, s, j);
    let apposition = opening > 0 && ctx.flag(s, opening - 1, flag::COMMA) && ctx.flag(s, j + 1, flag::COMMA);
    apposition.then_some(j + 2)
}

/// The first item of the name at item `j` with the title and the skipped
/// words before it: "former Mayor Ana Brel" opens at "former".
fn opening_of(ctx: &Ctx<'_>, s: Sent<'_>, j: usize) -> usize {
    let mut k = j;
    let Some(name) = s.items.get(j) else { return j };
    let first = ctx.titles.partition_point(|h| h.tokens.end < name.tokens.start);
    if let Some(hit) = ctx.titles[first..].iter().take(4).find(|h| h.tokens.end == name.tokens.start) {
        while k > 0 && s.items[k - 1].tokens.start >= hit.tokens.start {
            k -= 1;
        }
    }
    while k > 0 && ctx.flag(s, k - 1, flag::THE | flag::SKIP) {
        k -= 1;
    }
    k
}

/// How many items to step over when item `i` is a party written before a
/// person, with a role noun ("the Green Union candidate Tomas Lindqvist",
/// also a country) or right before the name ("to Liberal Tomas Lindqvist"):
/// the phrase names the person, the party only says which side they are
/// on. 0 when it is not.
fn party_before_name(ctx: &Ctx<'_>, s: Sent<'_>, i: usize) -> usize {
    let Some(next) = s.items.get(i + 1) else { return 0 };
    // Cheap tests first: this runs for every slot a rule tries.
    if next.kind == ItemKind::Token {
        let role = ctx.flag(s, i + 1, flag::PARTY_ROLE)
            && s.bit(i + 2) & accept::PER != 0
            && s.bit(i) & (accept::ORG | accept::COU) != 0;
        2 * usize::from(role)
    } else {
        let adjacent = s.items[i].tokens.end == next.tokens.start
            && s.bit(i + 1) & accept::PER != 0
            && s.bit(i) & accept::ORG != 0;
        usize::from(adjacent)
    }
}

/// Is item `i` a noun that makes the name before it a modifier?
fn is_modified_by(ctx: &Ctx<'_>, s: Sent<'_>, i: usize) -> bool {
    let Some(w) = s.items.get(i).and_then(|next| ctx.word(next)) else { return false };
    ctx.flag(s, i, flag::MODIFIER)
        || (w.starts_with(char::is_lowercase) && title_at(ctx.titles, s.items[i].tokens.start).is_some())
}

fn is_separator(ctx: &Ctx<'_>, s: Sent<'_>, i: usize) -> Option<bool> {
    if ctx.flag(s, i, flag::COMMA) {
        Some(false)
    } else if ctx.flag(s, i, flag::AND) {
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

/// The item ending (`forward`) or starting a bracketed aside of up to four
/// items right after (before) item `at`, or `at` when there is none.
fn skip_aside(ctx: &Ctx<'_>, s: Sent<'_>, at: usize, forward: bool) -> usize {
    let (open, close) = if forward { (flag::OPEN, flag::CLOSE) } else { (flag::CLOSE, flag::OPEN) };
    let step = |k: usize, n: usize| if forward { k.checked_add(n) } else { k.checked_sub(n) };
    let Some(first) = step(at, 1).filter(|&k| k < s.len() && ctx.flag(s, k, open)) else { return at };
    (2..6)
        .filter_map(|n| step(first, n - 1))
        .take_while(|&k| k < s.len())
        .find(|&k| ctx.flag(s, k, close))
        .unwrap_or(at)
}

/// The members of a coordinated list that ends (`forward == false`) or
/// starts at item `at`, in text order, `at` included. A list needs an
/// "and"/"or" at its far end, so "Xi, China's leader" is no list, unless
/// the pattern itself holds the "and" (`need_and == false`).
#[must_use]
pub fn expand(ctx: &Ctx<'_>, s: Sent<'_>, at: usize, forward: bool, need_and: bool, past_party: bool) -> Vec<usize> {
    let items = s.items;
    let mut members = vec![at];
    let mut confirmed = 1;
    let mut saw_and = !need_and;
    let mut cur = at;
    let step = |k: usize| if forward { k.checked_add(1) } else { k.checked_sub(1) }.filter(|&n| n < items.len());
    let the = |k: usize| step(k).filter(|&n| ctx.flag(s, n, flag::THE));
    loop {
        // Between two members, read in the list's direction: a bracketed
        // aside ("the Farmers League (FL), the Green Union (GU)"), the separators,
        // and a "the".
        let mut j = if forward { skip_aside(ctx, s, cur, true) } else { the(cur).unwrap_or(cur) };
        let mut seps = 0;
        let mut has_and = false;
        while let Some(next) = step(j).filter(|_| seps < 2) {
            let Some(and) = is_separator(ctx, s, next) else { break };
            seps += 1;
            has_and |= and;
            j = next;
        }
        if seps == 0 {
            break;
        }
        let k = if forward { the(j).map_or_else(|| step(j), step) } else { step(skip_aside(ctx, s, j, false)) };
        let Some(mut k) = k else { break };
        if past_party && forward && !same_kind(ctx, &items[k], &items[at]) {
            k += party_before_name(ctx, s, k);
        }
        if !same_kind(ctx, &items[k], &items[at]) {
            break;
        }
        members.push(k);
        cur = k;
        if forward {
            // Three names in a row of commas are a list even when its "and"
            // lies past a name the tagger split ("…, the Council for Fair
            // Rents in Ostra, and …"); two could be an apposition.
            if has_and || !need_and || members.len() >= 3 {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// [`slot_of`] gives what asking the item's entity, its mention and
    /// whether it is a possessive pronoun gives, for every kind of item,
    /// resolved or not, and every entity and span type.
    #[test]
    fn slot_of_is_the_entity_mention_and_possessive_asked_apart() {
        let entity_types = [EntityType::Person, EntityType::Country, EntityType::Organisation, EntityType::Location];
        let span_types =
            [SpanType::Person, SpanType::Country, SpanType::Organisation, SpanType::Location, SpanType::Demonym];
        let mut kinds = vec![ItemKind::Token];
        for e in 0..entity_types.len() {
            kinds.extend((0..span_types.len()).map(|m| ItemKind::Mention { mention: m, entity: e }));
            for entity in [None, Some(e)] {
                kinds.extend([false, true].map(|possessive| ItemKind::Pronoun { possessive, entity }));
                kinds.push(ItemKind::Description { country: 0, title: 0, entity });
            }
        }
        for kind in kinds {
            let item = Item { tokens: 0..1, kind };
            let plain = item.entity().map(|entity| {
                let possessive = matches!(item.kind, ItemKind::Pronoun { possessive: true, .. });
                let span = item.mention().map(|m| span_types[m]);
                (accept_bit(entity_types[entity], span, possessive), item.mention().is_some())
            });
            assert_eq!(slot_of(kind, |e| entity_types[e], |m| span_types[m]), plain, "{kind:?}");
        }
    }
}
