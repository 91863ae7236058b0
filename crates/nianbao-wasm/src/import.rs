//! `importReport`: the importer of published reports, the module of its own that the form loads
//! on first use (feature `import`).

use super::{string_arg, to_js};
use nianbao_core::report::Report;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What `importReport` recovered from a published report's text or HTML.
#[derive(Serialize)]
pub struct ImportResult {
    report: Report,
    /// Numbers that could not be placed in a row, with their line.
    unplaced: Vec<nianbao_import::Unplaced>,
    /// Rows not read (`requests.disclosed`): label not found, or numbers that did not fit.
    missing_rows: Vec<String>,
    /// Cells not read: pass them to `check(report, { unread })`.
    unread: Vec<String>,
    /// Rows found by a label other than the official one.
    matched: Vec<nianbao_import::Matched>,
    /// Rows printed as one digit string and split the one way their sums allow.
    split: Vec<nianbao_import::Split>,
}

impl From<nianbao_import::Imported> for ImportResult {
    fn from(imported: nianbao_import::Imported) -> Self {
        let nianbao_import::Imported { report, unplaced, missing_rows, unread, matched, split } = imported;
        ImportResult { report, unplaced, missing_rows, unread, matched, split }
    }
}

/// Reads a published report (text copied from a page or Word, PDF-extracted text, Markdown or
/// HTML) into the canonical JSON. Throws when no table can be found.
#[wasm_bindgen(js_name = importReport, unchecked_return_type = "ImportResult")]
pub fn import_report(#[wasm_bindgen(unchecked_param_type = "string")] input: JsValue) -> Result<JsValue, JsError> {
    let input = string_arg(&input, "importReport(text): the text")?;
    let imported = nianbao_import::import(&input).map_err(|e| JsError::new(&e))?;
    to_js(&ImportResult::from(imported))
}
