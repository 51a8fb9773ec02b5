//! The words of reports: one Fluent catalogue per language (`locales/*.ftl`,
//! compiled in), and the formatting of numbers, percentages, hours and
//! dates the reader's way. Findings and evidence reach this module as codes
//! and typed parameters; this is where they become English or French.
//! Nothing else in `report` writes a sentence.

use crate::framework::{FrameworkSet, Lang};
use crate::model::{
    Arg, CompetencyId, Depth, Evidence, Feature, Finding, FindingCode, Gate, Period, RuleUse,
    Severity, Step,
};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::fmt::Write as _;

const EN: &str = include_str!("../../locales/en.ftl");
const FR: &str = include_str!("../../locales/fr.ftl");

/// What a missing key renders as, so that a test can find it in a page.
const MISSING: &str = "⟦missing⟧";

/// A value for a message parameter.
pub enum Val<'a> {
    Str(&'a str),
    Owned(String),
    /// A count: selects plural forms and prints as a whole number.
    Num(usize),
}

impl<'a> From<&'a str> for Val<'a> {
    fn from(s: &'a str) -> Self {
        Val::Str(s)
    }
}

impl From<String> for Val<'_> {
    fn from(s: String) -> Self {
        Val::Owned(s)
    }
}

impl From<usize> for Val<'_> {
    fn from(n: usize) -> Self {
        Val::Num(n)
    }
}

impl From<&usize> for Val<'_> {
    fn from(n: &usize) -> Self {
        Val::Num(*n)
    }
}

impl From<&u8> for Val<'_> {
    fn from(n: &u8) -> Self {
        Val::Num(usize::from(*n))
    }
}

impl<'a> From<&'a &'a str> for Val<'a> {
    fn from(s: &'a &'a str) -> Self {
        Val::Str(s)
    }
}

impl From<u8> for Val<'_> {
    fn from(n: u8) -> Self {
        Val::Num(usize::from(n))
    }
}

/// The catalogue of one language.
pub struct Words {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Words {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Words({:?})", self.lang)
    }
}

/// The catalogue's source text for `lang`.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => EN,
        Lang::Fr => FR,
    }
}

