//! Exporters: one file per format, each `fn(&EntityGraph) -> bytes`, and one
//! atomic writer shared by all of them.
//!
//! Every format walks the graph in its stored order (nodes by id, edges by
//! source, target and kind), so output is byte-identical for the same input.
//! XML formats go through quick-xml's writer, which escapes; HTML embeds its
//! data as JSON with the characters that could end a `<script>` escaped.

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
mod layout;
pub mod mentions;
pub mod render;

pub use render::Layout;

use crate::entities::EntityType;
use crate::error::{Error, Result};
use crate::graph::{Edge, EntityGraph, Evidence, Node};
use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// Node-link JSON (networkx, D3).
    Json,
    /// GraphML with typed attribute keys (networkx, Gephi, yEd).
    Graphml,
    /// GEXF 1.3 with viz colours (Gephi, networkx).
    Gexf,
    /// Cytoscape.js elements JSON (Cytoscape, networkx `cytoscape_graph`).
    Cytoscape,
    /// A folder with `nodes.csv` and `relationships.csv` for `neo4j-admin database import`.
    Csv,
    /// SVG drawn by Graphviz.
    Svg,
    /// PNG drawn by Graphviz.
    Png,
    /// One self-contained, offline, interactive HTML page.
    Html,
}

impl Format {
    /// The format a file name implies, if its extension is known. `csv` is
    /// never inferred: it writes a folder, so it must be asked for.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".cytoscape.json") {
            return Some(Self::Cytoscape);
        }
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "dot" | "gv" => Some(Self::Dot),
            "json" => Some(Self::Json),
            "graphml" => Some(Self::Graphml),
            "gexf" => Some(Self::Gexf),
            "cyjs" => Some(Self::Cytoscape),
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "html" | "htm" => Some(Self::Html),
            _ => None,
        }
    }

    /// The name used on the command line and in messages.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Dot => "dot",
            Self::Json => "json",
            Self::Graphml => "graphml",
            Self::Gexf => "gexf",
            Self::Cytoscape => "cytoscape",
            Self::Csv => "csv",
            Self::Svg => "svg",
            Self::Png => "png",
            Self::Html => "html",
        }
    }
}

/// Settings that only some formats use.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Graphviz layout engine for SVG and PNG.
    pub layout: Layout,
}

/// Serialise the graph as one file's bytes.
///
/// # Errors
/// `svg`/`png` when Graphviz is missing or fails; `csv`, which is a folder
/// (use [`write()`]).
pub fn export(graph: &EntityGraph, format: Format, options: &ExportOptions) -> Result<Vec<u8>> {
    Ok(match format {
        Format::Dot => dot::to_dot(graph).into_bytes(),
        Format::Json => json::to_json(graph),
        Format::Graphml => graphml::to_graphml(graph),
        Format::Gexf => gexf::to_gexf(graph),
        Format::Cytoscape => cytoscape::to_cytoscape(graph),
        Format::Html => html::to_html(graph),
        Format::Svg | Format::Png => render::render(graph, format, options.layout)?,
        Format::Csv => return Err(csv_needs_folder()),
    })
}

fn csv_needs_folder() -> Error {
    Error::Invalid("csv output is a folder (nodes.csv, relationships.csv): name it with -o DIR".into())
}

/// Serialise the graph and write it to `path` (`-`: standard output). Each
/// file is written atomically; `csv` writes both of its files into the
/// folder `path` only after both were serialised.
///
/// # Errors
/// As [`export`] and [`write_atomic`].
pub fn write(graph: &EntityGraph, format: Format, options: &ExportOptions, path: &Path) -> Result<()> {
    if format != Format::Csv {
        return write_atomic(path, &export(graph, format, options)?);
    }
    if path.as_os_str() == "-" {
        return Err(csv_needs_folder());
    }
    if path.is_file() {
        return Err(Error::Invalid(format!("{}: csv output is a folder, and this is a file", path.display())));
    }
    let (nodes, relationships) = csv::to_csv(graph);
    write_atomic(&path.join(csv::NODES_FILE), &nodes)?;
    write_atomic(&path.join(csv::RELATIONSHIPS_FILE), &relationships)
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, then a
/// rename, so a failed run never leaves a half-written file over a good one.
/// Missing folders are created. `-` writes to standard output.
///
/// # Errors
/// When the folder cannot be created or the file cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut out = AtomicOutput::create(path)?;
    out.write_all(bytes).map_err(|source| Error::Io { path: path.to_owned(), source })?;
    out.commit()
}

/// An output written as a stream and published atomically by
/// [`AtomicOutput::commit`]: until then the bytes go to a temp file beside
/// the target, and dropping it without committing leaves the target as it was.
/// `-` streams to standard output (a closed pipe is not an error).
pub struct AtomicOutput {
    path: std::path::PathBuf,
    target: Target,
}

/// `e` without the temp file's name that tempfile adds to its message
/// ("… at path \"/dir/.ergraph-x1y2\""): the user never named that file,
/// and our message names theirs.
fn without_temp_path(e: std::io::Error) -> std::io::Error {
    let message = e.to_string();
    match message.rsplit_once(" at path \"") {
        Some((cause, _)) => std::io::Error::new(e.kind(), cause.to_owned()),
        None => e,
    }
}

