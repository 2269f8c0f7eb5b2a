//! Name runs: cutting a sentence into capitalised stretches and typing them.

use super::{best_entry, is_state_shaped, is_title, Context, Mention, Referent, SpanType};
use crate::lexicon::{bits, Entry};
use crate::text::{case, starts_upper, Sentence, Token, TokenKind};
use std::ops::Range;

/// Prepositions after which a capital city is a place, not its government
/// ("talks in Moscow" vs "Moscow rejected"). Grammar, not world knowledge.
///
/// Asked of the word before every capital the rules meet: lower-cased once
/// into a small buffer and matched by length and bytes, rather than compared
/// case-blind with each word of a list in turn.
fn is_locative(word: &[u8]) -> bool {
    // The longest is "throughout". Copied and lower-cased in one loop: a
    // copy of a length known only at run time was a call to `memcpy`.
    let mut lower = [0u8; 10];
    let Some(lower) = lower.get_mut(..word.len()) else { return false };
    for (l, b) in lower.iter_mut().zip(word) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &*lower,
        b"in"
            | b"at"
            | b"from"
            | b"to"
            | b"into"
            | b"near"
            | b"outside"
            | b"inside"
            | b"around"
            | b"across"
            | b"toward"
            | b"towards"
            | b"via"
            | b"through"
            | b"within"
            | b"throughout"
            | b"visited"
            | b"visit"
            | b"visiting"
            | b"reached"
            | b"left"
            | b"leaving"
            | b"of"
            | b"over"
            | b"beyond"
            | b"past"
            | b"between"
            | b"along"
    )
}

/// Words that may open a run at sentence start without being part of a name.
fn is_sentence_opener(word: &str) -> bool {
    let lower = word.len() > 4 && (word.ends_with("ing") || word.ends_with("ly") || word.ends_with("ed"));
    lower || matches!(word, "The" | "A" | "An")
}

/// Maximal stretches of capitalised tokens in `range`, joined by name
/// particles ("von der"), initials ("John G. Schmitz"), "&", "of"/"for"
/// (+ "the") after an organisation word or title ("Bank of England",
/// "Coalition of the Willing"), and "and" inside organisation names
/// ("Peace and Freedom Party"); extended over any gazetteer hit that starts
/// inside them. Written into `runs` (cleared first), which the caller
/// reuses from sentence to sentence.
pub fn name_runs(ctx: &Context<'_>, range: Range<usize>, runs: &mut Vec<Range<usize>>) {
    runs.clear();
    // The "and"s inside the current run: one list for the whole sentence.
    let mut ands = Vec::new();
    let mut i = range.start;
    while i < range.end {
        // Most tokens open no run: stepped over by their case byte alone.
        let Some(skip) = first_capitalised(&ctx.tokens[i..range.end]) else {
            break;
        };
        i += skip;
        let start = i;
        let mut end = i + 1;
        ands.clear();
        loop {
            if let Some(hit) = ctx.hit_at(end - 1) {
                if hit.tokens.end <= range.end && hit.tokens.end > end && !is_title(ctx, end - 1) {
                    end = hit.tokens.end;
                }
            }
            if end < range.end && ctx.is_capitalised(end) {
                end += 1;
                continue;
            }
            if is_initial_dot(ctx, end, range.end) {
                end += 2;
                continue;
            }
            if let Some(skip) = connector(ctx, end, range.end) {
                if ctx.is(end, "and") {
                    ands.push(end);
                }
                end += skip + 1;
                continue;
            }
            break;
        }
        // "Peace and Freedom Party" is one name; "Reform Party of Canada and
        // Canadian Alliance" is two: split at an "and" whose left side is
        // already a complete organisation name, or everywhere when the whole
        // is not organisation-shaped ("Moscow and Pyongyang").
        // Asked only of runs with an "and" in them (few are).
        let whole_is_org = !ands.is_empty() && is_organisation_shaped(ctx, &(start..end));
        let mut from = start;
        for &and in &ands {
            // "the Gandharva Samiti and Bharatiya Janata Party": a known name after it.
            // (two words at least: "Party of Socialists and Democrats" is one).
            let known_after = end - and > 2 && super::is_known_organisation(ctx, &(and + 1..end));
            if !whole_is_org || is_complete_organisation(ctx, &(from..and)) || known_after {
                runs.push(from..and);
                from = and + 1;
            }
        }
        runs.push(from..end);
        i = end;
    }
}

