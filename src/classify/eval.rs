//! Measuring the classifier: a labelled set of statements (expected highest
//! level none/0/1/2 and competency ids) or a set of learning outcomes with
//! human Bloom labels. Pure: the caller reads the file and passes a reader.

use super::{Classifier, Scratch};
use crate::model::{Depth, SourceLocation};
use crate::text::key;
use anyhow::{Context, Result, bail};
use std::fmt::Write as _;
use std::io::Read;

/// The kinds of file `aimap eval` reads, told apart by their headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalFormat {
    /// `id,lang,text,level,competencies,note`.
    Labelled,
    /// `Learning_outcome,Remember,Understand,Apply,Analyze,Evaluate,Create`.
    Bloom,
}

pub const BLOOM_COLUMNS: [&str; 6] = [
    "remember",
    "understand",
    "apply",
    "analyze",
    "evaluate",
    "create",
];

/// Which format the header row is, if any.
pub fn detect(headers: &[String]) -> Option<EvalFormat> {
    let keys: Vec<String> = headers.iter().map(|h| key(h)).collect();
    let has = |k: &str| keys.iter().any(|x| x == k);
    if has("text") && has("level") {
        Some(EvalFormat::Labelled)
    } else if BLOOM_COLUMNS.iter().all(|c| has(c)) {
        Some(EvalFormat::Bloom)
    } else {
        None
    }
}

/// Reads the header row and records of a CSV file, within the limits every
/// input has (`import::limits`): columns per row, characters per field,
/// rows and fields in all. A file with no data row is refused: there would
/// be nothing to measure.
pub fn read_csv(reader: impl Read, name: &str) -> Result<(Vec<String>, Vec<csv::StringRecord>)> {
    use crate::import::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, thousands};
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let header = r
        .headers()
        .with_context(|| format!("`{name}`: cannot read the header row"))?
        .clone();
    let headers: Vec<String> = header
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_owned())
        .collect();
    let mut fields = 0usize;
    let mut rows = Vec::new();
    let mut check = |rec: &csv::StringRecord, headers: &[String]| -> Result<()> {
        let line = rec.position().map_or(0, |p| p.line() as usize);
        let at = SourceLocation::file(name).at_row(line);
        if rec.len() > MAX_COLUMNS {
            bail!(
                "{at}: the row has {} columns; a spreadsheet has at most {}",
                thousands(rec.len() as u64),
                thousands(MAX_COLUMNS as u64)
            );
        }
        for (c, field) in rec.iter().enumerate() {
            let chars = field.chars().count();
            if chars > MAX_CELL_CHARS {
                let at = at
                    .clone()
                    .at_column(c + 1, headers.get(c).map(String::as_str));
                bail!(
                    "{at}: the field holds {} characters; a spreadsheet cell holds at most {} (is a closing quote missing?)",
                    thousands(chars as u64),
                    thousands(MAX_CELL_CHARS as u64)
                );
            }
        }
        fields += rec.len();
        if fields > MAX_CELLS || line > MAX_ROWS {
            bail!(
                "{at}: the file holds more than {} rows or {} cells; split it",
                thousands(MAX_ROWS as u64),
                thousands(MAX_CELLS as u64)
            );
        }
        Ok(())
    };
    check(&header, &headers)?;
    for (i, rec) in r.records().enumerate() {
        let rec = rec.with_context(|| format!("`{name}` record {}: not valid CSV", i + 2))?;
        check(&rec, &headers)?;
        rows.push(rec);
    }
    if rows.is_empty() {
        bail!("`{name}` has a header row but no data row below it; expected one statement per row");
    }
    Ok((headers, rows))
}

/// The location of column `c` in record `r`, named by its header.
fn cell_at(name: &str, r: &csv::StringRecord, c: usize, headers: &[String]) -> SourceLocation {
    let line = r.position().map_or(0, |p| p.line() as usize);
    SourceLocation::file(name)
        .at_row(line)
        .at_column(c + 1, headers.get(c).map(String::as_str))
}

/// Every bad value found, at once: one line each under a count.
fn refuse(name: &str, what: &str, bad: &[String]) -> anyhow::Error {
    const SHOWN: usize = 20;
    let mut message = format!(
        "`{name}`: {} {} not {what}; nothing was measured",
        bad.len(),
        if bad.len() == 1 {
            "value is"
        } else {
            "values are"
        }
    );
    for b in bad.iter().take(SHOWN) {
        message.push_str("\n  ");
        message.push_str(b);
    }
    if bad.len() > SHOWN {
        message.push_str(&format!("\n  … and {} more", bad.len() - SHOWN));
    }
    anyhow::anyhow!(message)
}

