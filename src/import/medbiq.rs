//! MedBiquitous (ANSI/AAMC) Curriculum Inventory XML → records, as exported
//! by Ilios and Elentra.
//!
//! - Sequence blocks that hold events (or no child block) are courses;
//!   blocks that only group other blocks ("Year 1") give their academic
//!   level to the blocks inside them.
//! - Academic levels are years, unless their label names a semester.
//! - A course's hours are the sum of its events' ISO-8601 durations (`PT2H`,
//!   `PT90M`, `PT1H30M`).
//! - Competency objects referenced by a course or its events are its
//!   outcomes; objects no course references (programme objectives) are
//!   outcomes of the programme-level course. Keywords of the events are kept
//!   in the course description.
//! - Mappings come from a crosswalk (expectation → framework competency),
//!   looked up for the object itself and for every object it is `related`
//!   to or `narrower` than in the file's competency framework.
//! - References that point at nothing are `unresolved-reference` findings.
//!
//! Safe on any input: a DTD is refused (no entity is ever expanded, no file
//! fetched), nesting and element count are bounded.

use super::assemble::PROGRAMME_COURSE_CODE;
use super::clean::clean;
use super::crosswalk::{Crosswalk, short_id};
use super::limits::{MAX_CELLS, MAX_XML_DEPTH, MAX_XML_ELEMENTS, thousands};
use super::long::Record;
use crate::model::{Depth, Finding, FindingCode, SourceLocation};
use anyhow::{Result, bail};
use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// What one inventory file gives: its programme and one record per
/// (course, outcome).
pub struct Inventory {
    pub program: String,
    pub records: Vec<Record>,
}

/// An element, by local name (namespace prefixes dropped), with its text.
#[derive(Debug, Default)]
struct Node {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    text: String,
    line: usize,
}

