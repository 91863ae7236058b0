//! The form's first module (feature `form`): the `Checker` alone, with no serde, no prose checks
//! and no unread cells, so that the page is ready after a small download. It opens the reports
//! the form itself writes (its drafts: `Checker.report()`), whose shape is simple; any other — an
//! unknown key, a year that is not one, cells an import could not read — is left to the full
//! module, which reads and reports on everything. The form loads that module on first use: prose
//! typed or restored (`textUnchecked`), last year's report, an import
//! (www/components/lifecycle.js).

use crate::{cell_ids, js_message, JsChecker};
use nianbao_core::check::{self, Options};
use nianbao_core::report::Report;
use nianbao_core::value::CellValue;
use wasm_bindgen::prelude::*;

// The download counts here, and talc is smaller than Rust's default allocator (dlmalloc) in wasm.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

// Reads a draft-shaped report: a plain object with only the report's keys, each table with every
// row of the schema and each row with every column, cells null, a safe integer or a string, the
// year a safe integer or its text (the form passes the year as typed), format/issuer/text strings
// (or null), reasons strings. Anything else returns undefined: not an error, a report for the full
// module. (Comments stay out of the JS.)
#[wasm_bindgen(inline_js = r#"
let paths = null, sizes = null;
export function set_cells(ids) {
  paths = ids.split(' ').map((id) => id.split('.'));
  sizes = new Map();
  for (const [table, row] of paths) {
    if (!sizes.has(table)) sizes.set(table, new Set());
    sizes.get(table).add(row);
    sizes.set(`${table}.${row}`, (sizes.get(`${table}.${row}`) ?? 0) + 1);
  }
}
const plain = (v) => typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
const KEYS = new Set(['format', 'year', 'issuer', 'text', 'reasons', 'proactive', 'requests', 'appeals']);
const text = (v) => (v == null ? null : typeof v === 'string' ? v : undefined);
function has(o, n) {
  if (!plain(o)) return false;
  for (const k in o) if (!Object.hasOwn(o, k) || --n < 0) return false;
  return n === 0;
}
export function read_draft(r) {
  if (!plain(r)) return undefined;
  for (const k in r) if (!Object.hasOwn(r, k) || !KEYS.has(k)) return undefined;
  for (const [key, n] of sizes) {
    const [table, row] = key.split('.');
    if (!has(row === undefined ? r[table] : r[table][row], row === undefined ? n.size : n)) return undefined;
  }
  const cells = paths.map(([table, row, column]) => r[table][row][column]);
  if (!cells.every((v) => v === null || typeof v === 'string' || Number.isSafeInteger(v))) return undefined;
  const [format, issuer, prose] = [text(r.format), text(r.issuer), text(r.text)];
  if (format === undefined || issuer === undefined || prose === undefined) return undefined;
  const year = r.year ?? null;
  if (!(year === null || typeof year === 'string' || Number.isSafeInteger(year))) return undefined;
  const reasons = [];
  if (r.reasons != null) {
    if (!plain(r.reasons)) return undefined;
    for (const id in r.reasons) {
      const reason = r.reasons[id];
      if (!Object.hasOwn(r.reasons, id) || text(reason) === undefined) return undefined;
      if (reason !== null) reasons.push(id, reason);
    }
  }
  return [cells, format, year, issuer, prose, reasons];
}
"#)]
extern "C" {
    fn set_cells(ids: &str);
    #[wasm_bindgen(catch)]
    fn read_draft(report: &JsValue) -> Result<JsValue, JsValue>;
}

/// The rule catalogue (`schema().rules` of the full module): what the form shows a finding by.
#[wasm_bindgen(unchecked_return_type = "Rule[]")]
pub fn rules() -> JsValue {
    crate::results::rules()
}

#[wasm_bindgen(js_class = Checker)]
impl JsChecker {
    /// A Checker for a report the form wrote (blank when null), `unread` the cells an import could
    /// not read; `undefined` when the report is not of that simple shape, or has unread cells: the
    /// full module reads it.
    /// Prose is kept but not checked (`textUnchecked`). Throws on what is not a list of cell ids.
    pub fn open(
        #[wasm_bindgen(unchecked_param_type = "Report | null")] report: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CellId[] | null")] unread: JsValue,
    ) -> Result<Option<JsChecker>, JsError> {
        // Unread cells come only from imports, which load the full checker: it holds them.
        if !unread.is_null() && !unread.is_undefined() {
            let list = unread
                .dyn_ref::<js_sys::Array>()
                .ok_or_else(|| JsError::new("Checker.open(report, unread): unread is an array of cell ids"))?;
            if list.length() > 0 {
                return Ok(None);
            }
        }
        let report = if report.is_null() || report.is_undefined() {
            Report::default()
        } else {
            match draft(&report)? {
                Some(report) => report,
                None => return Ok(None),
            }
        };
        Ok(Some(JsChecker { checker: check::Checker::new(report, Options::default()), last: None }))
    }

    /// Whether the report holds prose this module does not check: the full module does.
    #[wasm_bindgen(js_name = textUnchecked)]
    pub fn text_unchecked(&self) -> bool {
        self.checker.text_unchecked()
    }
}

/// The report in the form's own shape, as nianbao_core's reader would read it; `None` for any other.
fn draft(value: &JsValue) -> Result<Option<Report>, JsError> {
    // Once per instance (a static: one thread, and no thread-local storage code in the module).
    static CELLS_SENT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !CELLS_SENT.swap(true, std::sync::atomic::Ordering::Relaxed) {
        set_cells(&cell_ids());
    }
    let read =
        read_draft(value).map_err(|e| JsError::new(&format!("the report could not be read: {}", js_message(&e))))?;
    let Some(parts) = read.dyn_ref::<js_sys::Array>() else { return Ok(None) };
    let text = |k: u32| parts.get(k).as_string();
    // As the core's reader reads a year; one it cannot read is a finding only the full module gives.
    let year = parts.get(2);
    let year = match (year.as_f64(), year.as_string()) {
        (Some(y), _) => Some(y as i64), // a safe integer (read_draft)
        (None, Some(t)) => match t.trim().parse::<i64>() {
            Ok(y) => Some(y),
            Err(_) => return Ok(None),
        },
        (None, None) => None,
    };
    let mut report = Report { format: text(1), year, issuer: text(3), text: text(4), ..Report::default() };
    let cells = js_sys::Array::from(&parts.get(0));
    for (slot, cell) in report.values.iter_mut().zip(cells.iter()) {
        *slot = match (cell.as_f64(), cell.as_string()) {
            (Some(n), _) => CellValue::from_integer(n as i64 as i128),
            (None, Some(s)) => CellValue::parse(&s),
            (None, None) => CellValue::Blank,
        };
    }
    let reasons = js_sys::Array::from(&parts.get(5));
    for k in (0..reasons.length()).step_by(2) {
        if let (Some(id), Some(reason)) = (reasons.get(k).as_string(), reasons.get(k + 1).as_string()) {
            report.reasons.push((id, reason));
        }
    }
    Ok(Some(report))
}
