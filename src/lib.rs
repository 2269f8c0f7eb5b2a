//! # ergraph: news text → a graph of who is tied to whom
//!
//! ```text
//! text ─▶ text::{tokenize, split_sentences} ─▶ mentions::find_mentions
//!      ─▶ entities::resolve (aliases, demonyms, metonyms)
//!      ─▶ relations::extract_relations (stated, labelled relations)
//!      ─▶ graph::GraphBuilder (co-mention and relation edges) ─▶ export::{dot, json}
//! ```
//!
//! Everything the extractor knows ships in `data/` and is embedded in the
//! binary; nothing is downloaded. Output is deterministic: ids, nodes and
//! edges are sorted before export.
//!
//! ```
//! use ergraph::{Extractor, lexicon::Lexicon};
//! let extractor = Extractor::new(Lexicon::embedded());
//! let analysis = extractor.analyse("Russian President Vladimir Putin met Kim Jong-un in Moscow.");
//! let ids: Vec<&str> = analysis.entities.iter().map(|e| e.id.as_str()).collect();
//! assert!(ids.contains(&"person:vladimir-putin"));
//! assert!(ids.contains(&"country:russia"));
//! ```

pub mod corpus;
pub mod entities;
pub mod error;
pub mod export;
pub mod filter;
pub mod graph;
mod hashing;
pub mod input;
pub mod lexicon;
pub mod mentions;
pub mod merge;
pub mod pipeline;
pub mod relations;
pub mod shuffle;
pub mod tagger;
pub mod text;

pub use error::{Error, Result};
pub use pipeline::{Analysis, Document, Extractor};