impl Node {
    fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Node> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// Text of the first descendant along `path`.
    fn text_at(&self, path: &[&str]) -> Option<String> {
        let mut node = self;
        for p in path {
            node = node.child(p)?;
        }
        let t = clean(&node.text).text;
        (!t.is_empty()).then_some(t)
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Parses the XML into a tree, refusing DTDs and unknown entities and
/// stopping at the depth and size limits.
fn parse(bytes: &[u8], file: &str) -> Result<Node> {
    let text = decode(bytes, file)?;
    let mut reader = Reader::from_str(&text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Node> = vec![Node::default()];
    let mut elements = 0usize;
    let mut line = 1usize;
    let mut counted = 0usize;
    let at = |line: usize| SourceLocation::file(file).at_line(line);
    loop {
        let start = (reader.buffer_position() as usize).min(text.len());
        line += text.as_bytes()[counted..start.max(counted)]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start.max(counted);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let pos = (reader.error_position() as usize).min(text.len());
                let l = line
                    + text.as_bytes()[counted..pos.max(counted)]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count();
                bail!("{}: not well-formed XML: {e}", at(l));
            }
        };
        match event {
            Event::DocType(_) => bail!(
                "{}: the file declares a DTD (<!DOCTYPE …>); aimap reads no DTD and expands no entity \
                 (they can fetch files or grow without end); Curriculum Inventory files have none, remove it",
                at(line)
            ),
            Event::Start(e) | Event::Empty(e) if stack.len() > MAX_XML_DEPTH => {
                let name = e.local_name().as_ref().to_owned();
                bail!(
                    "{}: <{name}> is nested more than {MAX_XML_DEPTH} elements deep; a Curriculum Inventory nests about ten",
                    at(line)
                );
            }
            Event::Start(e) | Event::Empty(e) if elements >= MAX_XML_ELEMENTS => {
                let _ = e;
                bail!(
                    "{}: the file has more than {} elements; split it",
                    at(line),
                    thousands(MAX_XML_ELEMENTS as u64)
                );
            }
            Event::Start(e) => {
                elements += 1;
                stack.push(element(&e, line, file)?);
            }
            Event::Empty(e) => {
                elements += 1;
                let node = element(&e, line, file)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(node);
                }
            }
            Event::End(_) => {
                let Some(node) = stack.pop() else {
                    bail!("{}: a closing tag has no opening tag", at(line));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(node),
                    None => bail!("{}: a closing tag has no opening tag", at(line)),
                }
            }
            Event::Text(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => match resolve_xml_entity(&r) {
                        Some(s) => s.to_owned(),
                        None => bail!(
                            "{}: unknown entity &{}; (aimap expands only the five XML entities and character references)",
                            at(line),
                            &*r
                        ),
                    },
                    Err(e) => bail!("{}: bad character reference &{};: {e}", at(line), &*r),
                };
                if let Some(n) = stack.last_mut() {
                    n.text.push_str(&resolved);
                }
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if stack.len() > 1 {
        let open = stack.last().map(|n| n.name.clone()).unwrap_or_default();
        bail!("`{file}` ends before <{open}> is closed (the file is truncated?)");
    }
    let document = stack.pop().unwrap_or_default();
    document
        .children
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("`{file}` holds no XML element"))
}

fn element(e: &quick_xml::events::BytesStart<'_>, line: usize, file: &str) -> Result<Node> {
    let name = e.local_name().as_ref().to_owned();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| {
            anyhow::anyhow!(
                "{}: bad attribute in <{name}>: {err}",
                SourceLocation::file(file).at_line(line)
            )
        })?;
        let key = a.key.local_name().as_ref().to_owned();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| {
                anyhow::anyhow!(
                    "{}: bad attribute value in <{name}>: {err}",
                    SourceLocation::file(file).at_line(line)
                )
            })?;
        attrs.push((key, value.into_owned()));
    }
    Ok(Node {
        name,
        attrs,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

/// UTF-8 (with or without BOM), or UTF-16 with a BOM or without one (told
/// by how `<?xml` is written, as the XML specification's appendix F does).
/// UTF-32 is recognised and refused: nothing exports a curriculum in it.
fn decode(bytes: &[u8], file: &str) -> Result<String> {
    match bytes {
        [0xFF, 0xFE, 0, 0, ..]
        | [0, 0, 0xFE, 0xFF, ..]
        | [b'<', 0, 0, 0, ..]
        | [0, 0, 0, b'<', ..] => {
            bail!("`{file}` is UTF-32 text; save it again as UTF-8")
        }
        _ => {}
    }
    let without_bom = match bytes {
        [b'<', 0, b'?', 0, ..] => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, b'?', ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(encoding) = without_bom {
        let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
        if had_errors {
            bail!("`{file}` is not valid {} throughout", encoding.name());
        }
        return Ok(text.into_owned());
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if had_errors {
            bail!("`{file}` is not valid {} throughout", encoding.name());
        }
        return Ok(text.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_owned()),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            bail!(
                "{}: the XML is not UTF-8 text; Curriculum Inventory files are UTF-8",
                SourceLocation::file(file).at_line(line)
            )
        }
    }
}

/// The value in `…[@id='E1']` or `…[lom:…/lom:entry='X']`.
fn reference_target(path: &str) -> Option<String> {
    let start = path
        .find("='")
        .map(|i| i + 2)
        .or_else(|| path.find("=\"").map(|i| i + 2))?;
    let rest = &path[start..];
    let end = rest.find(['\'', '"'])?;
    Some(rest[..end].to_owned())
}

#[derive(Debug)]
struct Event_ {
    title: String,
    hours: Option<f64>,
    keywords: Vec<String>,
    refs: Vec<(String, usize)>,
    line: usize,
}

#[derive(Debug)]
struct Block {
    id: String,
    title: String,
    description: Option<String>,
    level: Option<(u8, usize)>,
    events: Vec<(String, usize)>,
    children: Vec<(String, usize)>,
    refs: Vec<(String, usize)>,
    line: usize,
}

#[derive(Debug)]
struct Object {
    title: String,
    line: usize,
}

/// Parses ISO-8601 durations as events carry them: `PT2H`, `PT90M`,
/// `PT1H30M`, `P1DT2H`, `PT0.5H`. Years, months and weeks are refused: an
/// event lasts hours, and a month is not a number of hours.
pub fn duration_hours(s: &str) -> Result<f64, String> {
    let err = || {
        format!(
            "expected an ISO 8601 duration in days, hours or minutes (such as PT2H or PT90M), found \"{s}\""
        )
    };
    let t = s.trim();
    let body = t.strip_prefix('P').ok_or_else(err)?;
    let (date, time) = match body.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (body, None),
    };
    let mut hours = 0.0;
    let mut any = false;
    let mut take = |part: &str, units: &[(char, f64)]| -> Result<(), String> {
        let mut number = String::new();
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let factor = units
                .iter()
                .find(|(u, _)| *u == c)
                .map(|(_, f)| *f)
                .ok_or_else(err)?;
            let n: f64 = number.parse().map_err(|_| err())?;
            hours += n * factor;
            any = true;
            number.clear();
        }
        if number.is_empty() {
            Ok(())
        } else {
            Err(err())
        }
    };
    take(date, &[('D', 24.0)])?;
    if let Some(time) = time {
        if time.is_empty() {
            return Err(err());
        }
        take(time, &[('H', 1.0), ('M', 1.0 / 60.0), ('S', 1.0 / 3600.0)])?;
    }
    if !any || !hours.is_finite() {
        return Err(err());
    }
    Ok((hours * 1e6).round() / 1e6)
}

