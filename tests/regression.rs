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
