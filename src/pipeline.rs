//! The pipeline run by `report` and `check`: frameworks and curriculum in,
//! graph, analyses and every finding out. No printing, no writing.

use crate::analysis::{self, ProgramAnalysis};
use crate::framework::{FrameworkSet, Lang, Target, load_target};
use crate::graph::CurriculumGraph;
use crate::import;
use crate::model::{Curriculum, Finding};
use anyhow::Result;
use std::path::PathBuf;

/// What a run reads.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Curriculum files or folders.
    pub inputs: Vec<PathBuf>,
    /// Framework files added to (or replacing) the built-in ones.
    pub frameworks: Vec<PathBuf>,
    /// Classify outcomes (and outcome-less courses) that have no explicit
    /// mapping and add suggested mappings.
    pub suggest: bool,
    /// A target to compare every programme with: the id of a shipped
    /// target or the path of a target file.
    pub target: Option<String>,
    /// Workbook sheets to read (empty: every visible sheet).
    pub sheets: Vec<String>,
    /// Long, matrix, or decided per table.
    pub layout: import::Layout,
    /// Curriculum Inventory crosswalk: expectation → competency ids.
    pub ci_crosswalk: Option<PathBuf>,
}

impl Options {
    /// Every file and folder the run reads: curricula and review files,
    /// frameworks, the crosswalk, and the target when it is a file. What a
    /// command writes must be none of them, and reports name input files
    /// relative to them.
    pub fn read_paths(&self) -> Vec<PathBuf> {
        let mut paths = self.inputs.clone();
        paths.extend(self.frameworks.iter().cloned());
        paths.extend(self.ci_crosswalk.iter().cloned());
        if let Some(t) = &self.target {
            let path = PathBuf::from(t);
            if path.is_file() {
                paths.push(path);
            }
        }
        paths
    }
}

/// The competencies a matrix column may name: every competency of the
/// loaded frameworks, with its titles.
fn known_competencies(frameworks: &FrameworkSet) -> Vec<import::KnownCompetency> {
    frameworks
        .frameworks()
        .flat_map(|f| f.competencies.iter())
        .map(|c| import::KnownCompetency {
            id: c.id.clone(),
            titles: [c.title.get(Lang::En), c.title.get(Lang::Fr)]
                .into_iter()
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
        })
        .collect()
}

/// Everything a run produced, for the commands to print or write.
pub struct Run {
    pub frameworks: FrameworkSet,
    pub curriculum: Curriculum,
    pub graph: CurriculumGraph,
    pub analyses: Vec<ProgramAnalysis>,
    /// The target the programmes were compared with, if any.
    pub target: Option<Target>,
    /// Problems with the inputs themselves (frameworks, files, rows,
    /// mappings), sorted: what `aimap check` lists.
    pub input_problems: Vec<Finding>,
}

pub fn run(options: &Options) -> Result<Run> {
    let (frameworks, framework_warnings) = if options.frameworks.is_empty() {
        (FrameworkSet::builtin()?, Vec::new())
    } else {
        FrameworkSet::load(&options.frameworks)?
    };
    let (target, target_warnings) = match &options.target {
        Some(arg) => {
            let (t, w) = load_target(arg, &frameworks.primary)?;
            (Some(t), w)
        }
        None => (None, Vec::new()),
    };
    let import_options = import::ImportOptions {
        sheets: options.sheets.clone(),
        layout: options.layout,
        competencies: known_competencies(&frameworks),
        ci_crosswalk: options.ci_crosswalk.clone(),
    };
    let mut curriculum = import::load_with(&options.inputs, &import_options)?;
    if options.suggest {
        let classifier = crate::classify::Classifier::new(&frameworks)?;
        crate::classify::apply::suggest(&mut curriculum, &classifier);
    }
    let review_problems = crate::classify::apply::apply_reviews(&mut curriculum);
    curriculum.problems.extend(review_problems);
    let (graph, graph_findings) = CurriculumGraph::build(&frameworks, &curriculum);
    let mut input_problems: Vec<Finding> = framework_warnings;
    input_problems.extend(target_warnings);
    input_problems.extend(curriculum.problems.iter().cloned());
    input_problems.extend(graph_findings);
    let analyses = analysis::analyse_against(
        &frameworks,
        &curriculum,
        &graph,
        &input_problems,
        target.as_ref(),
    );
    input_problems.sort_by(|a, b| {
        (&a.location, a.severity, a.code, &a.args).cmp(&(&b.location, b.severity, b.code, &b.args))
    });
    input_problems.dedup();
    Ok(Run {
        frameworks,
        curriculum,
        graph,
        analyses,
        target,
        input_problems,
    })
}
