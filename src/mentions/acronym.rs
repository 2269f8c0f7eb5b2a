//! An acronym in brackets spells out the name before it: "Bund für Arbeit
//! und Zukunft (BAZ)", "Tokatoka Vanua ni Lewesau (TVL)".
//!
//! The tagger often cuts such names, above all foreign ones, into pieces or
//! keeps only a part; the acronym says exactly where the name starts. The
//! long form is found as Schwartz and Hearst do (*A simple algorithm for
//! identifying abbreviation definitions in biomedical text*, 2003), reduced
//! to word initials: the acronym's capitals, right to left, are the
//! initials of the capitalised words before the bracket, with lower-case
//! joining words ("of", "für", "ni") skipped.

use super::{Context, Mention, Referent, SpanType};
use crate::text::TokenKind;
use std::ops::Range;

/// Lower-case words a long form may skip, at most this many.
const MAX_SKIPPED: usize = 3;

/// The tokens of the name that `acronym` abbreviates, ending right before `end`.
fn long_form(ctx: &Context<'_>, sentence_start: usize, end: usize, acronym: &str) -> Option<Range<usize>> {
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_uppercase()).collect();
    if letters.len() < 2 || letters.len() > 8 {
        return None;
    }
    start_of(ctx, sentence_start, end, &letters, 0).map(|start| start..end)
}

/// Where the words before `pos` spell `letters` (read right to left): every
/// capitalised word gives the next letter; a lower-case word may give it
/// ("Front démocratique du Sud (FDS)") or be skipped as a joining word
/// ("Verbond voor Vrijheid (VV)"), both are tried; the name starts with a capital.
fn start_of(ctx: &Context<'_>, floor: usize, pos: usize, letters: &[char], skipped: usize) -> Option<usize> {
    let i = pos.checked_sub(1).filter(|&i| i >= floor)?;
    if ctx.tokens[i].kind != TokenKind::Word {
        return None;
    }
    let (&want, rest) = letters.split_last()?;
    let initial = ctx.word(i).chars().next()?;
    if initial.to_uppercase().eq(std::iter::once(want)) {
        let found =
            if rest.is_empty() { initial.is_uppercase().then_some(i) } else { start_of(ctx, floor, i, rest, skipped) };
        if found.is_some() {
            return found;
        }
    }
    let started = skipped > 0 || pos < ctx.tokens.len() && ctx.word(pos) != "(";
    if initial.is_uppercase() || skipped >= MAX_SKIPPED || !started {
        return None;
    }
    start_of(ctx, floor, i, letters, skipped + 1)
}

/// Make each bracketed acronym's long form one organisation mention,
/// replacing the pieces the tagger or the rules made of it. Names that
/// start as a person or a country are left alone ("John Fitzgerald Kennedy (JFK)",
/// "United States (US)"), as are long forms already found whole (but for
/// places no list knows, which become organisations); names
/// with no evidence yet ("candidate" mentions) are not people.
pub fn spell_out_long_forms(ctx: &Context<'_>, sentence_starts: &[usize], mentions: &mut Vec<Mention>) {
    let bytes = ctx.text.as_bytes();
    // Most documents have no bracket at all: one search of the text spares
    // them the walk over every token. The `memchr` crate's search reads
    // the text a vector at a time, where `<[u8]>::contains` reads a word.
    if memchr::memchr(b'(', bytes).is_none() {
        return;
    }
    let mut found: Vec<Mention> = Vec::new();
    let is = |i: usize, b: u8| ctx.tokens[i].kind == TokenKind::Punct && bytes[ctx.tokens[i].span.start] == b;
    for i in 1..ctx.tokens.len().saturating_sub(2) {
        // Asked of every token: the bracket first, which nearly all fail.
        if !is(i, b'(') || !is(i + 2, b')') || ctx.tokens[i + 1].kind != TokenKind::Word {
            continue;
        }
        // A title's abbreviation ("Member of Parliament (MP)") names no organisation.
        if ctx.bits(i + 1) & crate::lexicon::bits::TITLE != 0 {
            continue;
        }
        let sentence = sentence_starts.partition_point(|&s| s <= i).saturating_sub(1);
        let Some(&sentence_start) = sentence_starts.get(sentence) else { continue };
        let Some(range) = long_form(ctx, sentence_start, i, ctx.word(i + 1)) else { continue };
        let overlapping = mentions.iter().filter(|m| m.tokens.start < range.end && range.start < m.tokens.end);
        let mut whole = false;
        let mut blocked = false;
        for m in overlapping {
            // A place no list knows, with an acronym defined for it, is an
            // organisation ("Vento Rosso (VR)"); known places stay places.
            let unknown_place = m.span_type == SpanType::Location && m.referent == Referent::Name;
            whole |= m.tokens == range && !unknown_place;
            // A person or country where the name starts ("John Fitzgerald
            // Kennedy (JFK)"); a person-typed piece further in is the tagger's
            // guess at a foreign word ("Verbond voor Vrijheid en Welzijn").
            let named = !m.tentative && matches!(m.span_type, SpanType::Person | SpanType::Country);
            // A guess reaching in from before ("French-speaking Bund | für
            // Arbeit …": the tagger's, or a name's mere shape) gives way;
            // a list's or a title's does not.
            let guess =
                m.rule.starts_with("tagger/") || matches!(m.rule, "person/shape" | "person/two-words" | "candidate");
            let reaches_in = m.tokens.start < range.start && !guess;
            blocked |= (named && m.tokens.start == range.start) || reaches_in;
        }
        if whole || blocked {
            continue;
        }
        found.push(Mention {
            span: ctx.span(&range),
            tokens: range,
            sentence,
            span_type: SpanType::Organisation,
            referent: Referent::Name,
            rule: "organisation/acronym-long-form",
            tentative: false,
        });
    }
    if found.is_empty() {
        return;
    }
    mentions.retain(|m| !found.iter().any(|f| m.tokens.start < f.tokens.end && f.tokens.start < m.tokens.end));
    mentions.extend(found);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mentions::testing::with_words;

    fn long(text: &str) -> Option<String> {
        with_words(text, |ctx| {
            let tokens = ctx.tokens;
            let open = tokens.iter().position(|t| t.span.of(text) == "(")?;
            let range = long_form(ctx, 0, open, tokens[open + 1].span.of(text))?;
            Some(ctx.span(&range).of(text).to_owned())
        })
    }

    #[test]
    fn the_capitals_of_the_acronym_spell_the_words_before_it() {
        assert_eq!(
            long("He joined the Bund für Arbeit und Zukunft (BAZ) early.").unwrap(),
            "Bund für Arbeit und Zukunft"
        );
        assert_eq!(long("The Tokatoka Vanua ni Lewesau (TVL) won.").unwrap(), "Tokatoka Vanua ni Lewesau");
        assert_eq!(long("Members of Cities and Islanders (CI) left.").unwrap(), "Cities and Islanders");
        assert_eq!(long("The Italy of Values (IdV) party.").unwrap(), "Italy of Values");
        assert_eq!(long("He led the Union démocratique du Nord (UDN) then.").unwrap(), "Union démocratique du Nord");
        // No long form: the initials do not match, or the name would start on a skipped word.
        assert_eq!(long("Democrats of the Left (DS) won."), None);
        assert_eq!(long("It was about (GDP) growth."), None);
    }
}
