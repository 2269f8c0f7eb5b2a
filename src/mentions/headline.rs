//! Headlines and other lines in capitals ("TENNIS - SPAIN BEAT ITALY AS
//! RAIN FALLS .") and datelines ("Maria Oyelaran-Whitby LISBON").
//!
//! Capitals carry no signal in a shouted line: every word looks like an
//! acronym to the rules and like a name to the tagger, whose weights were
//! learned on mixed-case text. So such a sentence is read by the lexicon
//! alone: runs of up to four words are looked up as written ("EU") and
//! title-cased ("NORTH KOREA" → "North Korea"); what the lexicon does not
//! know is left out rather than guessed.

use super::runs::from_entry;
use super::{best_entry, Context, Mention, Referent, SpanType};
use crate::tagger::Class;
use crate::text::TokenKind;
use std::ops::Range;

/// Longest name, in words, looked up in a shouted line.
const MAX_WORDS: usize = 4;

/// A word of at least two letters with no lower-case letter.
fn is_capitals(word: &str) -> bool {
    // Most words have an ASCII lower-case letter: rejected without decoding.
    !word.bytes().any(|b| b.is_ascii_lowercase()) && has_two_letters(word) && !word.chars().any(char::is_lowercase)
}

/// At least two letters: counted by byte in an ASCII word (most are), and
/// only as far as the second.
fn has_two_letters(word: &str) -> bool {
    if word.is_ascii() {
        word.bytes().filter(u8::is_ascii_alphabetic).nth(1).is_some()
    } else {
        word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
    }
}

/// What a word counts as in [`is_shouted`]: (a word of two letters or
/// more, in capitals).
fn shout_class(word: &str) -> (bool, bool) {
    if is_plain_word(word.as_bytes()) {
        return (true, false);
    }
    if is_capitals(word) {
        (true, true)
    } else {
        (has_two_letters(word), false)
    }
}

/// Most words start with two ASCII letters, one of them lower case ("the",
/// "Putin"): a word, not in capitals, told by two bytes, each classed by
/// one load from [`ASCII_CLASS`] (every sentence's words are asked).
fn is_plain_word(word: &[u8]) -> bool {
    matches!(word, [a, b, ..] if is_plain_pair(*a, *b))
}

/// Two bytes that are ASCII letters, one of them lower case: their classes
/// (0, [`UPPER`] or [`LOWER`]) multiply to [`LOWER`] or more, one multiply
/// and one compare where testing letters and case apart took four steps.
#[inline(always)]
fn is_plain_pair(a: u8, b: u8) -> bool {
    ASCII_CLASS[usize::from(a)] * ASCII_CLASS[usize::from(b)] >= LOWER
}

/// [`ASCII_CLASS`] of an ASCII upper-case letter.
const UPPER: u8 = 1;
/// [`ASCII_CLASS`] of an ASCII lower-case letter.
const LOWER: u8 = 2;

/// [`UPPER`] or [`LOWER`] of every byte that is an ASCII letter, 0 of the others.
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let byte = b as u8;
        if byte.is_ascii_uppercase() {
            table[b] = UPPER;
        } else if byte.is_ascii_lowercase() {
            table[b] = LOWER;
        }
        b += 1;
    }
    table
};

/// At least three words, and four in five of them in capitals.
#[must_use]
pub fn is_shouted(ctx: &Context<'_>, range: Range<usize>) -> bool {
    // Every sentence is asked, so give up as soon as the answer is known:
    // more words not in capitals than a fifth of the tokens rules it out.
    // Those are counted apart from the words in capitals, so that the
    // common word (not in capitals) costs one count and one compare.
    let limit = range.len() / 5;
    let (mut lower, mut capitals) = (0usize, 0usize);
    let text = ctx.text.as_bytes();
    for token in &ctx.tokens[range] {
        if token.kind != TokenKind::Word {
            continue;
        }
        // The plain word first, by its first two bytes: the text is sliced
        // as a string (checking character boundaries) only for the others.
        let plain = matches!(text[token.span.start..token.span.end], [a, b, ..] if is_plain_pair(a, b));
        let (word, in_capitals) = if plain { (true, false) } else { shout_class(token.span.of(ctx.text)) };
        if in_capitals {
            capitals += 1;
        } else if word {
            lower += 1;
            if lower > limit {
                return false;
            }
        }
    }
    let words = lower + capitals;
    words >= 3 && capitals * 5 >= words * 4
}