/// Reads a Curriculum Inventory file.
pub fn read(
    bytes: &[u8],
    file: &str,
    crosswalk: &Crosswalk,
    problems: &mut Vec<Finding>,
) -> Result<Inventory> {
    let root = parse(bytes, file)?;
    if root.name == "Workbook"
        && root
            .attrs
            .iter()
            .any(|(_, v)| v == "urn:schemas-microsoft-com:office:spreadsheet")
    {
        bail!(
            "`{file}` is an XML Spreadsheet 2003 file, which aimap does not read; open it in Excel and save it as .xlsx"
        );
    }
    if root.name != "CurriculumInventory" {
        bail!(
            "`{file}` is XML but not a MedBiquitous Curriculum Inventory: its root element is <{}>, not <CurriculumInventory>",
            root.name
        );
    }
    let at = |line: usize| SourceLocation::file(file).at_line(line);
    let program = root
        .text_at(&["Program", "ProgramName"])
        .or_else(|| root.text_at(&["Title"]))
        .unwrap_or_else(|| {
            std::path::Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("programme")
                .to_owned()
        });

    // Competency objects and the framework relations between them.
    let mut objects: BTreeMap<String, Object> = BTreeMap::new();
    let mut object_order: Vec<String> = Vec::new();
    let mut up: BTreeMap<String, Vec<String>> = BTreeMap::new();
    if let Some(expectations) = root.child("Expectations") {
        for co in expectations.all("CompetencyObject") {
            let Some(entry) = co.text_at(&["lom", "general", "identifier", "entry"]) else {
                problems.push(
                    Finding::new(
                        FindingCode::InvalidValue,
                        "competency object has no lom identifier entry; skipped",
                    )
                    .at(at(co.line)),
                );
                continue;
            };
            let title = co
                .text_at(&["lom", "general", "title", "string"])
                .or_else(|| co.text_at(&["lom", "general", "description", "string"]))
                .unwrap_or_else(|| entry.clone());
            if objects.contains_key(&entry) {
                problems.push(
                    Finding::new(
                        FindingCode::DuplicateOutcome,
                        format!(
                            "competency object \"{entry}\" is defined twice; the first is read"
                        ),
                    )
                    .at(at(co.line)),
                );
                continue;
            }
            object_order.push(entry.clone());
            objects.insert(
                entry,
                Object {
                    title,
                    line: co.line,
                },
            );
        }
        for framework in expectations.all("CompetencyFramework") {
            for rel in framework.all("Relation") {
                let r1 = rel.text_at(&["Reference1", "Entry"]);
                let r2 = rel.text_at(&["Reference2", "Entry"]);
                let kind = rel.text_at(&["Relationship"]).unwrap_or_default();
                let kind = kind.rsplit(['#', '/']).next().unwrap_or("").to_owned();
                let (Some(r1), Some(r2)) = (r1, r2) else {
                    continue;
                };
                // Edges point from an object to what its mappings inherit:
                // the broader object, and related ones both ways.
                match kind.as_str() {
                    "narrower" => up.entry(r2).or_default().push(r1),
                    "broader" => up.entry(r1).or_default().push(r2),
                    "related" => {
                        up.entry(r1.clone()).or_default().push(r2.clone());
                        up.entry(r2).or_default().push(r1);
                    }
                    _ => {}
                }
            }
        }
    }

    // Academic levels: number → (year, semester).
    let mut levels: BTreeMap<u8, (Option<u8>, Option<u8>)> = BTreeMap::new();
    if let Some(al) = root.child("AcademicLevels") {
        for level in al.all("Level") {
            let Some(n) = level
                .attr("number")
                .and_then(|n| n.trim().parse::<u8>().ok())
            else {
                problems.push(
                    Finding::new(
                        FindingCode::InvalidValue,
                        "academic level has no number from 1 to 10; skipped",
                    )
                    .at(at(level.line)),
                );
                continue;
            };
            let label = level.text_at(&["Label"]).unwrap_or_default();
            let folded = crate::text::fold(&label);
            let semester = (folded.contains("semest") || folded.contains("term"))
                .then(|| {
                    super::values::ordinal(&super::table::Cell::Text(label.clone()), 20, "semester")
                        .ok()
                })
                .flatten();
            levels.insert(
                n,
                match semester {
                    Some(s) => (Some(s.div_ceil(2)), Some(s)),
                    None => ((1..=10).contains(&n).then_some(n), None),
                },
            );
        }
    }

    // Events.
    let mut events: BTreeMap<String, Event_> = BTreeMap::new();
    if let Some(ev) = root.child("Events") {
        for e in ev.all("Event") {
            let Some(id) = e.attr("id").map(str::to_owned) else {
                problems.push(
                    Finding::new(FindingCode::InvalidValue, "event has no id; skipped")
                        .at(at(e.line)),
                );
                continue;
            };
            let title = e.text_at(&["Title"]).unwrap_or_else(|| id.clone());
            let hours = match e.child("EventDuration") {
                Some(d) => match duration_hours(&d.text) {
                    Ok(h) => Some(h),
                    Err(message) => {
                        problems.push(
                            Finding::new(
                                FindingCode::InvalidValue,
                                format!("event {id}: {message}"),
                            )
                            .at(at(d.line)),
                        );
                        None
                    }
                },
                None => None,
            };
            let keywords = e
                .all("Keyword")
                .filter_map(|k| {
                    k.text_at(&["string"]).or_else(|| {
                        let t = clean(&k.text).text;
                        (!t.is_empty()).then_some(t)
                    })
                })
                .collect();
            let refs = e
                .all("CompetencyObjectReference")
                .filter_map(|r| reference_target(&r.text).map(|t| (t, r.line)))
                .collect();
            events.insert(
                id,
                Event_ {
                    title,
                    hours,
                    keywords,
                    refs,
                    line: e.line,
                },
            );
        }
    }

    // Sequence blocks.
    let mut blocks: Vec<Block> = Vec::new();
    if let Some(seq) = root.child("Sequence") {
        for b in seq.all("SequenceBlock") {
            let Some(id) = b.attr("id").map(str::to_owned) else {
                problems.push(
                    Finding::new(
                        FindingCode::InvalidValue,
                        "sequence block has no id; skipped",
                    )
                    .at(at(b.line)),
                );
                continue;
            };
            let level_node = b.child("Level").or_else(|| {
                b.child("SequenceBlockLevels")
                    .and_then(|l| l.child("StartingAcademicLevel"))
            });
            let level = level_node.and_then(|l| {
                let n = reference_target(&l.text).and_then(|n| n.parse::<u8>().ok());
                match n {
                    Some(n) if levels.contains_key(&n) => Some((n, l.line)),
                    _ => {
                        problems.push(
                            Finding::new(
                                FindingCode::UnresolvedReference,
                                format!(
                                    "sequence block {id} names academic level \"{}\", which AcademicLevels does not define; its year is unknown",
                                    l.text.trim()
                                ),
                            )
                            .at(at(l.line)),
                        );
                        None
                    }
                }
            });
            let events = b
                .all("SequenceBlockEvent")
                .filter_map(|sbe| sbe.child("EventReference"))
                .filter_map(|r| reference_target(&r.text).map(|t| (t, r.line)))
                .collect();
            let children = b
                .all("SequenceBlockReference")
                .filter_map(|r| reference_target(&r.text).map(|t| (t, r.line)))
                .collect();
            let refs = b
                .all("CompetencyObjectReference")
                .filter_map(|r| reference_target(&r.text).map(|t| (t, r.line)))
                .collect();
            blocks.push(Block {
                title: b.text_at(&["Title"]).unwrap_or_else(|| id.clone()),
                description: b.text_at(&["Description"]),
                id,
                level,
                events,
                children,
                refs,
                line: b.line,
            });
        }
    }
    let block_index: BTreeMap<&str, usize> = blocks
        .iter()
        .enumerate()
        .map(|(i, b)| (b.id.as_str(), i))
        .collect();
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, b) in blocks.iter().enumerate() {
        for (child, line) in &b.children {
            match block_index.get(child.as_str()) {
                Some(&c) => {
                    parent.entry(c).or_insert(i);
                }
                None => problems.push(unresolved(
                    at(*line),
                    format!("sequence block {} refers to sequence block \"{child}\", which the file does not define; the reference is skipped", b.id),
                )),
            }
        }
    }

    // Blocks that contain themselves through their children: reported, and
    // the nesting that closes the loop is dropped.
    for cycle in parent_cycles(&parent, blocks.len()) {
        let start = cycle[0];
        let ids: Vec<&str> = cycle
            .iter()
            .chain([&start])
            .map(|&i| blocks[i].id.as_str())
            .collect();
        problems.push(
            Finding::new(
                FindingCode::InvalidValue,
                format!(
                    "sequence blocks contain each other ({}); block {} is read as a top-level block",
                    ids.join(" in "),
                    blocks[start].id,
                ),
            )
            .at(at(blocks[start].line)),
        );
        parent.remove(&start);
    }
    let inherited_level = inherited_levels(&blocks, &parent);
    let objects_by_tail = index_by_tail(objects.keys());

    // Resolves a competency object reference, reporting it when it points at
    // nothing (with the entry it probably meant).
    let resolve = |target: &str, line: usize, whose: &str, problems: &mut Vec<Finding>| {
        if objects.contains_key(target) {
            return Some(target.to_owned());
        }
        let near: Vec<&String> = objects_by_tail
            .get(tail(target))
            .into_iter()
            .flatten()
            .copied()
            .filter(|k| short_id(k) == short_id(target) || k.ends_with(&format!("/{target}")))
            .collect();
        let hint = match near.first() {
            Some(k) => format!(" (did it mean \"{k}\"?)"),
            None => String::new(),
        };
        problems.push(unresolved(
            at(line),
            format!("{whose} refers to competency object \"{target}\", which no CompetencyObject of the file has as its identifier entry{hint}; the reference is skipped"),
        ));
        None
    };

    let mappings = Inherited::new(&objects, &up, crosswalk, file)?;
    let mut used_events: BTreeSet<&str> = BTreeSet::new();
    let mut used_objects: BTreeSet<String> = BTreeSet::new();
    let mut outcome_ids: BTreeMap<String, String> = BTreeMap::new();
    let mut taken_ids: BTreeSet<String> = BTreeSet::new();
    let mut records = Vec::new();
    let mut programme_refs: Vec<(String, usize)> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let is_course = !b.events.is_empty() || b.children.is_empty();
        if !is_course {
            for (target, line) in &b.refs {
                if let Some(entry) =
                    resolve(target, *line, &format!("sequence block {}", b.id), problems)
                {
                    programme_refs.push((entry, *line));
                }
            }
            continue;
        }
        let level = inherited_level[i];
        let (year, semester) = level
            .and_then(|n| levels.get(&n).copied())
            .unwrap_or((None, None));
        let mut hours: Option<f64> = None;
        let mut keywords: Vec<String> = Vec::new();
        let mut keyword_set: BTreeSet<&str> = BTreeSet::new();
        let mut refs: Vec<(String, usize, String)> = b
            .refs
            .iter()
            .map(|(t, l)| (t.clone(), *l, format!("sequence block {}", b.id)))
            .collect();
        for (event_id, line) in &b.events {
            let Some((key, event)) = events.get_key_value(event_id.as_str()) else {
                problems.push(unresolved(
                    at(*line),
                    format!("sequence block {} refers to event \"{event_id}\", which the file does not define; the reference is skipped", b.id),
                ));
                continue;
            };
            used_events.insert(key.as_str());
            if let Some(h) = event.hours {
                hours = Some(hours.unwrap_or(0.0) + h);
            }
            for k in &event.keywords {
                if keyword_set.insert(k) {
                    keywords.push(k.clone());
                }
            }
            for (t, l) in &event.refs {
                refs.push((t.clone(), *l, format!("event {event_id}")));
            }
        }
        let description = match (&b.description, keywords.is_empty()) {
            (d, true) => d.clone(),
            (Some(d), false) => Some(format!("{d} Keywords: {}.", keywords.join("; "))),
            (None, false) => Some(format!("Keywords: {}.", keywords.join("; "))),
        };
        let base = Record {
            program: Some(program.clone()),
            course_code: Some(b.id.clone()),
            course_title: Some(b.title.clone()),
            year,
            semester,
            ects: None,
            hours: hours.map(|h| (h * 1e6).round() / 1e6),
            requires: Vec::new(),
            outcome_id: None,
            outcome: None,
            description,
            competencies: Vec::new(),
            depth: None,
            location: at(b.line),
            competencies_location: None,
            located_competencies: Vec::new(),
        };
        let mut seen: BTreeSet<String> = BTreeSet::new();
        let mut outcomes = Vec::new();
        for (target, line, whose) in &refs {
            let Some(entry) = resolve(target, *line, whose, problems) else {
                continue;
            };
            if seen.insert(entry.clone()) {
                outcomes.push((entry, *line));
            }
        }
        if outcomes.is_empty() {
            records.push(base);
            continue;
        }
        for (entry, line) in outcomes {
            used_objects.insert(entry.clone());
            let id = outcome_id(&entry, &b.id, &mut outcome_ids, &mut taken_ids);
            records.push(outcome_record(
                &base,
                &entry,
                id,
                at(line),
                &objects,
                &mappings,
            ));
        }
    }
    // Objects no course uses: programme-level outcomes, in file order.
    let mut programme: Vec<(String, usize)> = programme_refs;
    let listed: BTreeSet<String> = programme.iter().map(|(e, _)| e.clone()).collect();
    for entry in &object_order {
        if !used_objects.contains(entry)
            && !listed.contains(entry)
            && let Some(o) = objects.get(entry)
        {
            programme.push((entry.clone(), o.line));
        }
    }
    let mut programme_seen = BTreeSet::new();
    for (entry, line) in programme {
        if used_objects.contains(&entry) || !programme_seen.insert(entry.clone()) {
            continue;
        }
        let base = Record {
            program: Some(program.clone()),
            course_code: Some(PROGRAMME_COURSE_CODE.to_owned()),
            course_title: Some("Programme-level outcomes".to_owned()),
            year: None,
            semester: None,
            ects: None,
            hours: None,
            requires: Vec::new(),
            outcome_id: None,
            outcome: None,
            description: None,
            competencies: Vec::new(),
            depth: None,
            location: at(line),
            competencies_location: None,
            located_competencies: Vec::new(),
        };
        let id = outcome_id(
            &entry,
            PROGRAMME_COURSE_CODE,
            &mut outcome_ids,
            &mut taken_ids,
        );
        records.push(outcome_record(
            &base,
            &entry,
            id,
            at(line),
            &objects,
            &mappings,
        ));
    }
    for (id, e) in &events {
        if !used_events.contains(id.as_str()) {
            let hours = e
                .hours
                .map(|h| {
                    format!(
                        "; its {} hours are not counted",
                        super::table::format_number(h)
                    )
                })
                .unwrap_or_default();
            problems.push(
                Finding::new(
                    FindingCode::UnusedEvent,
                    format!(
                        "event {id} \"{}\" belongs to no sequence block{hours}",
                        e.title
                    ),
                )
                .at(at(e.line)),
            );
        }
    }
    if blocks.is_empty() && objects.is_empty() {
        bail!(
            "`{file}`: the Curriculum Inventory has no sequence block and no competency object; there is nothing to map"
        );
    }
    Ok(Inventory { program, records })
}

