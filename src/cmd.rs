//! Subcommands: turn flags into library options and run the pipeline.

use crate::cli::{
    BuildArgs, Cli, Command, ExtractArgs, FormatArg, InputArgs, LayoutArg, MergeArgs, ViewArgs, WindowArg,
};
use anyhow::{Context as _, Result};
use ergraph::export::{self, ExportOptions, Format, Layout};
use ergraph::graph::{EntityGraph, GraphBuilder, GraphOptions, Window};
use ergraph::input::{read_source, sources};
use ergraph::lexicon::{DataKind, LexiconBuilder};
use ergraph::relations::{RuleSet, CATEGORIES_FILE, PATTERNS_FILE};
use ergraph::{Document, Extractor};
use std::path::{Path, PathBuf};

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Extract(args) => extract(&args),
        Command::Merge(args) => merge(&args),
    }
}

/// `--format`, else the output's extension, else `default`.
fn format(arg: Option<FormatArg>, output: Option<&Path>, default: Format) -> Format {
    let Some(arg) = arg else { return output.and_then(Format::from_path).unwrap_or(default) };
    match arg {
        FormatArg::Dot => Format::Dot,
        FormatArg::Json => Format::Json,
        FormatArg::Graphml => Format::Graphml,
        FormatArg::Gexf => Format::Gexf,
        FormatArg::Cytoscape => Format::Cytoscape,
        FormatArg::Csv => Format::Csv,
        FormatArg::Svg => Format::Svg,
        FormatArg::Png => Format::Png,
        FormatArg::Html => Format::Html,
    }
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
    Ok(())
}

fn merge(args: &MergeArgs) -> Result<()> {
    let mut graphs = Vec::with_capacity(args.inputs.len());
    for path in &args.inputs {
        let bytes = std::fs::read(path).with_context(|| path.display().to_string())?;
        graphs.push(ergraph::merge::read_json(&bytes, path)?);
    }
    let format = format(args.format, args.output.as_deref(), Format::Json);
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
    if let Some(unknown) = rules.iter().find(|id| !known.rules.iter().any(|r| &&r.id == id)) {
        anyhow::bail!("--disable-rule {unknown:?}: no such rule in data/relation_patterns.tsv");
    }
    let rules = RuleSet::parse(PATTERNS_FILE, CATEGORIES_FILE, rules)?;
    Ok(Extractor::new(lexicon).with_rules(rules))
}

fn for_each_document(input: &InputArgs, mut each: impl FnMut(Document) -> ergraph::Result<()>) -> Result<()> {
    for source in sources(&input.inputs)? {
        read_source(&source, input.lossy, &mut each)?;
    }
    Ok(())
}

fn output_path(output: Option<&PathBuf>) -> PathBuf {
    output.cloned().unwrap_or_else(|| PathBuf::from("-"))
}

fn build(args: &BuildArgs) -> Result<()> {
    let extractor = extractor(&args.input)?;
    let format = format(args.format, args.output.as_deref(), Format::Dot);
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
    let mut graph = GraphBuilder::new(options);
    for_each_document(&args.input, |doc| {
        let analysis = extractor.analyse(&doc.text);
        graph.add(&doc, &analysis);
        Ok(())
    })?;
    view_and_write(graph.build(), &args.view, format, args.output.as_ref())
}

fn extract(args: &ExtractArgs) -> Result<()> {
    let extractor = extractor(&args.input)?;
    let mut out = Vec::new();
    for_each_document(&args.input, |doc| {
        let analysis = extractor.analyse(&doc.text);
        out.extend(export::mentions::to_json_line(&doc, &analysis));
        Ok(())
    })?;
    export::write_atomic(&output_path(args.output.as_ref()), &out)?;
    Ok(())
}
