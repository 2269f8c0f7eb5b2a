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
    /// Build the entity graph of the inputs and write it (DOT, JSON, GraphML, GEXF, Cytoscape, CSV, SVG, PNG, HTML).
    Build(BuildArgs),
    /// Merge graphs written by `build --format json` (entities by id, weights summed, evidence united).
    Merge(MergeArgs),
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
    /// Add a data file: KIND=PATH, KIND one of countries, locations, organisations, people, titles, first-names, surname-particles, org-heads, speech-verbs, non-entities, abbreviations, state-words (repeatable).
    #[arg(long, value_name = "KIND=PATH")]
    pub gazetteer: Vec<String>,
    /// Do not load the embedded data files (use only --gazetteer files).
    #[arg(long)]
    pub no_default_data: bool,
    /// Leave out a relation rule of data/relation_patterns.tsv by its id, e.g. relation/call/1 (repeatable).
    #[arg(long, value_name = "ID")]
    pub disable_rule: Vec<String>,
    /// Worker threads (default: all cores); the output does not depend on it.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// No progress bar (it is shown only on a terminal, for runs longer than a second).
    #[arg(short, long)]
    pub quiet: bool,
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
    /// Draw only stated relations (thank, meet, foreign_minister_of…) and the nodes they touch, no co-mentions.
    #[arg(long)]
    pub relations_only: bool,
    /// Views of the finished graph, and rendering.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// `ergraph merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Graphs written by `ergraph build --format json`.
    #[arg(required = true, value_name = "GRAPH.json")]
    pub inputs: Vec<PathBuf>,
    /// Output file (written atomically, folders created); `-` or none: stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format (default: from the output file's extension, else json).
    #[arg(short, long, value_enum)]
    pub format: Option<FormatArg>,
    /// Views of the merged graph, and rendering.
    #[command(flatten)]
    pub view: ViewArgs,
}

/// Filters on the finished graph, and the Graphviz layout.
#[derive(Debug, Args)]
pub struct ViewArgs {
    /// Keep only the N most connected entities (by summed edge weight; ties by id).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Keep only the neighbourhood of this entity (any of its names, aliases or its id; case-insensitive).
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,
    /// How many links away from --ego to go.
    #[arg(long, value_name = "K", default_value_t = 1, requires = "ego")]
    pub depth: usize,
    /// Graphviz layout engine for svg and png.
    #[arg(long, value_enum, default_value_t = LayoutArg::Dot)]
    pub layout: LayoutArg,
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
    /// GraphML (networkx, Gephi, yEd).
    Graphml,
    /// GEXF 1.3 (Gephi, networkx).
    Gexf,
    /// Cytoscape.js JSON (.cyjs).
    Cytoscape,
    /// Neo4j import CSV: -o names a folder that gets nodes.csv and relationships.csv.
    Csv,
    /// SVG drawn by Graphviz.
    Svg,
    /// PNG drawn by Graphviz.
    Png,
    /// One self-contained interactive HTML page.
    Html,
}

/// `--layout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    /// Hierarchical.
    Dot,
    /// Spring model.
    Neato,
    /// Force-directed.
    Fdp,
    /// Force-directed, for large graphs.
    Sfdp,
    /// Circular.
    Circo,
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

    #[test]
    fn views_and_merge_parse() {
        let cli =
            Cli::try_parse_from(["ergraph", "build", "--ego", "Putin", "--depth", "2", "--top", "5", "a.txt"]).unwrap();
        let Command::Build(args) = cli.command else { panic!("build") };
        assert_eq!((args.view.ego.as_deref(), args.view.depth, args.view.top), (Some("Putin"), 2, Some(5)));
        assert!(Cli::try_parse_from(["ergraph", "build", "--depth", "2"]).is_err(), "--depth needs --ego");
        assert!(Cli::try_parse_from(["ergraph", "merge"]).is_err(), "merge needs inputs");
        let cli = Cli::try_parse_from(["ergraph", "merge", "a.json", "b.json", "--format", "gexf"]).unwrap();
        let Command::Merge(args) = cli.command else { panic!("merge") };
        assert_eq!((args.inputs.len(), args.format), (2, Some(FormatArg::Gexf)));
    }
}