fn unresolved(location: SourceLocation, message: String) -> Finding {
    Finding::new(FindingCode::UnresolvedReference, message).at(location)
}

/// A short, unique outcome id for an object in a course: its short id the
/// first time, `short@course` when another course refers to it again.
fn outcome_id(
    entry: &str,
    course: &str,
    ids: &mut BTreeMap<String, String>,
    taken: &mut BTreeSet<String>,
) -> String {
    let short = short_id(entry).to_owned();
    let mut id = if ids.contains_key(entry) || taken.contains(&short) {
        format!("{short}@{course}")
    } else {
        short
    };
    let mut n = 2;
    while taken.contains(&id) {
        id = format!("{}@{course}-{n}", short_id(entry));
        n += 1;
    }
    ids.entry(entry.to_owned()).or_insert_with(|| id.clone());
    taken.insert(id.clone());
    id
}

fn outcome_record(
    base: &Record,
    entry: &str,
    id: String,
    location: SourceLocation,
    objects: &BTreeMap<String, Object>,
    mappings: &Inherited,
) -> Record {
    let text = objects
        .get(entry)
        .map(|o| o.title.clone())
        .unwrap_or_else(|| entry.to_owned());
    Record {
        outcome_id: Some(id),
        outcome: Some(text),
        location,
        located_competencies: mappings.of(entry),
        ..base.clone()
    }
}

