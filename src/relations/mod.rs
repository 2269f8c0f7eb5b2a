//! Stated relations: who met, thanked, accused or leads whom, read from
//! what a sentence says rather than from two names sharing it.
//!
//! The rules are data (`data/relation_patterns.tsv`, see [`pattern`] for the
//! pattern language), compiled once into a [`RuleSet`] that every document
//! shares. Each rule has an id, a label, a direction and an example sentence
//! with the triple it must give; a unit test runs every example through the
//! real extractor. Labels map to CAMEO-like categories in
//! `data/relation_categories.tsv`.
//!
//! Extraction runs in two passes over the items of the document (mentions,
//! pronouns and descriptions collapsed to one item each, see [`items`]):
//! the first reads the role rules ("Russian Foreign Minister Sergey Lavrov")
//! so that the second can resolve "the Kremlin leader" and "he" before every
//! rule runs (the role rules again only where something was resolved:
//! elsewhere they would read what they read the first time). Last, a
//! learned pair classifier ([`learned`]) relates the pairs of mentions of a
//! sentence that the rules left alone, when its model is confident enough
//! (rule `relation/learned/pair`).

pub mod index;
pub mod items;
pub mod learned;
pub mod matcher;
pub mod pattern;
mod run;

use crate::entities::{Entity, EntityType};
use crate::error::{Error, Result};
use crate::lexicon::{tsv, Hit, Lexicon};
use crate::mentions::Mention;
use crate::text::{Sentence, Token};
use index::{flag, Needs, Vocab};
use items::{Doc, Items, Profiles, TitleHit};
use matcher::{Capture, Ctx, Sent};
use pattern::{Element, End, Words};
use std::collections::HashMap;
use std::sync::Arc;

/// The embedded rule files: (name, text).
pub const PATTERNS_FILE: (&str, &str) =
    ("data/relation_patterns.tsv", include_str!("../../data/relation_patterns.tsv"));
/// The embedded label → category table: (name, text).
pub const CATEGORIES_FILE: (&str, &str) =
    ("data/relation_categories.tsv", include_str!("../../data/relation_categories.tsv"));

/// One relation stated in a document.
///
/// Label, category and rule are shared with the rule set (`Arc<str>`), not
/// copied: a document yields thousands of relations, and owned strings cost
/// three allocations and frees per relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Relation {
    /// The agent (index into the document's entities).
    pub source: usize,
    /// The other party (index into the document's entities).
    pub target: usize,
    /// The mention naming the source, when it is a mention (not "he" or "the Kremlin leader").
    pub head_mention: Option<usize>,
    /// The mention naming the target, when it is a mention.
    pub tail_mention: Option<usize>,
    /// Normalised label: "thank", "foreign_minister_of".
    pub label: Arc<str>,
    /// cooperation, conflict, communication, role or other.
    pub category: Arc<str>,
    /// Id of the rule that read it.
    pub rule: Arc<str>,
    /// The sentence it was read in.
    pub sentence: usize,
    /// Stated as not happening ("did not meet"): never drawn.
    pub negated: bool,
}

/// Options of a rule (the `options` column, `|`-separated).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Expand coordinated lists at the pattern's first and last slot.
    pub list: bool,
    /// Relate every member of both lists with every other (joint actions).
    pub clique: bool,
    /// Allow two mentions of the same entity (aliases, acronyms).
    pub same_entity: bool,
    /// The target is the country of B (a person), not B itself.
    pub via_country: bool,
    /// The pattern opens the sentence and its last slot (A) is every fitting
    /// name after it: "In Portugal, the Socialist Party and the Left Bloc …" sets
    /// the scene for the whole sentence.
    pub frame: bool,
}

/// One compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, `relation/thank/1` (shared by the relations it reads).
    pub id: Arc<str>,
    /// The pattern as written.
    pub pattern: String,
    /// Label; `{role}` is replaced by the role of the matched title.
    pub label: Arc<str>,
    /// `directed` or `symmetric`.
    pub symmetric: bool,
    /// Category, from the rule or the label's row in the categories table.
    pub category: Arc<str>,
    /// Options.
    pub options: RuleOptions,
    /// An example sentence.
    pub example: String,
    /// What the example must give: `source > label > target` (entity labels).
    pub expected: String,
    elements: Vec<Element>,
    needs: Needs,
    /// How its pattern opens, read once here rather than at every sentence.
    opening: run::Opening,
    /// Runs in the first pass (a role rule over names only).
    first_pass: bool,
    /// The label holds `{role}` (checked once here, not at every match).
    role_label: bool,
}