/// One labelled statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Labelled {
    pub id: String,
    /// `en`, `fr`…; empty when the file has no `lang` column.
    pub lang: String,
    pub text: String,
    /// Expected highest level; `None` for "none".
    pub level: Option<u8>,
    pub competencies: Vec<String>,
}

fn column(headers: &[String], name: &str) -> Option<usize> {
    headers.iter().position(|h| key(h) == name)
}

pub fn labelled(
    headers: &[String],
    rows: &[csv::StringRecord],
    name: &str,
) -> Result<Vec<Labelled>> {
    let (Some(text), Some(level)) = (column(headers, "text"), column(headers, "level")) else {
        bail!("`{name}`: expected columns `text` and `level`");
    };
    let id = column(headers, "id");
    let lang = column(headers, "lang");
    let comps = column(headers, "competencies");
    let mut out = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    for r in rows {
        let get = |c: Option<usize>| c.and_then(|c| r.get(c)).unwrap_or("").trim();
        let lv = get(Some(level));
        let level = match lv {
            "none" | "" => None,
            "0" => Some(0),
            "1" => Some(1),
            "2" => Some(2),
            other => {
                let at = cell_at(name, r, level, headers);
                bad.push(format!("{at}: \"{other}\" is not none, 0, 1 or 2"));
                continue;
            }
        };
        out.push(Labelled {
            id: get(id).to_owned(),
            lang: get(lang).to_lowercase(),
            text: get(Some(text)).to_owned(),
            level,
            competencies: get(comps)
                .split(['|', ';', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        });
    }
    match bad.as_slice() {
        [] => Ok(out),
        [one] => bail!("{one}"),
        _ => Err(refuse(name, "levels", &bad)),
    }
}

/// Precision, recall and F1 of one class.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub support: usize,
}

fn prf(tp: usize, fp: usize, fn_: usize) -> Prf {
    let p = if tp + fp == 0 {
        0.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fn_ == 0 {
        0.0
    } else {
        tp as f64 / (tp + fn_) as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    Prf {
        precision: p,
        recall: r,
        f1: f,
        support: tp + fn_,
    }
}

/// A statement the classifier got wrong, with what it said.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub id: String,
    pub text: String,
    pub expected: Option<u8>,
    pub got: Option<u8>,
    /// The labelled competencies, when the level is right but they are not.
    pub expected_competencies: Vec<String>,
    pub suggested: Vec<String>,
}

/// What the classifier said about one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub level: Option<u8>,
    pub competencies: Vec<String>,
    /// One line per suggestion: the competency and its evidence.
    pub suggested: Vec<String>,
}

/// Classifies one labelled statement.
pub fn outcome(classifier: &Classifier, row: &Labelled, scratch: &mut Scratch) -> Outcome {
    let out = classifier.classify_with(&row.text, scratch);
    let en = crate::report::words::Words::new(crate::framework::Lang::En);
    Outcome {
        level: out.level,
        competencies: out
            .suggestions
            .iter()
            .map(|s| s.competency.to_string())
            .collect(),
        suggested: out
            .suggestions
            .iter()
            .map(|s| {
                let evidence: Vec<String> =
                    s.evidence.iter().map(|e| en.evidence(None, e)).collect();
                format!("{} {:.2} [{}]", s.competency, s.score, evidence.join("; "))
            })
            .collect(),
    }
}

/// Scores of one language.
#[derive(Debug, Clone, PartialEq)]
pub struct LangReport {
    pub total: usize,
    pub macro_f1: f64,
    pub accuracy: f64,
    pub any_precision: f64,
    pub any_recall: f64,
}

/// Scores over a labelled set.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelReport {
    pub total: usize,
    /// Classes in order none, 0, 1, 2.
    pub classes: [Prf; 4],
    pub macro_f1: f64,
    pub accuracy: f64,
    /// Of the statements given some AI level, the share that have one.
    pub any_precision: f64,
    pub any_recall: f64,
    /// Rows: expected none/0/1/2; columns: predicted.
    pub confusion: [[usize; 4]; 4],
    /// Competency ids: micro precision and recall over all statements
    /// (a suggestion on a statement labelled none counts against it).
    pub competency: Prf,
    /// The same on the statements whose label lists competencies: how well
    /// the competencies are picked where the annotator named them.
    pub competency_gold: Prf,
    /// Statements with competencies in their label.
    pub with_competencies: usize,
    /// Per language (`en`, `fr`), when the file says.
    pub languages: Vec<(String, LangReport)>,
    pub misses: Vec<Miss>,
}

