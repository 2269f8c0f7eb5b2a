//! Subcommands: turn flags into library options and run the pipeline.

use crate::cli::{BuildArgs, Cli, Command, ExtractArgs, FormatArg, InputArgs, WindowArg};
use anyhow::{Context as _, Result};
use ergraph::export::{self, Format};
use ergraph::graph::{GraphBuilder, GraphOptions, Window};
use ergraph::input::{read_source, sources};
use ergraph::lexicon::{DataKind, LexiconBuilder};
use ergraph::{Document, Extractor};
use std::path::{Path, PathBuf};

/// Run one parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Extract(args) => extract(&args),
    }
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
    Ok(Extractor::new(builder.build()?))
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
    let format = match (args.format, args.output.as_deref().and_then(Format::from_path)) {
        (Some(FormatArg::Dot), _) => Format::Dot,
        (Some(FormatArg::Json), _) => Format::Json,
        (None, Some(format)) => format,
        (None, None) => Format::Dot,
    };
    let options = GraphOptions {
        window: match args.window {
            WindowArg::Sentence => Window::Sentence,
            WindowArg::Paragraph => Window::Paragraph,
            WindowArg::Document => Window::Document,
        },
        min_weight: args.min_weight,
        types: args.types.iter().copied().collect(),
    };
    let mut graph = GraphBuilder::new(options);
    for_each_document(&args.input, |doc| {
        let analysis = extractor.analyse(&doc.text);
        graph.add(&doc.text, &analysis);
        Ok(())
    })?;
    let bytes = export::export(&graph.build(), format);
    export::write_atomic(&output_path(args.output.as_ref()), &bytes)?;
    Ok(())
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