/// "BOSNIA-HERZEGOVINA" → "Bosnia-Herzegovina"; small joining words stay
/// lower case inside a name ("PARTY OF REGIONS" → "Party of Regions").
fn title_case(word: &str, first: bool, out: &mut String) {
    let lower = word.to_lowercase();
    if !first && matches!(lower.as_str(), "of" | "the" | "and" | "for" | "de" | "du" | "des" | "del" | "la") {
        out.push_str(&lower);
        return;
    }
    let mut upper_next = true;
    for c in lower.chars() {
        if upper_next {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        upper_next = !c.is_alphabetic() && c != '\'' && c != '’';
    }
}

/// What the lexicon says the words `tokens` name, read as written ("EU")
/// or title-cased ("NORTH KOREA" → "North Korea").
fn lexicon_reading(
    ctx: &Context<'_>,
    tokens: &Range<usize>,
    name: &mut String,
) -> Option<(SpanType, Referent, &'static str)> {
    if ctx.tokens[tokens.clone()].iter().any(|t| t.kind != TokenKind::Word) {
        return None;
    }
    let as_written = ctx.span(tokens).of(ctx.text);
    name.clear();
    for k in tokens.clone() {
        if k > tokens.start {
            name.push_str(&ctx.text[ctx.tokens[k - 1].span.end..ctx.tokens[k].span.start]);
        }
        title_case(ctx.word(k), k == tokens.start, name);
    }
    let surface = ctx.lexicon.surface_named(as_written).or_else(|| ctx.lexicon.surface_named(name))?;
    best_entry(ctx.lexicon.entries(surface)).and_then(|e| from_entry(ctx, tokens, e))
}

/// Mentions of a shouted sentence: the longest runs of words the lexicon
/// knows, as written or title-cased.
pub fn shouted_mentions(ctx: &Context<'_>, index: usize, range: Range<usize>, out: &mut Vec<Mention>) {
    let mut name = String::new();
    let mut i = range.start;
    while i < range.end {
        if ctx.tokens[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let longest = (1..=MAX_WORDS.min(range.end - i)).rev().find_map(|n| {
            let tokens = i..i + n;
            let (span_type, referent, rule) = lexicon_reading(ctx, &tokens, &mut name)?;
            Some(Mention {
                span: ctx.span(&tokens),
                tokens,
                sentence: index,
                span_type,
                referent,
                rule,
                tentative: false,
            })
        });
        match longest {
            Some(m) => {
                i = m.tokens.end;
                out.push(m);
            }
            None => i += 1,
        }
    }
}

/// Names in capitals in an ordinary sentence: a dateline ("MOSCOW
/// 1996-08-22", "LONDON (Reuters) -") or a name written in capitals. A
/// dateline (capitals that open the sentence right before a date or a
/// bracket) is a place, where the story was filed; elsewhere, a name the
/// lexicon knows under its usual spelling is that ("IRAN" → Iran, not an
/// acronym).
pub fn reread_capitals(ctx: &Context<'_>, sentence_starts: &[usize], mentions: &mut [Mention]) {
    let mut name = String::new();
    for m in mentions.iter_mut() {
        // Most mentions start with a word like "Putin", ruled out by its bytes.
        if m.tokens.is_empty()
            || !may_be_capitals(ctx, m.tokens.start)
            || !m.tokens.clone().all(|i| is_capitals(ctx.word(i)))
        {
            continue;
        }
        let letters: usize = m.tokens.clone().map(|i| ctx.word(i).chars().filter(|c| c.is_alphabetic()).count()).sum();
        if letters < 4 {
            continue;
        }
        if ctx.hit_exact(&m.tokens).is_some() {
            continue;
        }
        let opens = sentence_starts.binary_search(&m.tokens.start).is_ok();
        let next = ctx.tokens.get(m.tokens.end);
        let dated = next.is_some_and(|t| t.kind == TokenKind::Number || t.span.of(ctx.text) == "(");
        if opens && dated {
            // Where the story was filed, not the government it hosts.
            (m.span_type, m.referent, m.rule, m.tentative) =
                (SpanType::Location, Referent::Name, "location/dateline", false);
        } else if let Some((span_type, referent, rule)) = lexicon_reading(ctx, &m.tokens, &mut name) {
            (m.span_type, m.referent, m.rule, m.tentative) = (span_type, referent, rule, false);
        }
    }
}

/// A dateline after a byline: "Maria Oyelaran-Whitby LISBON" is a person, then a
/// place in capitals. Cut a tagger person span that goes from mixed case
/// into capitals where the capitals start (sentence-relative spans, `offset`
/// is the sentence's first token). Organisations keep theirs ("Royal Dutch
/// Shell PLC").
pub fn cut_dateline(ctx: &Context<'_>, offset: usize, spans: &mut [(Range<usize>, Class)]) {
    for (range, class) in spans.iter_mut() {
        if *class != Class::Per
            || may_be_capitals(ctx, offset + range.start) && is_capitals(ctx.word(offset + range.start))
        {
            continue;
        }
        if let Some(k) = (range.start + 1..range.end).find(|&k| {
            may_be_capitals(ctx, offset + k) && {
                let w = ctx.word(offset + k);
                is_capitals(w) && w.chars().count() >= 3 && !is_roman_numeral(w)
            }
        }) {
            range.end = k;
        }
    }
}

/// False when token `i` has an ASCII lower-case letter in its first two
/// bytes ("Putin"), and so is not [`is_capitals`]: most words of names,
/// told without the word being sliced (a char-boundary check).
fn may_be_capitals(ctx: &Context<'_>, i: usize) -> bool {
    let word = ctx.bytes(i);
    !(word.first().is_some_and(u8::is_ascii_lowercase) || word.get(1).is_some_and(u8::is_ascii_lowercase))
}

/// "II", "III", "XIV": part of a name, not a shouted word.
fn is_roman_numeral(word: &str) -> bool {
    word.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table tells plain words as the byte tests do, for every pair of bytes.
    #[test]
    fn plain_words_by_table_are_those_by_byte_tests() {
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let general = a.is_ascii_alphabetic()
                    && b.is_ascii_alphabetic()
                    && (a.is_ascii_lowercase() || b.is_ascii_lowercase());
                assert_eq!(is_plain_word(&[a, b]), general, "{a} {b}");
                assert_eq!(is_plain_word(&[a, b, b'x']), general, "{a} {b}");
            }
            assert!(!is_plain_word(&[a]));
        }
    }

    #[test]
    fn title_case_keeps_joining_words_low_and_hyphen_parts_high() {
        let mut s = String::new();
        title_case("BOSNIA-HERZEGOVINA", true, &mut s);
        s.push(' ');
        title_case("OF", false, &mut s);
        s.push(' ');
        title_case("O'NEILL", false, &mut s);
        assert_eq!(s, "Bosnia-Herzegovina of O'neill");
        assert!(is_capitals("NATO") && is_capitals("U.S.") && !is_capitals("Nato") && !is_capitals("A"));
        assert!(is_roman_numeral("III") && !is_roman_numeral("IRA"));
    }

    /// A word [`may_be_capitals`] rules out is not in capitals.
    #[test]
    fn words_ruled_out_are_not_in_capitals() {
        let text = "Putin NATO U.S. ÉLYSÉE Élysée iPhone pH XIV Dr. a A x1 中国 MacDonald McD";
        crate::mentions::testing::with_words(text, |ctx| {
            for i in 0..ctx.tokens.len() {
                assert!(may_be_capitals(ctx, i) || !is_capitals(ctx.word(i)), "{:?}", ctx.word(i));
            }
        });
    }

    /// [`is_shouted`], with its early exit and two-byte shortcut, answers
    /// what counting every word by the general rules answers.
    #[test]
    fn shouted_lines_are_those_counted_in_full() {
        fn general(ctx: &Context<'_>, range: Range<usize>) -> bool {
            let (mut words, mut capitals) = (0, 0);
            for i in range.filter(|&i| ctx.tokens[i].kind == TokenKind::Word) {
                let word = ctx.word(i);
                words += usize::from(is_capitals(word) || has_two_letters(word));
                capitals += usize::from(is_capitals(word));
            }
            words >= 3 && capitals * 5 >= words * 4
        }
        let texts = [
            "TENNIS - SPAIN BEAT ITALY AS RAIN FALLS .",
            "Maria Oyelaran-Whitby LISBON",
            "NATO AND THE EU MET IN BRUSSELS on Monday",
            "NATO AND THE EU MET IN BRUSSELS ON MONDAY and then",
            "Putin met Xi in Moscow on Monday, the Kremlin said.",
            "A B C D E F G",
            "I AM A MAN",
            "ÉLYSÉE PALACE SAYS NO",
            "中国 中国 中国 中国",
            "'S 'EM US UK EU UN",
            "x1 y2 NATO EU UN",
            "",
        ];
        for text in texts {
            crate::mentions::testing::with_words(text, |ctx| {
                let n = ctx.tokens.len();
                for start in 0..=n {
                    for end in start..=n {
                        assert_eq!(is_shouted(ctx, start..end), general(ctx, start..end), "{text:?} {start}..{end}");
                    }
                }
            });
        }
    }

    /// The two-byte shortcut answers what the general rules answer.
    #[test]
    fn shout_classes_are_the_general_ones() {
        for word in ["the", "Putin", "pH", "NATO", "U.S.", "A", "a", "x1", "1x", "Éa", "aÉ", "ÉCOLE", "école", "", "'s"]
        {
            let general = (is_capitals(word) || has_two_letters(word), is_capitals(word));
            assert_eq!(shout_class(word), general, "{word:?}");
        }
    }
}
