//! Sentence and paragraph boundaries over a token stream.
//!
//! Rules, not a model: a sentence ends at `.`, `!`, `?` or `…` (plus any
//! closing quotes and brackets) when the next token opens a sentence (capital
//! letter, digit, opening quote), unless the dot belongs to an abbreviation
//! from `data/abbreviations.txt` ("Mr.", "Jan.", "No.") or an initial
//! ("George W. Bush"). Line breaks: a blank line always ends a paragraph; a
//! single newline does too when the next line opens a sentence, so one
//! paragraph per line (common in scraped news) and hard-wrapped text both work.

use super::{Span, Token, TokenKind};
use std::ops::Range;

/// One sentence: its byte span, its tokens and the paragraph it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Bytes from the first to the last token.
    pub span: Span,
    /// Indices into the document's token list.
    pub tokens: Range<usize>,
    /// Paragraph number, from 0.
    pub paragraph: usize,
}

fn opens_sentence(text: &str) -> bool {
    text.starts_with(|c: char| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '—' | '–' | '-' | '•' | '*')
    })
}

fn is_closer(text: &str) -> bool {
    matches!(text, "”" | "\"" | "’" | "'" | ")" | "]" | "»")
}

/// Whether a punctuation token whose first byte is `first` may end a
/// sentence: ".", "!", "?" or "…" (whose UTF-8 starts 0xE2). Why: the
/// skip loop of [`split_sentences`] then passes commas, quotes and brackets
/// by, the most frequent punctuation, which end nothing on their own.
#[inline]
fn may_end(first: u8) -> bool {
    matches!(first, b'.' | b'!' | b'?' | 0xE2)
}

/// Split the tokens of `text` into sentences.
///
/// `is_abbreviation` answers for a word *with* its final dot ("Mr.").
pub fn split_sentences(text: &str, tokens: &[Token], is_abbreviation: impl Fn(&str) -> bool, out: &mut Vec<Sentence>) {
    out.clear();
    let mut start = 0;
    let mut paragraph = 0;
    let push = |from: usize, to: usize, paragraph: usize, out: &mut Vec<Sentence>| {
        if from < to {
            out.push(Sentence {
                span: Span::new(tokens[from].span.start, tokens[to - 1].span.end),
                tokens: from..to,
                paragraph,
            });
        }
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < tokens.len() {
        // Most tokens are words followed by one space or none: nothing can
        // end there, and a loop of their own passes them by: `windows`
        // walks one pointer (a slice pattern on `tokens[i..]` kept three
        // counters), and the byte after a token is read with no test of the
        // gap (after a word followed by none it starts the next token, so is
        // no newline either).
        let rest = &tokens[i..];
        i += rest
            .windows(2)
            .position(|pair| {
                let (tok, next) = (pair[0], pair[1]);
                (tok.kind == TokenKind::Punct && may_end(bytes[tok.span.start]))
                    || next.span.start > tok.span.end + 1
                    || bytes.get(tok.span.end) == Some(&b'\n')
            })
            .unwrap_or(rest.len() - 1);
        let tok = tokens[i];
        // Line breaks between this token and the next.
        if let Some(next) = tokens.get(i + 1) {
            // Most gaps are nothing or one space: told by their length and
            // one byte, before any slice of the text is made.
            let newlines = match next.span.start - tok.span.end {
                0 => 0,
                1 => usize::from(bytes[tok.span.end] == b'\n'),
                _ => bytes[tok.span.end..next.span.start].iter().filter(|&&b| b == b'\n').count(),
            };
            if newlines >= 2 || (newlines == 1 && opens_sentence(next.span.of(text))) {
                push(start, i + 1, paragraph, out);
                start = i + 1;
                paragraph += 1;
                i += 1;
                continue;
            }
        }
        // Only punctuation is sliced out of the text (most tokens are words).
        let word = if tok.kind == TokenKind::Punct { tok.span.of(text) } else { "" };
        let terminal = matches!(word, "." | "!" | "?" | "…");
        if terminal && !(word == "." && i > start && is_abbreviated(text, tokens[i - 1], tok, &is_abbreviation)) {
            let mut end = i + 1;
            while end < tokens.len()
                && is_closer(tokens[end].span.of(text))
                && !text[tokens[end - 1].span.end..tokens[end].span.start].contains('\n')
            {
                end += 1;
            }
            if end == tokens.len() || opens_sentence(tokens[end].span.of(text)) {
                push(start, end, paragraph, out);
                start = end;
                i = end;
                continue;
            }
        }
        i += 1;
    }
    push(start, tokens.len(), paragraph, out);
}

/// True when the dot after `prev` is part of an abbreviation or an initial.
fn is_abbreviated(text: &str, prev: Token, dot: Token, is_abbreviation: &impl Fn(&str) -> bool) -> bool {
    if prev.span.end != dot.span.start || prev.kind != TokenKind::Word {
        return false;
    }
    let mut chars = prev.span.of(text).chars();
    let initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    initial || is_abbreviation(&text[prev.span.start..dot.span.end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn sentences(text: &str) -> Vec<&str> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut out = Vec::new();
        split_sentences(text, &tokens, |w| matches!(w, "Mr." | "Dr." | "Jan." | "No."), &mut out);
        out.iter().map(|s| s.span.of(text)).collect()
    }

    #[test]
    fn splits_on_terminal_punctuation() {
        assert_eq!(
            sentences("Putin spoke. Kim listened! Why? Yes."),
            ["Putin spoke.", "Kim listened!", "Why?", "Yes."]
        );
    }

    /// The skip loop stops at every token that can end a sentence, and
    /// commas, colons, brackets and quotes end none.
    #[test]
    fn every_terminal_stops_the_skip_and_other_punctuation_ends_nothing() {
        for terminal in [".", "!", "?", "…"] {
            assert!(may_end(terminal.as_bytes()[0]), "{terminal}");
            let text = format!("Kim spoke{terminal} Putin, (smiling) listened: “yes”; no");
            assert_eq!(
                sentences(&text),
                [format!("Kim spoke{terminal}"), "Putin, (smiling) listened: “yes”; no".into()]
            );
        }
        for other in [",", ";", ":", "(", ")", "\"", "“", "”", "-", "—"] {
            let text = format!("Kim spoke {other} Putin listened");
            assert_eq!(sentences(&text), [text.as_str()], "{other}");
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences("Mr. Putin met Dr. Kim on Jan. 5 in the U.S. capital. George W. Bush was absent."),
            ["Mr. Putin met Dr. Kim on Jan. 5 in the U.S. capital.", "George W. Bush was absent."]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("He said “it is over.” Then he left. “Why?” she asked."),
            ["He said “it is over.”", "Then he left.", "“Why?” she asked."]
        );
    }

    #[test]
    fn lines_are_paragraphs() {
        let text = "First line without dot\nSecond line.\n\nthird para";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut out = Vec::new();
        split_sentences(text, &tokens, |_| false, &mut out);
        let paragraphs: Vec<usize> = out.iter().map(|s| s.paragraph).collect();
        assert_eq!(paragraphs, [0, 1, 2]);
    }

    #[test]
    fn hard_wrapped_lines_continue_the_sentence() {
        assert_eq!(sentences("Putin said that\nthe war goes on."), ["Putin said that\nthe war goes on."]);
    }
}
