//! The canonical JSON of a report (report-format.md §5), read from any serde source — serde_json
//! natively, JS objects through serde-wasm-bindgen — without dropping anything silently.

use crate::schema::{self, cells, CellIndex, Label};
use crate::value::CellValue;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

mod map;
mod node;
mod write;

pub(crate) use map::{Entry, MapKeys};
pub use node::{Node, MAX_DEPTH};
pub use write::{cell_json, CellJson, MAX_SAFE_INTEGER};

/// Something in the input that does not fit the canonical shape.
#[derive(Debug, Clone, PartialEq)]
pub enum InputProblem {
    /// A key the format does not have, e.g. `requests.new.natual_person`; with the nearest real key.
    UnknownKey { path: String, nearest: Option<String> },
    /// An object was expected (a table or a row) or a text field got a number, etc.
    WrongType { path: String, expected: Label, found: String },
}

/// What a field should have been, in both languages.
const TEXT: Label = Label { zh: "文本", en: "text" };
const YEAR: Label = Label { zh: "年份（如 2024）", en: "a year such as 2024" };
const OBJECT: Label = Label { zh: "对象", en: "an object" };

/// A report: its metadata, the 200 cell values in schema order, and what did not fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub format: Option<String>,
    pub year: Option<i64>,
    pub issuer: Option<String>,
    pub text: Option<String>,
    /// The clerk's reason for each warning they confirmed, by finding id; kept and submitted.
    pub reasons: Vec<(String, String)>,
    pub values: Vec<CellValue>,
    pub problems: Vec<InputProblem>,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            format: None,
            year: None,
            issuer: None,
            text: None,
            reasons: Vec::new(),
            values: vec![CellValue::Blank; cells().len()],
            problems: Vec::new(),
        }
    }
}

const TOP_LEVEL_KEYS: &[&str] = &["format", "year", "issuer", "text", "proactive", "requests", "appeals"];

impl Report {
    pub fn value(&self, index: CellIndex) -> &CellValue {
        &self.values[index as usize]
    }

    fn text_field(&mut self, key: &str, value: &Node, expected: Label, numbers_too: bool) -> Option<String> {
        match value {
            Node::Null => None,
            Node::Text(t) => Some(t.clone()),
            Node::Integer(i) if numbers_too => Some(i.to_string()),
            other => {
                self.problems.push(InputProblem::WrongType {
                    path: key.to_string(),
                    expected,
                    found: other.describe(),
                });
                None
            }
        }
    }

    fn reasons_field(&mut self, value: &Node) -> Vec<(String, String)> {
        let entries = match value {
            Node::Map(entries) => entries,
            Node::Null => return Vec::new(),
            other => {
                let found = other.describe();
                self.problems.push(InputProblem::WrongType { path: "reasons".into(), expected: OBJECT, found });
                return Vec::new();
            }
        };
        let mut reasons = Vec::new();
        for (id, reason) in entries {
            match reason {
                Node::Text(text) => reasons.push((id.clone(), text.clone())),
                Node::Null => {}
                other => self.problems.push(InputProblem::WrongType {
                    path: format!("reasons.{id}"),
                    expected: TEXT,
                    found: other.describe(),
                }),
            }
        }
        reasons
    }

    /// The reason given for a warning, if any.
    pub fn reason(&self, finding_id: &str) -> Option<&str> {
        self.reasons.iter().find(|(id, _)| id == finding_id).map(|(_, r)| r.as_str()).filter(|r| !r.trim().is_empty())
    }

    /// Sets a metadata field (`issuer`, `year`, `text`, `format`) as a form would, from text.
    pub fn set_field(&mut self, key: &str, value: Option<String>) -> Result<(), String> {
        let value = value.filter(|v| !v.trim().is_empty());
        if ["issuer", "text", "format", "year"].contains(&key) {
            // What was of the wrong type is replaced, so its finding goes with it.
            self.problems.retain(|p| !matches!(p, InputProblem::WrongType { path, .. } if path == key));
        }
        match key {
            "issuer" => self.issuer = value,
            "text" => self.text = value,
            "format" => self.format = value,
            "year" => {
                // Typed as the clerk types it (２０２４ too); a year that is not one is a finding.
                self.year = match value.as_deref().map(CellValue::parse) {
                    None => None,
                    Some(CellValue::Number(d)) if d.as_integer().is_some_and(|y| (1000..=9999).contains(&y)) => {
                        d.as_integer().map(|y| y as i64)
                    }
                    Some(_) => {
                        let found = Node::Text(value.unwrap_or_default()).describe();
                        self.problems.push(InputProblem::WrongType { path: "year".into(), expected: YEAR, found });
                        None
                    }
                }
            }
            other => {
                return Err(format!(
                    "unknown field \"{}\"; the fields are issuer, year, text and format",
                    shorten(other, MAX_KEY)
                ))
            }
        }
        Ok(())
    }

