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
    (DataKind::StateWords, "data/state_words.tsv", include_str!("../../data/state_words.tsv")),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::{tsv, LexiconBuilder};
    use std::collections::HashSet;

    #[test]
    fn embedded_data_parses() {
        LexiconBuilder::new().add_defaults().build().unwrap();
    }

    /// Every data file is sorted by its key and has no duplicate keys, so
    /// reviews see clean diffs and a row added twice is caught.
    #[test]
    fn embedded_data_is_sorted_without_duplicate_keys() {
        for &(kind, name, text) in DEFAULT_FILES {
            let keys: Vec<&str> = match kind {
                DataKind::FirstNames
                | DataKind::SurnameParticles
                | DataKind::SpeechVerbs
                | DataKind::NonEntities
                | DataKind::Abbreviations => tsv::lines(text).collect(),
                _ => text
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                    .map(|l| l.split('\t').next().unwrap_or(""))
                    .collect(),
            };
            assert!(!keys.is_empty(), "{name} is empty");
            let mut seen = HashSet::new();
            for pair in keys.windows(2) {
                assert!(pair[0] <= pair[1], "{name}: {:?} comes before {:?}", pair[1], pair[0]);
            }
            for key in &keys {
                assert!(seen.insert(*key), "{name}: duplicate key {key:?}");
            }
        }
    }

    /// Organisations and locations name countries by id; each must exist.
    #[test]
    fn every_country_reference_resolves() {
        let lex = LexiconBuilder::new().add_defaults().build().unwrap();
        let ids: HashSet<&str> = lex.countries.iter().map(|c| c.id.as_str()).collect();
        for o in &lex.organisations {
            if let Some(c) = &o.country {
                assert!(ids.contains(c.as_str()), "organisation {} names unknown country {c}", o.id);
            }
        }
        for l in &lex.locations {
            if let Some(c) = &l.country {
                assert!(ids.contains(c.as_str()), "location {} names unknown country {c}", l.name);
            }
        }
        for p in &lex.people {
            if let Some(c) = &p.country {
                assert!(ids.contains(c.as_str()), "person {} names unknown country {c}", p.name);
            }
        }
    }
}
