//! aimap: maps health-profession curricula onto a three-level AI-skills
//! classification (L0 AI literacy, L1 software and data mastery, L2 advanced
//! AI research and engineering) and writes gap reports.
//!
//! The pipeline, one module per step:
//! `import` → `model` → `framework` → `classify` → `graph` → `analysis` →
//! `report`; `pipeline` runs the steps for every command, `text` holds the
//! folding, normalising and slugs they share, `cycles` finds cycles in any
//! relation (a leaf, used by `framework` and `graph`), and `cli` sits on top (the only module that
//! prints). `docs/architecture.md` says where this departs from the design.

pub mod analysis;
pub mod classify;
pub mod cli;
pub mod cycles;
pub mod demand;
pub mod framework;
pub mod graph;
pub mod import;
pub mod model;
pub mod pipeline;
pub mod report;
pub mod text;