/// The first capitalised token of `tokens`, as
/// `tokens.iter().position(Token::is_capitalised)` finds it.
///
/// Why not that: it is the step over every token that opens no name run
/// (most of a sentence), and a test and a branch per token cost more than
/// one test of four case bytes ORed together.
fn first_capitalised(tokens: &[Token]) -> Option<usize> {
    let mut at = 0;
    for four in tokens.chunks_exact(4) {
        if (four[0].case | four[1].case | four[2].case | four[3].case) & case::CAP != 0 {
            break;
        }
        at += 4;
    }
    tokens[at..].iter().position(Token::is_capitalised).map(|k| at + k)
}

/// "G ." between capitalised words: the initial of a name.
fn is_initial_dot(ctx: &Context<'_>, i: usize, limit: usize) -> bool {
    // Asked at the end of every run: one byte of the text rules out nearly all.
    i + 1 < limit
        && ctx.tokens[i].span.len() == 1
        && ctx.text.as_bytes()[ctx.tokens[i].span.start] == b'.'
        && ctx.tokens[i].span.start == ctx.tokens[i - 1].span.end
        && ctx.word(i - 1).chars().count() == 1
        && ctx.is_capitalised(i - 1)
        && ctx.is_capitalised(i + 1)
}

/// A name that could stand alone as an organisation: it ends with a head
/// word ("… Party"), is a known organisation or an acronym, or ends with
/// "of" + a place ("Reform Party of Canada").
pub(super) fn is_complete_organisation(ctx: &Context<'_>, r: &Range<usize>) -> bool {
    if r.is_empty() {
        return false;
    }
    let last = r.end - 1;
    let place = bits::COUNTRY | bits::LOCATION | bits::CAPITAL;
    ctx.bits(last) & bits::ORG_HEAD != 0
        || super::is_known_organisation(ctx, r)
        || (r.len() == 1 && is_acronym(ctx.word(r.start)))
        || (ctx.bits(last) & place != 0 && (r.start..last).any(|i| ctx.is(i, "of")))
}

/// Ends with an organisation head word, or has an "X of/for" organisation word.
fn is_organisation_shaped(ctx: &Context<'_>, r: &Range<usize>) -> bool {
    ctx.bits(r.end - 1) & bits::ORG_HEAD != 0
        || (r.start..r.end - 1)
            .any(|i| ctx.bits(i) & (bits::ORG_HEAD | bits::ORG_PRE) != 0 && matches!(ctx.bytes(i + 1), b"of" | b"for"))
}

/// How many connector tokens start at `i` when a capitalised token follows them.
fn connector(ctx: &Context<'_>, i: usize, limit: usize) -> Option<usize> {
    // Asked at the end of every run, where mostly a plain word or a comma
    // follows: every joiner below is at most three bytes long, so a longer
    // word that is no particle joins nothing, and no word need be read.
    if i >= limit || (ctx.tokens[i].span.len() > 3 && ctx.bits(i) & bits::PARTICLE == 0) {
        return None;
    }
    let after_org_word = ctx.bits(i - 1) & (bits::ORG_HEAD | bits::ORG_PRE | bits::TITLE) != 0;
    let mut j = i;
    while j < limit && j - i < 3 {
        let word = ctx.bytes(j);
        let particle = ctx.bits(j) & bits::PARTICLE != 0 && !starts_upper(ctx.word(j));
        let joiner =
            matches!(word, b"&" | b"and" | b"de" | b"du" | b"des" | b"del" | b"la" | b"y" | b"et" | b"ni" | b"en")
                || (j == i && after_org_word && matches!(word, b"of" | b"for"))
                || (j > i && word == b"the" && matches!(ctx.bytes(j - 1), b"of" | b"for"));
        if !(particle || joiner) {
            break;
        }
        j += 1;
    }
    // "leave the Ontario Liberal Party for the Bloc Québécois": a complete
    // party name, "for", and a party the lexicon knows are two names.
    let two_parties = || {
        ctx.is(i, "for")
            && ctx.bits(i - 1) & bits::ORG_HEAD != 0
            && ctx
                .hit_at(j)
                .is_some_and(|h| ctx.lexicon.entries(h.surface).iter().any(|e| matches!(e, Entry::Organisation(_))))
    };
    (j > i && j < limit && ctx.is_capitalised(j) && !text_gap_has_newline(ctx, i - 1, j) && !two_parties())
        .then_some(j - i)
}

