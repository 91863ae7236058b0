//! The canonical JSON of a report (report-format.md §5), read from any serde source — serde_json
//! natively, JS objects through serde-wasm-bindgen — without dropping anything silently.

use crate::schema::{self, cells, CellIndex, Label};
use crate::value::CellValue;
use serde::de::{
    self, Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde::ser::{Serialize, SerializeMap, Serializer};
use std::fmt;

/// Any JSON-like value, as read before it is matched against the schema. Reading into this first
/// lets a wrong type anywhere become a finding with its path instead of a failed parse.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    Text(String),
    List,
    Map(Vec<(String, Node)>),
    /// An object nested deeper than any report goes; its contents are not read.
    TooDeep,
    /// A value JSON has no word for (a JS function, symbol or bigint), described.
    Other(String),
}

/// A report nests three levels (table → row → column); nothing deeper is ever read, so hostile
/// input cannot exhaust the stack.
pub const MAX_DEPTH: u8 = 4;

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed { depth: 0 }.deserialize(deserializer)
    }
}

struct NodeSeed {
    depth: u8,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        if self.depth > MAX_DEPTH {
            deserializer.deserialize_ignored_any(IgnoredAny)?;
            return Ok(Node::TooDeep);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a report value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Integer(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Integer(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Integer(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Node::List)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(NodeSeed {
                depth: self.depth + 1,
            })?;
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }
}

impl Node {
    /// How the value is described to the clerk when it is of the wrong type.
    pub fn describe(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Bool(b) => b.to_string(),
            Node::Integer(i) => i.to_string(),
            Node::Float(f) => format!("{}", f),
            // Quote enough to recognise the value, never a whole pasted document.
            Node::Text(t) if t.chars().count() > 40 => {
                format!("\"{}…\"", t.chars().take(40).collect::<String>())
            }
            Node::Text(t) => format!("\"{}\"", t),
            Node::List => "[…]".into(),
            Node::Map(_) | Node::TooDeep => "{…}".into(),
            Node::Other(description) => description.clone(),
        }
    }

    fn cell_value(&self) -> CellValue {
        match self {
            Node::Null => CellValue::Blank,
            Node::Integer(i) => CellValue::from_integer(*i),
            Node::Float(f) => CellValue::from_f64(*f),
            Node::Text(t) => CellValue::parse(t),
            other => CellValue::Invalid(other.describe()),
        }
    }
}

/// Something in the input that does not fit the canonical shape.
#[derive(Debug, Clone, PartialEq)]
pub enum InputProblem {
    /// A key the format does not have, e.g. `requests.new.natual_person`; with the nearest real key.
    UnknownKey {
        path: String,
        nearest: Option<String>,
    },
    /// An object was expected (a table or a row) or a text field got a number, etc.
    WrongType {
        path: String,
        expected: Label,
        found: String,
    },
}

/// What a field should have been, in both languages.
const TEXT: Label = Label {
    zh: "文本",
    en: "text",
};
const YEAR: Label = Label {
    zh: "年份（如 2024）",
    en: "a year such as 2024",
};
const OBJECT: Label = Label {
    zh: "对象",
    en: "an object",
};

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

const TOP_LEVEL_KEYS: &[&str] = &[
    "format",
    "year",
    "issuer",
    "text",
    "proactive",
    "requests",
    "appeals",
];

impl Report {
    /// Reads a report from any serde source (serde_json, serde-wasm-bindgen …).
    pub fn from_node(node: &Node) -> Result<Report, String> {
        let Node::Map(entries) = node else {
            return Err(format!(
                "a report is an object such as {{\"format\": \"2021\", \"year\": 2024, …}}, not {}",
                node.describe()
            ));
        };
        let mut report = Report::default();
        for (key, value) in entries {
            match key.as_str() {
                "format" => report.format = report.text_field(key, value, TEXT, true),
                "issuer" => report.issuer = report.text_field(key, value, TEXT, false),
                "text" => report.text = report.text_field(key, value, TEXT, false),
                "year" => report.year = report.year_field(value),
                "reasons" => report.reasons = report.reasons_field(value),
                table_key => match schema::table(table_key) {
                    Some(table) => report.read_table(table, value),
                    None => report.unknown(key.clone(), TOP_LEVEL_KEYS.iter().copied()),
                },
            }
        }
        Ok(report)
    }

    pub fn value(&self, index: CellIndex) -> &CellValue {
        &self.values[index as usize]
    }