fn class(level: Option<u8>) -> usize {
    match level {
        None => 0,
        Some(l) => (l as usize + 1).min(3),
    }
}

pub fn evaluate(classifier: &Classifier, rows: &[Labelled]) -> LevelReport {
    let mut scratch = Scratch::default();
    let outcomes = rows
        .iter()
        .map(|r| outcome(classifier, r, &mut scratch))
        .collect();
    score(rows, outcomes)
}

/// Level scores of a confusion matrix: per class, macro-F1, accuracy, and
/// precision and recall of "some AI level" against none.
fn level_scores(confusion: &[[usize; 4]; 4]) -> ([Prf; 4], f64, f64, Prf) {
    let mut classes = [Prf::default(); 4];
    for (k, slot) in classes.iter_mut().enumerate() {
        let tp = confusion[k][k];
        let fp: usize = (0..4).filter(|&r| r != k).map(|r| confusion[r][k]).sum();
        let fn_: usize = (0..4).filter(|&p| p != k).map(|p| confusion[k][p]).sum();
        *slot = prf(tp, fp, fn_);
    }
    let total: usize = confusion.iter().flatten().sum();
    let correct: usize = (0..4).map(|k| confusion[k][k]).sum();
    let any_tp: usize = (1..4)
        .map(|r| (1..4).map(|p| confusion[r][p]).sum::<usize>())
        .sum();
    let any_fp: usize = (1..4).map(|p| confusion[0][p]).sum();
    let any_fn: usize = (1..4).map(|r| confusion[r][0]).sum();
    let accuracy = if total == 0 {
        0.0
    } else {
        correct as f64 / total as f64
    };
    // Macro-F1 over the classes the set has or the classifier gave: a
    // language without level-1 statements is not marked down for them.
    let seen: Vec<usize> = (0..4)
        .filter(|&k| (0..4).any(|j| confusion[k][j] + confusion[j][k] > 0))
        .collect();
    let macro_f1 = if seen.is_empty() {
        0.0
    } else {
        seen.iter().map(|&k| classes[k].f1).sum::<f64>() / seen.len() as f64
    };
    (classes, macro_f1, accuracy, prf(any_tp, any_fp, any_fn))
}

/// Scores `outcomes` (one per row, in order) against the labels.
pub fn score(rows: &[Labelled], outcomes: Vec<Outcome>) -> LevelReport {
    let mut confusion = [[0usize; 4]; 4];
    let mut by_lang: std::collections::BTreeMap<&str, [[usize; 4]; 4]> = Default::default();
    let (mut ctp, mut cfp, mut cfn) = (0, 0, 0);
    let (mut gtp, mut gfp, mut gfn) = (0, 0, 0);
    let mut with_competencies = 0;
    let mut misses = Vec::new();
    for (row, out) in rows.iter().zip(outcomes) {
        confusion[class(row.level)][class(out.level)] += 1;
        if !row.lang.is_empty() {
            by_lang.entry(row.lang.as_str()).or_insert([[0; 4]; 4])[class(row.level)]
                [class(out.level)] += 1;
        }
        let tp = out
            .competencies
            .iter()
            .filter(|g| row.competencies.contains(g))
            .count();
        let fp = out.competencies.len() - tp;
        let fn_ = row
            .competencies
            .iter()
            .filter(|c| !out.competencies.contains(c))
            .count();
        ctp += tp;
        cfp += fp;
        cfn += fn_;
        if !row.competencies.is_empty() {
            with_competencies += 1;
            gtp += tp;
            gfp += fp;
            gfn += fn_;
        }
        let level_miss = class(row.level) != class(out.level);
        if level_miss || fp + fn_ > 0 && !row.competencies.is_empty() {
            misses.push(Miss {
                id: row.id.clone(),
                text: row.text.clone(),
                expected: row.level,
                got: out.level,
                expected_competencies: if level_miss {
                    Vec::new()
                } else {
                    row.competencies.clone()
                },
                suggested: out.suggested,
            });
        }
    }
    let (classes, macro_f1, accuracy, any) = level_scores(&confusion);
    let languages = by_lang
        .into_iter()
        .map(|(lang, m)| {
            let (_, macro_f1, accuracy, any) = level_scores(&m);
            (
                lang.to_owned(),
                LangReport {
                    total: m.iter().flatten().sum(),
                    macro_f1,
                    accuracy,
                    any_precision: any.precision,
                    any_recall: any.recall,
                },
            )
        })
        .collect();
    LevelReport {
        total: rows.len(),
        macro_f1,
        classes,
        accuracy,
        any_precision: any.precision,
        any_recall: any.recall,
        confusion,
        competency: prf(ctp, cfp, cfn),
        competency_gold: prf(gtp, gfp, gfn),
        with_competencies,
        languages,
        misses,
    }
}

