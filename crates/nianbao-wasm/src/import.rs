//! `importReport`: the importer of published reports, the module of its own that the form loads
//! on first use (feature `import`).

use super::{js_message, string_arg, to_js};
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
    let source = string_arg(&input, "importReport(text): the text")?;
    let mut imported = nianbao_import::import(&source).map_err(|e| JsError::new(&e))?;
    // The report's text is most of the result: rather than through JSON (escaped, then decoded
    // and parsed again), it is set afterwards, as a slice of the string given where it is one.
    // `text` is the report's last key, so the keys keep their order.
    let text = imported.report.text.take();
    let result = to_js(&ImportResult::from(imported))?;
    if let Some(text) = text {
        let value = input_slice(&input, &source, &text).unwrap_or_else(|| JsValue::from_str(&text));
        let key = |k: &str| JsValue::from_str(k);
        js_sys::Reflect::get(&result, &key("report"))
            .and_then(|report| js_sys::Reflect::set(&report, &key("text"), &value))
            .map_err(|e| JsError::new(&js_message(&e)))?;
    }
    Ok(result)
}

/// `text` as a slice of the JS string `input` (whose UTF-8 is `source`), when it is `source`
/// trimmed. Not when `source` has U+FFFD: it may stand for a lone surrogate of `input`.
fn input_slice(input: &JsValue, source: &str, text: &str) -> Option<JsValue> {
    let trimmed = source.trim();
    if trimmed != text || source.contains('\u{FFFD}') {
        return None;
    }
    let start = utf16_len(&source[..source.len() - source.trim_start().len()]);
    let end = start + utf16_len(trimmed);
    let input = input.dyn_ref::<js_sys::JsString>()?;
    Some(input.slice(u32::try_from(start).ok()?, u32::try_from(end).ok()?).into())
}

/// UTF-16 code units of `text`: one a character, two for those outside the BMP (4 bytes in UTF-8).
fn utf16_len(text: &str) -> usize {
    text.bytes().map(|b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0)).sum()
}