/// Every rule, compiled; build once and share by reference.
#[derive(Debug, Clone)]
pub struct RuleSet {
    /// The rules, in file order (earlier rules win on the same pair and label).
    pub rules: Vec<Rule>,
    vocab: Vocab,
    anchors: run::Anchors,
    heads: Vec<String>,
    /// Run the learned pair classifier after the rules.
    pub learned: bool,
}

impl RuleSet {
    /// The embedded rules.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the embedded rules compile.
    #[must_use]
    pub fn embedded() -> Self {
        Self::parse(PATTERNS_FILE, CATEGORIES_FILE, &[]).expect("embedded relation rules compile (checked by tests)")
    }

    /// Compile rules from `(name, text)` of a patterns file and a categories
    /// file, leaving out the rules whose id is in `disabled`.
    ///
    /// # Errors
    /// [`Error::DataFile`] naming the file and line of the first bad row.
    pub fn parse(patterns: (&str, &str), categories: (&str, &str), disabled: &[String]) -> Result<Self> {
        let bad = |file: &str, line, message: String| Error::DataFile { file: file.to_owned(), line, message };
        let mut category_of = HashMap::new();
        for row in tsv::parse(categories.0, categories.1, 3)? {
            category_of.insert(row.cells[0].to_owned(), row.cells[1].to_owned());
        }
        let (file, text) = patterns;
        let mut macros: HashMap<String, Vec<String>> = HashMap::new();
        let mut words = Words::default();
        // The word set of each list of alternatives, while the macros stay the same.
        let mut seen = HashMap::new();
        let mut rules = Vec::new();
        for row in tsv::parse(file, text, 8)? {
            let c = &row.cells;
            if let Some(name) = c[0].strip_prefix('@') {
                macros.insert(name.to_owned(), tsv::list(c[1]).map(pattern::rule_word).collect());
                seen.clear();
                continue;
            }
            let elements =
                pattern::compile_with(c[1], &macros, &mut words, &mut seen).map_err(|e| bad(file, row.line, e))?;
            let symmetric = match c[3] {
                "directed" => false,
                "symmetric" => true,
                other => {
                    return Err(bad(file, row.line, format!("direction must be directed or symmetric, not {other:?}")))
                }
            };
            let category = if c[4].is_empty() {
                category_of.get(c[2]).cloned().ok_or_else(|| {
                    bad(file, row.line, format!("label {:?} has no category in {}", c[2], categories.0))
                })?
            } else {
                c[4].to_owned()
            };
            let mut options = RuleOptions::default();
            for o in tsv::list(c[5]) {
                match o {
                    "list" => options.list = true,
                    "clique" => options.clique = true,
                    "same-entity" => options.same_entity = true,
                    "via-country" => options.via_country = true,
                    "frame" => options.frame = true,
                    "-" => {}
                    other => return Err(bad(file, row.line, format!("unknown option {other:?}"))),
                }
            }
            if options.frame && !matches!(elements.last(), Some(Element::Slot(End::A, _))) {
                return Err(bad(file, row.line, "a frame rule ends with its A slot".into()));
            }
            if c[6].is_empty() || c[7].is_empty() {
                return Err(bad(file, row.line, "every rule needs an example and its expected triple".into()));
            }
            if disabled.iter().any(|d| d == c[0]) {
                continue;
            }
            rules.push(Rule {
                id: c[0].into(),
                pattern: c[1].to_owned(),
                label: c[2].into(),
                symmetric,
                category: category.into(),
                options,
                example: c[6].to_owned(),
                expected: c[7].to_owned(),
                elements,
                needs: Needs::default(),
                opening: run::Opening::Any,
                first_pass: false,
                role_label: c[2].contains("{role}"),
            });
        }
        let heads = macros.remove("head_roles").unwrap_or_default();
        let not_antecedent = macros.remove("not_antecedent").unwrap_or_default();
        let slot_skip = macros.remove("slot_skip").unwrap_or_default();
        // Role nouns of members ("candidate", "leader") also mark a party
        // written before a name: the slot is the name.
        let party_roles = macros.get("member").cloned().unwrap_or_default();
        let flagged: [(&[String], u16); 3] =
            [(&slot_skip, flag::SKIP), (&not_antecedent, flag::MODIFIER), (&party_roles, flag::PARTY_ROLE)];
        let vocab = Vocab::new(&words, &flagged).map_err(|e| bad(file, 0, e))?;
        for rule in &mut rules {
            rule.needs = Needs::of(&rule.elements);
            rule.opening = run::Opening::of(&rule.elements);
            rule.first_pass = &*rule.category == "role" && !rule.options.via_country;
        }
        let anchors = run::Anchors::new(&rules, &words);
        let learned = !disabled.iter().any(|d| d == learned::RULE_ID);
        Ok(Self { rules, vocab, anchors, heads, learned })
    }
}