const NAMES: [&str; 4] = ["none", "L0", "L1", "L2"];

impl LevelReport {
    /// The report as plain text, as `aimap eval` prints it.
    pub fn render(&self, verbose: bool) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "{} labelled statements", self.total);
        let _ = writeln!(s, "\nlevel   precision  recall  F1     support");
        for (name, c) in NAMES.iter().zip(&self.classes) {
            let _ = writeln!(
                s,
                "{name:<6}  {:>9.3}  {:>6.3}  {:.3}  {:>7}",
                c.precision, c.recall, c.f1, c.support
            );
        }
        let _ = writeln!(s, "\nmacro-F1 over none, L0, L1, L2: {:.3}", self.macro_f1);
        let _ = writeln!(s, "accuracy: {:.3}", self.accuracy);
        let _ = writeln!(
            s,
            "any AI level (L0, L1 or L2 vs none): precision {:.3}, recall {:.3}",
            self.any_precision, self.any_recall
        );
        let _ = writeln!(
            s,
            "competency ids (micro) on the {} statements whose label names competencies: precision {:.3}, recall {:.3}, F1 {:.3}",
            self.with_competencies,
            self.competency_gold.precision,
            self.competency_gold.recall,
            self.competency_gold.f1
        );
        let _ = writeln!(
            s,
            "competency ids (micro) on all statements: precision {:.3}, recall {:.3}, F1 {:.3}",
            self.competency.precision, self.competency.recall, self.competency.f1
        );
        if !self.languages.is_empty() {
            let _ = writeln!(
                s,
                "\nlanguage  statements  macro-F1  accuracy  any-AI precision  recall"
            );
            for (lang, l) in &self.languages {
                let _ = writeln!(
                    s,
                    "{lang:<8}  {:>10}  {:>8.3}  {:>8.3}  {:>16.3}  {:>6.3}",
                    l.total, l.macro_f1, l.accuracy, l.any_precision, l.any_recall
                );
            }
        }
        let _ = writeln!(s, "\nconfusion (rows expected, columns predicted)");
        let _ = writeln!(s, "          none    L0    L1    L2");
        for (name, row) in NAMES.iter().zip(&self.confusion) {
            let _ = writeln!(
                s,
                "{name:<6} {:>7} {:>5} {:>5} {:>5}",
                row[0], row[1], row[2], row[3]
            );
        }
        let level_misses: Vec<&Miss> = self
            .misses
            .iter()
            .filter(|m| m.expected_competencies.is_empty())
            .collect();
        let comp_misses: Vec<&Miss> = self
            .misses
            .iter()
            .filter(|m| !m.expected_competencies.is_empty())
            .collect();
        if verbose && !comp_misses.is_empty() {
            let _ = writeln!(
                s,
                "\nright level, other competencies ({}):",
                comp_misses.len()
            );
            for m in &comp_misses {
                let _ = writeln!(
                    s,
                    "{} expected {}: {}",
                    m.id,
                    m.expected_competencies.join("|"),
                    m.text
                );
                for g in &m.suggested {
                    let _ = writeln!(s, "    {g}");
                }
            }
        }
        if verbose && !level_misses.is_empty() {
            let _ = writeln!(s, "\nmisclassified ({}):", level_misses.len());
            for m in &level_misses {
                let show = |l: Option<u8>| l.map_or("none".to_owned(), |l| format!("L{l}"));
                let _ = writeln!(
                    s,
                    "{} expected {} got {}: {}",
                    m.id,
                    show(m.expected),
                    show(m.got),
                    m.text
                );
                for g in &m.suggested {
                    let _ = writeln!(s, "    {g}");
                }
            }
        }
        s
    }
}

