//! Flags, parsed with clap derive. Nothing here reaches the library: `cmd`
//! turns these into the library's plain option structs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use ergraph::entities::EntityType;
use std::path::PathBuf;

/// Turn news text into a graph of who is tied to whom.
#[derive(Debug, Parser)]
#[command(name = "ergraph", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the entity graph of the inputs and write it as DOT or JSON.
    Build(BuildArgs),
    /// Print one JSON line per document with the entities found (and relations).
    Extract(ExtractArgs),
}

/// Where documents come from, and the data to read them with.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or directories (walked recursively; .txt/.md = one document, .jsonl = one per line). None or `-` reads stdin.
    pub inputs: Vec<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    pub lossy: bool,
    /// Add a data file: KIND=PATH, KIND one of countries, locations, organisations, people, titles, first-names, surname-particles, org-heads, speech-verbs, non-entities, abbreviations (repeatable).
    #[arg(long, value_name = "KIND=PATH")]
    pub gazetteer: Vec<String>,
    /// Do not load the embedded data files (use only --gazetteer files).
    #[arg(long)]
    pub no_default_data: bool,
}

/// `ergraph build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Inputs and data.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output file (written atomically, folders created); `-` or none: stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format (default: from the output file's extension, else dot).
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,
    /// What counts as together for co-mention edges.
    #[arg(long, value_enum, default_value_t = WindowArg::Sentence)]
    pub window: WindowArg,
    /// Drop edges with a smaller weight (and nodes left without edges).
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_weight: u64,
    /// Entity types to keep, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "person,country,organisation")]
    pub types: Vec<EntityType>,
}

/// `ergraph extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and data.
    #[command(flatten)]
    pub input: InputArgs,
    /// Output file (written atomically); `-` or none: stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Graphviz DOT.
    Dot,
    /// Node-link JSON.
    Json,
}

/// `--window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WindowArg {
    /// Same sentence.
    Sentence,
    /// Same paragraph.
    Paragraph,
    /// Same document.
    Document,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_debug_assert() {
        Cli::command().debug_assert();
    }

    #[test]
    fn types_are_comma_separated() {
        let cli = Cli::try_parse_from(["ergraph", "build", "--types", "person,country", "a.txt"]).unwrap();
        let Command::Build(args) = cli.command else { panic!("build") };
        assert_eq!(args.types, [EntityType::Person, EntityType::Country]);
        assert!(Cli::try_parse_from(["ergraph", "build", "--types", "planet"]).is_err());
    }
}
