//! SVG and PNG, drawn by Graphviz through graphviz-rust's `exec`.
//!
//! graphviz-rust writes our DOT to a temp file and runs `dot` from `PATH`.
//! Its errors need translating: a missing `dot` surfaces as a bare "No such
//! file or directory", and Graphviz's own messages name the temp file, which
//! means nothing to the user; both are rewritten here.

use super::{dot, Format};
use crate::error::{Error, Result};
use crate::graph::EntityGraph;
use graphviz_rust::cmd::{CommandArg, Format as GvFormat, Layout as GvLayout};
use graphviz_rust::printer::PrinterContext;

/// Graphviz layout engine.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Layout {
    /// Hierarchical (`dot`).
    #[default]
    Dot,
    /// Spring model (`neato`).
    Neato,
    /// Force-directed (`fdp`).
    Fdp,
    /// Force-directed for large graphs (`sfdp`).
    Sfdp,
    /// Circular (`circo`).
    Circo,
}

impl Layout {
    const fn graphviz(self) -> GvLayout {
        match self {
            Self::Dot => GvLayout::Dot,
            Self::Neato => GvLayout::Neato,
            Self::Fdp => GvLayout::Fdp,
            Self::Sfdp => GvLayout::Sfdp,
            Self::Circo => GvLayout::Circo,
        }
    }
}

/// Draw the graph as `svg` or `png`.
///
/// # Errors
/// [`Error::GraphvizMissing`] when `dot` is not on `PATH`,
/// [`Error::GraphvizFailed`] when it fails, [`Error::Invalid`] for a format
/// that is not an image.
pub fn render(graph: &EntityGraph, format: Format, layout: Layout) -> Result<Vec<u8>> {
    let gv_format = match format {
        Format::Svg => GvFormat::Svg,
        Format::Png => GvFormat::Png,
        other => return Err(Error::Invalid(format!("{} is not an image format", other.name()))),
    };
    let args = vec![CommandArg::Format(gv_format), CommandArg::Layout(layout.graphviz())];
    graphviz_rust::exec(dot::to_ast(graph), &mut PrinterContext::default(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::GraphvizMissing { format: format.name().to_owned() }
        } else {
            Error::GraphvizFailed { stderr: without_temp_paths(&e.to_string()) }
        }
    })
}

/// Replace graphviz-rust's temp file (`/tmp/.tmpAbC123`) with "the generated
/// DOT" and fold the message onto one line.
fn without_temp_paths(message: &str) -> String {
    let tmp = regex::Regex::new(r"\S*\.tmp[A-Za-z0-9]+").expect("valid regex");
    let message = tmp.replace_all(message.trim(), "the generated DOT");
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_paths_are_rewritten() {
        let m = "Error: /tmp/.tmpAb12Cd: syntax error in line 1 near '}'\n";
        assert_eq!(without_temp_paths(m), "Error: the generated DOT: syntax error in line 1 near '}'");
    }

    #[test]
    fn only_images_render() {
        assert!(render(&EntityGraph::default(), Format::Json, Layout::Dot).is_err());
    }
}