    /// Records (or with `None`, withdraws) the reason for a warning.
    pub fn set_reason(&mut self, finding_id: &str, reason: Option<String>) {
        self.reasons.retain(|(id, _)| id != finding_id);
        if let Some(reason) = reason.filter(|r| !r.trim().is_empty()) {
            self.reasons.push((finding_id.to_string(), reason));
        }
    }

    fn year_field(&mut self, value: &Node) -> Option<i64> {
        let year = match value {
            Node::Null => return None,
            Node::Integer(i) => i64::try_from(*i).ok(),
            Node::Text(t) => t.trim().parse().ok(),
            _ => None,
        };
        if year.is_none() {
            self.problems.push(InputProblem::WrongType {
                path: "year".into(),
                expected: YEAR,
                found: value.describe(),
            });
        }
        year
    }

    fn unknown<'k>(&mut self, path: String, known: impl Iterator<Item = &'k str>) {
        // No key of the format is long: a long unknown one is shortened before it is quoted, and
        // compared with no name (a Levenshtein distance over megabytes would take seconds).
        let path = shorten(&path, MAX_KEY);
        let typed = path.rsplit('.').next().unwrap_or(&path);
        let nearest = known
            .filter(|_| typed.chars().count() <= MAX_KEY)
            .map(|k| (edit_distance(typed, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| match path.rsplit_once('.') {
                Some((parent, _)) => format!("{parent}.{k}"),
                None => k.to_string(),
            });
        self.problems.push(InputProblem::UnknownKey { path, nearest });
    }
}

/// Longer than any key of the format.
const MAX_KEY: usize = 64;

/// The first `max` characters, marked as cut when the text is longer.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text.get(..at).unwrap_or(text)), // `at` is a char boundary
        None => text.to_string(),
    }
}

/// Levenshtein distance, for "did you mean natural_person?".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            current.push((previous[j] + usize::from(ca != *cb)).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

impl Report {
    /// Reads a report from its JSON text, numbers exactly as written.
    pub fn from_json(text: &str) -> Result<Report, String> {
        let text = text.trim_start_matches('\u{feff}');
        serde_json::from_str(text).map_err(|e| match e.classify() {
            // Valid JSON that is not an object: name what it is instead.
            serde_json::error::Category::Data if !text.trim_start().starts_with('{') => {
                let found = serde_json::from_str::<Node>(text).map(|n| n.describe()).unwrap_or_default();
                format!("a report is an object such as {{\"format\": \"2021\", \"year\": 2024, …}}, not {found}")
            }
            _ => format!("the report is not valid JSON: {e}"),
        })
    }
}

// ---------------------------------------------------------------- reading, schema-aware
//
// The report is read straight into its cells as the parser meets each key: keys are borrowed,
// matched against the schema of the table and row being read, and the cell index is computed
// from their positions. Anything that does not fit becomes an `InputProblem`, never an error.

/// Reads a report from any serde source (serde_json natively, JSON text from JS).
impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut report = Report::default();
        deserializer.deserialize_any(ReportVisitor { report: &mut report })?;
        Ok(report)
    }
}

const REPORT_SHAPE: &str = "a report is an object such as {\"format\": \"2021\", \"year\": 2024, …}";

struct ReportVisitor<'a> {
    report: &'a mut Report,
}

impl<'de> Visitor<'de> for ReportVisitor<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a report: an object such as {\"format\": \"2021\", \"year\": 2024, …}")
    }
    // serde's default message would say "floating point"; the shape of a report is what helps.
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(format!("{REPORT_SHAPE}, not a number")))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let report = self.report;
        let mut entries = MapKeys::new(map);
        while let Some(entry) = entries.next()? {
            let key = match entry {
                Entry::Key(key) => key,
                Entry::Number(text) => {
                    return Err(de::Error::custom(format!("{REPORT_SHAPE}, not {}", Node::Number(text).describe())))
                }
                Entry::Skipped(key) => {
                    report.unknown(key.into_owned(), TOP_LEVEL_KEYS.iter().copied());
                    continue;
                }
            };
            let map = &mut entries.map;
            match key.as_ref() {
                "format" => report.format = report.text_field(&key, &map.next_value()?, TEXT, true),
                "issuer" => report.issuer = report.text_field(&key, &map.next_value()?, TEXT, false),
                "text" => report.text = report.text_field(&key, &map.next_value()?, TEXT, false),
                "year" => report.year = report.year_field(&map.next_value()?),
                "reasons" => report.reasons = report.reasons_field(&map.next_value()?),
                other => match schema::table(other) {
                    Some(table) => map.next_value_seed(ObjectSeed(TableEntries { report: &mut *report, table }))?,
                    None => {
                        map.next_value::<IgnoredAny>()?;
                        report.unknown(other.to_string(), TOP_LEVEL_KEYS.iter().copied());
                    }
                },
            }
        }
        Ok(())
    }
}

/// What an object of the report (a table, a row) does with each of its entries.
trait Entries {
    fn path(&self) -> String;
    fn report(&mut self) -> &mut Report;
    fn entry<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<(), A::Error>;
    /// Records a key the object does not have (its value is read by the caller).
    fn unknown(&mut self, key: &str);
}

