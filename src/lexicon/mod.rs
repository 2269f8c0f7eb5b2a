//! Lexicon: the world knowledge from `data/`, compiled once into matchers.
//!
//! Built like ripgrep's `TypesBuilder`: [`LexiconBuilder::add_defaults`] adds
//! the embedded files, [`LexiconBuilder::add_file`] adds the user's, and
//! [`LexiconBuilder::build`] compiles one immutable [`Lexicon`] that every
//! document shares by reference.
//!
//! Everything is keyed by *token*: one hash map from a word to its feature
//! bits (first name, speech verb, …) and to the gazetteer names that start
//! with it (countries, institutions, people, places, titles), longest first.
//! So the text is scanned once, one lookup per token, matches always fall on
//! token boundaries, and building the lexicon costs a few milliseconds (an
//! Aho-Corasick automaton over the same names took longer to build than to run
//! over a typical article).

mod embedded;
pub mod tsv;

use crate::entities::slug_into;
use crate::error::{Error, Result};
use crate::text::{pack_short, short_span_bytes, tokenize, Span, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;

/// The kinds of data file a user can add.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `id name aliases demonyms capitals seats cca3`
    Countries,
    /// `name kind country aliases`
    Locations,
    /// `id name aliases kind country`
    Organisations,
    /// `name aliases country role`
    People,
    /// `title kind role`
    Titles,
    /// One given name per line.
    FirstNames,
    /// One name particle per line ("von", "al").
    SurnameParticles,
    /// `word position kind`
    OrgHeads,
    /// One reporting verb per line.
    SpeechVerbs,
    /// One capitalised word per line that is never an entity alone.
    NonEntities,
    /// One abbreviation with its dot per line.
    Abbreviations,
    /// `word position`: words that make a name a state ("Principality of …", "… Empire").
    StateWords,
}

impl DataKind {
    /// The name used on the command line.
    pub const NAMES: &'static [(&'static str, Self)] = &[
        ("countries", Self::Countries),
        ("locations", Self::Locations),
        ("organisations", Self::Organisations),
        ("people", Self::People),
        ("titles", Self::Titles),
        ("first-names", Self::FirstNames),
        ("surname-particles", Self::SurnameParticles),
        ("org-heads", Self::OrgHeads),
        ("speech-verbs", Self::SpeechVerbs),
        ("non-entities", Self::NonEntities),
        ("abbreviations", Self::Abbreviations),
        ("state-words", Self::StateWords),
    ];
}

impl FromStr for DataKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Self::NAMES.iter().find(|(name, _)| *name == s).map(|&(_, kind)| kind).ok_or_else(|| {
            let names: Vec<&str> = Self::NAMES.iter().map(|(n, _)| *n).collect();
            format!("unknown data kind {s:?} (expected one of: {})", names.join(", "))
        })
    }
}

/// A sovereign (or historical) state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// Slug, e.g. `north-korea`; the node id is `country:{id}`.
    pub id: String,
    /// The graph node id, `country:{id}` (built once, not per mention).
    pub node_id: String,
    /// Common English name, the node label.
    pub name: String,
}

/// A well-known institution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// Slug; the node id is `organisation:{id}`.
    pub id: String,
    /// The graph node id, `organisation:{id}`.
    pub node_id: String,
    /// Canonical name, the node label.
    pub name: String,
    /// `party`, `media`, `international`, …
    pub kind: String,
    /// Country slug, if national.
    pub country: Option<String>,
}

/// A well-known person (adds recall; people are also found by evidence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Full name, the node label.
    pub name: String,
    /// The graph node id, `person:{slug of name}`.
    pub node_id: String,
    /// Country slug.
    pub country: Option<String>,
    /// Office or role ("president", "foreign minister"), if known: lets the
    /// relation stage resolve descriptions such as "the Kremlin leader".
    pub role: Option<String>,
}

/// A place that is not a country: city, region, continent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// Name.
    pub name: String,
    /// The graph node id, `location:{slug of name}`.
    pub node_id: String,
    /// Country slug, when it lies in one.
    pub country: Option<String>,
}

/// A title or role written before a name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    /// As written ("Foreign Minister", "dictator").
    pub text: String,
    /// `honorific`, `office`, `military`, `royal`, `religious`, `role`.
    pub kind: String,
    /// Normalised role label, possibly empty.
    pub role: String,
}

/// What a gazetteer surface form names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    /// A country's name or alias (index into `countries`).
    Country(u32),
    /// A country's demonym ("Russian", "Ukrainians").
    Demonym(u32),
    /// A country's capital ("Kyiv"): a place, or a metonym for the government.
    Capital(u32),
    /// A seat of government ("the Kremlin"): a metonym for the government.
    Seat(u32),
    /// A place that is not a country.
    Location(u32),
    /// A well-known institution.
    Organisation(u32),
    /// A well-known person.
    Person(u32),
    /// A title or role.
    Title(u32),
}

