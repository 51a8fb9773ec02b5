//! Writes generated job postings, for measuring `aimap demand` on large
//! inputs (BENCHMARKS.md, "Demand"). The postings are those of the demand
//! bench (`benches/support/postings.rs`: English and French, 1 to 4 KB
//! each, half of them AI postings), repeated from a fixed seed until the
//! file reaches SIZE; the same command writes the same bytes.
//!
//!     cargo run --release --example postings -- SIZE OUT.csv|OUT.jsonl
//!
//! SIZE is a number of bytes, with an optional K, M or G suffix (powers of
//! 1,000): `cargo run --release --example postings -- 1G /tmp/postings-1g.csv`.

#[path = "../benches/support/postings.rs"]
mod postings;

use std::io::BufWriter;
use std::process::ExitCode;

fn size(s: &str) -> Option<u64> {
    let (digits, unit) = match s.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((i, _)) => s.split_at(i),
        None => (s, ""),
    };
    let n: u64 = digits.parse().ok()?;
    let unit = match unit.to_ascii_uppercase().as_str() {
        "" => 1,
        "K" | "KB" => 1_000,
        "M" | "MB" => 1_000_000,
        "G" | "GB" => 1_000_000_000,
        _ => return None,
    };
    n.checked_mul(unit)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(bytes), Some(out)) = (args.first().and_then(|s| size(s)), args.get(1)) else {
        eprintln!("usage: postings SIZE OUT.csv|OUT.jsonl   (SIZE such as 100M or 1G)");
        return ExitCode::from(2);
    };
    let file = match std::fs::File::create(out) {
        Ok(f) => BufWriter::with_capacity(1 << 20, f),
        Err(e) => {
            eprintln!("cannot create `{out}`: {e}");
            return ExitCode::from(1);
        }
    };
    let written = if out.ends_with(".jsonl") || out.ends_with(".ndjson") {
        postings::write_jsonl(file, bytes)
    } else {
        postings::write_csv(file, bytes)
    };
    match written {
        Ok(n) => {
            eprintln!("{n} postings written to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write `{out}`: {e}");
            ExitCode::from(1)
        }
    }
}