/// A line break between tokens `from` and `to`. Looked for as a byte
/// (in UTF-8 no other character holds the byte of '\n'): the gap is a
/// few bytes, which a plain loop reads before a character search is set up.
fn text_gap_has_newline(ctx: &Context<'_>, from: usize, to: usize) -> bool {
    ctx.text.as_bytes()[ctx.tokens[from].span.end..ctx.tokens[to].span.start].contains(&b'\n')
}

fn starts_sentence(ctx: &Context<'_>, sentence: &Sentence, i: usize) -> bool {
    (sentence.tokens.start..i).all(|j| ctx.tokens[j].kind == TokenKind::Punct)
}

fn push(
    ctx: &Context<'_>,
    out: &mut Vec<Mention>,
    sentence: usize,
    range: Range<usize>,
    span_type: SpanType,
    referent: Referent,
    rule: &'static str,
) {
    out.push(Mention { span: ctx.span(&range), tokens: range, sentence, span_type, referent, rule, tentative: false });
}

/// The mention an exact gazetteer entry gives, if any.
///
/// Inlined always: asked of nearly every gazetteer hit, and a call (which
/// returns its three-part answer through memory) cost more than the match
/// itself; a plain `#[inline]` was not taken. The capital, which reads the
/// word before, is kept out of line so that each caller's copy stays small.
#[inline(always)]
pub(super) fn from_entry(
    ctx: &Context<'_>,
    range: &Range<usize>,
    entry: Entry,
) -> Option<(SpanType, Referent, &'static str)> {
    Some(match entry {
        Entry::Organisation(i) => (SpanType::Organisation, Referent::Organisation(i), "organisation/gazetteer"),
        Entry::Person(i) => (SpanType::Person, Referent::Person(i), "person/gazetteer"),
        Entry::Country(i) => (SpanType::Country, Referent::Country(i), "country/name"),
        Entry::Demonym(i) => (SpanType::Demonym, Referent::Country(i), "country/demonym"),
        Entry::Seat(i) => (SpanType::Location, Referent::Country(i), "country/seat"),
        Entry::Capital(i) => from_capital(ctx, range, i),
        Entry::Location(i) => (SpanType::Location, Referent::Location(i), "location/gazetteer"),
        Entry::Title(_) => return None,
    })
}

/// [`from_entry`] of a capital city: a place after a locative ("talks in
/// Moscow"), else its country's government ("Moscow rejected").
#[inline(never)]
fn from_capital(ctx: &Context<'_>, range: &Range<usize>, country: u32) -> (SpanType, Referent, &'static str) {
    let before = if range.start > 0 { ctx.bytes(range.start - 1) } else { b"" };
    if is_locative(before) {
        (SpanType::Location, Referent::Name, "location/capital")
    } else {
        (SpanType::Location, Referent::Country(country), "country/capital-metonym")
    }
}

