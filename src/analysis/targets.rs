//! A programme against a target (`--target`): for every competency the
//! target requires, the depth reached and whether it is enough.

use super::{CompetencyCoverage, ProgramAnalysis};
use crate::framework::{Localized, Target};
use crate::model::{Arg, CompetencyId, Depth, Finding, FindingCode};

/// How a programme fares against a target.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetResult {
    /// The target's id.
    pub target: String,
    pub title: Localized,
    /// One per required competency, in framework order.
    pub checks: Vec<TargetCheck>,
    /// Requirements met.
    pub met: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TargetCheck {
    pub competency: CompetencyId,
    pub level: u8,
    pub required: Depth,
    /// Deepest depth the programme reaches, suggested mappings included.
    pub reached: Option<Depth>,
    pub met: bool,
    /// Some mapping reaching it is explicit.
    pub explicit: bool,
}

/// Compares a programme's coverage with a target and returns the result
/// with one `target-not-met` finding per requirement not met.
pub fn evaluate(target: &Target, analysis: &ProgramAnalysis) -> (TargetResult, Vec<Finding>) {
    let mut findings = Vec::new();
    // One lookup per requirement: a target may require every competency
    // of a large framework.
    let coverage: std::collections::HashMap<&CompetencyId, &CompetencyCoverage> = analysis
        .competencies
        .iter()
        .rev()
        .map(|c| (&c.id, c))
        .collect();
    let checks: Vec<TargetCheck> = target
        .required
        .iter()
        .map(|r| {
            let cov = coverage.get(&r.competency).copied();
            let reached = cov.and_then(|c| c.deepest);
            let met = reached.is_some_and(|d| d >= r.depth);
            if !met {
                findings.push(
                    Finding::of(FindingCode::TargetNotMet)
                        .arg("competency", Arg::Competency(r.competency.clone()))
                        .arg("required", Arg::Depth(r.depth))
                        .arg("target", Arg::Text(target.id.clone()))
                        .arg("reached_count", Arg::Count(usize::from(reached.is_some())))
                        .args_opt("reached", reached.map(Arg::Depth)),
                );
            }
            TargetCheck {
                competency: r.competency.clone(),
                level: r.level,
                required: r.depth,
                reached,
                met,
                explicit: cov.is_some_and(|c| c.explicit),
            }
        })
        .collect();
    let met = checks.iter().filter(|c| c.met).count();
    (
        TargetResult {
            target: target.id.clone(),
            title: target.title.clone(),
            checks,
            met,
        },
        findings,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::CompetencyCoverage;
    use crate::framework::FrameworkSet;
    use crate::framework::parse_target;

    fn coverage(id: &str, deepest: Option<Depth>) -> CompetencyCoverage {
        CompetencyCoverage {
            id: CompetencyId::new(id),
            level: 0,
            covered: deepest.is_some(),
            explicit: deepest.is_some(),
            deepest,
            courses: Vec::new(),
            first_year: None,
            last_year: None,
            by_year: Default::default(),
            yearless: deepest,
        }
    }

    #[test]
    fn names_the_required_and_reached_depth_of_each_unmet_requirement() {
        let set = FrameworkSet::builtin().unwrap();
        let src = "[target]\nid = \"t\"\nframework = \"ai-skills-3-levels\"\n\
                   [[requirements]]\ncompetencies = [\"L0.FND.1\", \"L0.FND.3\"]\ndepth = \"R\"\n\
                   [[requirements]]\ncompetencies = [\"L0.ETH.3\"]\ndepth = \"I\"\n";
        let (target, _) = parse_target(src, "t.toml", &[&set.primary]).unwrap();
        let analysis = ProgramAnalysis {
            program: "P".into(),
            levels: Vec::new(),
            competencies: vec![
                coverage("L0.FND.1", Some(Depth::Mastered)),
                coverage("L0.FND.3", Some(Depth::Introduced)),
                coverage("L0.ETH.3", None),
            ],
            ..Default::default()
        };
        let (result, findings) = evaluate(&target, &analysis);
        assert_eq!((result.met, result.checks.len()), (1, 3));
        let en = crate::report::words::Words::new(crate::framework::Lang::En);
        let messages: Vec<String> = findings.iter().map(|f| en.finding(Some(&set), f)).collect();
        assert_eq!(
            messages,
            [
                "L0.FND.3 \"Uses of AI in health care and their limits\" must reach R (reinforced) for target \"t\": reached I (introduced)",
                "L0.ETH.3 \"Regulation of AI medical devices\" must reach I (introduced) for target \"t\": not taught",
            ]
        );
        assert!(findings.iter().all(|f| f.code == FindingCode::TargetNotMet));
    }
}
