//! Combining the learned tagger with the rules.
//!
//! The tagger (an averaged perceptron over word shape, context and the
//! lexicon's bits, see [`crate::tagger`]) is better at *where a name starts
//! and ends* and at typing names no list knows; the lexicon is better at
//! *what a place is* (country, capital, demonym, city). So tagger spans win
//! their boundaries, the lexicon types location spans, and rule mentions the
//! tagger did not see are kept.

use super::runs::from_entry;
use super::{best_entry, best_of, is_state_shaped, Context, Mention, Referent, SpanType};
use crate::lexicon::Entry;
use crate::tagger::{spans_into, Class, Label, TagBuffers, Tagger};
use crate::text::Sentence;
use std::ops::Range;

/// What tagging a sentence needs besides its text, kept from one to the next.
#[derive(Default)]
pub struct TagWork {
    buffers: TagBuffers,
    labels: Vec<Label>,
    spans: Vec<(Range<usize>, Class)>,
}

/// Tagger spans of one sentence, typed, as mentions (`Class::Oth` spans are
/// returned too, with `None`, so the caller knows what the tagger excluded).
pub fn tagged_mentions(
    ctx: &Context<'_>,
    tagger: &Tagger,
    sentence: &Sentence,
    index: usize,
    work: &mut TagWork,
    out: &mut Vec<(Range<usize>, Option<Mention>)>,
) {
    let TagWork { buffers, labels, spans } = work;
    let range = sentence.tokens.clone();
    tagger.tag_with(ctx.text, &ctx.tokens[range.clone()], &ctx.features[range.clone()], labels, buffers);
    spans_into(labels, spans);
    join_dangling_connectors(ctx, range.start, spans);
    trim_trailing_connectors(ctx, range.start, spans);
    super::headline::cut_dateline(ctx, range.start, spans);
    for (relative, class) in spans.iter() {
        let mut tokens = relative.start + range.start..relative.end + range.start;
        // A score or a count before a name is not part of it ("2 Liverpool").
        while tokens.len() > 1 && ctx.tokens[tokens.start].kind == crate::text::TokenKind::Number {
            tokens.start += 1;
        }
        // English names start with a capital ("neo-Nazi" is not one), but for
        // name particles ("de Gaulle", "al-Assad" after a comma).
        if starts_lower(ctx, tokens.start) && ctx.bits(tokens.start) & crate::lexicon::bits::PARTICLE == 0 {
            out.push((tokens, None));
            continue;
        }
        let mention = typed(ctx, &tokens, *class).map(|(span_type, referent, rule)| Mention {
            span: ctx.span(&tokens),
            tokens: tokens.clone(),
            sentence: index,
            span_type,
            referent,
            rule,
            tentative: false,
        });
        out.push((tokens, mention));
    }
}

/// Token `i` starts with a lower-case letter. Asked of every tagger span:
/// an ASCII first byte (nearly always) answers without the word being
/// sliced (a char-boundary check) or a character decoded.
fn starts_lower(ctx: &Context<'_>, i: usize) -> bool {
    match ctx.bytes(i).first() {
        Some(&b) if b.is_ascii() => b.is_ascii_lowercase(),
        _ => ctx.word(i).starts_with(char::is_lowercase),
    }
}