/// Per-token feature bits, shared by the rules and the tagger.
pub mod bits {
    /// Inside a country name or alias.
    pub const COUNTRY: u32 = 1 << 0;
    /// A demonym.
    pub const DEMONYM: u32 = 1 << 1;
    /// Inside a capital's name.
    pub const CAPITAL: u32 = 1 << 2;
    /// Inside a seat of government.
    pub const SEAT: u32 = 1 << 3;
    /// Inside a non-country place name.
    pub const LOCATION: u32 = 1 << 4;
    /// Inside a known organisation name.
    pub const ORGANISATION: u32 = 1 << 5;
    /// Inside a known person's name.
    pub const PERSON: u32 = 1 << 6;
    /// Inside a title.
    pub const TITLE: u32 = 1 << 7;
    /// First token of any gazetteer match.
    pub const MATCH_FIRST: u32 = 1 << 8;
    /// Last token of any gazetteer match.
    pub const MATCH_LAST: u32 = 1 << 9;
    /// A given name.
    pub const FIRST_NAME: u32 = 1 << 10;
    /// A name particle ("von", "al").
    pub const PARTICLE: u32 = 1 << 11;
    /// A word that ends organisation names ("Party", "Ministry").
    pub const ORG_HEAD: u32 = 1 << 12;
    /// A word that starts "X of …" organisation names ("Ministry", "Bank").
    pub const ORG_PRE: u32 = 1 << 13;
    /// A reporting verb ("said").
    pub const SPEECH_VERB: u32 = 1 << 14;
    /// A capitalised word that is never an entity alone.
    pub const NON_ENTITY: u32 = 1 << 15;
    /// A common noun that announces an organisation's name ("the newspaper Kompas").
    pub const ORG_CUE: u32 = 1 << 16;
    /// A word that ends a state's name ("Ottoman Empire").
    pub const STATE_HEAD: u32 = 1 << 17;
    /// A word that starts "X of …" state names ("Principality of Guria").
    pub const STATE_PRE: u32 = 1 << 18;
}

/// One gazetteer match, aligned to tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The tokens it covers.
    pub tokens: Range<usize>,
    /// Its byte span.
    pub span: Span,
    /// Index of the surface form, for [`Lexicon::entries`].
    pub surface: u32,
}

/// Collects data sources, then compiles a [`Lexicon`].
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    /// Kind, name and text of each source; the embedded files are borrowed,
    /// not copied.
    sources: Vec<(DataKind, Cow<'static, str>, Cow<'static, str>)>,
}

impl LexiconBuilder {
    /// An empty builder (no data at all).
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Add every file embedded from `data/`.
    pub fn add_defaults(&mut self) -> &mut Self {
        for &(kind, name, text) in embedded::DEFAULT_FILES {
            self.sources.push((kind, Cow::Borrowed(name), Cow::Borrowed(text)));
        }
        self
    }

    /// Add data from a string (`name` is used in error messages).
    pub fn add_source(&mut self, kind: DataKind, name: &str, text: &str) -> &mut Self {
        self.sources.push((kind, Cow::Owned(name.to_owned()), Cow::Owned(text.to_owned())));
        self
    }

    /// Add a user's data file.
    ///
    /// # Errors
    /// When the file cannot be read.
    pub fn add_file(&mut self, kind: DataKind, path: &Path) -> Result<&mut Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io { path: path.to_owned(), source })?;
        self.sources.push((kind, Cow::Owned(path.display().to_string()), Cow::Owned(text)));
        Ok(self)
    }

    /// Parse every source and compile the matchers.
    ///
    /// # Errors
    /// A [`Error::DataFile`] naming the file and line of the first bad row.
    pub fn build(&self) -> Result<Lexicon> {
        let mut lex = Compiling::default();
        for (kind, name, text) in &self.sources {
            lex.add(*kind, name, text)?;
        }
        lex.finish()
    }
}

/// The lexicon being compiled. Names and words are borrowed from the
/// sources' text (which outlives the compilation) and copied once, in
/// [`Compiling::finish`], rather than once per row that names them.
#[derive(Default)]
struct Compiling<'a> {
    countries: Vec<Country>,
    country_index: HashMap<&'a str, u32>,
    organisations: Vec<Organisation>,
    org_index: HashMap<&'a str, u32>,
    people: Vec<Person>,
    locations: Vec<Location>,
    titles: Vec<Title>,
    /// Every (name, entry) pair as the sources give them, repeats and all:
    /// `finish` groups them by name with one sort, rather than a list per name.
    surfaces: Vec<(&'a str, Entry)>,
    /// The words and their bits; gazetteer starts are added in `finish`.
    vocab: Vocab,
    org_head_kinds: HashMap<String, String>,
    abbreviations: HashSet<String>,
}

/// `{kind}{slug of name}` built in one string: start-up makes one per
/// location and person, and `format!` with a separate slug cost two
/// allocations and the formatting machinery for each.
fn slug_id(kind: &str, name: &str) -> String {
    let mut id = String::with_capacity(kind.len() + name.len());
    id.push_str(kind);
    slug_into(name, &mut id);
    id
}

fn optional(cell: &str) -> Option<String> {
    (!cell.is_empty()).then(|| cell.to_owned())
}

impl<'a> Compiling<'a> {
    fn surface(&mut self, text: &'a str, entry: Entry) {
        self.surfaces.push((text, entry));
    }

    fn word(&mut self, word: &str, bit: u32) {
        self.vocab.entry(word).bits |= bit;
    }

