//! Where an organisation's name ends, when the tagger got it wrong.
//!
//! The tagger reads a list of parties as one name ("National Party or
//! Reform Party") and stops a party's name before the place it belongs to
//! ("Labour Party | of | Tasmania"). Both are decided here from the words
//! that end organisation names (`data/org_heads.tsv`).

use super::runs::is_complete_organisation;
use super::{known_as, organisation_referent, Context, Mention, Referent, SpanType};
use crate::lexicon::bits;

/// Where a list of two organisations inside one mention splits: at "or"
/// between two capitalised names when the left one is complete, at "and"
/// only when both are ("Peace and Freedom Party" is one name).
fn list_split(ctx: &Context<'_>, m: &Mention) -> Option<usize> {
    (m.tokens.start + 1..m.tokens.end - 1).find(|&k| {
        let (left, right) = (m.tokens.start..k, k + 1..m.tokens.end);
        let complete_left = ctx.bits(k - 1) & bits::ORG_HEAD != 0 && left.len() >= 2;
        match ctx.bytes(k) {
            b"or" => complete_left && ctx.is_capitalised(k + 1),
            b"and" => {
                complete_left && ctx.is_capitalised(k + 1) && right.len() >= 2 && is_complete_organisation(ctx, &right)
            }
            _ => false,
        }
    })
}

/// Cut organisation mentions that list two organisations into two.
pub fn split_lists(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k < mentions.len() {
        let m = &mentions[k];
        let guessed = m.span_type == SpanType::Organisation && m.referent == Referent::Name;
        let Some(at) = guessed.then(|| list_split(ctx, m)).flatten() else {
            k += 1;
            continue;
        };
        let right = at + 1..m.tokens.end;
        let second = Mention {
            span: ctx.span(&right),
            referent: known_as(ctx, &right, organisation_referent),
            tokens: right,
            rule: "organisation/listed",
            ..m.clone()
        };
        let left = m.tokens.start..at;
        let m = &mut mentions[k];
        m.referent = known_as(ctx, &left, organisation_referent);
        m.span = ctx.span(&left);
        m.tokens = left;
        mentions.insert(k + 1, second);
        // The right-hand name may list another one.
        k += 1;
    }
}

/// "Labour Party of Tasmania": an organisation ending in its head word,
/// "of" (and "the"), and a place right after it are one name, even when the
/// lexicon knows the part before "of" as another organisation.
pub fn join_place_after_of(ctx: &Context<'_>, mentions: &mut Vec<Mention>) {
    let mut k = 0;
    while k + 1 < mentions.len() {
        let (org, place) = (&mentions[k], &mentions[k + 1]);
        let of = org.tokens.end;
        // Words are read only for a pair whose types and places fit.
        let the = || usize::from(of + 1 < place.tokens.start && ctx.is(of + 1, "the"));
        let joins = org.span_type == SpanType::Organisation
            && org.sentence == place.sentence
            && matches!(place.span_type, SpanType::Country | SpanType::Location)
            && !place.tentative
            && ctx.bits(org.tokens.end - 1) & bits::ORG_HEAD != 0
            && place.tokens.start == of + 1 + the()
            && ctx.is(of, "of");
        if joins {
            let tokens = org.tokens.start..place.tokens.end;
            let org = &mut mentions[k];
            org.referent = known_as(ctx, &tokens, organisation_referent);
            org.span = ctx.span(&tokens);
            org.tokens = tokens;
            mentions.remove(k + 1);
        }
        k += 1;
    }
}

/// Plural nouns for kinds of organisation that introduce examples of
/// themselves: "parties such as Verdia and Ostra".
const KIND_NOUNS: [&[u8]; 9] = [
    b"parties",
    b"organisations",
    b"organizations",
    b"groups",
    b"movements",
    b"unions",
    b"associations",
    b"coalitions",
    b"alliances",
];

/// Names listed right after "parties such as", "groups like", "movements
/// including" are organisations, whatever the tagger read: short foreign
/// party names look like surnames or places to it.
pub fn examples_of_kind(ctx: &Context<'_>, mentions: &mut [Mention]) {
    let mut listing_from: Option<usize> = None;
    for m in mentions.iter_mut() {
        let start = m.tokens.start;
        let word = |k: Option<usize>| k.map_or(&b""[..], |k| ctx.bytes(k));
        // The word before is read once: it is "the", or the one the match asks.
        let previous = word(start.checked_sub(1));
        let skip_the = usize::from(previous == b"the");
        let before = |n: usize| word(start.checked_sub(n + skip_the));
        let introduced = match if skip_the == 0 { previous } else { before(1) } {
            b"as" => before(2) == b"such" && KIND_NOUNS.contains(&before(3)),
            b"like" | b"including" => KIND_NOUNS.contains(&before(2)),
            _ => false,
        };
        let listed = listing_from.is_some_and(|end| {
            end < start - skip_the && (end..start - skip_the).all(|k| matches!(ctx.bytes(k), b"," | b"and" | b"or"))
        });
        if introduced || listed {
            if matches!(m.span_type, SpanType::Person | SpanType::Location) && m.referent == Referent::Name {
                (m.span_type, m.rule) = (SpanType::Organisation, "organisation/example-of-kind");
            }
            listing_from = Some(m.tokens.end);
        } else {
            listing_from = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The mentions `pass` leaves of one tagger organisation covering `name` in `text`.
    fn after(text: &str, name: &str, pass: fn(&Context<'_>, &mut Vec<Mention>)) -> Vec<String> {
        super::super::testing::after_pass(text, name, SpanType::Organisation, "tagger/organisation", pass)
            .into_iter()
            .map(|(surface, _)| surface)
            .collect()
    }

    #[test]
    fn two_organisations_read_as_one_are_cut_at_or_and_and() {
        let text = "He sat for the Farmers Party or Workers League until 1990.";
        assert_eq!(after(text, "Farmers Party or Workers League", split_lists), ["Farmers Party", "Workers League"]);
        let text = "Money came from the Harbour Foundation and Heritage Policy Institute.";
        assert_eq!(
            after(text, "Harbour Foundation and Heritage Policy Institute", split_lists),
            ["Harbour Foundation", "Heritage Policy Institute"]
        );
        // One name: the left side is not a complete organisation name.
        let text = "The Peace and Freedom Party won.";
        assert_eq!(after(text, "Peace and Freedom Party", split_lists), ["Peace and Freedom Party"]);
        // The right side is not one either.
        let text = "The Reform Party and Democracy won.";
        assert_eq!(after(text, "Reform Party and Democracy", split_lists), ["Reform Party and Democracy"]);
    }

    #[test]
    fn names_listed_after_parties_such_as_are_organisations() {
        const PASS: fn(&Context<'_>, &mut Vec<Mention>) = |ctx, m| examples_of_kind(ctx, m);
        let text = "Green parties such as Verdia, Vertia and the Ostra won seats.";
        let names = [("Verdia", SpanType::Person), ("Vertia", SpanType::Location), ("Ostra", SpanType::Person)];
        let found = super::super::testing::after_pass_on(text, &names, "tagger/person", PASS);
        assert!(found.iter().all(|(_, kind)| *kind == SpanType::Organisation), "{found:?}");
        // A person after a list of people is left alone.
        let text = "Leaders such as Ana Brel spoke.";
        let found =
            super::super::testing::after_pass_on(text, &[("Ana Brel", SpanType::Person)], "tagger/person", PASS);
        assert_eq!(found, [("Ana Brel".to_owned(), SpanType::Person)]);
    }
}
