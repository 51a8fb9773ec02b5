//! Any bytes, read as a .xml curriculum: the import returns a curriculum or
//! an error, and never panics, hangs or allocates without bound.
#![no_main]

use aimap::import::{ImportOptions, load_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = load_bytes("fuzz.xml", data, &ImportOptions::default());
});