/// One outcome with its human Bloom labels (several may be set).
#[derive(Debug, Clone, PartialEq)]
pub struct BloomRow {
    pub text: String,
    /// Remember … Create.
    pub labels: [bool; 6],
}

pub fn bloom_rows(
    headers: &[String],
    rows: &[csv::StringRecord],
    name: &str,
) -> Result<Vec<BloomRow>> {
    let text = headers
        .iter()
        .position(|h| {
            let k = key(h);
            k == "learningoutcome" || k == "outcome" || k == "text"
        })
        .with_context(|| format!("`{name}`: expected a `Learning_outcome` column"))?;
    let cols: Vec<usize> = BLOOM_COLUMNS
        .iter()
        .filter_map(|c| column(headers, c))
        .collect();
    if cols.len() != 6 {
        bail!("`{name}`: expected the six Bloom columns Remember … Create");
    }
    let mut out = Vec::with_capacity(rows.len());
    let mut bad = Vec::new();
    for r in rows {
        let mut labels = [false; 6];
        for (k, &c) in cols.iter().enumerate() {
            // Human labels are marks, 1 or x; anything else (yes, NaN, -5)
            // is refused rather than read as "not this level".
            labels[k] = match r.get(c).map(str::trim).unwrap_or("") {
                "1" | "1.0" | "x" | "X" => true,
                "" | "0" | "0.0" => false,
                other => {
                    let at = cell_at(name, r, c, headers);
                    bad.push(format!(
                        "{at}: \"{other}\" is not a Bloom label; expected 1 or x (the label applies), 0 or empty (it does not)"
                    ));
                    false
                }
            };
        }
        out.push(BloomRow {
            text: r.get(text).unwrap_or("").to_owned(),
            labels,
        });
    }
    match bad.as_slice() {
        [] => Ok(out),
        [one] => bail!("{one}"),
        _ => Err(refuse(name, "Bloom labels", &bad)),
    }
}

pub use super::engine::bloom_depth;

/// Agreement of inferred depth with human Bloom labels.
#[derive(Debug, Clone, PartialEq)]
pub struct BloomReport {
    pub total: usize,
    pub labelled: usize,
    /// Rows where the classifier found a Bloom verb.
    pub with_verb: usize,
    /// Predicted depth (leading verb) is the depth of one of the labels.
    pub agree_any: usize,
    /// Same, counting only rows with a Bloom verb.
    pub agree_any_with_verb: usize,
    /// Predicted depth equals the depth of the highest label.
    pub agree_highest: usize,
    /// Same two figures with the highest Bloom verb instead of the leading one.
    pub agree_any_max_strategy: usize,
    pub agree_highest_max_strategy: usize,
    /// Rows: depth of the highest label (I, R, M); columns: predicted.
    pub confusion: [[usize; 3]; 3],
    /// Cohen's kappa between predicted depth and the highest label's depth.
    pub kappa: f64,
}

fn di(d: Depth) -> usize {
    match d {
        Depth::Introduced => 0,
        Depth::Reinforced => 1,
        Depth::Mastered => 2,
    }
}

