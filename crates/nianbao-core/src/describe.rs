//! The format described for clients: the tables (from [`crate::schema`], the leaf) joined with the
//! rule catalogue and the sum rules (from [`crate::rules`]), as `schema()` hands it to JS, the form
//! and the CLI. It sits above both so that neither needs the other.

use crate::rules::{self, Rule};
use crate::schema::{cells, CellIndex, Kind, Table, FORMAT, TABLES};
use serde::Serialize;

/// The schema as handed to JS and to the form: tables, rules and every cell with its labels.
#[derive(Debug, Serialize)]
pub struct Schema {
    pub format: &'static str,
    pub tables: &'static [Table],
    pub cells: Vec<CellInfo>,
    /// Every row with its full label, so that no client rebuilds 「（三）不予公开 1.属于国家秘密」.
    pub rows: Vec<RowInfo>,
    pub rules: &'static [Rule],
}

#[derive(Debug, Serialize)]
pub struct RowInfo {
    /// `table.row`, e.g. `requests.withheld_state_secret`.
    pub id: String,
    pub table: &'static str,
    pub row: &'static str,
    /// The row as printed with the group that qualifies it: 「（三）不予公开 1.属于国家秘密」.
    pub label: String,
    pub label_en: String,
}

#[derive(Debug, Serialize)]
pub struct CellInfo {
    pub id: String,
    pub table: &'static str,
    pub row: &'static str,
    pub column: &'static str,
    pub kind: Kind,
    /// 「（一）予以公开」「自然人」, as messages name it.
    pub label: String,
    pub label_en: String,
    /// Whether it is a total that the sum rules compute from other cells.
    pub total: bool,
    /// For a total: the cells it adds up (the parts of the first sum rule that computes it).
    pub parts: Vec<String>,
}

pub fn schema() -> Schema {
    let computed = rules::total_cells();
    Schema {
        format: FORMAT,
        tables: TABLES,
        cells: cells()
            .iter()
            .enumerate()
            .map(|(i, c)| CellInfo {
                id: c.id.clone(),
                table: c.table.key,
                row: c.row.key,
                column: c.column.key,
                kind: c.kind(),
                label: c.label(false),
                label_en: c.label(true),
                total: computed.contains(&(i as CellIndex)),
                parts: rules::parts_of(i as CellIndex).into_iter().map(|p| cells()[p as usize].id.clone()).collect(),
            })
            .collect(),
        rows: cells()
            .iter()
            .filter(|c| std::ptr::eq(c.column, &c.table.section_of(c.row.key).expect("a cell's row").columns[0]))
            .map(|c| RowInfo {
                id: format!("{}.{}", c.table.key, c.row.key),
                table: c.table.key,
                row: c.row.key,
                label: c.row_label(false),
                label_en: c.row_label(true),
            })
            .collect(),
        rules: rules::RULES,
    }
}
