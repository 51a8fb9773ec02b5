//! The analysis of a national corpus: 1,000 programmes × 1,000 outcomes
//! (100 courses of 10 outcomes each, six semesters, one explicit mapping per
//! outcome onto the shipped framework), built in memory; the graph is built
//! once, outside the timing. Measures `analysis::analyse` alone, on one
//! thread: coverage, time, progression, sequencing, integrity, findings
//! and recommendations.
//!
//! `cargo bench --bench analysis`; figure in BENCHMARKS.md.

use aimap::analysis;
use aimap::framework::FrameworkSet;
use aimap::graph::CurriculumGraph;
use aimap::model::{
    CompetencyId, Course, Curriculum, Depth, Mapping, Origin, Outcome, Program, SourceLocation,
};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

const PROGRAMMES: usize = 1_000;
const COURSES: usize = 100;
const OUTCOMES: usize = 10;

const TEXTS: &[&str] = &[
    "Expliquer les biais des algorithmes d'aide à la décision",
    "Interroger un entrepôt de données de santé avec SQL",
    "Appliquer le RGPD aux données de santé",
    "Ajuster un modèle de régression logistique en R",
    "Décrire les limites de l'intelligence artificielle générative",
    "Évaluer la qualité des données du dossier patient",
    "Réaliser un pansement simple",
];

fn corpus(frameworks: &FrameworkSet) -> Curriculum {
    let ids: Vec<CompetencyId> = frameworks
        .primary
        .competencies
        .iter()
        .map(|c| c.id.clone())
        .collect();
    let depths = [Depth::Introduced, Depth::Reinforced, Depth::Mastered];
    let location = SourceLocation::file("corpus.csv");
    let programs = (0..PROGRAMMES)
        .map(|p| Program {
            name: format!("Programme {p:04}"),
            sources: vec!["corpus.csv".to_owned()],
            courses: (0..COURSES)
                .map(|c| {
                    let semester = (c % 6) as u8 + 1;
                    Course {
                        code: format!("UE {c:03}").as_str().into(),
                        title: format!("Unité {c}"),
                        year: Some(semester.div_ceil(2)),
                        semester: Some(semester),
                        ects: Some(3.0),
                        hours: Some(30.0),
                        prerequisites: Vec::new(),
                        description: None,
                        outcomes: (0..OUTCOMES)
                            .map(|o| {
                                let k = p * 7 + c * 13 + o;
                                Outcome {
                                    id: format!("O{c}.{o}").as_str().into(),
                                    text: TEXTS[k % TEXTS.len()].to_owned(),
                                    // Six outcomes in ten teach AI.
                                    mappings: if o < 6 {
                                        vec![Mapping {
                                            competency: ids[k % ids.len()].clone(),
                                            depth: Some(depths[k % 3]),
                                            origin: Origin::Explicit,
                                            location: None,
                                        }]
                                    } else {
                                        Vec::new()
                                    },
                                    location: location.clone(),
                                }
                            })
                            .collect(),
                        mappings: Vec::new(),
                        location: location.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    Curriculum {
        programs,
        ..Curriculum::default()
    }
}

fn bench(c: &mut Criterion) {
    let frameworks = FrameworkSet::builtin().expect("the built-in frameworks load");
    let curriculum = corpus(&frameworks);
    let (graph, findings) = CurriculumGraph::build(&frameworks, &curriculum);
    let mut group = c.benchmark_group("analysis");
    group.sample_size(10);
    group.bench_function("1000 programmes x 1000 outcomes", |b| {
        b.iter(|| {
            black_box(analysis::analyse(
                &frameworks,
                black_box(&curriculum),
                &graph,
                &findings,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
