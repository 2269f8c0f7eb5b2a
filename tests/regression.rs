//! Extraction on sentences written for these tests, so accuracy cannot
//! silently drop. Each case lists every (text, type) the extractor must emit.

use ergraph::lexicon::Lexicon;
use ergraph::Extractor;

fn found(extractor: &Extractor, text: &str) -> Vec<(String, &'static str)> {
    let analysis = extractor.analyse(text);
    analysis.mentions.iter().map(|m| (m.span.of(text).to_owned(), m.span_type.as_str())).collect()
}

/// Check every case: the (text, type) pairs found, of the types `keep` accepts, in order.
fn check(cases: &[(&str, &[(&str, &str)])], keep: fn(&str) -> bool) {
    let extractor = Extractor::new(Lexicon::embedded());
    for (text, expected) in cases {
        let got: Vec<(String, &str)> = found(&extractor, text).into_iter().filter(|(_, t)| keep(t)).collect();
        let want: Vec<(String, &str)> = expected.iter().map(|(t, ty)| ((*t).to_owned(), *ty)).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn issue_2_people_countries_organisations_by_evidence() {
    // See: issue #2
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
    check(cases, |_| true);
}

#[test]
fn issue_3_spans_follow_the_annotation_conventions() {
    // See: issue #3
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
        // An organisation word, "of", then a place: one name, not a place.
        (
            "In 1961 Ghana helped found the Association of West Africa with Nigeria.",
            &[("Ghana", "country"), ("Association of West Africa", "organisation"), ("Nigeria", "country")],
        ),
        ("Rates were raised by the Bank of England on Thursday.", &[("Bank of England", "organisation")]),
        // A capital "The" in mid-sentence belongs to the name; at the start it does not.
        ("She gave to The Harbour Trust Foundation in 2001.", &[("The Harbour Trust Foundation", "organisation")]),
        ("The Harbour Trust Foundation closed in 2009.", &[("Harbour Trust Foundation", "organisation")]),
        // …also when the tagger reads that "The" as a name of its own.
        ("He taught at The Harvard Business School in 1990.", &[("The Harvard Business School", "organisation")]),
        // A place or demonym before an organisation word starts the organisation's name.
        ("Funding came from the Peru Fair Trade Alliance.", &[("Peru Fair Trade Alliance", "organisation")]),
        (
            "He played for the Yorkshire County Rowing Association in 1950.",
            &[("Yorkshire County Rowing Association", "organisation")],
        ),
    ];
    check(cases, |t| t != "demonym");
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

/// Any text, however broken, analyses without a panic, and every span lies
/// inside the text on character boundaries (nlprule's `can_tokenize_anything`).
#[test]
fn any_text_analyses_without_panic_and_spans_stay_on_char_boundaries() {
    let extractor = Extractor::new(Lexicon::embedded());
    let pieces = [
        "Putin",
        " ",
        "Kim Jong-un",
        "’s",
        "“",
        "”",
        ".",
        "U.S.",
        "Mr.",
        "(",
        ")",
        "NATO",
        "\n",
        "\n\n",
        "Київ",
        "🇺🇦",
        "e\u{301}",
        "\u{202E}",
        "the",
        "of",
        "and",
        "President",
        ",",
        "'",
        "-",
        "—",
        "Zelenskyy",
        "2024",
        "Ministry of",
        "Party",
        "said",
        "\t",
        "\u{a0}",
        "ß",
        "İ",
        "\u{0}",
        "…",
        "A.",
        "He",
        "In",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut text = String::new();
        for _ in 0..(seed % 80) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
        }
        let analysis = extractor.analyse(&text);
        for m in &analysis.mentions {
            assert!(m.span.start < m.span.end && m.span.end <= text.len(), "{text:?}");
            assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end), "{text:?}");
        }
        for s in &analysis.sentences {
            assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end), "{text:?}");
        }
    }
}

#[test]
fn headlines_in_capitals_are_read_by_the_lexicon_not_guessed() {
    // Wire copy starts with a headline in capitals and a byline with a dateline.
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "TENNIS - JAPAN BEAT NORTH KOREA AS NATO TALKS STALL .",
            &[("JAPAN", "country"), ("NORTH KOREA", "country"), ("NATO", "organisation")],
        ),
        ("RUGBY - WALLABIES WIN AGAIN IN WET WEATHER .", &[]),
        ("Maria Oyelaran-Whitby LISBON 2024-03-02", &[("Maria Oyelaran-Whitby", "person")]),
        // A dateline is a place, not an acronym nor a government.
        ("MOSCOW 2024-03-02", &[]),
        ("Talks with IRAN stalled on Monday.", &[("IRAN", "country")]),
    ];
    check(cases, |t| matches!(t, "person" | "country" | "organisation"));
}

#[test]
fn a_bracketed_acronym_gives_its_name_whole() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "Members of the Zentrum für Freiheit und Arbeit (ZFA) protested.",
            &[("Zentrum für Freiheit und Arbeit", "organisation"), ("ZFA", "organisation")],
        ),
        (
            "The Verbond voor Vrijheid en Welzijn (VVW) lost two seats.",
            &[("Verbond voor Vrijheid en Welzijn", "organisation"), ("VVW", "organisation")],
        ),
        (
            "He was elected for the Tokatoka Vanua ni Lewesau (TVL) in 1999.",
            &[("Tokatoka Vanua ni Lewesau", "organisation"), ("TVL", "organisation")],
        ),
        // Lower-case words count when they give a letter.
        (
            "She led the Front démocratique du Sud (FDS) until 2003.",
            &[("Front démocratique du Sud", "organisation"), ("FDS", "organisation")],
        ),
        // A person's initials stay a person's.
        (
            "John Fitzgerald Kennedy (JFK) spoke in Berlin.",
            &[("John Fitzgerald Kennedy", "person"), ("JFK", "person"), ("Berlin", "location")],
        ),
    ];
    check(cases, |_| true);
}