pub fn evaluate_bloom(classifier: &Classifier, rows: &[BloomRow]) -> BloomReport {
    let mut scratch = Scratch::default();
    let mut r = BloomReport {
        total: rows.len(),
        labelled: 0,
        with_verb: 0,
        agree_any: 0,
        agree_any_with_verb: 0,
        agree_highest: 0,
        agree_any_max_strategy: 0,
        agree_highest_max_strategy: 0,
        confusion: [[0; 3]; 3],
        kappa: 0.0,
    };
    for row in rows {
        let gold: Vec<Depth> = (0..6).filter(|&k| row.labels[k]).map(bloom_depth).collect();
        let Some(&highest) = gold.iter().max() else {
            continue;
        };
        r.labelled += 1;
        classifier.classify_into(&row.text, &mut scratch);
        let (lead, max) = (scratch.depth(), scratch.depth_highest());
        let verb = scratch.has_bloom_verb();
        r.with_verb += usize::from(verb);
        if gold.contains(&lead) {
            r.agree_any += 1;
            r.agree_any_with_verb += usize::from(verb);
        }
        r.agree_highest += usize::from(lead == highest);
        r.agree_any_max_strategy += usize::from(gold.contains(&max));
        r.agree_highest_max_strategy += usize::from(max == highest);
        r.confusion[di(highest)][di(lead)] += 1;
    }
    let n = r.labelled as f64;
    if n > 0.0 {
        let po = r.agree_highest as f64 / n;
        let pe: f64 = (0..3)
            .map(|k| {
                let row: usize = r.confusion[k].iter().sum();
                let col: usize = (0..3).map(|j| r.confusion[j][k]).sum();
                (row as f64 / n) * (col as f64 / n)
            })
            .sum();
        r.kappa = if pe < 1.0 {
            (po - pe) / (1.0 - pe)
        } else {
            0.0
        };
    }
    r
}

impl BloomReport {
    pub fn render(&self) -> String {
        let pct = |a: usize, b: usize| {
            if b == 0 {
                0.0
            } else {
                100.0 * a as f64 / b as f64
            }
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "{} outcomes with at least one Bloom label (of {} rows)",
            self.labelled, self.total
        );
        let _ = writeln!(
            s,
            "Bloom → depth: Remember, Understand → I; Apply, Analyze → R; Evaluate, Create → M"
        );
        let _ = writeln!(
            s,
            "a Bloom verb found in {} ({:.1}%); without one the depth is I",
            self.with_verb,
            pct(self.with_verb, self.labelled)
        );
        let _ = writeln!(
            s,
            "\ndepth from the leading verb agrees with one of the human labels: {:.1}% ({} of {})",
            pct(self.agree_any, self.labelled),
            self.agree_any,
            self.labelled
        );
        let _ = writeln!(
            s,
            "  on outcomes where a verb was found: {:.1}% ({} of {})",
            pct(self.agree_any_with_verb, self.with_verb),
            self.agree_any_with_verb,
            self.with_verb
        );
        let _ = writeln!(
            s,
            "  equals the depth of the highest label: {:.1}%; Cohen's kappa {:.3}",
            pct(self.agree_highest, self.labelled),
            self.kappa
        );
        let _ = writeln!(
            s,
            "depth from the highest verb instead: agrees with a label {:.1}%, equals the highest {:.1}%",
            pct(self.agree_any_max_strategy, self.labelled),
            pct(self.agree_highest_max_strategy, self.labelled)
        );
        let _ = writeln!(
            s,
            "\nconfusion (rows: highest label's depth, columns: inferred)"
        );
        let _ = writeln!(s, "        I      R      M");
        for (name, row) in ["I", "R", "M"].iter().zip(&self.confusion) {
            let _ = writeln!(s, "{name}  {:>6} {:>6} {:>6}", row[0], row[1], row[2]);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tells_labelled_and_bloom_files_apart_by_their_headers() {
        assert_eq!(
            detect(&headers(&[
                "id",
                "lang",
                "text",
                "level",
                "competencies",
                "note"
            ])),
            Some(EvalFormat::Labelled)
        );
        assert_eq!(
            detect(&headers(&[
                "Learning_outcome",
                "Remember",
                "Understand",
                "Apply",
                "Analyze",
                "Evaluate",
                "Create"
            ])),
            Some(EvalFormat::Bloom)
        );
        assert_eq!(detect(&headers(&["program", "outcome"])), None);
    }

    #[test]
    fn rejects_an_unknown_level_with_row_and_column() {
        let csv = "id,lang,text,level\nA,en,x,3\n";
        let (h, rows) = read_csv(csv.as_bytes(), "set.csv").unwrap();
        let err = labelled(&h, &rows, "set.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "set.csv row 2, column D \"level\": \"3\" is not none, 0, 1 or 2"
        );
    }

    #[test]
    fn computes_per_class_scores_and_the_confusion_matrix() {
        assert_eq!(prf(3, 1, 1).precision, 0.75);
        assert_eq!(prf(0, 0, 0).f1, 0.0);
        assert_eq!(bloom_depth(0), Depth::Introduced);
        assert_eq!(bloom_depth(3), Depth::Reinforced);
        assert_eq!(bloom_depth(5), Depth::Mastered);
    }
}