    #[allow(clippy::cast_possible_truncation)]
    fn add(&mut self, kind: DataKind, file: &str, text: &'a str) -> Result<()> {
        match kind {
            DataKind::Countries => {
                for row in tsv::parse(file, text, 7)? {
                    let c = &row.cells;
                    let index = match self.country_index.get(c[0]) {
                        Some(&i) => i,
                        None => {
                            let i = self.countries.len() as u32;
                            self.countries.push(Country {
                                id: c[0].to_owned(),
                                node_id: ["country:", c[0]].concat(),
                                name: c[1].to_owned(),
                            });
                            self.country_index.insert(c[0], i);
                            i
                        }
                    };
                    if c[1].is_empty() {
                        return Err(Error::DataFile {
                            file: file.into(),
                            line: row.line,
                            message: "country has no name".into(),
                        });
                    }
                    for name in std::iter::once(c[1]).chain(tsv::list(c[2])) {
                        self.surface(name, Entry::Country(index));
                    }
                    for name in tsv::list(c[3]) {
                        self.surface(name, Entry::Demonym(index));
                    }
                    for name in tsv::list(c[4]) {
                        self.surface(name, Entry::Capital(index));
                    }
                    for name in tsv::list(c[5]) {
                        self.surface(name, Entry::Seat(index));
                    }
                }
            }
            DataKind::Locations => {
                for row in tsv::parse(file, text, 4)? {
                    let c = &row.cells;
                    let index = self.locations.len() as u32;
                    self.locations.push(Location {
                        name: c[0].to_owned(),
                        node_id: slug_id("location:", c[0]),
                        country: optional(c[2]),
                    });
                    for name in std::iter::once(c[0]).chain(tsv::list(c[3])) {
                        self.surface(name, Entry::Location(index));
                    }
                }
            }
            DataKind::Organisations => {
                for row in tsv::parse(file, text, 5)? {
                    let c = &row.cells;
                    if c[1].is_empty() {
                        return Err(Error::DataFile {
                            file: file.into(),
                            line: row.line,
                            message: "organisation has no name".into(),
                        });
                    }
                    let index = match self.org_index.get(c[0]) {
                        Some(&i) => i,
                        None => {
                            let i = self.organisations.len() as u32;
                            self.organisations.push(Organisation {
                                id: c[0].to_owned(),
                                node_id: ["organisation:", c[0]].concat(),
                                name: c[1].to_owned(),
                                kind: c[3].to_owned(),
                                country: optional(c[4]),
                            });
                            self.org_index.insert(c[0], i);
                            i
                        }
                    };
                    for name in std::iter::once(c[1]).chain(tsv::list(c[2])) {
                        self.surface(name, Entry::Organisation(index));
                    }
                }
            }
            DataKind::People => {
                for row in tsv::parse(file, text, 4)? {
                    let c = &row.cells;
                    let index = self.people.len() as u32;
                    self.people.push(Person {
                        name: c[0].to_owned(),
                        node_id: slug_id("person:", c[0]),
                        country: optional(c[2]),
                        role: optional(c[3]),
                    });
                    for name in std::iter::once(c[0]).chain(tsv::list(c[1])) {
                        self.surface(name, Entry::Person(index));
                    }
                }
            }
            DataKind::Titles => {
                for row in tsv::parse(file, text, 3)? {
                    let c = &row.cells;
                    let index = self.titles.len() as u32;
                    self.titles.push(Title { text: c[0].to_owned(), kind: c[1].to_owned(), role: c[2].to_owned() });
                    self.surface(c[0], Entry::Title(index));
                }
            }
            DataKind::OrgHeads => {
                for row in tsv::parse(file, text, 3)? {
                    let c = &row.cells;
                    let bit = match c[1] {
                        "head" => bits::ORG_HEAD,
                        "pre" => bits::ORG_PRE,
                        "both" => bits::ORG_HEAD | bits::ORG_PRE,
                        "cue" => bits::ORG_CUE,
                        other => {
                            return Err(Error::DataFile {
                                file: file.into(),
                                line: row.line,
                                message: format!("position must be head, pre, both or cue, not {other:?}"),
                            })
                        }
                    };
                    self.word(c[0], bit);
                    self.org_head_kinds.insert(c[0].to_owned(), c[2].to_owned());
                }
            }
            DataKind::StateWords => {
                for row in tsv::parse(file, text, 2)? {
                    let bit = match row.cells[1] {
                        "head" => bits::STATE_HEAD,
                        "pre" => bits::STATE_PRE,
                        "both" => bits::STATE_HEAD | bits::STATE_PRE,
                        other => {
                            return Err(Error::DataFile {
                                file: file.into(),
                                line: row.line,
                                message: format!("position must be head, pre or both, not {other:?}"),
                            })
                        }
                    };
                    // Multi-word entries ("Grand Duchy") mark their last word.
                    let word = row.cells[0].rsplit(' ').next().unwrap_or(row.cells[0]);
                    self.word(word, bit);
                }
            }
            DataKind::FirstNames => tsv::lines(text).for_each(|w| self.word(w, bits::FIRST_NAME)),
            DataKind::SurnameParticles => tsv::lines(text).for_each(|w| self.word(w, bits::PARTICLE)),
            DataKind::SpeechVerbs => tsv::lines(text).for_each(|w| self.word(w, bits::SPEECH_VERB)),
            DataKind::NonEntities => tsv::lines(text).for_each(|w| self.word(w, bits::NON_ENTITY)),
            DataKind::Abbreviations => tsv::lines(text).for_each(|w| {
                self.abbreviations.insert(w.to_owned());
            }),
        }
        Ok(())
    }

