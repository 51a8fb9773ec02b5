//! A generated framework and crosswalk of any size, written as a user
//! writes them: shared by the loading bench (`benches/framework.rs`) and
//! the test that loads 40,000 competencies (`tests/cli/frameworks.rs`), so
//! the bench measures what the test checks.
//!
//! Three levels; each competency has a prerequisite (a chain per level), a
//! term of its own and a term and an exclusion shared by all; the crosswalk
//! maps one item onto each competency.

use std::fmt::Write;

/// A framework of `n` competencies and a crosswalk of `n` items onto it.
pub fn generated_framework(n: usize) -> (String, String) {
    let mut fw = String::from(
        "[framework]\nid = \"generated\"\nversion = \"1\"\n\n\
         [[levels]]\nnumber = 0\nkey = \"literacy\"\ntitle = { en = \"L0\", fr = \"N0\" }\n\n\
         [[levels]]\nnumber = 1\nkey = \"software-data\"\ntitle = { en = \"L1\", fr = \"N1\" }\n\n\
         [[levels]]\nnumber = 2\nkey = \"advanced\"\ntitle = { en = \"L2\", fr = \"N2\" }\n",
    );
    for i in 0..n {
        let requires = if i >= 3 {
            format!("requires = [\"G.{}\"]\n", i - 3)
        } else {
            String::new()
        };
        write!(
            fw,
            "\n[[competencies]]\nid = \"G.{i}\"\nlevel = {}\ntitle = {{ en = \"Skill {i}\", fr = \"Savoir {i}\" }}\n{requires}\
             terms = {{ en = [\"alpha{} beta{}\", \"shared skill\"], fr = [\"savoir commun\"] }}\n\
             exclude = {{ en = [\"no skill\"] }}\n",
            i % 3,
            i / 200,
            i % 200
        )
        .unwrap();
    }
    let mut cw = String::from(
        "[framework]\nid = \"generated-crosswalk\"\nversion = \"1\"\ncrosswalk_to = \"generated\"\n",
    );
    for i in 0..n {
        write!(
            cw,
            "\n[[competencies]]\nid = \"X.{i}\"\ntitle = {{ en = \"Item {i}\", fr = \"Item {i}\" }}\nmaps_to = [{{ id = \"G.{i}\", depth = \"R\" }}]\n"
        )
        .unwrap();
    }
    (fw, cw)
}
