//! Writing the canonical JSON of a report (report-format.md §5): serde's `Serialize` for
//! `Report`, and `cell_json`, the one rule for how a cell is written, which the binding's own
//! results writer uses too.

use super::Report;
use crate::schema;
use crate::value::CellValue;
use serde::ser::{Serialize, SerializeMap, Serializer};

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
            map.serialize_entry(table.key, &TableOut { report: self, table })?;
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
                    &RowOut { report: self.report, table: self.table, section, row: row.key },
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
            let index = schema::cell_index_of(self.table.key, self.row, column.key).expect("schema cell");
            map.serialize_entry(column.key, &CellOut(self.report.value(index), column.kind))?;
        }
        map.end()
    }
}

struct CellOut<'a>(&'a CellValue, schema::Kind);

impl Serialize for CellOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match cell_json(self.0, self.1) {
            CellJson::Null => serializer.serialize_none(),
            CellJson::Number(n) => serializer.serialize_i64(n),
            CellJson::Text(text) => serializer.serialize_str(&text),
        }
    }
}

/// Largest integer a JS number holds exactly.
pub const MAX_SAFE_INTEGER: i128 = (1 << 53) - 1;

/// How the canonical JSON writes a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellJson {
    Null,
    /// A count a JS number holds exactly.
    Number(i64),
    /// Anything else as typed, normalised: 万元 amounts, larger counts, what is not a number.
    Text(String),
}

/// A cell of `kind` holding `value`, as the canonical JSON writes it: the one rule for serde's
/// writer here and the binding's results writer (crates/nianbao-wasm/src/results.rs).
pub fn cell_json(value: &CellValue, kind: schema::Kind) -> CellJson {
    match (value, kind) {
        (CellValue::Blank, _) => CellJson::Null,
        (CellValue::Number(d), schema::Kind::Count) => match d.as_integer() {
            Some(i) if i.abs() <= MAX_SAFE_INTEGER => CellJson::Number(i as i64),
            _ => CellJson::Text(value.display()),
        },
        _ => CellJson::Text(value.display()),
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

#[cfg(test)]
mod tests {
    use super::{cell_json, CellJson, MAX_SAFE_INTEGER};
    use crate::schema::Kind;
    use crate::value::CellValue;

    #[test]
    fn a_count_is_a_number_while_a_js_number_holds_it_exactly() {
        let json = |value: &CellValue, kind| cell_json(value, kind);
        assert_eq!(json(&CellValue::Blank, Kind::Count), CellJson::Null);
        assert_eq!(json(&CellValue::from_integer(MAX_SAFE_INTEGER), Kind::Count), CellJson::Number((1 << 53) - 1));
        assert_eq!(json(&CellValue::from_integer(-MAX_SAFE_INTEGER), Kind::Count), CellJson::Number(1 - (1 << 53)));
        let over = CellValue::from_integer(MAX_SAFE_INTEGER + 1);
        assert_eq!(json(&over, Kind::Count), CellJson::Text("9007199254740992".into()));
        // 万元 amounts are text whatever they hold; so is what is not a number.
        assert_eq!(json(&CellValue::parse("12"), Kind::Amount), CellJson::Text("12".into()));
        assert_eq!(json(&CellValue::parse("1.5"), Kind::Count), CellJson::Text("1.5".into()));
        assert_eq!(json(&CellValue::parse("十二"), Kind::Count), CellJson::Text("十二".into()));
    }
}
