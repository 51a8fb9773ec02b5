//! Suggestions into the curriculum, and reviewers' decisions back into it.
//! Pure: works on the model the importer built.
//!
//! - Every outcome without an explicit mapping is classified; a course
//!   without outcomes and without explicit mappings is classified from its
//!   title and description. Suggestions a reviewer accepted or rejected are
//!   not made again.
//! - Accepted review rows become explicit mappings of their outcome (found
//!   by programme and outcome id) or course (programme and course code).

use super::{Classifier, Scratch, Suggested};
use crate::model::{
    CompetencyId, CourseCode, Curriculum, Finding, FindingCode, Mapping, Origin, OutcomeId,
    ReviewDecision, Suggestion, Verdict,
};
use std::collections::BTreeSet;

/// What a decision is about: programme, course, outcome, competency.
type Key<'a> = (&'a str, &'a str, Option<&'a str>, &'a str);

fn key(d: &ReviewDecision) -> Key<'_> {
    (
        d.program.as_str(),
        d.course.as_str(),
        d.outcome.as_ref().map(|o| o.as_str()),
        d.competency.as_str(),
    )
}

fn mapping(s: Suggested) -> Mapping {
    Mapping {
        competency: s.competency,
        depth: Some(s.depth),
        origin: Origin::Suggested(Suggestion {
            score: s.score,
            evidence: s.evidence,
        }),
        location: None,
    }
}

/// Adds suggested mappings to every outcome (and outcome-less course) that
/// has no explicit mapping. Returns how many were added.
pub fn suggest(curriculum: &mut Curriculum, classifier: &Classifier) -> usize {
    let decided: BTreeSet<Key<'_>> = curriculum.reviews.iter().map(key).collect();
    let is_decided = |p: &str, c: &CourseCode, o: Option<&OutcomeId>, k: &CompetencyId| {
        decided.contains(&(p, c.as_str(), o.map(OutcomeId::as_str), k.as_str()))
    };
    let mut scratch = Scratch::default();
    let mut added = 0;
    for program in &mut curriculum.programs {
        let name = program.name.as_str();
        for course in &mut program.courses {
            for outcome in &mut course.outcomes {
                if outcome.mappings.iter().any(|m| m.origin.is_explicit()) {
                    continue;
                }
                let found = classifier.classify_with(&outcome.text, &mut scratch);
                for s in found.suggestions {
                    if !is_decided(name, &course.code, Some(&outcome.id), &s.competency) {
                        outcome.mappings.push(mapping(s));
                        added += 1;
                    }
                }
            }
            if course.outcomes.is_empty() && course.mappings.is_empty() {
                let text = match &course.description {
                    Some(d) => format!("{}. {d}", course.title),
                    None => course.title.clone(),
                };
                let found = classifier.classify_with(&text, &mut scratch);
                for s in found.suggestions {
                    if !is_decided(name, &course.code, None, &s.competency) {
                        course.mappings.push(mapping(s));
                        added += 1;
                    }
                }
            }
        }
    }
    added
}

/// Turns accepted review rows into explicit mappings. Rows whose outcome or
/// course is not in the curricula are reported and ignored.
pub fn apply_reviews(curriculum: &mut Curriculum) -> Vec<Finding> {
    let mut findings = Vec::new();
    let reviews = std::mem::take(&mut curriculum.reviews);
    for d in &reviews {
        let program = curriculum.programs.iter_mut().find(|p| p.name == d.program);
        let target = program.and_then(|p| match &d.outcome {
            Some(id) => p
                .courses
                .iter_mut()
                .flat_map(|c| c.outcomes.iter_mut())
                .find(|o| &o.id == id)
                .map(|o| &mut o.mappings),
            None => p
                .courses
                .iter_mut()
                .find(|c| c.code == d.course)
                .map(|c| &mut c.mappings),
        });
        let Some(mappings) = target else {
            let what = match &d.outcome {
                Some(o) => format!("outcome \"{o}\""),
                None => format!("course \"{}\"", d.course),
            };
            findings.push(
                Finding::new(
                    FindingCode::UnmatchedReviewRow,
                    format!(
                        "review row names {what} of programme \"{}\", which the curricula do not have; \
                         its decision is ignored (was the outcome id or the programme renamed?)",
                        d.program
                    ),
                )
                .at(d.location.clone()),
            );
            continue;
        };
        if d.verdict != Verdict::Accepted {
            continue;
        }
        mappings.retain(|m| m.origin.is_explicit() || m.competency != d.competency);
        if !mappings
            .iter()
            .any(|m| m.origin.is_explicit() && m.competency == d.competency)
        {
            mappings.push(Mapping {
                competency: d.competency.clone(),
                depth: Some(d.depth),
                origin: Origin::Explicit,
                location: Some(d.location.clone()),
            });
        }
    }
    curriculum.reviews = reviews;
    findings
}