/// A name does not end in "of" or "for": when the tagger closes an
/// organisation on a connector and starts another span right after it
/// ("Association of | Southeast Asia", "Bank of | England"), the two are one
/// name, an organisation.
fn join_dangling_connectors(ctx: &Context<'_>, offset: usize, spans: &mut Vec<(Range<usize>, Class)>) {
    let mut i = 0;
    while i + 1 < spans.len() {
        let (first, next) = (&spans[i], &spans[i + 1]);
        let last = ctx.bytes(offset + first.0.end - 1);
        if first.1 == Class::Org
            && first.0.end == next.0.start
            && matches!(last, b"of" | b"for" | b"de" | b"du" | b"des")
        {
            spans[i].0.end = spans[i + 1].0.end;
            spans.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// "the Harbour Foundation and | the …": a connector the tagger left at the end
/// of a name with nothing joined to it is not part of it.
fn trim_trailing_connectors(ctx: &Context<'_>, offset: usize, spans: &mut [(Range<usize>, Class)]) {
    for (span, _) in spans.iter_mut() {
        while span.len() > 1
            && matches!(ctx.bytes(offset + span.end - 1), b"and" | b"or" | b"of" | b"for" | b"the" | b"&")
        {
            span.end -= 1;
        }
    }
}

fn typed(ctx: &Context<'_>, tokens: &Range<usize>, class: Class) -> Option<(SpanType, Referent, &'static str)> {
    let hit = ctx.hit_exact(tokens);
    if matches!(class, Class::Loc | Class::Org) && hit.is_none() && is_state_shaped(ctx, tokens) {
        return Some((SpanType::Country, Referent::Name, "country/state-shape"));
    }
    let entries = hit.map_or(&[][..], |h| ctx.lexicon.entries(h.surface));
    let find = |f: fn(&Entry) -> bool| entries.iter().copied().find(f);
    match class {
        Class::Per => {
            let referent = match find(|e| matches!(e, Entry::Person(_))) {
                Some(Entry::Person(i)) => Referent::Person(i),
                _ => Referent::Name,
            };
            Some((SpanType::Person, referent, "tagger/person"))
        }
        Class::Org => {
            let referent = match find(|e| matches!(e, Entry::Organisation(_))) {
                Some(Entry::Organisation(i)) => Referent::Organisation(i),
                _ => Referent::Name,
            };
            Some((SpanType::Organisation, referent, "tagger/organisation"))
        }
        Class::Loc => {
            let place = entries
                .iter()
                .copied()
                .filter(|e| !matches!(e, Entry::Organisation(_) | Entry::Person(_) | Entry::Title(_)));
            let entry = best_of(place);
            match entry.and_then(|e| from_entry(ctx, tokens, e)) {
                Some((t, r, rule)) => Some((t, r, rule)),
                // "Yorkshire County Rowing Association": a place no list knows
                // that ends in an organisation word is an organisation.
                None if tokens.len() > 1 && ctx.bits(tokens.end - 1) & crate::lexicon::bits::ORG_HEAD != 0 => {
                    Some((SpanType::Organisation, Referent::Name, "organisation/head"))
                }
                None => Some((SpanType::Location, Referent::Name, "tagger/location")),
            }
        }
        Class::Oth => {
            // Demonyms are "misc" to the tagger but point at a country for the graph.
            match find(|e| matches!(e, Entry::Demonym(_))) {
                Some(e) => from_entry(ctx, tokens, e),
                None => None,
            }
        }
    }
}

/// Merge tagger spans with rule mentions (both in text order) into the final list.
///
/// Tagger spans win, except where a rule found an organisation by its shape
/// ("Peace and Freedom Party", "Alliance of Liberals and Democrats for
/// Europe Party") that covers the tagger's pieces: long names joined by "and"
/// and "for" are where a left-to-right tagger most often splits.
///
/// Both inputs are left empty (their buffers are the caller's to reuse, as
/// is `keep`, which notes the rule mentions kept); the merged mentions are
/// pushed on `out`, empty.
pub fn merge(
    ctx: &Context<'_>,
    tagged: &mut Vec<(Range<usize>, Option<Mention>)>,
    rules: &mut Vec<Mention>,
    keep: &mut Vec<bool>,
    out: &mut Vec<Mention>,
) {
    let overlaps = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    let inside = |a: &Range<usize>, b: &Range<usize>| b.start <= a.start && a.end <= b.end;
    let shaped_org = |m: &Mention| {
        m.span_type == SpanType::Organisation
            && matches!(m.rule, "organisation/head" | "organisation/of-chain" | "organisation/gazetteer")
    };
    out.reserve(tagged.len() + rules.len());
    let mut overridden: Vec<Range<usize>> = Vec::new();
    // Which rule mentions are kept is decided first, and they are copied
    // only once, into `out`, merged with the tagger's (below).
    keep.clear();
    // Where the previous rule mention's pieces began.
    let mut first = 0;
    for rule in rules.iter() {
        // Tagger spans are in text order and never overlap: the ones that
        // overlap this rule mention are one contiguous run, from the first
        // span that ends after the mention starts.
        first = first_ending_after(tagged, first, rule.tokens.start);
        let count = tagged[first..].iter().take_while(|(range, _)| overlaps(range, &rule.tokens)).count();
        let pieces = &tagged[first..first + count];
        if pieces.is_empty() {
            keep.push(true);
            continue;
        }
        // The tagger thought "other" (an event, a work, a misc name); a
        // lexicon entry or a strong shape still knows better.
        let only_other = pieces.iter().all(|(_, m)| m.is_none());
        if only_other && is_strong(rule) {
            keep.push(true);
            continue;
        }
        // A cue noun right before the name ("the newspaper Mwangaza") or a
        // title ("President Lula") settles the type of exactly that span.
        let decisive = matches!(rule.rule, "organisation/cue" | "person/title");
        if decisive && pieces.len() == 1 && pieces[0].0 == rule.tokens {
            overridden.push(rule.tokens.clone());
            keep.push(true);
            continue;
        }
        let split = pieces.len() >= 2
            && pieces.iter().all(|(range, m)| {
                inside(range, &rule.tokens) && m.as_ref().is_none_or(|m| m.span_type == SpanType::Organisation)
            });
        // "Association of | Southeast Asia": the tagger saw only the place
        // after "of"; the organisation word before it makes the whole a name.
        let headless = rule.rule == "organisation/of-chain"
            && pieces.iter().all(|(range, m)| {
                inside(range, &rule.tokens)
                    && range.start > rule.tokens.start
                    && m.as_ref().is_none_or(|m| m.span_type != SpanType::Person)
            });
        let kept = shaped_org(rule) && (split || headless);
        if kept {
            overridden.push(rule.tokens.clone());
        }
        keep.push(kept);
    }
    // The tagger's mentions kept, retyped in place.
    for (range, mention) in tagged.iter_mut() {
        if overridden.iter().any(|o| inside(range, o)) {
            *mention = None;
        }
        let Some(m) = mention else { continue };
        // A name the lexicon knows only as a place or a demonym ("Paris",
        // "Russia", "Brazilian") is that, whatever the tagger thought.
        if let Some(hit) = ctx.hit_exact(range) {
            let entries = ctx.lexicon.entries(hit.surface);
            let only_place = entries.iter().all(|e| {
                matches!(
                    e,
                    Entry::Country(_) | Entry::Capital(_) | Entry::Location(_) | Entry::Seat(_) | Entry::Demonym(_)
                )
            });
            let entry = best_entry(entries);
            let retype = match entry {
                Some(Entry::Country(_)) => m.span_type != SpanType::Country,
                Some(_) => only_place && matches!(m.span_type, SpanType::Person | SpanType::Organisation),
                None => false,
            };
            if let Some((span_type, referent, rule)) = entry.filter(|_| retype).and_then(|e| from_entry(ctx, range, e))
            {
                (m.span_type, m.referent, m.rule) = (span_type, referent, rule);
            }
        }
    }
    let kept_rules = rules.iter().zip(keep.iter()).filter_map(|(rule, &kept)| kept.then_some(rule));
    let kept_tagged = tagged.iter().filter_map(|(_, m)| m.as_ref());
    in_text_order(out, kept_rules, kept_tagged);
    rules.clear();
    tagged.clear();
}

/// The first of `tagged` (in text order, not overlapping, so their ends
/// ascend) that ends after token `start`: walked to from `hint`, the answer
/// for the previous rule mention, as rule mentions come in text order too;
/// bisected when `start` lies before the hint.
fn first_ending_after(tagged: &[(Range<usize>, Option<Mention>)], hint: usize, start: usize) -> usize {
    let ends_by = |k: usize| tagged[k].0.end <= start;
    if hint > tagged.len() || (hint > 0 && !ends_by(hint - 1)) {
        return tagged.partition_point(|(range, _)| range.end <= start);
    }
    let mut k = hint;
    while k < tagged.len() && ends_by(k) {
        k += 1;
    }
    k
}

/// `first` followed by `later`, copied onto `out` in text order, as pushing
/// both then a stable sort by (start, end) would leave them. Each is nearly
/// always in order already, and then one merge does it, with each mention
/// copied once; else (found on the way) they are pushed again and sorted.
fn in_text_order<'m>(
    out: &mut Vec<Mention>,
    first: impl Iterator<Item = &'m Mention> + Clone,
    later: impl Iterator<Item = &'m Mention> + Clone,
) {
    let key = |m: &Mention| (m.span.start, m.span.end);
    let from = out.len();
    let (mut a, mut b) = (first.clone(), later.clone());
    let (mut x, mut y) = (a.next(), b.next());
    // The last key taken from each, to see that each is in order.
    let (mut last_a, mut last_b) = ((0, 0), (0, 0));
    loop {
        // Of equal keys, `first`'s go first, as a stable sort keeps them.
        let (m, last) = match (x, y) {
            (Some(p), Some(q)) if key(q) < key(p) => {
                y = b.next();
                (q, &mut last_b)
            }
            (Some(p), _) => {
                x = a.next();
                (p, &mut last_a)
            }
            (None, Some(q)) => {
                y = b.next();
                (q, &mut last_b)
            }
            (None, None) => return,
        };
        if key(m) < *last {
            break;
        }
        *last = key(m);
        out.push(m.clone());
    }
    out.truncate(from);
    out.extend(first.cloned());
    out.extend(later.cloned());
    out[from..].sort_by_key(key);
}

/// Rule evidence that beats the tagger's "other".
fn is_strong(m: &Mention) -> bool {
    matches!(
        m.rule,
        "organisation/gazetteer"
            | "organisation/acronym"
            | "organisation/bracketed-acronym"
            | "organisation/head"
            | "organisation/of-chain"
            | "person/gazetteer"
            | "person/title"
            // Seats, metonyms and demonyms point at a country for the graph
            // even inside what the tagger calls "other" ("the Kremlin leader").
            | "country/seat"
            | "country/capital-metonym"
            | "country/demonym"
    )
}

#[cfg(test)]
mod tests {
    use super::{in_text_order, Mention, Referent, SpanType};
    use crate::text::Span;

    /// (start, end) of mentions.
    type Spans = &'static [(usize, usize)];

    /// Mentions at these (start, end), told apart by `sentence`.
    fn mentions(spans: Spans, first: usize) -> Vec<Mention> {
        spans
            .iter()
            .enumerate()
            .map(|(k, &(start, end))| Mention {
                span: Span::new(start, end),
                tokens: 0..0,
                sentence: first + k,
                span_type: SpanType::Person,
                referent: Referent::Name,
                rule: "test",
                tentative: false,
            })
            .collect()
    }

    /// The first byte answers what the first character does.
    #[test]
    fn words_start_lower_as_their_first_character_says() {
        use super::starts_lower;
        let text = "neo-Nazi Putin élan Élysée 2 , de al-Assad ßtraße ǅemal 中国 'til";
        crate::mentions::testing::with_words(text, |ctx| {
            for i in 0..ctx.tokens.len() {
                assert_eq!(starts_lower(ctx, i), ctx.word(i).starts_with(char::is_lowercase), "{:?}", ctx.word(i));
            }
        });
    }

    #[test]
    fn merging_in_text_order_is_a_stable_sort() {
        let cases: [(Spans, Spans); 8] = [
            (&[(0, 3), (5, 8), (9, 12)], &[(1, 2), (5, 8), (5, 9), (20, 21)]),
            (&[], &[(1, 2), (3, 4)]),
            (&[(1, 2), (3, 4)], &[]),
            (&[(4, 5), (4, 5)], &[(4, 5), (0, 1)]),
            (&[(7, 8), (2, 3)], &[(5, 6)]),
            (&[(1, 2), (3, 4)], &[(2, 3), (9, 9), (0, 1)]),
            (&[(0, 1), (5, 6), (4, 8)], &[(2, 3), (5, 6)]),
            (&[(0, 1), (2, 3)], &[(0, 1), (2, 3)]),
        ];
        for (first, second) in cases {
            let (out, later) = (mentions(first, 0), mentions(second, 100));
            let mut expected = out.clone();
            expected.extend(later.clone());
            expected.sort_by_key(|m| (m.span.start, m.span.end));
            let mut merged = Vec::new();
            in_text_order(&mut merged, out.iter(), later.iter());
            assert_eq!(merged, expected, "{first:?} {second:?}");
        }
    }
}
