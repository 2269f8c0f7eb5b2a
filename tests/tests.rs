//! Integration tests: the real binary on real text, exporters, regressions.

mod cli;
mod export;
mod formats;
mod merge;
mod regression;
mod relations;
mod util;
mod viewer;