impl Words {
    /// The catalogue of `lang`. The catalogues are compiled in and a test
    /// parses both, so a syntax error cannot reach a user; should one
    /// slip through, its messages render as a visible marker instead.
    pub fn new(lang: Lang) -> Self {
        let tag = match lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        };
        let tag: unic_langid::LanguageIdentifier = tag.parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Reports are plain HTML and CSV: no Unicode isolation marks.
        bundle.set_use_isolating(false);
        let resource = match FluentResource::try_new(source(lang).to_owned()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        let _ = bundle.add_resource(resource);
        Words { lang, bundle }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// `en` or `fr`, for `<html lang>`.
    pub fn tag(&self) -> &'static str {
        match self.lang {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    /// The message `key` with no parameters.
    pub fn t(&self, key: &str) -> String {
        self.fmt(key, &[])
    }

    /// The message `key` with parameters `args`.
    pub fn fmt(&self, key: &str, args: &[(&str, Val<'_>)]) -> String {
        let Some(pattern) = self.bundle.get_message(key).and_then(|m| m.value()) else {
            return format!("{MISSING}{key}");
        };
        let mut fa = FluentArgs::new();
        for (name, v) in args {
            let value: FluentValue = match v {
                Val::Str(s) => FluentValue::from(*s),
                Val::Owned(s) => FluentValue::from(s.as_str()),
                Val::Num(n) => FluentValue::from(*n),
            };
            fa.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = self.bundle.format_pattern(pattern, Some(&fa), &mut errors);
        if errors.is_empty() {
            text.into_owned()
        } else {
            format!("{MISSING}{key}")
        }
    }

    /// The message `key` with one parameter (for templates).
    pub fn fmt1<'v>(&self, key: &str, name: &str, value: impl Into<Val<'v>>) -> String {
        self.fmt(key, &[(name, value.into())])
    }

    /// The message `key` with two parameters (for templates).
    pub fn fmt2<'v, 'u>(
        &self,
        key: &str,
        a: &str,
        x: impl Into<Val<'v>>,
        b: &str,
        y: impl Into<Val<'u>>,
    ) -> String {
        self.fmt(key, &[(a, x.into()), (b, y.into())])
    }

    /// `1 234,5` / `1,234.5`: at most one decimal, none for whole numbers.
    pub fn number(&self, x: f64) -> String {
        let rounded = (x * 10.0).round() / 10.0;
        let whole = rounded.trunc();
        let tenth = ((rounded - whole).abs() * 10.0).round() as u64;
        let (group, point) = match self.lang {
            Lang::En => (',', '.'),
            Lang::Fr => ('\u{a0}', ','),
        };
        let digits = format!("{}", whole.abs() as u64);
        let mut out = String::new();
        if rounded < 0.0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
                out.push(group);
            }
            out.push(c);
        }
        if tenth > 0 {
            out.push(point);
            let _ = write!(out, "{tenth}");
        }
        out
    }

    /// A score with two decimals: `0,85` / `0.85`.
    pub fn score(&self, x: f32) -> String {
        let s = format!("{x:.2}");
        match self.lang {
            Lang::En => s,
            Lang::Fr => s.replace('.', ","),
        }
    }

    /// `42 %` with a non-breaking space in French, `42%` in English.
    pub fn percent(&self, p: u32) -> String {
        match self.lang {
            Lang::En => format!("{p}%"),
            Lang::Fr => format!("{p}\u{a0}%"),
        }
    }

    /// `12,5 h` / `12.5 h`, the space non-breaking.
    pub fn hours(&self, h: f64) -> String {
        format!("{}\u{a0}h", self.number(h))
    }

    /// `2 décembre 2026` / `2 December 2026`.
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        const EN_MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        const FR_MONTHS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        let months = match self.lang {
            Lang::En => &EN_MONTHS,
            Lang::Fr => &FR_MONTHS,
        };
        let day = match (self.lang, d.day()) {
            (Lang::Fr, 1) => "1er".to_owned(),
            (_, n) => n.to_string(),
        };
        format!("{day} {} {}", months[d.month0() as usize], d.year())
    }

    /// The name of a depth: `introduced` / `sensibilisation`.
    pub fn depth(&self, d: Depth) -> String {
        self.t(&format!("depth-{}", d.letter()))
    }

    /// `error`, `warning`, `note` in the reader's language.
    pub fn severity(&self, s: Severity) -> String {
        self.t(&format!("severity-name-{}", s.as_str()))
    }

    /// `3 warnings` with the right plural.
    pub fn severity_count(&self, s: Severity, n: usize) -> String {
        format!(
            "{} {}",
            n,
            self.fmt(&format!("severity-{}", s.as_str()), &[("count", n.into())])
        )
    }

    /// `L0.FND.1 "AI concepts and vocabulary"`, the title in the reader's
    /// language when the framework has one.
    pub fn competency(
        &self,
        frameworks: Option<&FrameworkSet>,
        id: &crate::model::CompetencyId,
    ) -> String {
        let (open, close) = match self.lang {
            Lang::En => ("\"", "\""),
            Lang::Fr => ("«\u{a0}", "\u{a0}»"),
        };
        match frameworks.and_then(|f| f.find(id)) {
            Some(f) => format!("{id} {open}{}{close}", f.competency.title.get(self.lang)),
            None => id.to_string(),
        }
    }

    /// The sentence of a finding, without its location.
    /// Competencies are named with their title when `frameworks` is given.
    pub fn finding(&self, frameworks: Option<&FrameworkSet>, f: &Finding) -> String {
        if let Some(detail) = f.detail() {
            return detail.to_owned();
        }
        let args: Vec<(&str, Val<'_>)> = f
            .args
            .iter()
            .map(|(name, arg)| {
                let v: Val<'_> = match arg {
                    Arg::Text(t) => Val::Str(t),
                    Arg::Count(n) => Val::Num(*n),
                    Arg::Year(y) => Val::Num(usize::from(*y)),
                    Arg::Depth(d) => Val::Str(d.letter()),
                    Arg::Competency(id) => Val::Owned(self.competency(frameworks, id)),
                    Arg::Course(c) => Val::Str(c.as_str()),
                    Arg::Courses(cs) => {
                        Val::Owned(cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", "))
                    }
                    Arg::Period(p) => Val::Owned(self.period(Some(p))),
                    Arg::Path(steps) => Val::Owned(self.path(steps)),
                    Arg::Competencies(ids) => Val::Owned(self.competencies(frameworks, ids, ", ")),
                    Arg::Chain(ids) => {
                        Val::Owned(self.competencies(frameworks, ids, &self.t("path-arrow")))
                    }
                };
                (*name, v)
            })
            .collect();
        // Depth names travel beside their letter: `R (reinforced)`.
        let mut args = args;
        for (name, arg) in &f.args {
            if let Arg::Depth(d) = arg {
                let key: &'static str = match *name {
                    "required" => "required_name",
                    "reached" => "reached_name",
                    "depth" => "depth_name",
                    "later_depth" => "later_depth_name",
                    _ => continue,
                };
                args.push((key, Val::Owned(self.depth(*d))));
            }
        }
        self.fmt(&format!("finding-{}", f.code.as_str()), &args)
    }

    /// The one-line explanation of a kind of finding, for readers who do
    /// not know the code.
    pub fn explain(&self, code: FindingCode) -> String {
        self.t(&format!("explain-{}", code.as_str()))
    }

    /// `S3`, `Y2 S1`, `year 2`; `year unknown` for `None`.
    pub fn period(&self, p: Option<&Period>) -> String {
        match p {
            None => self.t("period-unknown"),
            Some(p) => match p.semester {
                Some(s) if p.across => self.fmt1("period-semester", "semester", s),
                Some(s) => self.fmt2("period-year-semester", "year", p.year, "semester", s),
                None => self.fmt1("period-year", "year", p.year),
            },
        }
    }

    /// A depth path: `I (S1) → R (S3) → M (S5)`.
    pub fn path(&self, steps: &[Step]) -> String {
        steps
            .iter()
            .map(|s| {
                self.fmt2(
                    "path-step",
                    "depth",
                    s.depth.letter(),
                    "period",
                    self.period(s.period.as_ref()),
                )
            })
            .collect::<Vec<_>>()
            .join(&self.t("path-arrow"))
    }

    /// Competencies by id and title, joined by `sep`.
    pub fn competencies(
        &self,
        frameworks: Option<&FrameworkSet>,
        ids: &[CompetencyId],
        sep: &str,
    ) -> String {
        ids.iter()
            .map(|id| self.competency(frameworks, id))
            .collect::<Vec<_>>()
            .join(sep)
    }

    /// `warning[code]: location: message`, as the terminal shows a finding.
    pub fn finding_line(&self, frameworks: Option<&FrameworkSet>, f: &Finding) -> String {
        let mut line = format!("{}[{}]: ", f.severity, f.code);
        if let Some(loc) = &f.location {
            let _ = write!(line, "{loc}: ");
        }
        line.push_str(&self.finding(frameworks, f));
        line
    }
}

