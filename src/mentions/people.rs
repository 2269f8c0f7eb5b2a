//! People the tagger got wrong: run into a neighbouring name, missing a
//! style, read as a place, or not a person at all.
//!
//! Political prose writes an affiliation or a constituency straight before a
//! person ("defeating Labour Party Joan Doyle", "the Governor of Ohio Mary
//! Brandt"), and a left-to-right tagger reads the whole run as one name.
//! British styles ("Sir", "Dame", "Lord", "Lady") are part of how a person is
//! named (the politics training files include them 12 times in 12), but the
//! tagger often leaves them out or, for "Lord Hambleton", reads a place. Long
//! foreign names opening with a given name are sometimes read as places; a
//! currency after an amount ("250,000 Kroner") as a person; and "a Jonah
//! Cathcart-led party" keeps its "-led".

use super::{known_as, person_referent, Context, Mention, Referent, SpanType};
use crate::lexicon::{bits, Entry};
use crate::text::TokenKind;
use std::ops::Range;

/// Styles that belong to a person's name.
const STYLES: [&str; 4] = ["Sir", "Dame", "Lord", "Lady"];

/// Bits of a word that belongs to a place or an organisation, not to a
/// person's name.
const NOT_PERSONAL: u32 = bits::COUNTRY
    | bits::CAPITAL
    | bits::LOCATION
    | bits::DEMONYM
    | bits::ORG_HEAD
    | bits::ORG_PRE
    | bits::ORGANISATION
    | bits::TITLE
    | bits::STATE_HEAD;

/// Token `i` may be part of a person's name: a capitalised word, a name
/// particle or an initial, that names no place or organisation and is no title.
fn is_name_word(ctx: &Context<'_>, i: usize) -> bool {
    let word = ctx.word(i);
    let initial = word.len() <= 2 && word.ends_with('.');
    ctx.tokens[i].kind == TokenKind::Word
        && ctx.bits(i) & NOT_PERSONAL == 0
        && (ctx.is_capitalised(i) || ctx.bits(i) & bits::PARTICLE != 0 || initial)
}

/// Where a person's name starts inside an organisation or place mention:
/// at a given name, after a word that ends an organisation's or a place's
/// name, with two or three words that could all be a person's.
fn person_tail(ctx: &Context<'_>, m: &Mention) -> Option<usize> {
    let Range { start, end } = m.tokens.clone();
    (start + 1..end.saturating_sub(1)).find(|&k| {
        let ends_name = ctx.bits(k - 1) & (bits::ORG_HEAD | bits::COUNTRY | bits::LOCATION | bits::CAPITAL) != 0;
        ends_name
            && ctx.bits(k) & bits::FIRST_NAME != 0
            && (2..=3).contains(&(end - k))
            && (k..end).all(|i| is_name_word(ctx, i))
    })
}

/// Split an organisation or place mention that ends in a person's name into
/// the two ("Labour Party | Joan Doyle").
pub fn split_trailing_people(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        let splits = matches!(m.span_type, SpanType::Organisation | SpanType::Location) && m.referent == Referent::Name;
        let Some(at) = splits.then(|| person_tail(ctx, m)).flatten() else {
            k += 1;
            continue;
        };
        let head = m.tokens.start..at;
        let tail = at..m.tokens.end;
        let person = Mention {
            span: ctx.span(&tail),
            referent: known_as(ctx, &tail, person_referent),
            tokens: tail,
            sentence: m.sentence,
            span_type: SpanType::Person,
            rule: "person/after-affiliation",
            tentative: false,
        };
        let place = ctx.hit_exact(&head).and_then(|h| {
            ctx.lexicon.entries(h.surface).iter().copied().find(|e| !matches!(e, Entry::Person(_) | Entry::Title(_)))
        });
        let m = &mut mentions[k];
        if let Some((span_type, referent, rule)) = place.and_then(|e| super::runs::from_entry(ctx, &head, e)) {
            (m.span_type, m.referent, m.rule) = (span_type, referent, rule);
        }
        m.span = ctx.span(&head);
        m.tokens = head;
        mentions.insert(k + 1, person);
        k += 2;
    }
}

/// Put a style before a person's name into the mention ("Sir Hugh Brant"),
/// and read "Lord Hambleton" as a person whatever the tagger thought.
pub fn include_styles(ctx: &Context<'_>, mentions: &mut [Mention]) {
    for k in 0..mentions.len() {
        let m = &mentions[k];
        let free_before = |i: usize| k == 0 || mentions[k - 1].tokens.end <= i;
        if m.span_type == SpanType::Person {
            let Some(style) = m.tokens.start.checked_sub(1) else { continue };
            // Every style is capitalised: the token's case bit rules out
            // most words before a name without reading them.
            let adjacent = || ctx.text[ctx.tokens[style].span.end..m.span.start] == *" ";
            if ctx.is_capitalised(style) && STYLES.contains(&ctx.word(style)) && adjacent() && free_before(style) {
                let m = &mut mentions[k];
                m.tokens.start = style;
                m.span = ctx.span(&m.tokens);
            }
            continue;
        }
        // The mention's own fields first, its words only then.
        let styled = m.referent == Referent::Name
            && m.rule.starts_with("tagger/")
            && STYLES.contains(&ctx.word(m.tokens.start))
            && (m.tokens.len() == 2 || (m.tokens.len() == 3 && ctx.bits(m.tokens.start + 1) & bits::FIRST_NAME != 0))
            && (m.tokens.start + 1..m.tokens.end).all(|i| ctx.is_capitalised(i) && is_name_word(ctx, i));
        if styled {
            let m = &mut mentions[k];
            (m.span_type, m.rule) = (SpanType::Person, "person/style");
        }
    }
}

