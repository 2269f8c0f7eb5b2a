//! The only place that names the data files shipped in `data/`.
//!
//! They are embedded with `include_str!` so the binary needs nothing at run
//! time; users add their own files with `--gazetteer KIND=FILE`.

use super::DataKind;

/// Every embedded data file: its kind, its name (for error messages) and its text.
pub const DEFAULT_FILES: &[(DataKind, &str, &str)] = &[
    (DataKind::Countries, "data/countries.tsv", include_str!("../../data/countries.tsv")),
    (DataKind::Countries, "data/countries-extra.tsv", include_str!("../../data/countries-extra.tsv")),
    (DataKind::Locations, "data/locations.tsv", include_str!("../../data/locations.tsv")),
    (DataKind::Organisations, "data/organisations.tsv", include_str!("../../data/organisations.tsv")),
    (DataKind::People, "data/people.tsv", include_str!("../../data/people.tsv")),
    (DataKind::Titles, "data/titles.tsv", include_str!("../../data/titles.tsv")),
    (DataKind::FirstNames, "data/first_names.txt", include_str!("../../data/first_names.txt")),
    (DataKind::SurnameParticles, "data/surname_particles.txt", include_str!("../../data/surname_particles.txt")),
    (DataKind::OrgHeads, "data/org_heads.tsv", include_str!("../../data/org_heads.tsv")),
    (DataKind::SpeechVerbs, "data/speech_verbs.txt", include_str!("../../data/speech_verbs.txt")),
    (DataKind::NonEntities, "data/non_entities.txt", include_str!("../../data/non_entities.txt")),
    (DataKind::Abbreviations, "data/abbreviations.txt", include_str!("../../data/abbreviations.txt")),
];
