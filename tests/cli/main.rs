//! The one integration-test binary: every test drives the real `aimap`
//! binary in a temporary work folder (see `workdir.rs`).

mod workdir;

#[path = "../support/generated_framework.rs"]
mod generated;

mod bad_corpus;
mod bad_input;
mod browser;
mod classifier;
mod compare;
mod demand;
mod eval;
mod exports;
mod frameworks;
mod import;
mod input_limits;
mod lang;
mod output;
mod report;
mod suggest;