/// Last words of place names that honour a person ("Victoria Falls",
/// "Alice Springs", "Charlotte County").
const PLACE_HEADS: [&str; 24] = [
    "City", "Falls", "Springs", "Island", "Islands", "Land", "Hills", "County", "Bay", "Beach", "Lake", "River",
    "Valley", "Park", "Heights", "Harbour", "Harbor", "Point", "Creek", "Village", "Town", "Square", "Station",
    "Bridge",
];

/// "Carmelo Lo Verde Spinato": a name the tagger read as a place, that
/// the lexicon does not know, opening with a given name and made only of
/// words a person's name may hold, is a person.
pub fn people_read_as_places(ctx: &Context<'_>, mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let Range { start, end } = m.tokens.clone();
        let personal = |i: usize| is_name_word(ctx, i) && !PLACE_HEADS.contains(&ctx.word(i));
        let person = m.rule == "tagger/location"
            && m.referent == Referent::Name
            && end - start >= 2
            && ctx.bits(start) & bits::FIRST_NAME != 0
            && (start..end).all(personal);
        if person {
            (m.span_type, m.rule) = (SpanType::Person, "person/given-name");
        }
    }
}

/// Suffixes that make a name an adjective: "a Jonah Cathcart-led party".
const HYPHEN_SUFFIXES: [&str; 10] =
    ["-led", "-backed", "-based", "-owned", "-run", "-funded", "-controlled", "-dominated", "-aligned", "-sponsored"];

/// Cut "-led" and the like from the end of a person's or an organisation's
/// name: the name is the part before the hyphen.
pub fn cut_hyphen_suffixes(ctx: &Context<'_>, mentions: &mut [Mention]) {
    for m in mentions.iter_mut().filter(|m| matches!(m.span_type, SpanType::Person | SpanType::Organisation)) {
        // Every suffix ends in "d" or "n": one byte rules out most names,
        // read before the name is sliced as a string (a char-boundary check).
        if !matches!(ctx.text.as_bytes()[m.span.start..m.span.end].last(), Some(b'd' | b'n')) {
            continue;
        }
        let surface = m.span.of(ctx.text);
        if let Some(suffix) = HYPHEN_SUFFIXES.iter().find(|s| surface.len() > s.len() + 1 && surface.ends_with(*s)) {
            m.span.end -= suffix.len();
        }
    }
}

/// "250,000 Kroner", "25 million Rand": a name right after an amount is
/// a unit or a currency, not a person.
pub fn drop_units(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| {
        // The mention first: the word before is read only for a one-word person.
        if !(m.span_type == SpanType::Person && m.tokens.len() == 1 && m.rule == "tagger/person") {
            return true;
        }
        let Some(before) = m.tokens.start.checked_sub(1) else { return true };
        let amount = ctx.tokens[before].kind == TokenKind::Number
            || matches!(ctx.bytes(before), b"million" | b"billion" | b"thousand" | b"trillion");
        !amount
    });
}

#[cfg(test)]
mod tests {
    use super::super::testing::after_pass;
    use super::*;

    fn read_as_place(text: &str, name: &str) -> Vec<(String, SpanType)> {
        after_pass(text, name, SpanType::Location, "tagger/location", |ctx, m| people_read_as_places(ctx, m))
    }

    #[test]
    fn a_given_name_opens_a_person_the_tagger_read_as_a_place() {
        let text = "The league was founded by Carmelo Lo Verde Spinato in 1893.";
        assert_eq!(
            read_as_place(text, "Carmelo Lo Verde Spinato"),
            [("Carmelo Lo Verde Spinato".to_owned(), SpanType::Person)]
        );
        // Places named after people keep their place word.
        let text = "They flew to Victoria Falls.";
        assert_eq!(read_as_place(text, "Victoria Falls"), [("Victoria Falls".to_owned(), SpanType::Location)]);
    }

    #[test]
    fn a_person_after_a_party_is_cut_from_it() {
        let text = "He defeated Harbour Workers Party Tim Wolcott in 1999.";
        let got = after_pass(
            text,
            "Harbour Workers Party Tim Wolcott",
            SpanType::Organisation,
            "tagger/organisation",
            split_trailing_people,
        );
        assert_eq!(
            got,
            [
                ("Harbour Workers Party".to_owned(), SpanType::Organisation),
                ("Tim Wolcott".to_owned(), SpanType::Person)
            ]
        );
    }

    /// [`include_styles`] rules words out by their case bit.
    #[test]
    fn every_style_is_capitalised() {
        assert!(STYLES.iter().all(|s| s.starts_with(char::is_uppercase)));
    }

    /// [`cut_hyphen_suffixes`] rules names out by their last byte.
    #[test]
    fn every_hyphen_suffix_ends_in_d_or_n() {
        assert!(HYPHEN_SUFFIXES.iter().all(|s| s.ends_with(['d', 'n'])));
    }
}
