//! The pattern language of `data/relation_patterns.tsv`, compiled once.
//!
//! A pattern is a space-separated sequence of elements read left to right
//! over a sentence in which every mention is one item:
//!
//! | element | matches |
//! | --- | --- |
//! | `A`, `B`, `A:per`, `B:org\|cou` | a mention (or a resolved pronoun or description); `A` is the source, `B` the target. Types: `per`, `org`, `cou` (a country by name, capital or seat), `dem` (a demonym), `poss` (his/her) |
//! | `word`, `w1\|w2` | one token, case-insensitive (`'` and `’` are the same) |
//! | `thank+` | a regular verb in any form: thank, thanks, thanked, thanking |
//! | `@name` | one of the words a `@name` line of the file defines |
//! | `<title>` | a title of `data/titles.tsv`; its role fills `{role}` in the label |
//! | `<cue>` | an organisation cue noun of `data/org_heads.tsv` ("newspaper") |
//! | `*N` | up to N plain words (no mention, no clause punctuation) |
//! | `(...)` | an optional bracketed aside of up to eight items: "the Harbour Workers Party (HWP) led by" |
//!
//! A word element (not a slot) ending in `?` is optional, one ending in `*`
//! repeats up to four times. A slot skips a leading "the", the words of the
//! `@slot_skip` list ("opposition", "ruling") and any title, so "met the
//! Foreign Minister Sergey Lavrov" needs no extra elements.

use crate::entities::EntityType;
use crate::mentions::SpanType;
use std::collections::HashMap;

/// Which end of the relation a slot fills.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    /// The source (the agent).
    A,
    /// The target.
    B,
}

/// What a slot accepts, as bits.
pub mod accept {
    /// A person (mention, pronoun or description).
    pub const PER: u8 = 1;
    /// An organisation.
    pub const ORG: u8 = 2;
    /// A country named by its name, a capital or a seat of government.
    pub const COU: u8 = 4;
    /// A demonym ("Russian").
    pub const DEM: u8 = 8;
    /// A possessive pronoun ("his"), resolved to a person.
    pub const POSS: u8 = 16;
    /// The default: a person, an organisation or a country by name.
    pub const ANY: u8 = PER | ORG | COU;
}

/// How often a word element may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Repeat {
    /// Exactly once.
    One,
    /// Zero or one time.
    Optional,
    /// Zero to four times.
    Many,
}

/// One compiled element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A mention slot.
    Slot(End, u8),
    /// One of these lower-case words (index into [`Words`]).
    Word(usize, Repeat),
    /// A title; captures its role.
    Title,
    /// An organisation cue noun.
    Cue,
    /// Up to this many plain words.
    Gap(usize),
    /// An optional bracketed aside.
    Aside,
}

/// Interned word sets, shared by every rule.
#[derive(Debug, Clone, Default)]
pub struct Words {
    sets: Vec<Vec<String>>,
}

impl Words {
    /// The words of set `i`.
    #[must_use]
    pub fn get(&self, i: usize) -> &[String] {
        &self.sets[i]
    }

    /// How many sets there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.sets.len()
    }

    /// True when there are none.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.sets.is_empty()
    }

    /// Intern a set (sorted, deduplicated); returns its index.
    pub fn add(&mut self, mut words: Vec<String>) -> usize {
        words.sort();
        words.dedup();
        if let Some(i) = self.sets.iter().position(|s| *s == words) {
            return i;
        }
        self.sets.push(words);
        self.sets.len() - 1
    }
}

/// A word of a rule as the vocabulary holds it: lower-cased, with a curly
/// apostrophe written straight. `str::replace` copies the word (and runs a
/// char searcher) even when it holds none, as most do: a word with no byte
/// 0xE2, which starts the curly apostrophe, is kept as lower-cased.
#[must_use]
pub fn rule_word(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.as_bytes().contains(&0xe2) {
        lower.replace('’', "'")
    } else {
        lower
    }
}

