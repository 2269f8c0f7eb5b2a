//! Train, evaluate and time the sequence tagger (`ergraph::tagger`).
//!
//! ```text
//! cargo run --release --example train_tagger -- OUT.bin FILE.jsonl... [--epochs N] [--rows K] [--seed S] [--ensemble K] [--boost N] [--no-gaz]
//! cargo run --release --example train_tagger -- --eval GOLD.jsonl PRED.jsonl [--model M.bin] [--all]
//! cargo run --release --example train_tagger -- --bench FILE [--model M.bin]
//! ```
//!
//! `--eval` writes predictions in the scorer's format (code-point offsets,
//! types person/organisation/country/location/other) and prints where the
//! errors are; score them with `python3 /work/shared/eval/score.py GOLD PRED
//! --types person,country,organisation`. `--all` disables the fast path.
//! `--bench` prints the tagging speed (tokenisation excluded) over a text
//! file, or over the `text` fields of a JSONL file.

use ergraph::lexicon::Lexicon;
use ergraph::tagger::{read_jsonl, spans, train, Class, Label, Tagger, TrainOptions};
use ergraph::text::{tokenize, CharOffsets, Token};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        eprintln!("train_tagger: {e}");
        std::process::exit(1);
    }
}

struct Args {
    positional: Vec<String>,
    flags: HashMap<String, String>,
}

fn parse_args() -> Args {
    let mut positional = Vec::new();
    let mut flags = HashMap::new();
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--eval" | "--bench" | "--all" | "--no-gaz" => {
                flags.insert(a.clone(), String::new());
            }
            s if s.starts_with("--") => {
                flags.insert(a.clone(), it.next().unwrap_or_default());
            }
            _ => positional.push(a),
        }
    }
    Args { positional, flags }
}

/// The embedded lexicon, built once.
fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::embedded)
}

/// Gazetteer bits for a sentence: the lexicon's per-token features.
fn gazetteer(text: &str, tokens: &[Token], out: &mut Vec<u32>) {
    lexicon().token_features(text, tokens, out);
}