/// Type one run and push its mentions.
///
/// Inlined into the loop over a sentence's runs: called for every run, and
/// the call's saving and restoring of registers was a tenth of its cost.
#[inline]
pub fn classify(ctx: &Context<'_>, sentence: &Sentence, index: usize, run: Range<usize>, out: &mut Vec<Mention>) {
    if is_event_name(ctx, &run) {
        return;
    }
    let mut r = run;
    // The hit at `r.start`, as the loops below leave it: each looks it up
    // once, and the next reads it, where each looked it up again.
    let mut start_hit = None;
    // Sentence openers, "The", and words that are never names.
    while !r.is_empty() {
        let i = r.start;
        let hit = ctx.hit_at(i);
        start_hit = hit;
        let multiword_hit = hit.is_some_and(|h| h.tokens.len() > 1 && h.tokens.end <= r.end);
        if multiword_hit {
            break;
        }
        let has_hit = hit.is_some();
        // "Ministry" alone is no name, but "Ministry of Agrarian Policy" is.
        let org_word = ctx.bits(i) & (bits::ORG_HEAD | bits::ORG_PRE) != 0 && r.len() > 1;
        // Inside a longer name, "National", "New", "Social" are part of it ("New Democratic Party").
        let non_entity = ctx.bits(i) & bits::NON_ENTITY != 0
            && !org_word
            && (r.len() == 1 || (starts_sentence(ctx, sentence, i) && !is_organisation_shaped(ctx, &r)));
        let opener = starts_sentence(ctx, sentence, i)
            && is_sentence_opener(ctx.word(i))
            && !has_hit
            && ctx.bits(i) & bits::FIRST_NAME == 0;
        if (non_entity && !has_hit) || opener || ctx.is(i, "The") {
            r.start += 1;
        } else {
            break;
        }
    }
    // Leading entity + title ("Indian Prime Minister …", "NATO Secretary-General …"), titles, "of".
    let mut titled = false;
    let mut role_of = false;
    // The entries of a hit that covers exactly what is left, where the loop stops.
    let mut exact = None;
    while !r.is_empty() {
        let Some(hit) = start_hit.filter(|h| h.tokens.end <= r.end) else { break };
        let entries = ctx.lexicon.entries(hit.surface);
        if entries.iter().any(|e| matches!(e, Entry::Title(_))) && hit.tokens.end < r.end {
            titled = true;
            r.start = hit.tokens.end;
            if ctx.is(r.start, "of") && r.start + 1 < r.end {
                role_of = true;
                r.start += 1;
                if ctx.is(r.start, "the") && r.start + 1 < r.end {
                    r.start += 1;
                }
            }
            start_hit = ctx.hit_at(r.start);
            continue;
        }
        let title_follows = hit.tokens.end < r.end
            && ctx
                .hit_at(hit.tokens.end)
                .is_some_and(|t| ctx.lexicon.entries(t.surface).iter().any(|e| matches!(e, Entry::Title(_))));
        let country_then_more = role_of && hit.tokens.end < r.end;
        if title_follows || country_then_more {
            if let Some((span_type, referent, rule)) = best_entry(entries).and_then(|e| from_entry(ctx, &hit.tokens, e))
            {
                push(ctx, out, index, hit.tokens.clone(), span_type, referent, rule);
            }
            r.start = hit.tokens.end;
            role_of = false;
            start_hit = ctx.hit_at(r.start);
            continue;
        }
        // (Where the loop stops for want of a hit inside `r`, none covers it exactly.)
        exact = (hit.tokens.end == r.end).then_some(entries);
        break;
    }
    if r.is_empty() {
        return;
    }
    if let Some(entries) = exact {
        if let Some((span_type, referent, rule)) = best_entry(entries).and_then(|e| from_entry(ctx, &r, e)) {
            let rule = if titled && span_type == SpanType::Person { "person/title" } else { rule };
            push(ctx, out, index, r, span_type, referent, rule);
        }
        return;
    }
    if role_of {
        return; // "Minister of Foreign Affairs of Ukraine": a role, not a name.
    }
    if is_state_shaped(ctx, &r) {
        push(ctx, out, index, r, SpanType::Country, Referent::Name, "country/state-shape");
        return;
    }
    if let Some(rule) = organisation_evidence(ctx, &r) {
        push(ctx, out, index, r, SpanType::Organisation, Referent::Name, rule);
        return;
    }
    if let Some(rule) = person_evidence(ctx, &r, titled) {
        push(ctx, out, index, r, SpanType::Person, Referent::Name, rule);
        return;
    }
    // No evidence: a candidate the document-level pass may resolve.
    out.push(Mention {
        span: ctx.span(&r),
        tokens: r.clone(),
        sentence: index,
        span_type: SpanType::Person,
        referent: Referent::Name,
        rule: "candidate",
        tentative: true,
    });
}