/// A document, as the relation stage reads it.
pub struct Parts<'a> {
    /// The text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its gazetteer hits ([`Lexicon::hits`]), where titles are found.
    pub hits: &'a [Hit],
    /// The lexicon's bits per token ([`Lexicon::scan`]), read by the pair classifier.
    pub features: &'a [u32],
    /// Its mentions.
    pub mentions: &'a [Mention],
    /// The entity of each mention.
    pub entity_of: &'a [Option<usize>],
    /// Its entities.
    pub entities: &'a [Entity],
}

/// Read the relations stated in one document, sorted by sentence and
/// position, without duplicates.
#[must_use]
pub fn extract_relations(parts: &Parts<'_>, rules: &RuleSet, lexicon: &Lexicon) -> Vec<Relation> {
    let mut out = Vec::new();
    extract_relations_into(parts, rules, lexicon, &mut RelationBuffers::default(), &mut out);
    out
}

/// What [`extract_relations_into`] keeps from one document to the next (one
/// per worker): its working vectors, grown once instead of allocated, filled
/// and freed again for every document. They hold no result.
#[derive(Default)]
pub struct RelationBuffers {
    titles: Vec<TitleHit>,
    items: Items,
    scratch: run::Scratch,
    first: Vec<Relation>,
    pairs: learned::PairBuffers,
}

/// [`extract_relations`] into `out`, which is cleared first, with the
/// working vectors of `buffers`: a caller that analyses many documents
/// reuses both instead of freeing and growing new ones for each.
#[inline(never)]
pub fn extract_relations_into(
    parts: &Parts<'_>,
    rules: &RuleSet,
    lexicon: &Lexicon,
    buffers: &mut RelationBuffers,
    out: &mut Vec<Relation>,
) {
    out.clear();
    if rules.rules.is_empty() || parts.entities.is_empty() {
        return;
    }
    let doc = Doc::of(parts);
    let RelationBuffers { titles, items, scratch, first, pairs } = buffers;
    items::title_hits(parts.hits, lexicon, titles);
    items::build(&doc, titles, &rules.vocab, items);
    let Items { items, ranges, named, ids, whos } = items;
    let ctx = Ctx {
        text: parts.text,
        tokens: parts.tokens,
        mentions: parts.mentions,
        entities: parts.entities,
        titles,
        lexicon,
        vocab: &rules.vocab,
    };
    scratch.reset(items.len(), ranges.len());
    // Pass 1: who holds which office where (role rules over names only).
    first.clear();
    run::run(
        &ctx,
        rules,
        run::ItemsRef { items, ranges, named, ids },
        scratch,
        run::Pass::Roles,
        &Profiles::default(),
        first,
    );
    let stated = first.iter().filter(|r| &*r.category == "role").filter_map(|r| {
        let person = parts.entities[r.source].entity_type == EntityType::Person;
        let country = parts.entities[r.target].entity_type == EntityType::Country;
        let role = r.label.strip_suffix("_of")?;
        (person && country).then(|| (r.source, r.target, role.to_owned()))
    });
    let profiles = Profiles::new(&doc, lexicon, stated.collect::<Vec<_>>());
    // Pass 2: resolve descriptions and pronouns, then every rule.
    items::resolve(&doc, lexicon, items, ranges, (named, ids, whos), &profiles, &rules.heads, &rules.vocab);
    run::run(
        &ctx,
        rules,
        run::ItemsRef { items, ranges, named, ids },
        scratch,
        run::Pass::All { first },
        &profiles,
        out,
    );
    if rules.learned {
        learned::extend(parts, learned::PairModel::embedded(), pairs, out);
    }
    out.sort_by(|a, b| {
        (a.sentence, a.head_mention, a.tail_mention, a.source, a.target, &a.label, &a.rule).cmp(&(
            b.sentence,
            b.head_mention,
            b.tail_mention,
            b.source,
            b.target,
            &b.label,
            &b.rule,
        ))
    });
    // Sorted so, the relations that differ only by rule are neighbours: the
    // first of each stays.
    out.dedup_by(|r, kept| {
        (r.sentence, r.head_mention, r.tail_mention, r.source, r.target, &r.label)
            == (kept.sentence, kept.head_mention, kept.tail_mention, kept.source, kept.target, &kept.label)
    });
}