    fn finish(self) -> Result<Lexicon> {
        // The names in order, each name's pairs in the sources' order.
        let named = sorted_names(&self.surfaces);
        let name = |i: u32| self.surfaces[i as usize].0;
        let mut surfaces = Vec::new();
        let mut entries = Vec::with_capacity(named.len());
        for group in named.chunk_by(|&a, &b| name(a) == name(b)) {
            let first = entries.len();
            for &i in group {
                let entry = self.surfaces[i as usize].1;
                if !entries[first..].contains(&entry) {
                    entries.push(entry);
                }
            }
            #[allow(clippy::cast_possible_truncation)]
            surfaces.push((name(group[0]).to_owned(), first as u32..entries.len() as u32));
        }
        let mut vocab = self.vocab;
        // Every name under its first word: sorted by that word, then longest
        // first (leftmost-longest matching), then by surface number. One sort,
        // and no list per word.
        let mut firsts: Vec<&str> = Vec::with_capacity(surfaces.len());
        let mut keys: Vec<u128> = Vec::with_capacity(surfaces.len());
        let mut tokens = Vec::new();
        for (index, (surface, _)) in surfaces.iter().enumerate() {
            tokenize(surface, &mut tokens);
            let first = tokens.first().map_or("", |first| first.span.of(surface));
            firsts.push(first);
            if !first.is_empty() {
                #[allow(clippy::cast_possible_truncation)]
                let order = u64::from(u32::MAX - tokens.len() as u32) << 32 | index as u64;
                keys.push(u128::from(name_prefix(first)) << 64 | u128::from(order));
            }
        }
        sort_by_first_word(&mut keys, &firsts);
        let mut starts = Vec::with_capacity(keys.len());
        #[allow(clippy::cast_possible_truncation)]
        for group in keys.chunk_by(|&a, &b| firsts[a as u32 as usize] == firsts[b as u32 as usize]) {
            #[allow(clippy::cast_possible_truncation)]
            let range = starts.len() as u32..(starts.len() + group.len()) as u32;
            starts.extend(group.iter().map(|&k| {
                let surface = k as u32;
                #[allow(clippy::cast_possible_truncation)]
                let bytes = surfaces[surface as usize].0.len() as u32;
                Start { surface, tokens: u32::MAX - (k >> 32) as u32, bytes }
            }));
            vocab.entry(firsts[group[0] as u32 as usize]).starts = range;
        }
        vocab.seal();
        let surnames = surnames(&self.people, &vocab);
        Ok(Lexicon {
            surnames,
            countries: self.countries,
            organisations: self.organisations,
            people: self.people,
            locations: self.locations,
            titles: self.titles,
            surfaces,
            entries,
            vocab,
            starts,
            org_head_kinds: self.org_head_kinds,
            abbreviations: self.abbreviations,
        })
    }
}

/// The numbers of `surfaces` ordered by name, then number.
///
/// Sorted first as plain integers, name prefix then number (no closure, no
/// string), then each run of names that share a prefix is sorted by name:
/// two fifths cheaper than one sort of (prefix, name, number) tuples.
fn sorted_names(surfaces: &[(&str, Entry)]) -> Vec<u32> {
    #[allow(clippy::cast_possible_truncation)]
    let mut keys: Vec<u128> =
        surfaces.iter().enumerate().map(|(i, &(name, _))| u128::from(name_prefix(name)) << 64 | i as u128).collect();
    keys.sort_unstable();
    #[allow(clippy::cast_possible_truncation)]
    let mut named: Vec<u32> = keys.iter().map(|&k| k as u32).collect();
    let mut start = 0;
    for run in keys.chunk_by(|a, b| a >> 64 == b >> 64) {
        let run_of = &mut named[start..start + run.len()];
        if run_of.len() > 1 {
            run_of.sort_unstable_by(|&a, &b| surfaces[a as usize].0.cmp(surfaces[b as usize].0).then(a.cmp(&b)));
        }
        start += run.len();
    }
    named
}

/// Sort `keys` (first word's prefix, then `u32::MAX - tokens`, then surface
/// number) by first word, most tokens first, then surface number.
///
/// As in [`sorted_names`]: integers first, then each run that shares a
/// prefix by its whole first word (`firsts[surface]`); the key's low half
/// is the rest of the order.
fn sort_by_first_word(keys: &mut [u128], firsts: &[&str]) {
    #[allow(clippy::cast_possible_truncation)]
    let word = |k: u128| firsts[k as u32 as usize];
    keys.sort_unstable();
    for run in keys.chunk_by_mut(|a, b| a >> 64 == b >> 64) {
        if run.len() > 1 {
            run.sort_unstable_by(|&a, &b| word(a).cmp(word(b)).then(a.cmp(&b)));
        }
    }
}

/// The first eight bytes of `name`, zero-padded, as a big-endian integer.
///
/// Start-up sorts thousands of names, and a `memcmp` per comparison was most
/// of the sort: they are compared by this integer first. A different prefix
/// orders two names as their bytes do (a shorter name's
/// padding sorts before any byte but zero, and an equal prefix defers to
/// the whole names).
fn name_prefix(name: &str) -> u64 {
    let mut head = [0; 8];
    let n = name.len().min(8);
    head[..n].copy_from_slice(&name.as_bytes()[..n]);
    u64::from_be_bytes(head)
}