/// Cycles of the block → enclosing-block function, each once, starting at
/// its member that comes first in the file. Linear: every block is walked
/// over once, however long the chains (a crafted file nests 100,000
/// blocks in one chain).
fn parent_cycles(parent: &BTreeMap<usize, usize>, n: usize) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    // The walk that first reached each block.
    let mut walk = vec![UNSEEN; n];
    let mut cycles = Vec::new();
    for start in 0..n {
        if walk[start] != UNSEEN {
            continue;
        }
        let mut cursor = start;
        walk[cursor] = start;
        while let Some(&p) = parent.get(&cursor) {
            if walk[p] == start {
                // A loop closed by this walk: from `p` around to `cursor`.
                let mut members = vec![p];
                let mut c = p;
                while let Some(&next) = parent.get(&c) {
                    if next == p {
                        break;
                    }
                    members.push(next);
                    c = next;
                }
                let first = members.iter().copied().min().unwrap_or(p);
                let mut cycle = vec![first];
                let mut c = first;
                while let Some(&next) = parent.get(&c) {
                    if next == first {
                        break;
                    }
                    cycle.push(next);
                    c = next;
                }
                cycles.push(cycle);
                break;
            }
            if walk[p] != UNSEEN {
                break;
            }
            walk[p] = start;
            cursor = p;
        }
    }
    cycles.sort();
    cycles
}

