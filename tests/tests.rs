//! Integration tests: the real binary on real text, exporters, regressions.

mod cli;
mod export;
mod regression;
mod util;
