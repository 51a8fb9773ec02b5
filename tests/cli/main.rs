//! The one integration-test binary: every test drives the real `aimap`
//! binary in a temporary work folder (see `workdir.rs`).

mod workdir;

mod bad_input;
mod eval;
mod report;
mod suggest;
