//! The library's error type: every variant names the user's file, never a
//! temporary one, so the one-line message on stderr is actionable.

use std::path::PathBuf;

/// Everything that can go wrong in ergraph.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A data file (gazetteer, rules) has a bad row.
    #[error("{file}:{line}: {message}")]
    DataFile {
        /// File name as the user gave it.
        file: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An input is not valid UTF-8.
    #[error("{path}: invalid UTF-8 at byte offset {offset} (use --lossy to replace bad bytes)")]
    InvalidUtf8 {
        /// The input, as named on the command line (`-` for stdin).
        path: String,
        /// Byte offset of the first bad byte.
        offset: usize,
    },
    /// A JSONL input line is not a valid document.
    #[error("{path}:{line}: {message}")]
    BadJsonLine {
        /// The input file.
        path: String,
        /// Line number, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Rendering needs Graphviz and it is not installed.
    #[error(
        "{format} output needs Graphviz's `dot` on PATH (install it: apt-get install graphviz, brew install graphviz)"
    )]
    GraphvizMissing {
        /// The format asked for.
        format: String,
    },
    /// Graphviz failed on our DOT.
    #[error("graphviz failed: {stderr}")]
    GraphvizFailed {
        /// What Graphviz printed, with temp paths removed.
        stderr: String,
    },
    /// Anything else the user asked for that cannot be done.
    #[error("{0}")]
    Invalid(String),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