/// Each block's academic level: its own, else the nearest enclosing
/// block's. Computed once per block, top-down, so a deep nesting costs what
/// its length does. `parent` has no cycle any more.
fn inherited_levels(blocks: &[Block], parent: &BTreeMap<usize, usize>) -> Vec<Option<u8>> {
    let mut level: Vec<Option<Option<u8>>> = vec![None; blocks.len()];
    for start in 0..blocks.len() {
        let mut path = Vec::new();
        let mut cursor = start;
        let found = loop {
            if let Some(known) = level[cursor] {
                break known;
            }
            if let Some((n, _)) = blocks[cursor].level {
                level[cursor] = Some(Some(n));
                break Some(n);
            }
            path.push(cursor);
            match parent.get(&cursor) {
                // A cut cycle leaves none; a guard in case one remains.
                Some(&p) if path.len() <= blocks.len() => cursor = p,
                _ => break None,
            }
        };
        for i in path {
            level[i] = Some(found);
        }
    }
    level.into_iter().map(Option::flatten).collect()
}

/// The part of an identifier after its last `/` or `#`: the key under which
/// near matches of a dangling reference are looked for.
fn tail(entry: &str) -> &str {
    let trimmed = entry.trim().trim_end_matches(['/', '#']);
    &trimmed[trimmed.rfind(['/', '#']).map_or(0, |i| i + 1)..]
}

