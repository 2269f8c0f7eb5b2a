//! Exporters: one file per format, each `fn(&EntityGraph) -> bytes`, and one
//! atomic writer shared by all of them.

pub mod dot;
pub mod json;
pub mod mentions;

use crate::error::{Error, Result};
use crate::graph::EntityGraph;
use std::io::Write;
use std::path::Path;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// Node-link JSON (networkx, D3).
    Json,
}

impl Format {
    /// The format a file name implies, if its extension is known.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()? {
            "dot" | "gv" => Some(Self::Dot),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Serialise the graph.
#[must_use]
pub fn export(graph: &EntityGraph, format: Format) -> Vec<u8> {
    match format {
        Format::Dot => dot::to_dot(graph).into_bytes(),
        Format::Json => json::to_json(graph),
    }
}

/// Write `bytes` to `path` atomically: a temp file in the same folder, then a
/// rename, so a failed run never leaves a half-written file over a good one.
/// Missing folders are created. `-` writes to standard output.
///
/// # Errors
/// When the folder cannot be created or the file cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        return match out.write_all(bytes).and_then(|()| out.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => other.map_err(|source| Error::Io { path: path.to_owned(), source }),
        };
    }
    let io = |source| Error::Io { path: path.to_owned(), source };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new().prefix(".ergraph-").tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_follows_the_extension() {
        assert_eq!(Format::from_path(Path::new("out/g.dot")), Some(Format::Dot));
        assert_eq!(Format::from_path(Path::new("g.json")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("g")), None);
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
}
