//! ergraph
pub mod text;
