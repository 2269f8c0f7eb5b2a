//! Every rule's example runs through the real extractor; plus the cases the
//! rules must get right together (lists, passives, pronouns, descriptions,
//! negation).

use super::*;
use crate::lexicon::Lexicon;
use crate::Extractor;
use std::collections::BTreeSet;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
    EXTRACTOR.get_or_init(|| Extractor::new(Lexicon::embedded()))
}

/// `(source label, relation, target label, rule)` of every relation stated (not negated) in `text`.
fn triples(text: &str) -> Vec<(String, String, String, String)> {
    let analysis = extractor().analyse(text);
    analysis
        .relations
        .iter()
        .filter(|r| !r.negated)
        .map(|r| {
            (
                analysis.entities[r.source].label.clone(),
                r.label.to_string(),
                analysis.entities[r.target].label.clone(),
                r.rule.to_string(),
            )
        })
        .collect()
}

fn has(found: &[(String, String, String, String)], source: &str, label: &str, target: &str) -> bool {
    found.iter().any(|(s, l, t, _)| s == source && l == label && t == target)
}

#[test]
fn embedded_rules_compile() {
    let rules = RuleSet::embedded();
    assert!(rules.rules.len() > 40);
    let mut ids = BTreeSet::new();
    for rule in &rules.rules {
        assert!(ids.insert(&*rule.id), "duplicate rule id {}", rule.id);
        assert!(rule.id.starts_with("relation/"), "{}", rule.id);
        assert!(
            ["cooperation", "conflict", "communication", "role", "other"].contains(&&*rule.category),
            "{}: category {}",
            rule.id,
            rule.category
        );
    }
}