#[test]
fn a_famous_family_name_alone_is_that_person_unless_it_opens_a_sentence_on_its_own() {
    let extractor = Extractor::new(Lexicon::embedded());
    let nodes = |text: &str| -> Vec<String> {
        let analysis = extractor.analyse(text);
        analysis.entity_of.iter().flatten().map(|&e| analysis.entities[e].id.clone()).collect()
    };
    assert_eq!(
        nodes("Putin, Xi and Modi reviewed the parade."),
        ["person:vladimir-putin", "person:xi-jinping", "person:narendra-modi"]
    );
    assert_eq!(nodes("Officials said Putin would attend."), ["person:vladimir-putin"]);
    assert_eq!(
        nodes("Putin met Modi in Moscow."),
        ["person:vladimir-putin", "person:narendra-modi", "location:moscow"]
    );
    // An auxiliary and a participle show a sentence opener acts.
    assert_eq!(nodes("Medvedev was elected in a landslide."), ["person:dmitry-medvedev"]);
    // A capitalised first word with no other evidence may be a common noun.
    assert!(nodes("Rice prices rose sharply.").is_empty());
    // An unknown name doing what only people do is a person; a plural noun is not.
    assert_eq!(
        nodes("Kowalczyk campaigned for the Harbour Workers Party in 1993."),
        ["person:kowalczyk", "organisation:harbour-workers-party"]
    );
    assert_eq!(nodes("Brantley later ran for mayor."), ["person:brantley"]);
    assert!(nodes("Protesters campaigned for reform.").is_empty());
    // Plural acronyms are people's titles, and a bracket ends the subject.
    assert!(nodes("Several sitting MPs stood for reform.").is_empty());
    assert!(nodes("Many followed (including several Lindqvists) stood for reform.").is_empty());
}

#[test]
fn a_dateline_is_where_the_story_was_filed() {
    let extractor = Extractor::new(Lexicon::embedded());
    for text in ["MOSCOW 2024-03-02", "KIGALI (Reuters) - The talks ended."] {
        let analysis = extractor.analyse(text);
        let first = &analysis.mentions[0];
        assert_eq!((first.span_type.as_str(), first.rule), ("location", "location/dateline"), "{text}");
    }
}

#[test]
fn a_score_before_a_name_is_not_part_of_it() {
    let extractor = Extractor::new(Lexicon::embedded());
    let text = "Manchester United 2 Liverpool 1";
    for (name, _) in found(&extractor, text) {
        assert!(!name.starts_with(|c: char| c.is_ascii_digit()), "{name:?} in {text:?}");
    }
}

#[test]
fn sides_of_a_result_are_teams_and_countries_stay_countries() {
    check(
        &[
            ("Lancashire beat Durham by 112 runs.", &[("Lancashire", "organisation"), ("Durham", "organisation")]),
            ("Chelsea 2 Arsenal 0", &[("Chelsea", "organisation"), ("Arsenal", "organisation")]),
            ("Japan beat China 2-1 in Tokyo.", &[("Japan", "country"), ("China", "country")]),
        ],
        |t| t != "location",
    );
}

#[test]
fn a_person_written_after_a_party_or_a_state_is_a_person() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "He defeated Manitoba Progressive Party Tim Wolcott in 1999.",
            &[("Manitoba Progressive Party", "organisation"), ("Tim Wolcott", "person")],
        ),
        (
            "He lost to the Governor of Ohio Joseph Tedesco in 1952.",
            &[("Ohio", "location"), ("Joseph Tedesco", "person")],
        ),
        // "-led" makes a name an adjective; the name is before the hyphen.
        ("It was a Jonah Cathcart-led party.", &[("Jonah Cathcart", "person")]),
        // An amount's unit or currency is not a person.
        ("He paid 250,000 Kroner to the fund.", &[]),
        // A style is part of the name; a title's abbreviation names no organisation.
        ("The seat was won by Sir Edmund Varley in 1997.", &[("Sir Edmund Varley", "person")]),
        ("She was elected Member of Parliament (MP) for Eastmoor in 2005.", &[("Parliament", "organisation")]),
        // A party left for a known party: two names, not one.
        (
            "Lavoie will leave the Ontario Liberal Party for the Bloc Québécois.",
            &[("Ontario Liberal Party", "organisation"), ("Bloc Québécois", "organisation")],
        ),
    ];
    check(cases, |_| true);
}

#[test]
fn a_list_of_organisations_is_cut_and_a_party_keeps_its_place() {
    let cases: &[(&str, &[(&str, &str)])] = &[
        (
            "He sat for the National Party or Reform Party until 1990.",
            &[("National Party", "organisation"), ("Reform Party", "organisation")],
        ),
        (
            "Grants came from the Harbour Foundation and Heritage Policy Institute last year.",
            &[("Harbour Foundation", "organisation"), ("Heritage Policy Institute", "organisation")],
        ),
        ("The Peace and Freedom Party won.", &[("Peace and Freedom Party", "organisation")]),
        (
            "Protesters came from the Gandharva Samiti and Bharatiya Janata Party.",
            &[("Gandharva Samiti", "organisation"), ("Bharatiya Janata Party", "organisation")],
        ),
        ("He led the Labour Party of Tasmania for years.", &[("Labour Party of Tasmania", "organisation")]),
    ];
    check(cases, |_| true);
}