/// Reads an object through its `Entries`; any other value is a wrong type, recorded and skipped.
struct ObjectSeed<T>(T);

impl<'de, T: Entries> DeserializeSeed<'de> for ObjectSeed<T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T: Entries> ObjectSeed<T> {
    fn wrong(mut self, found: String) {
        let path = self.0.path();
        self.0.report().problems.push(InputProblem::WrongType { path, expected: OBJECT, found });
    }
}

impl<'de, T: Entries> Visitor<'de> for ObjectSeed<T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(mut self, map: A) -> Result<(), A::Error> {
        let mut entries = MapKeys::new(map);
        while let Some(entry) = entries.next()? {
            match entry {
                Entry::Key(key) => self.0.entry(&key, &mut entries.map)?,
                Entry::Number(text) => {
                    self.wrong(Node::Number(text).describe());
                    return Ok(());
                }
                Entry::Skipped(key) => self.0.unknown(&key),
            }
        }
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(()) // a null table or row: its cells are blank
    }
    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.wrong(v.to_string());
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.wrong(v.to_string());
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.wrong(v.to_string());
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        self.wrong("a number".into());
        Ok(())
    }
    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.wrong(Node::Text(v.to_string()).describe());
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        self.wrong("[…]".into());
        Ok(())
    }
}

struct TableEntries<'a> {
    report: &'a mut Report,
    table: &'static schema::Table,
}

impl Entries for TableEntries<'_> {
    fn path(&self) -> String {
        self.table.key.to_string()
    }
    fn report(&mut self) -> &mut Report {
        self.report
    }
    fn entry<'de, A: MapAccess<'de>>(&mut self, row: &str, map: &mut A) -> Result<(), A::Error> {
        let first = schema::row_start(self.table, row);
        match first {
            Some((section, first)) => {
                let path = || format!("{}.{}", self.table.key, row);
                map.next_value_seed(ObjectSeed(RowEntries { report: &mut *self.report, section, first, path: &path }))
            }
            None => {
                map.next_value::<IgnoredAny>()?;
                self.unknown(row);
                Ok(())
            }
        }
    }
    fn unknown(&mut self, row: &str) {
        self.report.unknown(format!("{}.{}", self.table.key, row), self.table.rows().map(|r| r.key));
    }
}

struct RowEntries<'a> {
    report: &'a mut Report,
    section: &'static schema::Section,
    /// The index of the row's first cell; the others follow it in column order.
    first: CellIndex,
    path: &'a dyn Fn() -> String,
}

impl Entries for RowEntries<'_> {
    fn path(&self) -> String {
        (self.path)()
    }
    fn report(&mut self) -> &mut Report {
        self.report
    }
    fn entry<'de, A: MapAccess<'de>>(&mut self, column: &str, map: &mut A) -> Result<(), A::Error> {
        match self.section.columns.iter().position(|c| c.key == column) {
            Some(position) => {
                self.report.values[usize::from(self.first) + position] = map.next_value_seed(CellSeed)?;
            }
            None => {
                map.next_value::<IgnoredAny>()?;
                self.unknown(column);
            }
        }
        Ok(())
    }
    fn unknown(&mut self, column: &str) {
        let path = format!("{}.{}", (self.path)(), column);
        self.report.unknown(path, self.section.columns.iter().map(|c| c.key));
    }
}

/// One cell's value: a number (exact), a numeric string as typed, or null; anything else is kept
/// as text that is not a number.
struct CellSeed;

impl<'de> DeserializeSeed<'de> for CellSeed {
    type Value = CellValue;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<CellValue, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for CellSeed {
    type Value = CellValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number, a numeric string or null")
    }
    fn visit_unit<E>(self) -> Result<CellValue, E> {
        Ok(CellValue::Blank)
    }
    fn visit_none<E>(self) -> Result<CellValue, E> {
        Ok(CellValue::Blank)
    }
    fn visit_bool<E>(self, v: bool) -> Result<CellValue, E> {
        Ok(CellValue::Invalid(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<CellValue, E> {
        Ok(CellValue::from_integer(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<CellValue, E> {
        Ok(CellValue::from_integer(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<CellValue, E> {
        Ok(CellValue::from_f64(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<CellValue, E> {
        Ok(CellValue::parse(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<CellValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(CellValue::Invalid("[…]".into()))
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<CellValue, A::Error> {
        let mut entries = MapKeys::new(map);
        while let Some(entry) = entries.next()? {
            match entry {
                // A JSON number, exactly as written: 611.12810000000001, 1e3, 18446744073709551617.
                Entry::Number(text) => return Ok(CellValue::from_number_text(&text)),
                Entry::Key(_) => drop(entries.map.next_value::<IgnoredAny>()?),
                Entry::Skipped(_) => {}
            }
        }
        Ok(CellValue::Invalid("{…}".into()))
    }
}