impl Words {
    /// Words of the statement, quoted the reader's way.
    fn quote(&self, text: &str) -> String {
        self.fmt("quote", &[("text", text.into())])
    }

    /// A signed weight with one decimal: `+1.2` / `+1,2`.
    fn weight(&self, x: f32) -> String {
        let s = format!("{x:+.1}");
        match self.lang {
            Lang::En => s,
            Lang::Fr => s.replace('.', ","),
        }
    }

    fn feature(&self, label: &dyn Fn(&str) -> String, f: &Feature) -> String {
        let named = |key: &str, name: &str| self.fmt(key, &[("name", name.into())]);
        match f {
            Feature::Words(t) => self.quote(t),
            Feature::Cue(n) => named("feature-cue", n),
            Feature::Concept(n) => named("feature-concept", &label(n)),
            Feature::Lead { class, level } if class == "none" => {
                self.fmt("feature-lead-none", &[("level", (*level).into())])
            }
            Feature::Lead { class, level } => self.fmt(
                "feature-lead",
                &[("class", class.as_str().into()), ("level", (*level).into())],
            ),
            Feature::TermOf(n) => named("feature-term-of", n),
            Feature::TermLevel(n) => named("feature-term-level", n),
            Feature::RuleFor(n) => named("feature-rule-for", n),
            Feature::RuleLevel(n) => named("feature-rule-level", n),
            Feature::Gate(n) => named("feature-gate", n),
            Feature::AiNamed => self.t("feature-ai-named"),
            Feature::Knowing => self.t("feature-knowing"),
            Feature::Other(n) => n.clone(),
        }
    }