    fn text_field(
        &mut self,
        key: &str,
        value: &Node,
        expected: Label,
        numbers_too: bool,
    ) -> Option<String> {
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
        let Some(entries) = self.expect_object("reasons", value) else {
            return Vec::new();
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
        self.reasons
            .iter()
            .find(|(id, _)| id == finding_id)
            .map(|(_, r)| r.as_str())
            .filter(|r| !r.trim().is_empty())
    }

    /// Sets a metadata field (`issuer`, `year`, `text`, `format`) as a form would, from text.
    pub fn set_field(&mut self, key: &str, value: Option<String>) -> Result<(), String> {
        let value = value.filter(|v| !v.trim().is_empty());
        match key {
            "issuer" => self.issuer = value,
            "text" => self.text = value,
            "format" => self.format = value,
            "year" => {
                self.year = match value {
                    None => None,
                    Some(v) => Some(
                        v.trim()
                            .parse()
                            .map_err(|_| format!("year is a year such as 2024, not \"{v}\""))?,
                    ),
                }
            }
            other => {
                return Err(format!(
                    "unknown field \"{other}\"; the fields are issuer, year, text and format"
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

    fn read_table(&mut self, table: &'static schema::Table, node: &Node) {
        let Some(rows) = self.expect_object(table.key, node) else {
            return;
        };
        for (row_key, row_node) in rows {
            let path = format!("{}.{}", table.key, row_key);
            let Some(section) = table.section_of(row_key) else {
                self.unknown(path, table.rows().map(|r| r.key));
                continue;
            };
            let Some(columns) = self.expect_object(&path, row_node) else {
                continue;
            };
            for (column_key, cell_node) in columns {
                match schema::cell_index_of(table.key, row_key, column_key) {
                    Some(index) => self.values[index as usize] = cell_node.cell_value(),
                    None => self.unknown(
                        format!("{path}.{column_key}"),
                        section.columns.iter().map(|c| c.key),
                    ),
                }
            }
        }
    }

    fn expect_object<'n>(&mut self, path: &str, node: &'n Node) -> Option<&'n [(String, Node)]> {
        match node {
            Node::Map(entries) => Some(entries),
            Node::Null => None,
            other => {
                self.problems.push(InputProblem::WrongType {
                    path: path.to_string(),
                    expected: OBJECT,
                    found: other.describe(),
                });
                None
            }
        }
    }

    fn unknown<'k>(&mut self, path: String, known: impl Iterator<Item = &'k str>) {
        let typed = path.rsplit('.').next().unwrap_or(&path);
        let nearest = known
            .map(|k| (edit_distance(typed, k), k))
            .filter(|(d, k)| *d <= 2.max(k.len() / 3))
            .min_by_key(|(d, _)| *d)
            .map(|(_, k)| match path.rsplit_once('.') {
                Some((parent, _)) => format!("{parent}.{k}"),
                None => k.to_string(),
            });
        self.problems
            .push(InputProblem::UnknownKey { path, nearest });
    }
}

/// Levenshtein distance, for "did you mean natural_person?".
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            current.push(
                (previous[j] + usize::from(ca != *cb))
                    .min(previous[j + 1] + 1)
                    .min(current[j] + 1),
            );
        }
        previous = current;
    }
    previous[b.len()]
}

impl<'de> Deserialize<'de> for Report {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let node = Node::deserialize(deserializer)?;
        Report::from_node(&node).map_err(de::Error::custom)
    }
}

/// Writes the canonical JSON: counts as numbers, 万元 amounts as exact decimal strings, blanks as
/// null, and text that is not a number as typed (so a round trip loses nothing).
impl Serialize for Report {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", self.format.as_deref().unwrap_or(schema::FORMAT))?;
        if let Some(year) = self.year {
            map.serialize_entry("year", &year)?;
        }
        if let Some(issuer) = &self.issuer {
            map.serialize_entry("issuer", issuer)?;
        }
        for table in schema::TABLES {
            map.serialize_entry(
                table.key,
                &TableOut {
                    report: self,
                    table,
                },
            )?;
        }
        if let Some(text) = &self.text {
            map.serialize_entry("text", text)?;
        }
        if !self.reasons.is_empty() {
            map.serialize_entry("reasons", &Reasons(&self.reasons))?;
        }
        map.end()
    }
}

struct TableOut<'a> {
    report: &'a Report,
    table: &'static schema::Table,
}

impl Serialize for TableOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for section in self.table.sections {
            for row in section.rows {
                map.serialize_entry(
                    row.key,
                    &RowOut {
                        report: self.report,
                        table: self.table,
                        section,
                        row: row.key,
                    },
                )?;
            }
        }
        map.end()
    }
}

struct RowOut<'a> {
    report: &'a Report,
    table: &'static schema::Table,
    section: &'static schema::Section,
    row: &'static str,
}

impl Serialize for RowOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.section.columns.len()))?;
        for column in self.section.columns {
            let index =
                schema::cell_index_of(self.table.key, self.row, column.key).expect("schema cell");
            map.serialize_entry(column.key, &CellOut(self.report.value(index), column.kind))?;
        }
        map.end()
    }
}

struct CellOut<'a>(&'a CellValue, schema::Kind);

/// Largest integer a JS number holds exactly; larger counts are written as strings.
const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

impl Serialize for CellOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self.0, self.1) {
            (CellValue::Blank, _) => serializer.serialize_none(),
            (CellValue::Number(d), schema::Kind::Count) => match d.as_integer() {
                Some(i) if i.abs() <= MAX_SAFE_INTEGER => serializer.serialize_i64(i as i64),
                _ => serializer.serialize_str(&d.to_string()),
            },
            (value, _) => serializer.serialize_str(&value.display()),
        }
    }
}

struct Reasons<'a>(&'a [(String, String)]);

impl Serialize for Reasons<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (id, reason) in self.0 {
            map.serialize_entry(id, reason)?;
        }
        map.end()
    }
}
