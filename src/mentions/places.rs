//! Electoral districts read as people or organisations.
//!
//! Political prose names a constituency in every other sentence ("the riding
//! of Halden Centre", "MP for Port Halden", "the Halden North
//! constituency"). Those names are made of place words and of heads the
//! lexicon knows from organisations ("Centre") or of surnames ("Hamilton
//! West"), so the tagger and the name runs read them as organisations and
//! people, and every relation drawn to them is wrong. The words around the
//! name say what it is.

use super::{is_known_organisation, Context, Mention, SpanType};
use std::ops::Range;

/// Nouns for an electoral district, written before "of" and the name.
/// ("division of" and "seat of" are left out: "the youth division of the
/// Farmers League", "the seat of the Green Union".)
const DISTRICT_NOUNS: [&[u8]; 8] =
    [b"riding", b"ridings", b"constituency", b"constituencies", b"electorate", b"ward", b"district", b"borough"];

/// Nouns for an electoral district written after the name ("a Labour seat"
/// is a party's, so "seat" is not one of them).
const DISTRICT_AFTER: [&[u8]; 3] = [b"riding", b"constituency", b"electorate"];

/// Members of a legislature, written before "for" and a district.
const MEMBER_TITLES: [&[u8]; 10] =
    [b"MP", b"MPs", b"MLA", b"MPP", b"MSP", b"MNA", b"MHA", b"MHK", b"TD", b"Parliament"];

/// Compass words and "Centre" that end a district's name ("Halden West").
const DISTRICT_ENDS: [&[u8]; 7] = [b"North", b"South", b"East", b"West", b"Centre", b"Center", b"Central"];

/// Read as places the people and organisations that name an electoral
/// district, and the names listed right after one ("the seats of Halden
/// North and Port Halden").
pub fn electoral_districts(ctx: &Context<'_>, mentions: &mut [Mention]) {
    let mut last_district: Option<usize> = None;
    for m in mentions.iter_mut() {
        let listed = last_district.is_some_and(|end| {
            (end..m.tokens.start).all(|i| matches!(ctx.bytes(i), b"," | b"and")) && m.tokens.start > end
        });
        // The type first: countries and demonyms need no look at the words around.
        let district = matches!(m.span_type, SpanType::Person | SpanType::Organisation | SpanType::Location)
            && (listed || is_district(ctx, &m.tokens))
            && !is_known_organisation(ctx, &m.tokens);
        if district {
            if m.span_type != SpanType::Location {
                (m.span_type, m.rule) = (SpanType::Location, "location/electoral-district");
            }
            last_district = Some(m.tokens.end);
        } else {
            last_district = None;
        }
    }
}

fn is_district(ctx: &Context<'_>, tokens: &Range<usize>) -> bool {
    let word = |i: Option<usize>| i.filter(|&i| i < ctx.tokens.len()).map_or(&b""[..], |i| ctx.bytes(i));
    let before = |n: usize| word(tokens.start.checked_sub(n));
    // "the X constituency", "the X riding" (lower case: "the Farmers League Electorate" is a name)
    if DISTRICT_AFTER.contains(&word(Some(tokens.end))) {
        return true;
    }
    // "ran in Halden West", "the nomination for Halden Centre"
    let compass = || tokens.len() >= 2 && DISTRICT_ENDS.contains(&ctx.bytes(tokens.end - 1));
    // Asked of every mention, and the other tests all begin with the word
    // before, read once: most mentions follow none of these words.
    match before(1) {
        // "the riding of X", "the constituency of X"
        b"of" => DISTRICT_NOUNS.contains(&before(2)) || before(2) == b"seats",
        // "MP for X", "Member of Parliament (MP) for X"
        b"for" => {
            MEMBER_TITLES.contains(&before(2)) || before(2) == b")" && MEMBER_TITLES.contains(&before(3)) || compass()
        }
        b"in" => compass(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{after_pass, after_pass_on};
    use super::*;

    const PASS: fn(&Context<'_>, &mut Vec<Mention>) = |ctx, m| electoral_districts(ctx, m);

    #[test]
    fn districts_named_by_the_words_around_them_are_places() {
        for (text, name, kind) in [
            ("He won the riding of Halden Centre in 1997.", "Halden Centre", SpanType::Organisation),
            ("She was the Member of Parliament (MP) for Port Halden.", "Port Halden", SpanType::Person),
            ("He was MP for Halden West until 2010.", "Halden West", SpanType::Person),
            ("She held the Halden North constituency for years.", "Halden North", SpanType::Person),
            ("He ran for the Farmers League in Halden West in 1997.", "Halden West", SpanType::Person),
            ("It polled well in the seats of Mount Halden and Port Halden.", "Mount Halden", SpanType::Person),
        ] {
            assert_eq!(
                after_pass(text, name, kind, "tagger/person", PASS),
                [(name.to_owned(), SpanType::Location)],
                "{text}"
            );
        }
    }

    #[test]
    fn a_list_after_a_district_holds_districts() {
        let text = "It polled well in the seats of Mount Halden and Port Halden.";
        let names = [("Mount Halden", SpanType::Person), ("Port Halden", SpanType::Person)];
        let found = after_pass_on(text, &names, "tagger/person", PASS);
        assert!(found.iter().all(|(_, kind)| *kind == SpanType::Location), "{found:?}");
    }

    #[test]
    fn people_and_parties_near_such_words_stay() {
        for (text, name, kind) in [
            ("He was a candidate for the Farmers League in the riding.", "Farmers League", SpanType::Organisation),
            ("He stood for Marta Quiroga's seat.", "Marta Quiroga", SpanType::Person),
            ("The youth division of the Farmers League met.", "Farmers League", SpanType::Organisation),
            ("The Farmers League seat fell to the Green Union.", "Farmers League", SpanType::Organisation),
        ] {
            assert_eq!(after_pass(text, name, kind, "tagger/person", PASS), [(name.to_owned(), kind)], "{text}");
        }
    }
}