enum Target {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    File(std::io::BufWriter<tempfile::NamedTempFile>),
}

impl AtomicOutput {
    /// Start writing `path` (`-` for standard output); missing folders are created.
    ///
    /// # Errors
    /// When the folder or the temp file cannot be created.
    pub fn create(path: &Path) -> Result<Self> {
        if path.as_os_str() == "-" {
            let out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
            return Ok(Self { path: path.to_owned(), target: Target::Stdout(out) });
        }
        let io = |source| Error::Io { path: path.to_owned(), source };
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(io)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".ergraph-");
        #[cfg(unix)]
        {
            // tempfile's default is 0600; an output file should get the usual 0666 less umask
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| io(without_temp_path(e)))?;
        Ok(Self { path: path.to_owned(), target: Target::File(std::io::BufWriter::with_capacity(1 << 16, tmp)) })
    }

    /// Flush and publish: rename the temp file over the target.
    ///
    /// # Errors
    /// When flushing, syncing or renaming fails.
    pub fn commit(self) -> Result<()> {
        let io = |source| Error::Io { path: self.path.clone(), source };
        match self.target {
            Target::Stdout(mut out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(io),
            },
            Target::File(out) => {
                let tmp = out.into_inner().map_err(|e| io(e.into_error()))?;
                tmp.as_file().sync_all().map_err(io)?;
                tmp.persist(&self.path).map_err(|e| io(e.error))?;
                Ok(())
            }
        }
    }
}

impl Write for AtomicOutput {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.target {
            Target::Stdout(out) => match out.write(buf) {
                // Nobody reads any more (`ergraph extract | head`): swallow the rest.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(buf.len()),
                other => other,
            },
            Target::File(out) => out.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.target {
            Target::Stdout(out) => match out.flush() {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other,
            },
            Target::File(out) => out.flush(),
        }
    }
}

/// Every edge with its endpoints, in stored order.
pub(crate) fn edges(graph: &EntityGraph) -> impl Iterator<Item = (&Node, &Node, &Edge)> {
    let g = &graph.graph;
    g.edge_indices().map(move |e| {
        let (a, b) = g.edge_endpoints(e).expect("edge index from this graph");
        (&g[a], &g[b], &g[e])
    })
}

/// A strong colour per type (GEXF, HTML), as RGB.
pub(crate) const fn type_colour(t: EntityType) -> (u8, u8, u8) {
    match t {
        EntityType::Person => (0xe0, 0x9f, 0x1f),
        EntityType::Country => (0x3a, 0x7d, 0xc9),
        EntityType::Organisation => (0x3f, 0x9e, 0x4d),
        EntityType::Location => (0x8c, 0x8c, 0x8c),
    }
}

/// Drop the characters XML 1.0 cannot carry at all, even escaped (C0
/// controls other than tab, newline and carriage return; U+FFFE, U+FFFF):
/// a parser would reject the whole file for one of them. Everything else
/// is kept and left to quick-xml's escaping.
pub(crate) fn xml_safe(s: &str) -> Cow<'_, str> {
    let bad = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r') && c < '\u{80}') || c == '\u{FFFE}' || c == '\u{FFFF}'
    };
    if s.contains(bad) {
        Cow::Owned(s.chars().filter(|c| !bad(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

#[derive(serde::Serialize)]
struct EvidenceJson<'a> {
    document: &'a str,
    sentence: &'a str,
    start: usize,
    end: usize,
}

/// Evidence as a compact JSON array, for formats whose attributes are strings.
pub(crate) fn evidence_json(evidence: &[Evidence]) -> String {
    let list: Vec<EvidenceJson<'_>> = evidence
        .iter()
        .map(|e| EvidenceJson { document: &e.document, sentence: &e.sentence, start: e.start, end: e.end })
        .collect();
    serde_json::to_string(&list).expect("serialising plain structs cannot fail")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path(Path::new("out/g.dot")), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("g.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("g.GraphML")), Some(Format::Graphml));
        assert_eq!(Format::from_path(Path::new("g.cytoscape.json")), Some(Format::Cytoscape));
        assert_eq!(Format::from_path(Path::new("g.cyjs")), Some(Format::Cytoscape));
        assert_eq!(Format::from_path(Path::new("g.html")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("neo4j")), None);
        assert_eq!(Format::from_path(Path::new("g")), None);
    }

    #[test]
    fn xml_safe_drops_only_what_xml_cannot_hold() {
        assert_eq!(xml_safe("a\u{1}b\tc\n\u{202E}<&"), "ab\tc\n\u{202E}<&");
        assert!(matches!(xml_safe("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn atomic_write_creates_folders_and_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/graph.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(path.parent().unwrap()).unwrap().count(), 1, "no temp file left behind");
    }

    #[test]
    fn csv_needs_a_folder() {
        let g = EntityGraph::default();
        assert!(export(&g, Format::Csv, &ExportOptions::default()).is_err());
        assert!(write(&g, Format::Csv, &ExportOptions::default(), Path::new("-")).is_err());
    }
}