#[test]
fn every_rule_example_gives_its_triple() {
    let mut failures = Vec::new();
    for rule in &RuleSet::embedded().rules {
        let parts: Vec<&str> = rule.expected.split(" > ").collect();
        assert_eq!(parts.len(), 3, "{}: expected must be `source > label > target`", rule.id);
        let found = triples(&rule.example);
        let ok = found.iter().any(|(s, l, t, r)| s == parts[0] && l == parts[1] && t == parts[2] && **r == *rule.id);
        if !ok {
            failures.push(format!("{}: {:?} gave {found:?}, expected {}", rule.id, rule.example, rule.expected));
        }
    }
    assert!(failures.is_empty(), "{} rule examples failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn negation_is_marked_and_never_reported() {
    let found = triples("Vladimir Putin did not meet Volodymyr Zelensky in Istanbul.");
    assert!(!has(&found, "Vladimir Putin", "meet", "Volodymyr Zelensky"), "{found:?}");
    let analysis = extractor().analyse("Vladimir Putin did not meet Volodymyr Zelensky in Istanbul.");
    assert!(analysis.relations.iter().all(|r| r.negated), "{:?}", analysis.relations);
    let found = triples("Donald Trump never thanked Emmanuel Macron.");
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn lists_on_both_sides() {
    let found = triples("Vladimir Putin met Xi Jinping and Kim Jong-un in Beijing.");
    assert!(has(&found, "Vladimir Putin", "meet", "Xi Jinping"), "{found:?}");
    assert!(has(&found, "Vladimir Putin", "meet", "Kim Jong-un"), "{found:?}");
    let found = triples("Vladimir Putin, Xi Jinping, and Kim Jong-un reviewed a parade.");
    assert!(has(&found, "Vladimir Putin", "appear_with", "Xi Jinping"), "{found:?}");
    assert!(has(&found, "Xi Jinping", "appear_with", "Kim Jong-un"), "{found:?}");
    // An apposition is no list.
    let found = triples("Donald Trump met Xi Jinping, China's president.");
    assert!(!found.iter().any(|(_, l, t, _)| l == "meet" && t == "China"), "{found:?}");
}

#[test]
fn passive_voice_swaps_the_ends() {
    let found = triples("Kim Jong-un was invited by Vladimir Putin.");
    assert!(has(&found, "Vladimir Putin", "invite", "Kim Jong-un"), "{found:?}");
    assert!(!has(&found, "Kim Jong-un", "invite", "Vladimir Putin"), "{found:?}");
}

#[test]
fn pronouns_and_descriptions_resolve() {
    let text = "Vladimir Putin met North Korean dictator Kim Jong-un in Beijing. \
                He thanked the North Korean dictator for the soldiers.";
    let found = triples(text);
    assert!(has(&found, "Vladimir Putin", "thank", "Kim Jong-un"), "{found:?}");
    let text = "Donald Trump spoke to reporters about Vladimir Putin and Sergey Lavrov. \
                He said he will call the Kremlin leader soon.";
    let found = triples(text);
    assert!(has(&found, "Donald Trump", "call", "Vladimir Putin"), "{found:?}");
    // Two Russian leaders: the description is ambiguous and names nobody.
    let text = "Vladimir Putin and Dmitry Medvedev spoke. Russian President Vladimir Putin and Russian President \
                Dmitry Medvedev met. Donald Trump thanked the Russian president.";
    let found = triples(text);
    assert!(!found.iter().any(|(s, l, _, _)| s == "Donald Trump" && l == "thank"), "{found:?}");
}

#[test]
fn a_name_used_as_a_modifier_is_no_antecedent() {
    let text = "Vladimir Putin praised the Donald Trump administration. \
                Later his Foreign Minister Sergey Lavrov spoke in Russia.";
    let found = triples(text);
    assert!(has(&found, "Sergei Lavrov", "foreign_minister_of", "Russia"), "{found:?}");
}

#[test]
fn bad_rules_name_file_and_line() {
    let cats = ("c.tsv", "meet\tcommunication\t\n");
    let err = RuleSet::parse(("p.tsv", "r/1\tA met\tmeet\tdirected\t\t\tx\ty\n"), cats, &[]).unwrap_err();
    assert!(err.to_string().starts_with("p.tsv:1: "), "{err}");
    let err = RuleSet::parse(("p.tsv", "r/1\tA met B\tgreet\tdirected\t\t\tx\ty\n"), cats, &[]).unwrap_err();
    assert!(err.to_string().contains("no category"), "{err}");
    let err = RuleSet::parse(("p.tsv", "r/1\tA met B\tmeet\tsideways\t\t\tx\ty\n"), cats, &[]).unwrap_err();
    assert!(err.to_string().contains("directed or symmetric"), "{err}");
    let ok = RuleSet::parse(("p.tsv", "r/1\tA met B\tmeet\tdirected\t\t\tx\ty\n"), cats, &["r/1".to_owned()]).unwrap();
    assert!(ok.rules.is_empty(), "disabled rules are left out");
}

#[test]
fn a_frame_opens_the_sentence_and_covers_every_organisation_in_it() {
    let found =
        triples("In Belgium, the Farmers League and the Green Union sat with the Harbour Workers Party in opposition.");
    for party in ["Farmers League", "Green Union", "Harbour Workers Party"] {
        assert!(has(&found, party, "active_in", "Belgium"), "{party}: {found:?}");
    }
    // Mid-sentence, "in Belgium," frames nothing.
    let found = triples("The party was founded in Belgium, and the Liberal Party joined it.");
    assert!(!found.iter().any(|(_, l, _, _)| l == "active_in"), "{found:?}");
}

#[test]
fn a_frame_rule_must_end_with_its_source_slot() {
    let rules = "relation/x/1\tin A:org , B:cou\tactive_in\tdirected\t\tframe\tIn X, Y.\tY > active_in > X\n";
    let err = RuleSet::parse(("r.tsv", rules), CATEGORIES_FILE, &[]).unwrap_err().to_string();
    assert!(err.contains("r.tsv") && err.contains("frame"), "{err}");
}

#[test]
fn lists_read_past_acronyms_in_brackets_and_a_leading_the() {
    let found = triples(
        "The Farmers League (FL), the Green Union (GU) and the Harbour Workers Party (HWP) merged to form the Unity Party.",
    );
    for party in ["Farmers League", "Green Union", "Harbour Workers Party"] {
        assert!(has(&found, party, "part_of", "Unity Party"), "{party}: {found:?}");
    }
}

#[test]
fn a_relative_clause_speaks_of_the_name_before_it() {
    let found = triples("Marta Quiroga, who stood against Tomas Lindqvist in 1998, lost her seat.");
    assert!(has(&found, "Marta Quiroga", "oppose", "Tomas Lindqvist"), "{found:?}");
    let found = triples("The Farmers League, which joined the Harbour Alliance in 1995, won seats.");
    assert!(has(&found, "Farmers League", "part_of", "Harbour Alliance"), "{found:?}");
    // "who" must follow the name: a clause about someone else says nothing of it.
    let found = triples("Marta Quiroga thanked the voters who stood against Tomas Lindqvist.");
    assert!(!has(&found, "Marta Quiroga", "oppose", "Tomas Lindqvist"), "{found:?}");
}

#[test]
fn three_names_between_commas_are_a_list_without_its_and() {
    // The "and" lies past a name the tagger splits; three names already make the list.
    let found = triples(
        "Lindqvist served on the boards of the Farmers League, the Green Union, the Harbour Alliance, \
         the Council for Fair Rents in Ostra, and the Unity Party.",
    );
    for org in ["Farmers League", "Green Union", "Harbour Alliance"] {
        assert!(has(&found, "Lindqvist", "member_of", org), "{org}: {found:?}");
    }
    // Two names between commas may be an apposition: no list.
    let found = triples("Marta Quiroga met Tomas Lindqvist, Ivo Sand's deputy.");
    assert!(!has(&found, "Marta Quiroga", "meet", "Ivo Sand"), "{found:?}");
}

#[test]
fn a_relative_clause_after_a_bracket_speaks_of_the_name_before_it() {
    let found =
        triples("He was president of the Harbour Council (HC), which was founded by the Farmers League, until 1977.");
    assert!(has(&found, "Farmers League", "founder_of", "Harbour Council"), "{found:?}");
    let found = triples("The Green Union (which in 1985 was later absorbed into the Farmers League) won seats.");
    assert!(has(&found, "Green Union", "part_of", "Farmers League"), "{found:?}");
}

#[test]
fn a_party_before_a_name_is_that_persons_not_the_apposition_s() {
    let found = triples("Members were Ana Brel and Ivo Sand, leader of the Green Union Tomas Lindqvist, and others.");
    assert!(has(&found, "Tomas Lindqvist", "leader_of", "Green Union"), "{found:?}");
    assert!(!found.iter().any(|(s, l, _, _)| s == "Ivo Sand" && l == "leader_of"), "{found:?}");
    let found = triples("Ivo Sand, leader of the Green Union, spoke.");
    assert!(has(&found, "Ivo Sand", "leader_of", "Green Union"), "{found:?}");
}

#[test]
fn a_leader_or_an_apposition_after_the_subject_is_read_past() {
    let found = triples("The incumbent Farmers League led by Ana Brel defeated the opposition Green Union in 1990.");
    assert!(has(&found, "Farmers League", "defeat", "Green Union"), "{found:?}");
    let found = triples("The party's nominee, former Senator Ivo Sand, defeated Ana Brel.");
    assert!(has(&found, "Ivo Sand", "defeat", "Ana Brel"), "{found:?}");
    // Without the opening comma the name is no apposition: "Sand, Brel" is a list's start.
    let found = triples("Ivo Sand, Ana Brel and Tomas Lindqvist, defeated in 1990, left.");
    assert!(!found.iter().any(|(_, l, _, _)| l == "defeat"), "{found:?}");
}

/// A pattern opening with a slot is tried only from names before the last
/// name its other slot accepts: that one may be the sentence's last name,
/// and it must still be found.
#[test]
fn the_other_slot_may_take_the_last_name() {
    let found = triples("In Beijing, Vladimir Putin met Xi Jinping.");
    assert!(has(&found, "Vladimir Putin", "meet", "Xi Jinping"), "{found:?}");
    assert!(!found.iter().any(|(s, l, _, _)| s == "Xi Jinping" && l == "meet"), "{found:?}");
}

/// [`items::resolve`] reads only the names and the tokens `whos` lists:
/// those must be every plain-token item whose first token is "who" (in
/// that case), in order.
#[test]
fn whos_are_the_plain_tokens_who() {
    let text = "Angela Merkel, who met Vladimir Putin, said who won. Who knows? The WHO, who... He who waits.";
    let analysis = extractor().analyse(text);
    let lexicon = extractor().lexicon();
    let (mut hits, mut features, mut titles) = (Vec::new(), Vec::new(), Vec::new());
    lexicon.scan(text, &analysis.tokens, &mut hits, &mut features);
    items::title_hits(&hits, lexicon, &mut titles);
    let doc = Doc::of(&analysis.parts(text, &hits, &features));
    // Whole, and as `build` keeps sentences with fewer than two names: in part.
    for all in [true, false] {
        let mut out = Items::default();
        items::build_all(&doc, &titles, &RuleSet::embedded().vocab, &mut out, all);
        let expected: Vec<u32> = (0..)
            .zip(&out.items)
            .filter(|(_, it)| {
                it.kind == items::ItemKind::Token && analysis.tokens[it.tokens.start].span.of(text) == "who"
            })
            .map(|(i, _)| i)
            .collect();
        assert!(!all || expected.len() == 4, "{expected:?}");
        assert_eq!(out.whos, expected);
    }
}

/// [`fill_role`] gives what `str::replace` gives: on every role label of
/// the rules with every role of the lexicon's titles, and on labels with
/// no hole, two holes, a hole at either end, a broken hole and non-ASCII.
#[test]
fn filling_a_role_is_replacing_it() {
    let rules = RuleSet::embedded();
    let lexicon = Lexicon::embedded();
    let mut labels: Vec<&str> = rules.rules.iter().filter(|r| r.role_label).map(|r| &*r.label).collect();
    assert!(!labels.is_empty());
    labels.extend(["", "{role}", "of", "{role}_and_{role}", "x{role}", "{rol}e_{role", "für_{role}_ü", "{{role}}"]);
    let mut roles: Vec<&str> = lexicon.titles.iter().map(|t| &*t.role).collect();
    roles.extend(["", "{role}", "ministre_délégué"]);
    for label in labels {
        for &role in &roles {
            assert_eq!(fill_role(label, role), label.replace("{role}", role), "{label:?} {role:?}");
        }
    }
}