    /// One piece of a suggestion's evidence, as a line. Concepts are named
    /// by their label in the lexicon of `frameworks`, by id without one.
    pub fn evidence(&self, frameworks: Option<&FrameworkSet>, e: &Evidence) -> String {
        let (main, detail) = self.evidence_parts(frameworks, e);
        main + &detail
    }

    /// A piece of evidence as its gist and its detail (the fitted model's
    /// weights, which a printed page leaves out); the detail may be empty.
    pub fn evidence_parts(
        &self,
        frameworks: Option<&FrameworkSet>,
        e: &Evidence,
    ) -> (String, String) {
        if let Evidence::Model {
            level,
            probability,
            features,
        } = e
        {
            let main = self.fmt(
                "evidence-model",
                &[
                    ("level", (*level).into()),
                    ("probability", self.score(*probability).into()),
                ],
            );
            if features.is_empty() {
                return (main, String::new());
            }
            let label = |id: &str| match frameworks {
                Some(f) => f.lexicon.label(id, self.lang).to_owned(),
                None => id.to_owned(),
            };
            let shown: Vec<String> = features
                .iter()
                .map(|(f, w)| format!("{} {}", self.feature(&label, f), self.weight(*w)))
                .collect();
            let detail = self.fmt(
                "evidence-model-weighed",
                &[("features", shown.join(", ").into())],
            );
            return (main, detail);
        }
        (self.evidence_line(frameworks, e), String::new())
    }

    fn evidence_line(&self, frameworks: Option<&FrameworkSet>, e: &Evidence) -> String {
        let label = |id: &str| match frameworks {
            Some(f) => f.lexicon.label(id, self.lang).to_owned(),
            None => id.to_owned(),
        };
        match e {
            // The term is named only when the text spells it otherwise.
            Evidence::Term {
                quoted,
                term,
                via: None,
            } if quoted.to_lowercase() == term.to_lowercase() => {
                self.fmt("evidence-term-same", &[("q", self.quote(quoted).into())])
            }
            Evidence::Term { quoted, term, via } => {
                let q = self.quote(quoted);
                let term = self.quote(term);
                match via {
                    Some(v) => self.fmt(
                        "evidence-term-via",
                        &[
                            ("q", q.into()),
                            ("term", term.into()),
                            ("via", v.as_str().into()),
                        ],
                    ),
                    None => self.fmt("evidence-term", &[("q", q.into()), ("term", term.into())]),
                }
            }
            Evidence::Words { quoted } => {
                self.fmt("evidence-words", &[("q", self.quote(quoted).into())])
            }
            Evidence::Concept { quoted, concept } => self.fmt(
                "evidence-concept",
                &[
                    ("q", self.quote(quoted).into()),
                    ("concept", label(concept).into()),
                ],
            ),
            Evidence::Rule {
                rule,
                kind,
                quoted,
                concept,
                anchor,
            } => {
                let key = match (kind, quoted, anchor) {
                    (RuleUse::Concept, _, _) => "evidence-rule-concept",
                    (RuleUse::ReadAs, _, _) => "evidence-rule-read-as",
                    (RuleUse::Topic, _, Some(_)) => "evidence-rule-topic",
                    (RuleUse::Topic, _, None) => "evidence-rule-arrow",
                    (RuleUse::Rule, None, _) => "evidence-rule-bare",
                    (RuleUse::Rule, Some(_), _) => "evidence-rule-arrow",
                    (RuleUse::Generic, _, _) => "evidence-rule-generic",
                };
                let q = self.quote(quoted.as_deref().unwrap_or(""));
                let anchor = self.quote(anchor.as_deref().unwrap_or(""));
                self.fmt(
                    key,
                    &[
                        ("q", q.into()),
                        ("concept", label(concept).into()),
                        ("rule", rule.as_str().into()),
                        ("anchor", anchor.into()),
                    ],
                )
            }
            Evidence::Gate { gate, quoted } => {
                let q = self.quote(quoted.as_deref().unwrap_or(""));
                match gate {
                    Gate::TwoConcepts => self.t("evidence-gate-two"),
                    Gate::Building { several } => self.fmt(
                        "evidence-gate-building",
                        &[
                            ("q", q.into()),
                            ("several", if *several { "yes" } else { "no" }.into()),
                        ],
                    ),
                    Gate::Advanced => self.fmt("evidence-gate-advanced", &[("q", q.into())]),
                    Gate::OnData => self.fmt("evidence-gate-data", &[("q", q.into())]),
                }
            }
            Evidence::Model { .. } => {
                let (main, detail) = self.evidence_parts(frameworks, e);
                main + &detail
            }
            Evidence::Ranked => self.t("evidence-ranked"),
        }
    }
}