/// Family names of the people list: the last word of a name, and the first
/// when it is not a given name ("Xi Jinping", "Kim Jong-un"); a family name
/// two people share names neither.
fn surnames(people: &[Person], vocab: &Vocab) -> HashMap<String, u32> {
    let mut seen: HashMap<String, Option<u32>> = HashMap::default();
    for (index, person) in people.iter().enumerate() {
        let words: Vec<&str> = person.name.split(' ').collect();
        let (first, last) = (words[0], words[words.len() - 1]);
        let given = vocab.get(first).is_some_and(|w| w.bits & bits::FIRST_NAME != 0);
        let keys = if words.len() < 2 {
            vec![]
        } else if given || first == last {
            vec![last]
        } else {
            vec![first, last]
        };
        for key in keys {
            #[allow(clippy::cast_possible_truncation)]
            let index = index as u32;
            seen.entry(key.to_owned()).and_modify(|v| *v = v.filter(|&i| i == index)).or_insert(Some(index));
        }
    }
    seen.into_iter().filter_map(|(k, v)| v.map(|i| (k, i))).collect()
}

/// A gazetteer name, listed under its first word.
#[derive(Debug, Clone, Copy)]
struct Start {
    /// Its surface form number.
    surface: u32,
    /// How many tokens it has.
    tokens: u32,
    /// How many bytes it has: a candidate of another length is ruled out
    /// without reading the name (common first words, "the", "National",
    /// open dozens of names each).
    bytes: u32,
}

/// What the lexicon knows about one word.
#[derive(Debug, Clone)]
struct Word {
    /// Feature bits of the word alone (see [`bits`]).
    bits: u32,
    /// The gazetteer names that start with this word: a range of `Lexicon::starts`.
    starts: Range<u32>,
}

/// The lexicon's words. Words of up to 7 bytes (most of them) are keyed by
/// their bytes packed into an integer with their length, so looking a token
/// up is one load from the text, one multiplication and no `memcmp`.
///
/// Four tokens in five of news are no lexicon word, so a lookup first asks
/// `filter`: one bit per hash of a word's key (its packed bytes, or the
/// first eight bytes and the length of a longer word), set for every word
/// once the vocabulary is final ([`Vocab::seal`]). A clear bit answers the
/// miss with one multiplication and one load from a table that stays in
/// cache; a set bit (every word, and a few percent of the others) asks the
/// map as before.
#[derive(Debug, Clone, Default)]
struct Vocab {
    short: HashMap<u64, Word>,
    long: HashMap<Box<str>, Word>,
    /// `2^FILTER_LOG2` bits; empty until sealed, when every key passes.
    filter: Vec<u64>,
}

/// Log2 of the number of bits of [`Vocab::filter`] (32 KiB: some sixteen
/// bits per word of the embedded data).
const FILTER_LOG2: u32 = 18;

impl Vocab {
    /// The entry of `word`, added (no bits, no names) if missing.
    fn entry(&mut self, word: &str) -> &mut Word {
        debug_assert!(self.filter.is_empty(), "a sealed vocabulary gains no words");
        let empty = || Word { bits: 0, starts: 0..0 };
        match pack_short(word.as_bytes()) {
            Some(key) => self.short.entry(key).or_insert_with(empty),
            None => self.long.entry(word.into()).or_insert_with(empty),
        }
    }

    /// Set the filter's bit of every word: the words are final.
    fn seal(&mut self) {
        let mut filter = vec![0u64; 1 << (FILTER_LOG2 - 6)];
        let long_keys = self.long.keys().map(|w| long_key(w.as_bytes()));
        for bit in self.short.keys().copied().chain(long_keys).map(filter_bit) {
            filter[bit >> 6] |= 1 << (bit & 63);
        }
        self.filter = filter;
    }

    /// False when no word has `key`'s filter bit, so no word has `key`.
    #[inline]
    fn may_have(&self, key: u64) -> bool {
        let bit = filter_bit(key);
        self.filter.get(bit >> 6).is_none_or(|w| w >> (bit & 63) & 1 != 0)
    }

    fn get(&self, word: &str) -> Option<&Word> {
        match pack_short(word.as_bytes()) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// [`Vocab::get`] of `text[span]`, reading a short token as one integer
    /// when there are eight bytes of text from its start, and answering
    /// most misses from the filter.
    #[inline]
    fn get_span(&self, text: &str, span: Span) -> Option<&Word> {
        if let Some(bytes) = short_span_bytes(text, span) {
            let key = bytes | (span.len() as u64) << 56;
            return if self.may_have(key) { self.short.get(&key) } else { None };
        }
        // The filter reads bytes: the text is sliced as a string (checking
        // that both ends are character boundaries) only for a word it passes.
        let bytes = &text.as_bytes()[span.start..span.end];
        if bytes.len() >= 8 && !self.may_have(long_key(bytes)) {
            return None;
        }
        self.get(span.of(text))
    }
}

/// The filter key of a word of eight bytes or more: its first eight bytes
/// and its length.
fn long_key(word: &[u8]) -> u64 {
    let head = u64::from_le_bytes(word[..8].try_into().expect("a long word has eight bytes"));
    head ^ (word.len() as u64).rotate_right(8)
}

/// The filter bit of a key.
#[inline]
fn filter_bit(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - FILTER_LOG2)) as usize
}

