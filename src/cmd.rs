//! Subcommands: turn flags into library options and run the pipeline.

use crate::cli::{
    BuildArgs, Cli, Command, ExtractArgs, FormatArg, InputArgs, LayoutArg, MergeArgs, ViewArgs, WindowArg,
};
use anyhow::{Context as _, Result};
use ergraph::corpus::{self, RunOptions};
use ergraph::export::{self, AtomicOutput, ExportOptions, Format, Layout};
use ergraph::graph::{EntityGraph, GraphOptions, Window};
use ergraph::input::{sources, Source};
use ergraph::lexicon::{DataKind, LexiconBuilder};
use ergraph::relations::{RuleSet, CATEGORIES_FILE, PATTERNS_FILE};
use ergraph::Extractor;
use indicatif::{ProgressBar, ProgressFinish, ProgressStyle};
use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Extract(args) => extract(&args),
        Command::Merge(args) => merge(&args),
    }
}

/// `--format`, else the output's extension, else `default`.
///
/// An output whose extension names no format is an error rather than a
/// silent default: `-o graph.csv` must not quietly write DOT.
fn format(arg: Option<FormatArg>, output: Option<&Path>, default: Format) -> Result<Format> {
    let Some(arg) = arg else {
        let Some(path) = output.filter(|p| p.as_os_str() != "-" && p.extension().is_some()) else {
            return Ok(default);
        };
        return Format::from_path(path).ok_or_else(|| {
            anyhow::anyhow!(
                "{}: cannot tell the format from this extension; give --format (dot, json, graphml, gexf, cytoscape, csv with -o FOLDER, svg, png, html)",
                path.display()
            )
        });
    };
    Ok(match arg {
        FormatArg::Dot => Format::Dot,
        FormatArg::Json => Format::Json,
        FormatArg::Graphml => Format::Graphml,
        FormatArg::Gexf => Format::Gexf,
        FormatArg::Cytoscape => Format::Cytoscape,
        FormatArg::Csv => Format::Csv,
        FormatArg::Svg => Format::Svg,
        FormatArg::Png => Format::Png,
        FormatArg::Html => Format::Html,
    })
}

/// Apply `--ego`/`--depth`, then `--top`, and write the graph.
fn view_and_write(graph: EntityGraph, view: &ViewArgs, format: Format, output: Option<&PathBuf>) -> Result<()> {
    let mut graph = graph;
    if let Some(name) = &view.ego {
        graph = ergraph::filter::ego(&graph, name, view.depth).context("--ego")?;
    }
    if let Some(n) = view.top {
        graph = ergraph::filter::top(&graph, n);
    }
    let layout = match view.layout {
        LayoutArg::Dot => Layout::Dot,
        LayoutArg::Neato => Layout::Neato,
        LayoutArg::Fdp => Layout::Fdp,
        LayoutArg::Sfdp => Layout::Sfdp,
        LayoutArg::Circo => Layout::Circo,
    };
    export::write(&graph, format, &ExportOptions { layout }, &output_path(output))?;
    leave_to_exit(graph);
    Ok(())
}

fn merge(args: &MergeArgs) -> Result<()> {
    let mut graphs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
        graphs.push(ergraph::merge::read_json(&bytes, path)?);
    }
    let format = format(args.format, args.output.as_deref(), Format::Json)?;
    view_and_write(ergraph::merge::merge(&graphs), &args.view, format, args.output.as_ref())
}

