//! Extraction on sentences written for these tests, so accuracy cannot
//! silently drop. Each case lists every (text, type) the extractor must emit.

use ergraph::lexicon::Lexicon;
use ergraph::Extractor;

fn found(extractor: &Extractor, text: &str) -> Vec<(String, &'static str)> {
    let analysis = extractor.analyse(text);
    analysis.mentions.iter().map(|m| (m.span.of(text).to_owned(), m.span_type.as_str())).collect()
}

#[test]
fn issue_2_people_countries_organisations_by_evidence() {
    // See: issue #2
    let extractor = Extractor::new(Lexicon::embedded());
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("Finance Minister Ramona Kestelburg said the plan would fail.", &[("Ramona Kestelburg", "person")]),
        (
            "The Labour Party won, and Prime Minister Tobias Wrenfield thanked Germany.",
            &[("Labour Party", "organisation"), ("Tobias Wrenfield", "person"), ("Germany", "country")],
        ),
        (
            "Kyiv rejected the offer, while Ukrainian troops held the line near Kharkiv.",
            &[("Kyiv", "location"), ("Ukrainian", "demonym"), ("Kharkiv", "location")],
        ),
        (
            "The Ministry of Agrarian Policy and the Velvet Freedom Party met on Monday.",
            &[("Ministry of Agrarian Policy", "organisation"), ("Velvet Freedom Party", "organisation")],
        ),
    ];
    for (text, expected) in cases {
        let got = found(&extractor, text);
        let want: Vec<(String, &str)> = expected.iter().map(|(t, ty)| ((*t).to_owned(), *ty)).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn issue_3_spans_follow_the_annotation_conventions() {
    // See: issue #3
    let extractor = Extractor::new(Lexicon::embedded());
    let cases: &[(&str, &[(&str, &str)])] = &[
        // No leading "the"; the title is not part of the person's span.
        (
            "President Emmanuel Macron praised the Labour Party for its stance.",
            &[("Emmanuel Macron", "person"), ("Labour Party", "organisation")],
        ),
        // A country inside a longer name belongs to that name.
        ("She joined the Communist Party of Greece in 1974.", &[("Communist Party of Greece", "organisation")]),
        ("Turnout fell in the 1992 United Kingdom general election.", &[]),
        // Historical states are countries.
        (
            "The Ottoman Empire and the Soviet Union never shared a border with Yugoslavia.",
            &[("Ottoman Empire", "country"), ("Soviet Union", "country"), ("Yugoslavia", "country")],
        ),
        // Cities are locations, never countries.
        ("Delegates flew from Lyon to Osaka.", &[("Lyon", "location"), ("Osaka", "location")]),
    ];
    for (text, expected) in cases {
        let got: Vec<(String, &str)> = found(&extractor, text).into_iter().filter(|(_, t)| *t != "demonym").collect();
        let want: Vec<(String, &str)> = expected.iter().map(|(t, ty)| ((*t).to_owned(), *ty)).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn issue_3_acronym_in_brackets_is_the_same_organisation() {
    // See: issue #3
    let extractor = Extractor::new(Lexicon::embedded());
    let text = "The Green Harvest Party (GHP) won four seats, and the GHP leader resigned.";
    let analysis = extractor.analyse(text);
    let nodes: Vec<(&str, &str)> = analysis
        .mentions
        .iter()
        .zip(&analysis.entity_of)
        .filter_map(|(m, e)| e.map(|e| (m.span.of(text), analysis.entities[e].id.as_str())))
        .collect();
    assert_eq!(
        nodes,
        [
            ("Green Harvest Party", "organisation:green-harvest-party"),
            ("GHP", "organisation:green-harvest-party"),
            ("GHP", "organisation:green-harvest-party")
        ]
    );
}