fn load_model(args: &Args) -> Result<Tagger, Box<dyn std::error::Error>> {
    match args.flags.get("--model") {
        Some(path) => Ok(Tagger::from_bytes(&std::fs::read(path)?)?),
        None => Ok(Tagger::embedded().clone()),
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args();
    if args.flags.contains_key("--eval") {
        return eval(&args);
    }
    if args.flags.contains_key("--bench") {
        return bench(&args);
    }
    let [out, files @ ..] = args.positional.as_slice() else {
        return Err("usage: train_tagger OUT.bin FILE.jsonl... | --eval GOLD PRED | --bench FILE".into());
    };
    if files.is_empty() {
        return Err("no training files".into());
    }
    let mut options = TrainOptions { verbose: true, ..TrainOptions::default() };
    if !args.flags.contains_key("--no-gaz") {
        options.gazetteer = Some(&gazetteer);
    }
    if let Some(v) = args.flags.get("--ensemble") {
        options.ensemble = v.parse()?;
    }
    if let Some(v) = args.flags.get("--epochs") {
        options.epochs = v.parse()?;
    }
    if let Some(v) = args.flags.get("--rows") {
        options.rows_log2 = v.parse()?;
    }
    if let Some(v) = args.flags.get("--seed") {
        options.seed = v.parse()?;
    }
    if let Some(v) = args.flags.get("--boost") {
        let n: usize = v.parse()?;
        for b in &mut options.boost {
            b.1 = n;
        }
    }
    for f in files {
        if f.contains("-dev") || f.contains("-test") {
            return Err(format!("{f}: refusing to train on a dev/test file").into());
        }
    }
    let paths: Vec<PathBuf> = files.iter().map(PathBuf::from).collect();
    let started = Instant::now();
    let bytes = train(&paths, &options)?;
    std::fs::write(out, &bytes)?;
    eprintln!("wrote {out}: {} bytes in {:.1}s", bytes.len(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Country names and common aliases, to type `LOC` spans for the scorer
/// until the lexicon does it.
const COUNTRIES: &[&str] = &[
    "Afghanistan",
    "Albania",
    "Algeria",
    "America",
    "Andorra",
    "Angola",
    "Antigua",
    "Antigua and Barbuda",
    "Argentina",
    "Armenia",
    "Australia",
    "Austria",
    "Austria-Hungary",
    "Azerbaijan",
    "Bahamas",
    "Bahrain",
    "Bangladesh",
    "Barbados",
    "Barbuda",
    "Belarus",
    "Belgium",
    "Belize",
    "Benin",
    "Bhutan",
    "Bolivia",
    "Bosnia",
    "Bosnia and Herzegovina",
    "Botswana",
    "Brazil",
    "Britain",
    "Brunei",
    "Bulgaria",
    "Burkina Faso",
    "Burma",
    "Burundi",
    "Cambodia",
    "Cameroon",
    "Canada",
    "Cape Verde",
    "Central African Republic",
    "Chad",
    "Chile",
    "China",
    "Colombia",
    "Comoros",
    "Congo",
    "Costa Rica",
    "Croatia",
    "Cuba",
    "Cyprus",
    "Czech Republic",
    "Czechia",
    "Czechoslovakia",
    "Democratic Republic of the Congo",
    "Denmark",
    "Djibouti",
    "Dominica",
    "Dominican Republic",
    "DPRK",
    "East Germany",
    "East Timor",
    "Ecuador",
    "Egypt",
    "El Salvador",
    "England",
    "Equatorial Guinea",
    "Eritrea",
    "Estonia",
    "Eswatini",
    "Ethiopia",
    "Fiji",
    "Finland",
    "France",
    "Gabon",
    "Gambia",
    "Georgia",
    "Germany",
    "Ghana",
    "Great Britain",
    "Greece",
    "Grenada",
    "Guatemala",
    "Guinea",
    "Guinea-Bissau",
    "Guyana",
    "Haiti",
    "Herzegovina",
    "Honduras",
    "Hungary",
    "Iceland",
    "India",
    "Indonesia",
    "Iran",
    "Iraq",
    "Ireland",
    "Israel",
    "Italy",
    "Ivory Coast",
    "Jamaica",
    "Japan",
    "Jordan",
    "Kazakhstan",
    "Kenya",
    "Kiribati",
    "Korea",
    "Kosovo",
    "Kuwait",
    "Kyrgyzstan",
    "Laos",
    "Latvia",
    "Lebanon",
    "Lesotho",
    "Liberia",
    "Libya",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Macedonia",
    "Madagascar",
    "Malawi",
    "Malaysia",
    "Maldives",
    "Mali",
    "Malta",
    "Marshall Islands",
    "Mauritania",
    "Mauritius",
    "Mexico",
    "Micronesia",
    "Moldova",
    "Monaco",
    "Mongolia",
    "Montenegro",
    "Morocco",
    "Mozambique",
    "Myanmar",
    "Namibia",
    "Nauru",
    "Nepal",
    "Netherlands",
    "New Zealand",
    "Nicaragua",
    "Niger",
    "Nigeria",
    "North Korea",
    "North Macedonia",
    "Northern Ireland",
    "Norway",
    "Oman",
    "Pakistan",
    "Palau",
    "Palestine",
    "Panama",
    "Papua New Guinea",
    "Paraguay",
    "Persia",
    "Peru",
    "Philippines",
    "Poland",
    "Portugal",
    "Prussia",
    "Qatar",
    "Romania",
    "Russia",
    "Russian Federation",
    "Rwanda",
    "Saint Kitts and Nevis",
    "Saint Lucia",
    "Saint Vincent",
    "Samoa",
    "San Marino",
    "Saudi Arabia",
    "Scotland",
    "Senegal",
    "Serbia",
    "Seychelles",
    "Sierra Leone",
    "Singapore",
    "Slovakia",
    "Slovenia",
    "Solomon Islands",
    "Somalia",
    "South Africa",
    "South Korea",
    "South Sudan",
    "Soviet Union",
    "Spain",
    "Sri Lanka",
    "Sudan",
    "Suriname",
    "Swaziland",
    "Sweden",
    "Switzerland",
    "Syria",
    "Taiwan",
    "Tajikistan",
    "Tanzania",
    "Thailand",
    "Tibet",
    "Timor-Leste",
    "Togo",
    "Tonga",
    "Trinidad and Tobago",
    "Tunisia",
    "Turkey",
    "Turkmenistan",
    "Tuvalu",
    "U.K.",
    "U.S.",
    "U.S.A.",
    "U.S",
    "UK",
    "US",
    "USA",
    "USSR",
    "Uganda",
    "Ukraine",
    "United Arab Emirates",
    "United Kingdom",
    "United States",
    "United States of America",
    "Uruguay",
    "Uzbekistan",
    "Vanuatu",
    "Vatican City",
    "Venezuela",
    "Vietnam",
    "Wales",
    "West Germany",
    "Yemen",
    "Yugoslavia",
    "Zaire",
    "Zambia",
    "Zimbabwe",
];

fn type_name(class: Class, text: &str) -> &'static str {
    match class {
        Class::Per => "person",
        Class::Org => "organisation",
        Class::Loc if COUNTRIES.contains(&text) || lexicon().country_named(text).is_some() => "country",
        Class::Loc => "location",
        Class::Oth => "other",
    }
}

/// Error buckets over the scored types (person, organisation, country).
#[derive(Default, Debug)]
struct Buckets {
    correct: usize,
    wrong_type: usize,
    boundary: usize,
    boundary_and_type: usize,
    missed: usize,
    spurious: usize,
}

fn eval(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let [gold, pred] = args.positional.as_slice() else {
        return Err("usage: train_tagger --eval GOLD.jsonl PRED.jsonl [--model M.bin] [--all]".into());
    };
    let tagger = load_model(args)?;
    let all = args.flags.contains_key("--all");
    let sentences = read_jsonl(gold.as_ref())?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(pred)?);
    let (mut tokens, mut gaz, mut labels) = (Vec::new(), Vec::new(), Vec::new());
    let scored = ["person", "organisation", "country"];
    let mut b = Buckets::default();
    let mut by_type: HashMap<(String, String), usize> = HashMap::new();
    for s in &sentences {
        tokenize(&s.text, &mut tokens);
        if tagger.uses_gazetteer() {
            gazetteer(&s.text, &tokens, &mut gaz);
        } else {
            gaz.clear();
        }
        if all {
            tagger.tag_all(&s.text, &tokens, &gaz, &mut labels);
        } else {
            tagger.tag(&s.text, &tokens, &gaz, &mut labels);
        }
        let offsets = CharOffsets::new(&s.text);
        let predicted: Vec<(usize, usize, &str)> = spans(&labels)
            .into_iter()
            .map(|(r, class)| {
                let (bs, be) = (tokens[r.start].span.start, tokens[r.end - 1].span.end);
                (offsets.char_at(bs), offsets.char_at(be), type_name(class, &s.text[bs..be]))
            })
            .collect();
        let ents: Vec<serde_json::Value> = predicted
            .iter()
            .map(|&(start, end, ty)| serde_json::json!({"start": start, "end": end, "type": ty}))
            .collect();
        writeln!(out, "{}", serde_json::json!({"id": s.id, "entities": ents}))?;

        // Error analysis on the scored types.
        let gold_spans: Vec<(usize, usize, &str)> = s
            .entities
            .iter()
            .filter(|e| scored.contains(&e.kind.as_str()))
            .map(|e| (e.start, e.end, e.kind.as_str()))
            .collect();
        let pred_spans: Vec<_> = predicted.iter().filter(|p| scored.contains(&p.2)).collect();
        for g in &gold_spans {
            let exact = predicted.iter().find(|p| p.0 == g.0 && p.1 == g.1);
            let overlap = predicted.iter().find(|p| p.0 < g.1 && g.0 < p.1);
            match (exact, overlap) {
                (Some(p), _) if p.2 == g.2 => b.correct += 1,
                (Some(p), _) => {
                    b.wrong_type += 1;
                    *by_type.entry((g.2.to_owned(), p.2.to_owned())).or_default() += 1;
                }
                (None, Some(p)) if p.2 == g.2 => b.boundary += 1,
                (None, Some(_)) => b.boundary_and_type += 1,
                (None, None) => b.missed += 1,
            }
        }
        for p in pred_spans {
            if !s.entities.iter().any(|e| e.start < p.1 && p.0 < e.end) {
                b.spurious += 1;
            }
        }
    }
    out.flush()?;
    eprintln!("{b:?}");
    let mut confusions: Vec<_> = by_type.into_iter().collect();
    confusions.sort_by_key(|c| std::cmp::Reverse(c.1));
    eprintln!("wrong type (gold → predicted): {confusions:?}");
    Ok(())
}

fn bench(args: &Args) -> Result<(), Box<dyn std::error::Error>> {
    let [file] = args.positional.as_slice() else {
        return Err("usage: train_tagger --bench FILE [--model M.bin]".into());
    };
    let tagger = load_model(args)?;
    let raw = std::fs::read_to_string(file)?;
    let docs: Vec<String> = if file.ends_with(".jsonl") {
        read_jsonl(file.as_ref())?.into_iter().map(|s| s.text).collect()
    } else {
        raw.split("\n\n").map(str::to_owned).collect()
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    let toks: Vec<Vec<Token>> = docs
        .iter()
        .map(|d| {
            let mut t = Vec::new();
            tokenize(d, &mut t);
            t
        })
        .collect();
    let gaz: Vec<Vec<u32>> = docs
        .iter()
        .zip(&toks)
        .map(|(d, t)| {
            let mut g = Vec::new();
            if tagger.uses_gazetteer() {
                gazetteer(d, t, &mut g);
            }
            g
        })
        .collect();
    let mut labels: Vec<Label> = Vec::new();
    let mut entities = 0usize;
    let mut rounds = 0usize;
    let started = Instant::now();
    while started.elapsed().as_secs_f64() < 2.0 {
        for ((d, t), g) in docs.iter().zip(&toks).zip(&gaz) {
            tagger.tag(d, t, g, &mut labels);
            entities += labels.iter().filter(|l| l.is_begin()).count();
        }
        rounds += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    let tokens: usize = toks.iter().map(Vec::len).sum();
    println!(
        "{file}: {bytes} bytes, {tokens} tokens, {rounds} rounds in {secs:.2}s: {:.1} MB/s, {:.1} M tokens/s ({} entities/round)",
        (bytes * rounds) as f64 / secs / 1e6,
        (tokens * rounds) as f64 / secs / 1e6,
        entities / rounds.max(1)
    );
    Ok(())
}