/// The `{role}` labels filled in so far in a document, by rule label and
/// title: a role rule reads the same few titles again and again, and filling
/// its label anew cost a string and an `Arc` allocation per match.
#[derive(Default)]
struct RoleLabels(Vec<(Arc<str>, u32, Arc<str>)>);

impl RoleLabels {
    /// The label of `rule` (one holding `{role}`) for title `title`.
    fn get(&mut self, rule: &Rule, title: u32, lexicon: &Lexicon) -> Arc<str> {
        // Few distinct (rule, title) pairs occur per document: a scan is cheapest.
        if let Some((_, _, label)) = self.0.iter().find(|(r, t, _)| *t == title && Arc::ptr_eq(r, &rule.label)) {
            return Arc::clone(label);
        }
        let label: Arc<str> = Arc::from(fill_role(&rule.label, &lexicon.titles[title as usize].role));
        self.0.push((Arc::clone(&rule.label), title, Arc::clone(&label)));
        label
    }
}

/// `label.replace("{role}", role)`: the same string, made without the
/// generic `replace`, which set up a two-way string searcher and grew its
/// string twice for every role label a document fills (about 1,500
/// instructions each, where this takes a few hundred).
fn fill_role(label: &str, role: &str) -> String {
    const HOLE: &[u8] = b"{role}";
    let mut out = String::with_capacity(label.len() + role.len());
    let mut rest = label;
    // The hole starts with an ASCII byte, so where it is found is a char boundary.
    while let Some(at) = rest.as_bytes().windows(HOLE.len()).position(|w| w == HOLE) {
        out.push_str(&rest[..at]);
        out.push_str(role);
        rest = &rest[at + HOLE.len()..];
    }
    out.push_str(rest);
    out
}

/// Turn one match into relations (one per pair when lists are expanded).
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &Ctx<'_>,
    rule: &Rule,
    s: Sent<'_>,
    sentence: usize,
    cap: Capture,
    profiles: &Profiles,
    labels: &mut RoleLabels,
    out: &mut Vec<Relation>,
) {
    let items = s.items;
    let label = match cap.title {
        Some(t) if rule.role_label => labels.get(rule, t, ctx.lexicon),
        None if rule.role_label => return,
        _ => Arc::clone(&rule.label),
    };
    let slot_at = |end: End| {
        rule.elements.iter().position(|e| matches!(e, Element::Slot(x, _) if *x == end)).expect("rules have both slots")
    };
    let (pos_a, pos_b) = (slot_at(End::A), slot_at(End::B));
    let first_is_a = pos_a < pos_b;
    // Most slots are no list: their one item is borrowed, not put in a vector.
    let list = |at: usize, is_first: bool, is_edge: bool, past_party: bool| {
        (rule.options.list && is_edge).then(|| matcher::expand(ctx, s, at, !is_first, !rule.options.clique, past_party))
    };
    let a_edge = if first_is_a { pos_a == 0 } else { pos_a == rule.elements.len() - 1 };
    let b_edge = if first_is_a { pos_b == rule.elements.len() - 1 } else { pos_b == 0 };
    let a_expanded = list(cap.a, first_is_a, a_edge, cap.past_party & 1 != 0);
    let b_expanded = list(cap.b, !first_is_a, b_edge, cap.past_party & 2 != 0);
    let a_list = a_expanded.as_deref().unwrap_or(std::slice::from_ref(&cap.a));
    let b_list = b_expanded.as_deref().unwrap_or(std::slice::from_ref(&cap.b));
    let mut relate = |x: usize, y: usize| {
        let (Some(source), Some(mut target)) = (items[x].entity(), items[y].entity()) else { return };
        let mut tail_mention = items[y].mention();
        if rule.options.via_country {
            let Some(country) = profiles.country_of(target) else { return };
            target = country;
            tail_mention = None;
        }
        let head_mention = items[x].mention();
        if source == target && !(rule.options.same_entity && head_mention.is_some() && head_mention != tail_mention) {
            return;
        }
        out.push(Relation {
            source,
            target,
            head_mention,
            tail_mention,
            label: Arc::clone(&label),
            category: Arc::clone(&rule.category),
            rule: Arc::clone(&rule.id),
            sentence,
            negated: cap.negated,
        });
    };
    if rule.options.clique {
        let mut all: Vec<usize> = a_list.iter().chain(b_list).copied().collect();
        all.sort_unstable();
        all.dedup();
        for (i, &x) in all.iter().enumerate() {
            for &y in &all[i + 1..] {
                relate(x, y);
            }
        }
    } else {
        for &x in a_list {
            for &y in b_list {
                relate(x, y);
            }
        }
    }
}

#[cfg(test)]
mod tests;