/// The compiled, immutable world knowledge.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Countries, in file order.
    pub countries: Vec<Country>,
    /// Institutions, in file order.
    pub organisations: Vec<Organisation>,
    /// Well-known people.
    pub people: Vec<Person>,
    /// Places that are not countries.
    pub locations: Vec<Location>,
    /// Titles and roles.
    pub titles: Vec<Title>,
    /// Each surface form and its range of `entries`, sorted by name.
    surfaces: Vec<(String, Range<u32>)>,
    /// What each surface form names, in the order the sources gave them.
    entries: Vec<Entry>,
    vocab: Vocab,
    /// Gazetteer names grouped by first word, longest first.
    starts: Vec<Start>,
    org_head_kinds: HashMap<String, String>,
    abbreviations: HashSet<String>,
    /// A well-known person's family name alone ("Putin", "Xi"), when it
    /// names exactly one of [`Self::people`].
    surnames: HashMap<String, u32>,
}

impl Lexicon {
    /// The lexicon of the embedded `data/` files.
    ///
    /// # Panics
    /// Never in a released build: a test checks that the embedded data parses.
    #[must_use]
    pub fn embedded() -> Self {
        LexiconBuilder::new().add_defaults().build().expect("embedded data files parse (checked by tests)")
    }

    /// What surface form number `surface` names.
    #[must_use]
    pub fn entries(&self, surface: u32) -> &[Entry] {
        let range = &self.surfaces[surface as usize].1;
        &self.entries[range.start as usize..range.end as usize]
    }

    /// The feature bits of a single word (first name, particle, …).
    #[must_use]
    pub fn word_bits(&self, word: &str) -> u32 {
        self.vocab.get(word).map_or(0, |w| w.bits)
    }

    /// The organisation kind an organisation head word implies ("Party" → `party`).
    #[must_use]
    pub fn org_head_kind(&self, word: &str) -> Option<&str> {
        self.org_head_kinds.get(word).map(String::as_str)
    }

    /// True for "Mr.", "Jan.", "U.S." and the like.
    #[must_use]
    pub fn is_abbreviation(&self, word_with_dot: &str) -> bool {
        self.abbreviations.contains(word_with_dot)
    }

    /// Gazetteer matches in `text`, on token boundaries, leftmost-longest.
    pub fn hits(&self, text: &str, tokens: &[Token], out: &mut Vec<Hit>) {
        let mut features = Vec::new();
        self.scan(text, tokens, out, &mut features);
    }

    /// One bit set per token: gazetteer categories and word lists (see [`bits`]).
    pub fn token_features(&self, text: &str, tokens: &[Token], out: &mut Vec<u32>) {
        let mut hits = Vec::new();
        self.scan(text, tokens, &mut hits, out);
    }

    /// Gazetteer hits and per-token feature bits in one pass (one hash lookup per token).
    #[inline(never)]
    pub fn scan(&self, text: &str, tokens: &[Token], hits: &mut Vec<Hit>, features: &mut Vec<u32>) {
        hits.clear();
        features.clear();
        // Zeroed at once, then written in place: most tokens are no word.
        features.resize(tokens.len(), 0);
        let mut covered_until = 0;
        for ((i, token), bits) in tokens.iter().enumerate().zip(features.iter_mut()) {
            let Some(word) = self.vocab.get_span(text, token.span) else {
                continue;
            };
            *bits = word.bits;
            if i < covered_until {
                continue;
            }
            // The names come longest first: those of one length in tokens
            // (a common first word opens dozens) share the span they would
            // cover, found once for them all.
            let (mut last_n, mut end, mut span) = (0, i, token.span);
            for &Start { surface, tokens: n, bytes } in
                &self.starts[word.starts.start as usize..word.starts.end as usize]
            {
                if n != last_n {
                    last_n = n;
                    end = i + n as usize;
                    // Past the text's end: a span no name's length matches.
                    span = match tokens.get(end - 1) {
                        Some(last) => Span::new(token.span.start, last.span.end),
                        None => Span::new(0, usize::MAX),
                    };
                }
                // Compared as bytes, as strings compare: no character
                // boundaries checked for a slice that is mostly not the name.
                if span.len() == bytes as usize
                    && text.as_bytes()[span.start..span.end] == *self.surfaces[surface as usize].0.as_bytes()
                {
                    hits.push(Hit { tokens: i..end, span, surface });
                    covered_until = end;
                    break;
                }
            }
        }
        for hit in hits.iter() {
            let mut category = 0;
            for entry in self.entries(hit.surface) {
                category |= match entry {
                    Entry::Country(_) => bits::COUNTRY,
                    Entry::Demonym(_) => bits::DEMONYM,
                    Entry::Capital(_) => bits::CAPITAL,
                    Entry::Seat(_) => bits::SEAT,
                    Entry::Location(_) => bits::LOCATION,
                    Entry::Organisation(_) => bits::ORGANISATION,
                    Entry::Person(_) => bits::PERSON,
                    Entry::Title(_) => bits::TITLE,
                };
            }
            for bits in &mut features[hit.tokens.clone()] {
                *bits |= category;
            }
            features[hit.tokens.start] |= bits::MATCH_FIRST;
            features[hit.tokens.end - 1] |= bits::MATCH_LAST;
        }
    }

