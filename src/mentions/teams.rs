//! Teams in sports copy: "Chelsea beat Arsenal 2-0", "Lancashire beat
//! Durham by 112 runs", "Chelsea 2 Arsenal 0".
//!
//! A club is named after its place, so the lexicon and the tagger read a
//! place (or, at a sentence's start, a name with no evidence, which is then
//! dropped). When a place or an unknown name wins, loses or scores against
//! another, both are teams: organisations. Countries stay countries (a
//! national side is written as its country, and news annotation keeps it so).

use super::{Context, Mention, Referent, SpanType};
use crate::text::TokenKind;

/// Verbs of a result between two sides.
const RESULT_VERBS: [&str; 9] =
    ["beat", "beats", "defeated", "drew", "lost", "thrashed", "edged", "routed", "trounced"];

/// A place or a name with no evidence: what a club's name reads as.
fn team_like(m: &Mention) -> bool {
    (m.span_type == SpanType::Location || m.tentative) && !matches!(m.referent, Referent::Country(_))
}

/// Retype both sides of a stated result as organisations.
pub fn read_results(ctx: &Context<'_>, mentions: &mut [Mention]) {
    for k in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        if a.sentence != b.sentence || !team_like(a) || !team_like(b) {
            continue;
        }
        let between = a.tokens.end..b.tokens.start;
        // The words between the two, read in place (at most two matter).
        let word = |k: usize| (k < between.len()).then(|| ctx.word(between.start + k));
        // "A beat B", "A drew with B", "A lost to B".
        let result = word(0).is_some_and(|w| RESULT_VERBS.contains(&w))
            && between.len() <= 2
            && word(1).is_none_or(|w| matches!(w, "with" | "to" | "against"));
        // "A 2 B 1": a score after each side.
        let scored = between.len() == 1
            && ctx.tokens[between.start].kind == TokenKind::Number
            && ctx.tokens.get(b.tokens.end).is_some_and(|t| t.kind == TokenKind::Number);
        if result || scored {
            for m in &mut mentions[k..k + 2] {
                (m.span_type, m.referent, m.rule, m.tentative) =
                    (SpanType::Organisation, Referent::Name, "organisation/team", false);
            }
        }
    }
}
