//! The one integration-test binary: every test drives the real `aimap`
//! binary in a temporary work folder (see `workdir.rs`).

mod workdir;

mod bad_corpus;
mod bad_input;
mod browser;
mod classifier;
mod eval;
mod frameworks;
mod import;
mod input_limits;
mod output;
mod report;
mod suggest;