/// "the 1992 United Kingdom general election": a year, then the name, then
/// lower-case words: the name is part of an event's name, not a mention of
/// its own.
fn is_event_name(ctx: &Context<'_>, run: &Range<usize>) -> bool {
    // Asked of every run, and nearly none follows a number: the token kind
    // decides first, and the word after is read only after a year.
    let year_before = run.start > 0 && ctx.tokens[run.start - 1].kind == TokenKind::Number && {
        let w = ctx.bytes(run.start - 1);
        w.len() == 4 && (w.starts_with(b"1") || w.starts_with(b"20"))
    };
    year_before
        && run.end < ctx.tokens.len()
        && ctx.tokens[run.end].kind == TokenKind::Word
        && ctx.word(run.end).starts_with(char::is_lowercase)
}

fn is_acronym(word: &str) -> bool {
    // The shape first: most words asked are title-case, ruled out by their
    // second letter, before any letter is counted.
    word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.' || c == '-')
        && (2..=7).contains(&word.chars().filter(|c| c.is_alphabetic()).count())
}

fn organisation_evidence(ctx: &Context<'_>, r: &Range<usize>) -> Option<&'static str> {
    let last = r.end - 1;
    if ctx.bits(last) & bits::ORG_HEAD != 0 {
        return Some("organisation/head");
    }
    for i in r.start..last {
        if ctx.bits(i) & (bits::ORG_HEAD | bits::ORG_PRE) != 0 && matches!(ctx.bytes(i + 1), b"of" | b"for") {
            return Some("organisation/of-chain");
        }
    }
    if r.start > 0 && ctx.bits(r.start - 1) & bits::ORG_CUE != 0 {
        return Some("organisation/cue");
    }
    if r.len() == 1 && is_acronym(ctx.word(r.start)) && ctx.bits(r.start) & bits::NON_ENTITY == 0 {
        return Some("organisation/acronym");
    }
    None
}

fn is_titlecase(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
}

fn person_evidence(ctx: &Context<'_>, r: &Range<usize>, titled: bool) -> Option<&'static str> {
    if titled {
        return Some("person/title");
    }
    let role_before = ctx
        .hit_ending_at(r.start)
        .is_some_and(|h| ctx.lexicon.entries(h.surface).iter().any(|e| matches!(e, Entry::Title(_))));
    if role_before {
        return Some("person/role");
    }
    if r.len() >= 2 && ctx.bits(r.start) & bits::FIRST_NAME != 0 {
        return Some("person/first-name");
    }
    let next = r.end;
    let said = next < ctx.tokens.len() && ctx.bits(next) & bits::SPEECH_VERB != 0;
    let comma_said = r.start >= 1 && ctx.is(r.start - 1, ",") && said;
    if (said || comma_said) && r.len() <= 4 && r.iter_words(ctx).all(is_titlecase) {
        return Some("person/speech");
    }
    // Asked only of runs of two words or more: most are of one.
    let particle = || (r.start..r.end).any(|i| ctx.bits(i) & bits::PARTICLE != 0);
    let syllables = || (r.start..r.end).any(|i| has_lower_syllable(ctx.word(i)));
    if r.len() >= 2 && (particle() || syllables()) {
        return Some("person/shape");
    }
    let known_word = bits::COUNTRY
        | bits::DEMONYM
        | bits::CAPITAL
        | bits::LOCATION
        | bits::ORGANISATION
        | bits::NON_ENTITY
        | bits::ORG_HEAD
        | bits::ORG_PRE;
    let plain_words = (r.start..r.end).all(|i| ctx.bits(i) & known_word == 0);
    if (2..=3).contains(&r.len()) && plain_words && r.iter_words(ctx).all(is_titlecase) {
        return Some("person/two-words");
    }
    None
}

/// A hyphen in `word` with a lower-case letter right after the first one
/// ("Jong-un", "al-Assad"). The hyphen is looked for as a byte (in UTF-8
/// no other character holds it): most words are short and have none,
/// which a plain loop tells before a character search is set up.
fn has_lower_syllable(word: &str) -> bool {
    let at = word.bytes().position(|b| b == b'-');
    at.is_some_and(|at| word[at + 1..].starts_with(char::is_lowercase))
}

trait Words {
    fn iter_words<'c>(&self, ctx: &'c Context<'_>) -> impl Iterator<Item = &'c str>;
}

impl Words for Range<usize> {
    fn iter_words<'c>(&self, ctx: &'c Context<'_>) -> impl Iterator<Item = &'c str> {
        self.clone().map(move |i| &ctx.text[ctx.tokens[i].span.start..ctx.tokens[i].span.end])
    }
}

#[cfg(test)]
mod tests {
    use super::{first_capitalised, has_lower_syllable, is_locative, text_gap_has_newline};
    use crate::text::{tokenize, Token};

    /// Four tokens at a time find the token one at a time does, from every
    /// start and end (so every remainder of the chunks of four is met).
    #[test]
    fn the_first_capital_is_found_as_one_by_one() {
        let text = "the talks in Moscow , then a . B of the Bank of England met x y z w v Putin ; é É 5 and o";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        for from in 0..=tokens.len() {
            for to in from..=tokens.len() {
                let part = &tokens[from..to];
                assert_eq!(first_capitalised(part), part.iter().position(Token::is_capitalised), "{from}..{to}");
            }
        }
    }

    /// The locative words, as a list compared case-blind word by word.
    const LOCATIVE: &[&str] = &[
        "in",
        "at",
        "from",
        "to",
        "into",
        "near",
        "outside",
        "inside",
        "around",
        "across",
        "toward",
        "towards",
        "via",
        "through",
        "within",
        "throughout",
        "visited",
        "visit",
        "visiting",
        "reached",
        "left",
        "leaving",
        "of",
        "over",
        "beyond",
        "past",
        "between",
        "along",
    ];

    /// The hyphen found as a byte is the one the character search finds.
    #[test]
    fn lower_syllables_are_found_as_by_characters() {
        for w in
            ["Jong-un", "al-Assad", "Kim", "", "-", "a-", "-é", "Zoë-ñu", "É-É", "x--y", "Saint-Étienne", "ab-cd-Ef"]
        {
            let general = w.find('-').is_some_and(|at| w[at + 1..].starts_with(char::is_lowercase));
            assert_eq!(has_lower_syllable(w), general, "{w:?}");
        }
    }

    /// A line break is found between two tokens as the character search
    /// finds it, after non-ASCII text too.
    #[test]
    fn gaps_with_line_breaks_are_those_with_the_character() {
        let text = "Bank of\nEngland , «Zoë»\u{2028}de\r\nla Vega\t\u{a0}y Cruz .";
        crate::mentions::testing::with_words(text, |ctx| {
            for from in 0..ctx.tokens.len() {
                for to in from + 1..ctx.tokens.len() {
                    let gap = &text[ctx.tokens[from].span.end..ctx.tokens[to].span.start];
                    assert_eq!(text_gap_has_newline(ctx, from, to), gap.contains('\n'), "{from} {to}");
                }
            }
        });
    }

    #[test]
    fn locatives_are_the_listed_words_in_any_case() {
        let others =
            ["", "i", "In", "IN", "iN", "THROUGHOUT", "throughouts", "visits", "the", "Moscow", "é", "À", "to."];
        for word in LOCATIVE.iter().copied().chain(others) {
            let listed = LOCATIVE.iter().any(|p| p.as_bytes().eq_ignore_ascii_case(word.as_bytes()));
            assert_eq!(is_locative(word.as_bytes()), listed, "{word:?}");
        }
    }
}