/// True when a token equals a pattern word: ASCII case-insensitive, with
/// both apostrophes equal. Allocates nothing.
#[must_use]
pub fn word_eq(token: &str, word: &str) -> bool {
    let mut a = token.chars().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() });
    let mut b = word.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// The forms of a regular English verb: "thank" → thank, thanks, thanked,
/// thanking; "praise" → praises, praised, praising; "ally" → allies, allied.
#[must_use]
pub fn inflect(lemma: &str) -> Vec<String> {
    let consonant_y = lemma.len() > 1
        && lemma.ends_with('y')
        && !matches!(lemma.as_bytes()[lemma.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u');
    let stem_y = &lemma[..lemma.len().saturating_sub(1)];
    let third = if consonant_y {
        format!("{stem_y}ies")
    } else if ["s", "sh", "ch", "x", "z", "o"].iter().any(|e| lemma.ends_with(e)) {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{stem_y}ied")
    } else if lemma.ends_with('e') {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let ing = if lemma.ends_with("ee") || !lemma.ends_with('e') {
        format!("{lemma}ing")
    } else {
        format!("{}ing", &lemma[..lemma.len() - 1])
    };
    vec![lemma.to_owned(), third, past, ing]
}

fn parse_slot(spec: &str) -> Result<Element, String> {
    let (end, types) = spec.split_once(':').unwrap_or((spec, ""));
    let end = match end {
        "A" => End::A,
        "B" => End::B,
        _ => return Err(format!("unknown slot {spec:?}")),
    };
    if types.is_empty() {
        return Ok(Element::Slot(end, accept::ANY));
    }
    let mut bits = 0;
    for t in types.split('|') {
        bits |= match t {
            "per" => accept::PER,
            "org" => accept::ORG,
            "cou" => accept::COU,
            "dem" => accept::DEM,
            "gpe" => accept::COU | accept::DEM,
            "poss" => accept::POSS,
            other => return Err(format!("unknown slot type {other:?} (per, org, cou, dem, gpe, poss)")),
        };
    }
    Ok(Element::Slot(end, bits))
}

/// Compile one pattern; `macros` maps `@name` to its words.
///
/// # Errors
/// A message naming the bad element.
pub fn compile(
    pattern: &str,
    macros: &HashMap<String, Vec<String>>,
    words: &mut Words,
) -> Result<Vec<Element>, String> {
    compile_with(pattern, macros, words, &mut HashMap::new())
}

/// [`compile`], with `seen`: the word set each list of alternatives
/// ("@aux", "meet|meets|met") compiled to so far with these same `macros`.
/// Most rules share "@aux", dozens of words to copy, sort and look up among
/// the sets each time; a list seen before is taken from there.
///
/// # Errors
/// A message naming the bad element.
pub fn compile_with(
    pattern: &str,
    macros: &HashMap<String, Vec<String>>,
    words: &mut Words,
    seen: &mut HashMap<String, usize>,
) -> Result<Vec<Element>, String> {
    let mut out = Vec::new();
    for raw in pattern.split_whitespace() {
        if raw.starts_with("A") && (raw.len() == 1 || raw[1..].starts_with(':'))
            || raw.starts_with("B") && (raw.len() == 1 || raw[1..].starts_with(':'))
        {
            out.push(parse_slot(raw)?);
            continue;
        }
        match raw {
            "<title>" => {
                out.push(Element::Title);
                continue;
            }
            "<cue>" => {
                out.push(Element::Cue);
                continue;
            }
            "(...)" => {
                out.push(Element::Aside);
                continue;
            }
            _ => {}
        }
        if let Some(n) = raw.strip_prefix('*') {
            let n: usize = n.parse().map_err(|_| format!("bad gap {raw:?} (expected *N)"))?;
            out.push(Element::Gap(n));
            continue;
        }
        let (body, repeat) = if let Some(b) = raw.strip_suffix('?').filter(|b| !b.is_empty()) {
            (b, Repeat::Optional)
        } else if let Some(b) = raw.strip_suffix('*').filter(|b| !b.is_empty()) {
            (b, Repeat::Many)
        } else {
            (raw, Repeat::One)
        };
        if let Some(&set) = seen.get(body) {
            out.push(Element::Word(set, repeat));
            continue;
        }
        let mut set = Vec::new();
        for alt in body.split('|') {
            if let Some(name) = alt.strip_prefix('@') {
                let words = macros.get(name).ok_or_else(|| format!("unknown macro @{name}"))?;
                set.extend(words.iter().cloned());
            } else if let Some(lemma) = alt.strip_suffix('+').filter(|l| !l.is_empty()) {
                set.extend(inflect(&lemma.to_lowercase()));
            } else if alt.is_empty() {
                return Err(format!("empty alternative in {raw:?}"));
            } else {
                set.push(rule_word(alt));
            }
        }
        let set = words.add(set);
        seen.insert(body.to_owned(), set);
        out.push(Element::Word(set, repeat));
    }
    let slots = |end| out.iter().filter(|e| matches!(e, Element::Slot(x, _) if *x == end)).count();
    if slots(End::A) != 1 || slots(End::B) != 1 {
        return Err("a pattern needs exactly one A and one B slot".into());
    }
    Ok(out)
}

/// True when a slot with `accepts` bits takes an item of this kind.
#[must_use]
pub const fn accepts(bits: u8, entity: EntityType, span: Option<SpanType>, possessive: bool) -> bool {
    bits & accept_bit(entity, span, possessive) != 0
}

/// The one [`accept`] bit a slot must have to take an item of this kind
/// (0 for a place: no slot takes one).
#[must_use]
pub const fn accept_bit(entity: EntityType, span: Option<SpanType>, possessive: bool) -> u8 {
    if possessive {
        return accept::POSS;
    }
    match (entity, span) {
        (EntityType::Person, _) => accept::PER,
        (EntityType::Organisation, _) => accept::ORG,
        (EntityType::Country, Some(SpanType::Demonym)) => accept::DEM,
        (EntityType::Country, _) => accept::COU,
        (EntityType::Location, _) => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_verbs_inflect() {
        assert_eq!(inflect("thank"), ["thank", "thanks", "thanked", "thanking"]);
        assert_eq!(inflect("praise"), ["praise", "praises", "praised", "praising"]);
        assert_eq!(inflect("ally"), ["ally", "allies", "allied", "allying"]);
        assert_eq!(inflect("criticise"), ["criticise", "criticises", "criticised", "criticising"]);
        assert_eq!(inflect("host"), ["host", "hosts", "hosted", "hosting"]);
    }

    /// [`rule_word`] is lower-casing then replacing the curly apostrophe.
    #[test]
    fn a_rule_word_is_lowered_with_straight_apostrophes() {
        for w in ["Met", "n’t", "N’T", "’s", "it's", "—", "“Said”", "Ürün", "", "a’b’c"] {
            assert_eq!(rule_word(w), w.to_lowercase().replace('’', "'"), "{w:?}");
        }
    }

    #[test]
    fn words_compare_without_case_or_apostrophe_style() {
        assert!(word_eq("Met", "met"));
        assert!(word_eq("’s", "'s"));
        assert!(!word_eq("meet", "met"));
    }

    #[test]
    fn patterns_compile_and_report_errors() {
        let mut macros = HashMap::new();
        macros.insert("aux".to_owned(), vec!["did".to_owned(), "not".to_owned()]);
        let mut words = Words::default();
        let p = compile("A @aux* thank+ B:per", &macros, &mut words).unwrap();
        assert_eq!(p.len(), 4);
        assert!(matches!(p[3], Element::Slot(End::B, accept::PER)));
        assert!(compile("A met", &macros, &mut words).unwrap_err().contains("exactly one"));
        assert!(compile("A @nope B", &macros, &mut words).unwrap_err().contains("@nope"));
        assert!(compile("A:planet met B", &macros, &mut words).unwrap_err().contains("planet"));
    }
}