/// The message ids of a catalogue, sorted.
pub fn keys(lang: Lang) -> Vec<String> {
    let resource = match FluentResource::try_new(source(lang).to_owned()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut keys: Vec<String> = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect();
    keys.sort();
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_catalogues_parse_and_hold_the_same_keys() {
        for lang in [Lang::En, Lang::Fr] {
            assert!(
                FluentResource::try_new(source(lang).to_owned()).is_ok(),
                "{lang:?} catalogue has a syntax error"
            );
        }
        let (en, fr) = (keys(Lang::En), keys(Lang::Fr));
        for (lang, list) in [(Lang::En, &en), (Lang::Fr, &fr)] {
            let mut unique = list.clone();
            unique.dedup();
            assert_eq!(&unique, list, "{lang:?} catalogue defines a key twice");
        }
        let only_en: Vec<&String> = en.iter().filter(|k| !fr.contains(k)).collect();
        let only_fr: Vec<&String> = fr.iter().filter(|k| !en.contains(k)).collect();
        assert!(only_en.is_empty(), "missing in fr.ftl: {only_en:?}");
        assert!(only_fr.is_empty(), "missing in en.ftl: {only_fr:?}");
    }

    #[test]
    fn formats_numbers_percentages_hours_and_dates_the_readers_way() {
        let (en, fr) = (Words::new(Lang::En), Words::new(Lang::Fr));
        assert_eq!(fr.hours(12.5), "12,5\u{a0}h");
        assert_eq!(en.hours(12.5), "12.5\u{a0}h");
        assert_eq!(fr.number(12345.0), "12\u{a0}345");
        assert_eq!(fr.number(1234.0), "1234");
        assert_eq!(en.number(30.0), "30");
        assert_eq!(fr.percent(42), "42\u{a0}%");
        assert_eq!(en.percent(42), "42%");
        assert_eq!(fr.score(0.854), "0,85");
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!(fr.date(d), "2 décembre 2026");
        assert_eq!(en.date(d), "2 December 2026");
    }

    #[test]
    fn plural_forms_follow_each_language() {
        let (en, fr) = (Words::new(Lang::En), Words::new(Lang::Fr));
        assert_eq!(en.severity_count(Severity::Warning, 1), "1 warning");
        assert_eq!(en.severity_count(Severity::Warning, 0), "0 warnings");
        // French counts zero as singular.
        assert_eq!(fr.severity_count(Severity::Warning, 0), "0 avertissement");
        assert_eq!(fr.severity_count(Severity::Error, 2), "2 erreurs");
    }

    #[test]
    fn every_finding_code_has_an_explanation_in_both_languages() {
        for lang in [Lang::En, Lang::Fr] {
            let w = Words::new(lang);
            for code in FindingCode::ALL {
                let e = w.explain(*code);
                assert!(!e.starts_with(MISSING), "{lang:?}: no explain-{code}");
            }
        }
    }

    #[test]
    fn depth_paths_read_the_readers_way() {
        let (en, fr) = (Words::new(Lang::En), Words::new(Lang::Fr));
        let p = |year, semester| Period {
            year,
            semester,
            across: true,
        };
        let steps = [
            Step {
                depth: Depth::Introduced,
                period: Some(p(1, Some(1))),
            },
            Step {
                depth: Depth::Reinforced,
                period: Some(p(2, None)),
            },
            Step {
                depth: Depth::Mastered,
                period: None,
            },
        ];
        assert_eq!(en.path(&steps), "I (S1) → R (year 2) → M (year unknown)");
        assert_eq!(fr.path(&steps), "I (S1) → R (année 2) → M (année inconnue)");
    }

    #[test]
    fn a_missing_key_or_parameter_is_visible_not_silent() {
        let en = Words::new(Lang::En);
        assert!(en.t("no-such-key").starts_with(MISSING));
        assert!(en.t("taught-of").starts_with(MISSING));
    }
}