fn index_by_tail<'a>(keys: impl Iterator<Item = &'a String>) -> BTreeMap<&'a str, Vec<&'a String>> {
    let mut index: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
    for k in keys {
        index.entry(tail(k)).or_default().push(k);
    }
    index
}

type Located = (String, Option<Depth>, SourceLocation);
/// A crosswalk entry's depth and row, as it spreads to the objects below.
type Label<'a> = (Option<Depth>, &'a SourceLocation);

/// The crosswalk mappings every competency object inherits: those of its
/// own identifier, and of every object it is narrower than or related to,
/// however far. For each competency, the nearest object that maps to it
/// gives the depth (the object itself first; at equal distance the deeper
/// depth); the list is ordered by distance, then as the crosswalk rows.
///
/// Computed with one breadth-first search per competency over the reversed
/// relations, O(competencies × relations), rather than one search per
/// outcome, which a chain of 100,000 `narrower` relations made quadratic.
/// The total is bounded by [`MAX_CELLS`]: a crosswalk and relations that
/// would give more mappings than that are refused.
struct Inherited {
    by_object: BTreeMap<String, Vec<Located>>,
}

impl Inherited {
    fn new(
        objects: &BTreeMap<String, Object>,
        up: &BTreeMap<String, Vec<String>>,
        crosswalk: &Crosswalk,
        file: &str,
    ) -> Result<Self> {
        let mut by_object: BTreeMap<String, Vec<Located>> = BTreeMap::new();
        if crosswalk.is_empty() {
            return Ok(Inherited { by_object });
        }
        // Every identifier: objects, and whatever relations name.
        let mut ids: BTreeMap<&str, usize> = BTreeMap::new();
        let names: Vec<&str> =
            objects
                .keys()
                .map(String::as_str)
                .chain(up.iter().flat_map(|(k, v)| {
                    std::iter::once(k.as_str()).chain(v.iter().map(String::as_str))
                }))
                .collect();
        let mut node_names: Vec<&str> = Vec::new();
        for name in names {
            ids.entry(name).or_insert_with(|| {
                node_names.push(name);
                node_names.len() - 1
            });
        }
        let n = node_names.len();
        // Reversed relations: who inherits from each node.
        let mut heirs: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (from, tos) in up {
            let f = ids[from.as_str()];
            for to in tos {
                heirs[ids[to.as_str()]].push(f);
            }
        }
        // Sources per competency: (node, depth, crosswalk row).
        let mut sources: BTreeMap<&str, Vec<(usize, Label)>> = BTreeMap::new();
        for (i, name) in node_names.iter().enumerate() {
            for (c, d, loc) in crosswalk.lookup(name) {
                sources.entry(c.as_str()).or_default().push((i, (*d, loc)));
            }
        }
        let mut found: Vec<Vec<(usize, Located)>> = vec![Vec::new(); n];
        let mut total = 0usize;
        let mut dist = vec![usize::MAX; n];
        let mut best: Vec<Option<Label>> = vec![None; n];
        for (competency, srcs) in &sources {
            let mut reached = Vec::new();
            let mut queue = VecDeque::new();
            for &(i, label) in srcs {
                if dist[i] != 0 {
                    dist[i] = 0;
                    reached.push(i);
                    queue.push_back(i);
                }
                best[i] = better(best[i], label);
            }
            while let Some(i) = queue.pop_front() {
                let label = best[i];
                for &h in &heirs[i] {
                    if dist[h] == usize::MAX {
                        dist[h] = dist[i] + 1;
                        reached.push(h);
                        queue.push_back(h);
                    }
                    if dist[h] == dist[i] + 1
                        && let Some(l) = label
                    {
                        best[h] = better(best[h], l);
                    }
                }
            }
            total += reached.len();
            if total > MAX_CELLS {
                bail!(
                    "`{file}`: its competency relations and the crosswalk give more than {} mappings; \
                     check the relations for a loop of `related` objects or split the file",
                    thousands(MAX_CELLS as u64)
                );
            }
            for i in reached {
                if let Some((d, loc)) = best[i] {
                    found[i].push((dist[i], ((*competency).to_owned(), d, loc.clone())));
                }
                dist[i] = usize::MAX;
                best[i] = None;
            }
        }
        for (i, mut list) in found.into_iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            list.sort_by(|a, b| (a.0, &a.1.2, &a.1.0).cmp(&(b.0, &b.1.2, &b.1.0)));
            by_object.insert(
                node_names[i].to_owned(),
                list.into_iter().map(|(_, l)| l).collect(),
            );
        }
        Ok(Inherited { by_object })
    }

    fn of(&self, entry: &str) -> Vec<Located> {
        self.by_object.get(entry).cloned().unwrap_or_default()
    }
}

