//! `aimap train`: fits the classifier's statistical layer on a labelled
//! file and writes the weights file; `--search` tries a grid of settings by
//! grouped cross-validation and prints what each reached.

use super::{TrainArgs, load_frameworks};
use crate::classify::train::{self, Settings};
use crate::classify::{eval, eval::LevelReport};
use crate::framework::fitted::Decision;
use anyhow::{Context, Result, bail};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::process::ExitCode;

pub(super) fn train_command(args: TrainArgs) -> Result<ExitCode> {
    let name = args.file.display().to_string();
    let bytes =
        std::fs::read(&args.file).with_context(|| format!("cannot read labelled file `{name}`"))?;
    let (headers, rows) = eval::read_csv(bytes.as_slice(), &name)?;
    let mut examples = train::examples(&headers, &rows, &name)?;
    let mut sources = vec![(name.clone(), bytes.clone())];
    for extra in &args.extra {
        let ename = extra.display().to_string();
        let ebytes = crate::import::limits::read_input(extra, "labelled file")?;
        let (h, r) = eval::read_csv(&ebytes[..], &ename)?;
        let base = extra
            .file_name()
            .map_or(ename.clone(), |f| f.to_string_lossy().into_owned());
        for mut e in train::examples(&h, &r, &ename)? {
            e.extra = true;
            e.group = format!("{base}:{}", e.group);
            examples.push(e);
        }
        sources.push((base, ebytes));
    }
    let mut set = load_frameworks(&args.frameworks)?;
    set.fitted = None;
    let settings = Settings {
        alpha: args.alpha,
        rank_alpha: args.rank_alpha,
        min_count: args.min_count,
        pairs: args.pairs,
        grams: args.grams,
        decision: Decision {
            bare_min: args.bare_min,
            keep_ratio: args.keep_ratio,
            evidence_boost: args.evidence_boost,
        },
        folds: args.folds,
    };
    let mut out = super::term::stdout();
    if args.search {
        return search(&set, &examples, &settings, &mut out);
    }
    let Some(path) = &args.out else {
        bail!(
            "give the file to write with -o (the built-in one is frameworks/knowledge/model.toml)"
        );
    };
    if let (Ok(a), Ok(b)) = (
        std::fs::canonicalize(path),
        std::fs::canonicalize(&args.file),
    ) && a == b
    {
        bail!(
            "`{}` is the labelled file being read; choose another output file",
            path.display()
        );
    }
    // What was fitted on: each file's name and the hash of its bytes, so
    // the weights can be traced to their data and checked to regenerate.
    let mut hasher = Sha256::new();
    for (_, b) in &sources {
        hasher.update(Sha256::digest(b));
    }
    let hex: String = hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let mut names = vec![
        args.file
            .file_name()
            .map_or(name.clone(), |f| f.to_string_lossy().into_owned()),
    ];
    names.extend(sources.iter().skip(1).map(|(n, _)| n.clone()));
    let source = names.join(" + ");
    let (fitted, cv) = train::train(&set, &examples, &settings, &source, &hex)?;
    let text = train::render(&fitted);
    write_atomically(path, text.as_bytes())?;
    writeln!(
        out,
        "fitted on {} statements of `{name}` ({} groups); wrote `{}` ({} level weights)",
        examples.len(),
        fitted
            .about
            .get("groups")
            .and_then(toml::Value::as_integer)
            .unwrap_or(0),
        path.display(),
        fitted.level.weights.len()
    )?;
    writeln!(
        out,
        "\ngrouped {}-fold cross-validation (by source) at these settings:",
        settings.folds
    )?;
    out.write_all(cv.render(args.errors).as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// The grid of `--search`: penalties, word counts and pairs refit the
/// model; the decision thresholds only re-read its probabilities.
fn search(
    set: &crate::framework::FrameworkSet,
    examples: &[train::Example],
    base: &Settings,
    out: &mut impl Write,
) -> Result<ExitCode> {
    let mut decisions: Vec<Decision> = Vec::new();
    for bare_min in [0.4f32, 0.5, 0.6] {
        for keep_ratio in [0.3f32, 0.5, 0.7] {
            for evidence_boost in [0.0f32, 0.5, 1.0, 2.0, 4.0] {
                decisions.push(Decision {
                    bare_min,
                    keep_ratio,
                    evidence_boost,
                });
            }
        }
    }
    writeln!(
        out,
        "alpha  min  pairs  bare  keep  boost  macro-F1     se  any-P  any-R  comp-F1"
    )?;
    // Every setting measured: (settings, decision, report, standard error).
    let mut all: Vec<(Settings, Decision, LevelReport, f64)> = Vec::new();
    for alpha in [0.5, 1.0, 2.0, 4.0, 8.0] {
        for min_count in [1usize, 2, 3] {
            for pairs in [true, false] {
                let s = Settings {
                    alpha,
                    min_count,
                    pairs,
                    ..*base
                };
                let reports = train::cross_validate(set, examples, &s, &decisions)?;
                for (d, r) in decisions.iter().zip(reports) {
                    writeln!(out, "{}", row(&s, d, &r.pooled, r.fold_se))?;
                    all.push((s, *d, r.pooled, r.fold_se));
                }
                out.flush()?;
            }
        }
    }
    let key = |r: &LevelReport| criterion(r);
    let Some(best) = all.iter().max_by(|a, b| {
        key(&a.2)
            .total_cmp(&key(&b.2))
            .then(b.0.alpha.total_cmp(&a.0.alpha))
    }) else {
        return Ok(ExitCode::SUCCESS);
    };
    writeln!(
        out,
        "\nbest (macro-F1 plus a tenth of the competency F1, with any-AI precision at least 0.95):\n{}",
        row(&best.0, &best.1, &best.2, best.3)
    )?;
    // The one-standard-error rule: the most penalised model whose figure is
    // within one standard error (across folds) of the best, then the best
    // thresholds for that model.
    let floor = key(&best.2) - best.3;
    let chosen = all
        .iter()
        .filter(|c| key(&c.2) >= floor)
        .max_by(|a, b| {
            a.0.alpha
                .total_cmp(&b.0.alpha)
                .then(a.0.min_count.cmp(&b.0.min_count))
                .then(b.0.pairs.cmp(&a.0.pairs))
                .then(key(&a.2).total_cmp(&key(&b.2)))
        })
        .unwrap_or(best);
    writeln!(
        out,
        "\nchosen (one-standard-error rule: the most penalised within {:.3} of the best):\n{}",
        best.3,
        row(&chosen.0, &chosen.1, &chosen.2, chosen.3)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// What the search maximises: macro-F1 plus a tenth of the competency F1,
/// among settings whose precision of "some AI level" is at least 0.95.
fn criterion(r: &LevelReport) -> f64 {
    let ok = if r.any_precision >= 0.95 { 0.0 } else { -1.0 };
    ok + r.macro_f1 + 0.1 * r.competency_gold.f1
}

fn row(s: &Settings, d: &Decision, r: &LevelReport, se: f64) -> String {
    format!(
        "{:>5}  {:>3}  {:>5}  {:>4}  {:>4}  {:>5}  {:>8.3}  {:>5.3}  {:>5.3}  {:>5.3}  {:>7.3}",
        s.alpha,
        s.min_count,
        s.pairs,
        d.bare_min,
        d.keep_ratio,
        d.evidence_boost,
        r.macro_f1,
        se,
        r.any_precision,
        r.any_recall,
        r.competency_gold.f1
    )
}

fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    let mut builder = tempfile::Builder::new();
    builder.prefix(".aimap-").suffix(".tmp");
    // An ordinary file, readable as the user's umask allows (a temporary
    // file is private and would keep that mode).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in `{}`", dir.display()))?;
    tmp.write_all(bytes)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot replace `{}`", path.display()))?;
    Ok(())
}
