//! Which language a programme's report is written in when the user does not
//! say (`--lang`): the language most of its own text is in.

use crate::framework::Lang;
use crate::model::Program;

/// Short words that nearly every sentence of one language holds and the
/// other language almost never does.
const FRENCH: &[&str] = &[
    "de", "des", "du", "la", "le", "les", "et", "une", "un", "pour", "dans", "sur", "au", "aux",
    "à", "en", "par", "l", "d", "est", "son", "ses", "leur",
];
const ENGLISH: &[&str] = &[
    "the", "and", "of", "to", "in", "for", "with", "on", "a", "an", "is", "by", "their", "its",
    "from", "as",
];

/// Words read at most: a programme's language shows in its first courses.
const SAMPLE: usize = 4000;

/// The language of `program`'s titles, outcomes and descriptions; `None`
/// when the text says too little to tell.
pub fn detect(program: &Program) -> Option<Lang> {
    let texts = program.courses.iter().flat_map(|c| {
        std::iter::once(c.title.as_str())
            .chain(c.description.as_deref())
            .chain(c.outcomes.iter().map(|o| o.text.as_str()))
    });
    let (mut fr, mut en, mut seen) = (0usize, 0usize, 0usize);
    'outer: for text in texts {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            seen += 1;
            if seen > SAMPLE {
                break 'outer;
            }
            let w = word.to_lowercase();
            fr += usize::from(FRENCH.contains(&w.as_str()));
            en += usize::from(ENGLISH.contains(&w.as_str()));
        }
    }
    match (fr, en) {
        (f, e) if f + e < 3 => None,
        (f, e) if f > e => Some(Lang::Fr),
        _ => Some(Lang::En),
    }
}

/// The language of a programme's report: the one asked for, else the
/// programme's own, else English.
pub fn choose(program: &Program, asked: Option<Lang>) -> Lang {
    asked.or_else(|| detect(program)).unwrap_or(Lang::En)
}

/// The language of a document about every programme (the portfolio, the
/// review file): the one asked for, else the language most programmes are
/// in, English on a tie.
pub fn of_all(curriculum: &crate::model::Curriculum, asked: Option<Lang>) -> Lang {
    if let Some(l) = asked {
        return l;
    }
    let fr = curriculum
        .programs
        .iter()
        .filter(|p| detect(p) == Some(Lang::Fr))
        .count();
    if fr * 2 > curriculum.programs.len() {
        Lang::Fr
    } else {
        Lang::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Course, Outcome, SourceLocation};

    fn program(texts: &[&str]) -> Program {
        Program {
            name: "P".into(),
            sources: Vec::new(),
            courses: vec![Course {
                code: "C".into(),
                title: "UE 1".into(),
                year: None,
                semester: None,
                ects: None,
                hours: None,
                prerequisites: Vec::new(),
                description: None,
                outcomes: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Outcome {
                        id: format!("o{i}").as_str().into(),
                        text: (*t).to_owned(),
                        mappings: Vec::new(),
                        location: SourceLocation::file("t.csv"),
                    })
                    .collect(),
                mappings: Vec::new(),
                location: SourceLocation::file("t.csv"),
            }],
        }
    }

    #[test]
    fn tells_french_from_english_text() {
        let fr = program(&["Identifier les usages de l'IA dans les soins et leurs limites"]);
        let en = program(&["Describe the uses of AI in care and their limits"]);
        assert_eq!(detect(&fr), Some(Lang::Fr));
        assert_eq!(detect(&en), Some(Lang::En));
        assert_eq!(detect(&program(&["SQL"])), None);
        assert_eq!(choose(&program(&["SQL"]), None), Lang::En);
        assert_eq!(choose(&fr, Some(Lang::En)), Lang::En);
    }
}