/// Of two crosswalk entries at the same distance, the deeper depth, then
/// the earlier row.
fn better<'a>(current: Option<Label<'a>>, candidate: Label<'a>) -> Option<Label<'a>> {
    match current {
        Some(c)
            if (c.0, std::cmp::Reverse(c.1)) >= (candidate.0, std::cmp::Reverse(candidate.1)) =>
        {
            Some(c)
        }
        _ => Some(candidate),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture() -> Inventory {
        let bytes = include_bytes!("../../tests/fixtures/import/ci-nursing.xml");
        let mut problems = Vec::new();
        read(bytes, "ci.xml", &Crosswalk::default(), &mut problems).unwrap()
    }

    #[test]
    fn keeps_event_keywords_in_the_course_description() {
        let inventory = fixture();
        assert_eq!(inventory.program, "BSc Nursing (test)");
        let nur101 = inventory
            .records
            .iter()
            .find(|r| r.course_code.as_deref() == Some("NUR101"))
            .unwrap();
        assert_eq!(
            nur101.description.as_deref(),
            Some(
                "Introduces the data and tools of the modern ward. \
                 Keywords: Artificial Intelligence; Electronic Health Records."
            )
        );
    }

    #[test]
    fn finds_each_cycle_of_enclosing_blocks_once_from_its_first_member() {
        // 0 → 1 → 2 → 1 (a loop of 1 and 2 under 0), 3 → 4 → 3, 5 alone.
        let parent = BTreeMap::from([(0, 1), (1, 2), (2, 1), (3, 4), (4, 3)]);
        assert_eq!(parent_cycles(&parent, 6), [vec![1, 2], vec![3, 4]]);
        let chain: BTreeMap<usize, usize> = (0..100_000).map(|i| (i + 1, i)).collect();
        assert!(parent_cycles(&chain, 100_001).is_empty());
        let ring: BTreeMap<usize, usize> = (0..5).map(|i| (i, (i + 4) % 5)).collect();
        assert_eq!(parent_cycles(&ring, 5), [vec![0, 4, 3, 2, 1]]);
    }

    #[test]
    fn an_object_takes_the_depth_of_the_nearest_object_mapping_a_competency() {
        let bytes = b"expectation,competency,depth\nroot,C1,I\nroot,C2,I\nmid,C1,M\nleaf,C3,R\n";
        let table = crate::import::csv::read(bytes, "cw.csv").unwrap().0;
        let mut crosswalk = Crosswalk::default();
        crosswalk.add_table(&table).unwrap();
        let objects: BTreeMap<String, Object> = ["root", "mid", "leaf", "other"]
            .into_iter()
            .map(|k| {
                (
                    k.to_owned(),
                    Object {
                        title: k.to_owned(),
                        line: 1,
                    },
                )
            })
            .collect();
        // leaf narrower than mid, mid narrower than root; other related to leaf.
        let up = BTreeMap::from([
            (
                "leaf".to_owned(),
                vec!["mid".to_owned(), "other".to_owned()],
            ),
            ("mid".to_owned(), vec!["root".to_owned()]),
            ("other".to_owned(), vec!["leaf".to_owned()]),
        ]);
        let m = Inherited::new(&objects, &up, &crosswalk, "f.xml").unwrap();
        let got = |e: &str| -> Vec<(String, Option<Depth>)> {
            m.of(e).into_iter().map(|(c, d, _)| (c, d)).collect()
        };
        let d = |c: &str, d| (c.to_owned(), Some(d));
        use Depth::*;
        assert_eq!(
            got("leaf"),
            [d("C3", Reinforced), d("C1", Mastered), d("C2", Introduced)]
        );
        assert_eq!(
            got("other"),
            [d("C3", Reinforced), d("C1", Mastered), d("C2", Introduced)]
        );
        assert_eq!(got("mid"), [d("C1", Mastered), d("C2", Introduced)]);
        assert_eq!(got("root"), [d("C1", Introduced), d("C2", Introduced)]);
    }

    #[test]
    fn reads_event_durations_in_hours() {
        assert_eq!(duration_hours("PT2H"), Ok(2.0));
        assert_eq!(duration_hours("PT90M"), Ok(1.5));
        assert_eq!(duration_hours("PT1H30M"), Ok(1.5));
        assert_eq!(duration_hours("P1DT2H"), Ok(26.0));
        assert_eq!(duration_hours(" PT0.5H "), Ok(0.5));
        for bad in ["2H", "P", "PT", "P1M", "P1Y", "PTH", "PT-2H", "PT2X"] {
            assert!(duration_hours(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn extracts_reference_targets() {
        assert_eq!(
            reference_target("/CurriculumInventory/Events/Event[@id='E1']").as_deref(),
            Some("E1")
        );
        assert_eq!(
            reference_target(
                "/CurriculumInventory/Expectations/CompetencyObject[lom:lom/lom:general/lom:identifier/lom:entry='http://x/1']"
            )
            .as_deref(),
            Some("http://x/1")
        );
        assert_eq!(reference_target("nothing"), None);
    }
}