fn extractor(input: &InputArgs) -> Result<Extractor> {
    let mut builder = LexiconBuilder::new();
    if !input.no_default_data {
        builder.add_defaults();
    }
    for spec in &input.gazetteer {
        let (kind, path) = spec.split_once('=').with_context(|| format!("--gazetteer {spec:?}: expected KIND=PATH"))?;
        let kind: DataKind = kind.parse().map_err(|e: String| anyhow::anyhow!("--gazetteer {spec:?}: {e}"))?;
        builder.add_file(kind, Path::new(path))?;
    }
    let lexicon = builder.build()?;
    if input.disable_rule.is_empty() {
        return Ok(Extractor::new(lexicon));
    }
    let rules = &input.disable_rule;
    let known = RuleSet::embedded();
    let exists = |id: &str| id == ergraph::relations::learned::RULE_ID || known.rules.iter().any(|r| &*r.id == id);
    if let Some(unknown) = rules.iter().find(|id| !exists(id)) {
        anyhow::bail!(
            "--disable-rule {unknown:?}: no such rule in data/relation_patterns.tsv (nor {})",
            ergraph::relations::learned::RULE_ID
        );
    }
    let rules = RuleSet::parse(PATTERNS_FILE, CATEGORIES_FILE, rules)?;
    Ok(Extractor::new(lexicon).with_rules(rules))
}

/// The run options of the input flags: `--jobs` (default: every core) and `--lossy`.
fn run_options(input: &InputArgs) -> RunOptions {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    RunOptions { jobs: input.jobs.map_or(cores, usize::from), lossy: input.lossy, ..RunOptions::default() }
}

/// A progress bar on stderr, shown only on a terminal, without `--quiet`,
/// and only once a run has taken more than a second.
fn progress(input: &InputArgs, sources: &[Source]) -> impl FnMut(u64) {
    let show = !input.quiet && std::io::stderr().is_terminal();
    let total: u64 = sources
        .iter()
        .map(|s| match s {
            Source::Text(p) | Source::Jsonl(p) => std::fs::metadata(p).map_or(0, |m| m.len()),
            Source::Stdin => 0,
        })
        .sum();
    let start = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    move |done| {
        if !show || (bar.is_none() && start.elapsed() < Duration::from_secs(1)) {
            return;
        }
        let bar = bar.get_or_insert_with(|| {
            let bar = if total > 0 { ProgressBar::new(total) } else { ProgressBar::new_spinner() }
                .with_finish(ProgressFinish::AndClear);
            bar.set_style(
                ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {bar:30} {bytes_per_sec} eta {eta}")
                    .expect("valid template"),
            );
            bar
        });
        bar.set_position(done.min(total.max(done)));
    }
}

fn output_path(output: Option<&PathBuf>) -> PathBuf {
    output.cloned().unwrap_or_else(|| PathBuf::from("-"))
}

fn build(args: &BuildArgs) -> Result<()> {
    let extractor = extractor(&args.input)?;
    let format = format(args.format, args.output.as_deref(), Format::Dot)?;
    let options = GraphOptions {
        window: match args.window {
            WindowArg::Sentence => Window::Sentence,
            WindowArg::Paragraph => Window::Paragraph,
            WindowArg::Document => Window::Document,
        },
        min_weight: args.min_weight,
        types: args.types.iter().copied().collect(),
        relations_only: args.relations_only,
    };
    let sources = sources(&args.input.inputs)?;
    let mut progress = progress(&args.input, &sources);
    let graph = corpus::build_graph(&extractor, &sources, &options, run_options(&args.input), &mut progress)?;
    leave_to_exit(extractor);
    view_and_write(graph.build(), &args.view, format, args.output.as_ref())
}

fn extract(args: &ExtractArgs) -> Result<()> {
    let extractor = extractor(&args.input)?;
    let sources = sources(&args.input.inputs)?;
    let mut progress = progress(&args.input, &sources);
    let path = output_path(args.output.as_ref());
    let mut out = AtomicOutput::create(&path)?;
    let name = path.display().to_string();
    corpus::extract(&extractor, &sources, run_options(&args.input), &mut out, &name, &mut progress)?;
    leave_to_exit(extractor);
    out.commit()?;
    Ok(())
}

/// The command is done with `value` and the process is about to end: its
/// allocations are left for the operating system to take back at once, not
/// freed one by one. The extractor's lexicon is tens of thousands of them
/// (some 5M instructions); a graph of distinct text, a few per entity and
/// edge (6.7M instructions on 1 MB of such text).
fn leave_to_exit<T>(value: T) {
    std::mem::forget(value);
}