    /// The one well-known person whose family name is `word` ("Putin"), if any.
    #[must_use]
    pub fn person_by_surname(&self, word: &str) -> Option<u32> {
        self.surnames.get(word).copied()
    }

    /// The surface form number of exactly `name`, if the lexicon knows it
    /// (for [`Self::entries`]).
    #[must_use]
    pub fn surface_named(&self, name: &str) -> Option<u32> {
        self.surfaces.binary_search_by(|(s, _)| s.as_str().cmp(name)).ok().map(|i| i as u32)
    }

    /// The country named exactly by `name` (name, alias), if any.
    #[must_use]
    pub fn country_named(&self, name: &str) -> Option<&Country> {
        let i = self.surface_named(name)? as usize;
        #[allow(clippy::cast_possible_truncation)]
        self.entries(i as u32).iter().find_map(|e| match e {
            Entry::Country(c) => Some(&self.countries[*c as usize]),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorted_names_order_by_name_then_number() {
        let names = ["National Bank", "Nation", "National Army", "", "Nation", "National Bank", "Ab", "National"];
        let surfaces: Vec<(&str, super::Entry)> = names.iter().map(|&n| (n, super::Entry::Title(0))).collect();
        let mut expected: Vec<u32> = (0..names.len() as u32).collect();
        expected.sort_by(|&a, &b| names[a as usize].cmp(names[b as usize]).then(a.cmp(&b)));
        assert_eq!(super::sorted_names(&surfaces), expected);
    }

    #[test]
    fn first_word_order_is_word_then_longest_then_number() {
        let firsts = ["National", "Nationalists", "Nation", "National", "Nationalism", "A", "Nation"];
        let tokens = [3u32, 1, 2, 1, 2, 4, 2];
        let key = |i: usize| {
            u128::from(super::name_prefix(firsts[i])) << 64
                | u128::from(u64::from(u32::MAX - tokens[i]) << 32 | i as u64)
        };
        let mut keys: Vec<u128> = (0..firsts.len()).rev().map(key).collect();
        super::sort_by_first_word(&mut keys, &firsts);
        let mut expected: Vec<usize> = (0..firsts.len()).collect();
        expected.sort_by(|&a, &b| firsts[a].cmp(firsts[b]).then(tokens[b].cmp(&tokens[a])).then(a.cmp(&b)));
        assert_eq!(keys, expected.into_iter().map(key).collect::<Vec<_>>());
    }

    #[test]
    fn slug_id_is_kind_then_slug() {
        for name in ["Kim Jong-un", "  São Paulo ", "Bank of England’s", ""] {
            assert_eq!(super::slug_id("person:", name), format!("person:{}", crate::entities::slug(name)));
        }
    }

    #[test]
    fn span_lookup_agrees_with_string_lookup() {
        let lexicon = Lexicon::embedded();
        let text = "President Vladimir Putin of Russia met the Bank of England’s head in Київ, U.S. and N.A.T.O. officials said.";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut found = 0;
        for end in 0..=text.len() {
            for start in 0..end {
                if text.is_char_boundary(start) && text.is_char_boundary(end) {
                    let span = Span::new(start, end);
                    let (a, b) = (lexicon.vocab.get_span(text, span), lexicon.vocab.get(span.of(text)));
                    assert_eq!(a.map(|w| (w.bits, w.starts.clone())), b.map(|w| (w.bits, w.starts.clone())));
                    found += usize::from(a.is_some());
                }
            }
        }
        assert!(found > 5);
    }

    use super::*;
    use crate::text::tokenize;

    /// The gazetteer hits of `text`, tokenized as the pipeline does.
    fn hits_in(lex: &Lexicon, text: &str) -> Vec<Hit> {
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut hits = Vec::new();
        lex.hits(text, &tokens, &mut hits);
        hits
    }

    fn small() -> Lexicon {
        LexiconBuilder::new()
            .add_source(
                DataKind::Countries,
                "c.tsv",
                "russia\tRussia\tRussian Federation\tRussian|Russians\tMoscow\tKremlin\tRUS\n",
            )
            .add_source(DataKind::FirstNames, "f.txt", "# names\nVladimir\n")
            .build()
            .unwrap()
    }

    #[test]
    fn name_prefix_orders_as_str_does() {
        let names = ["", "a", "a\0", "ab", "abcdefgh", "abcdefg", "abcdefghi", "abcdefgh\0", "b", "É", "Z", "Zürich"];
        for a in names {
            for b in names {
                let by_prefix = name_prefix(a).cmp(&name_prefix(b)).then_with(|| a.cmp(b));
                assert_eq!(by_prefix, a.cmp(b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn a_family_name_two_people_share_names_neither() {
        let people = "Boris Johnson\t\tunited-kingdom\tprime minister\n\
                      Lyndon Johnson\t\tunited-states\tpresident\n\
                      Vladimir Putin\t\trussia\tpresident\n\
                      Xi Jinping\t\tchina\tpresident\n";
        let lex = LexiconBuilder::new()
            .add_source(DataKind::FirstNames, "f.txt", "Vladimir\nBoris\nLyndon\n")
            .add_source(DataKind::People, "p.tsv", people)
            .build()
            .unwrap();
        let name = |w: &str| lex.person_by_surname(w).map(|i| lex.people[i as usize].name.as_str());
        assert_eq!(name("Putin"), Some("Vladimir Putin"));
        assert_eq!(name("Xi"), Some("Xi Jinping"));
        assert_eq!(name("Jinping"), Some("Xi Jinping"));
        assert_eq!(name("Johnson"), None);
        assert_eq!(name("Vladimir"), None);
    }

    #[test]
    fn hits_align_to_tokens() {
        let lex = small();
        let text = "Russians in Moscow, not Moscowites, and the Russian Federation.";
        let hits = hits_in(&lex, text);
        let found: Vec<&str> = hits.iter().map(|h| h.span.of(text)).collect();
        assert_eq!(found, ["Russians", "Moscow", "Russian Federation"]);
        assert_eq!(lex.entries(hits[0].surface), [Entry::Demonym(0)]);
        // A name given twice for one thing keeps one entry; for two, both in order.
        let twice = LexiconBuilder::new()
            .add_source(DataKind::Locations, "l.tsv", "Georgia\t\t\tGeorgia\nTbilisi\t\t\tGeorgia\n")
            .add_source(DataKind::Countries, "c.tsv", "georgia\tGeorgia\n")
            .build()
            .unwrap();
        let georgia = twice.surface_named("Georgia").unwrap();
        assert_eq!(twice.entries(georgia), [Entry::Location(0), Entry::Location(1), Entry::Country(0)]);
    }

    /// Names are found by their bytes as by their text, out of ASCII too,
    /// and a name is not found inside a longer word or by its prefix.
    #[test]
    fn names_are_found_by_their_bytes() {
        let lex = LexiconBuilder::new()
            .add_source(
                DataKind::Locations,
                "l.tsv",
                "Zürich\t\t\tSwitzerland\nКиїв Oblast\t\t\tUkraine\nKyiv\t\t\tUkraine\n",
            )
            .build()
            .unwrap();
        let text = "Zürich, Zürichsee, Київ Oblast, Київ, Kyiv and Kyivan.";
        let hits = hits_in(&lex, text);
        let found: Vec<&str> = hits.iter().map(|h| h.span.of(text)).collect();
        assert_eq!(found, ["Zürich", "Київ Oblast", "Kyiv"]);
        for hit in &hits {
            assert_eq!(lex.surface_named(hit.span.of(text)), Some(hit.surface));
        }
    }

    /// The scan finds the names a plain reading finds, trying each name
    /// under a token's word in turn (longest first) with its span found
    /// anew: names sharing a first word and a length, names cut off by the
    /// end of the text, names in a row.
    #[test]
    fn hits_are_those_of_trying_each_name() {
        let lex = Lexicon::embedded();
        let texts = [
            "The Bank of England and the Bank of Japan met the European Central Bank. The United States",
            "President Vladimir Putin of Russia met the Bank of England’s head in Київ, U.S. and N.A.T.O. officials.",
            "The Bank of",
            "The",
            "United Nations Security Council, the United Nations, United Kingdom, United Arab Emirates, United",
        ];
        let mut found = 0;
        for text in texts {
            let mut tokens = Vec::new();
            tokenize(text, &mut tokens);
            let mut expected = Vec::new();
            let mut covered = 0;
            for (i, token) in tokens.iter().enumerate() {
                let Some(word) = lex.vocab.get(token.span.of(text)).filter(|_| i >= covered) else { continue };
                for start in &lex.starts[word.starts.start as usize..word.starts.end as usize] {
                    let end = i + start.tokens as usize;
                    if end > tokens.len() {
                        continue;
                    }
                    let span = Span::new(token.span.start, tokens[end - 1].span.end);
                    if span.of(text) == lex.surfaces[start.surface as usize].0 {
                        expected.push(Hit { tokens: i..end, span, surface: start.surface });
                        covered = end;
                        break;
                    }
                }
            }
            assert_eq!(hits_in(&lex, text), expected, "{text}");
            found += expected.len();
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn token_features_mark_names_and_words() {
        let lex = small();
        let text = "Vladimir left the Kremlin";
        let mut tokens = Vec::new();
        tokenize(text, &mut tokens);
        let mut features = Vec::new();
        lex.token_features(text, &tokens, &mut features);
        assert_eq!(features[0], bits::FIRST_NAME);
        assert_eq!(features[3], bits::SEAT | bits::MATCH_FIRST | bits::MATCH_LAST);
    }

    #[test]
    fn bad_rows_name_file_and_line() {
        let err = LexiconBuilder::new()
            .add_source(DataKind::OrgHeads, "mine.tsv", "Party\tend\tparty\n")
            .build()
            .unwrap_err();
        assert_eq!(err.to_string(), "mine.tsv:1: position must be head, pre, both or cue, not \"end\"");
    }

    #[test]
    fn unknown_data_kind_lists_the_known_ones() {
        let err = "planets".parse::<DataKind>().unwrap_err();
        assert!(err.contains("countries"), "{err}");
    }
}
