//! The JS boundary: conversions between JS values and the core, and nothing else.
//!
//! Reports cross as JSON text — one crossing, parsed by serde_json — rather than one crossing per
//! key, which is what made whole checks slow. Report text given as a string goes to the core as it
//! is, so its numbers arrive exactly as written; an object is written as JSON text first (see
//! `report_json`), or its cells as numbers (`read_cells`). Results — findings, totals, values, the
//! report — come back built by JS from numbers and text (src/results.rs); the schema as JSON text.
//!
//! Three features make three modules of one crate (scripts/build.mjs builds each): `checker` — the
//! package (check, schema, Checker …); `form` — the form's first module, the Checker alone with no
//! serde and no prose checks (src/form.rs), so that the page is ready after a small download; and
//! `import`, the importer of published reports (`importReport`, src/import.rs), loaded on first
//! use. `checker` and `import` are on by default (tests, docs).
// A build of one feature leaves the other's helpers unused.
#![cfg_attr(not(all(feature = "checker", feature = "import")), allow(dead_code, unused_imports))]

#[cfg(feature = "form")]
mod form;
#[cfg(feature = "import")]
mod import;
#[cfg(any(feature = "checker", feature = "form"))]
mod results;
#[cfg(feature = "import")]
pub use import::{import_report, ImportResult};

use nianbao_core::check::{self, Changes, Options};
use nianbao_core::report::Report;
use nianbao_core::schema::{cell_index, cells, CellIndex};
use nianbao_core::value::CellValue;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// `Report`, `CellId` and the table interfaces, generated from the schema by build.rs.
#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/report.d.ts"));

/// What the functions return and take besides the report (`CheckResult`, `Schema`, `Options` …),
/// declared by hand; tests/typescript.rs fails when the core serialises a field not declared here.
#[wasm_bindgen(typescript_custom_section)]
const RESULT_TYPES: &str = include_str!("types.d.ts");

// A report given as an object crosses as JSON text. JSON.stringify writes a number as its shortest
// round-trip text, which the core reads exactly; the replacer keeps what it would write as null or
// drop — NaN, Infinity, functions, symbols — visible, so the cell they sit in is reported as not a
// number, and sends a bigint as its digits. A string with half a surrogate pair is sent with U+FFFD
// in its place, as wasm-bindgen reads any string passed to `set` or `setField` (JSON.stringify would
// write it as an escape that no JSON reader takes).
//
// - read_cells writes through its own view of wasm memory (no view made and checked from Rust).
// - set_layout makes each key a property key once, so that V8 holds it internalized, as the
//   report's own keys are: compared by pointer, not by content (read_cells took half the time of
//   a clean check without).
// - Tables and rows are walked with for…in, which V8 reads fast, in their own key order: the
//   schema's order is tried first, any other found by search; a key not the schema's, or one
//   missing, sends the report the whole way. readRow returns whether a cell needs the replacer.
// - rest is a plain object, which JSON.stringify writes faster than a null-prototype one; so an own
//   "__proto__" key (it would set rest's prototype) sends the report the whole way.
// These comments stay out of the JS, which the form downloads.
#[wasm_bindgen(inline_js = r#"
const replacer = (key, v) => {
  switch (typeof v) {
    case 'number': return Number.isFinite(v) ? v : String(v);
    case 'bigint': return String(v);
    case 'string': return v.isWellFormed?.() === false ? v.toWellFormed() : v;
    case 'function': case 'symbol': return `[${typeof v}]`;
    default: return v;
  }
};
export function report_json(value) {
  return JSON.stringify(value, replacer);
}

let layout = null, memory = null, cellCount = 0;
export function set_layout(ids, wasmMemory) {
  const tables = [];
  const list = ids.split(' ');
  memory = wasmMemory;
  cellCount = list.length;
  list.forEach((id, index) => {
    const [table, row, column] = id.split('.').map((key) => Object.keys({ [key]: 0 })[0]);
    if (tables.at(-1)?.key !== table) tables.push({ key: table, rows: [] });
    const rows = tables.at(-1).rows;
    if (rows.at(-1)?.key !== row) rows.push({ key: row, columns: [], start: index });
    rows.at(-1).columns.push(column);
  });
  layout = tables;
}
const plainObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && v.toJSON === undefined;
// What JSON.stringify writes as itself, so that the rest needs no replacer (which is slow).
const asItself = (v) => v === null || (typeof v === 'string' && v.isWellFormed?.() !== false) || (typeof v === 'number' && Number.isFinite(v));
function readRow(r, row, out, rest, table) {
  const { columns, start } = row;
  let next = 0;
  let seen = 0;
  let plain = true;
  for (const column in r) {
    let c = next;
    if (columns[c] !== column && (c = columns.indexOf(column)) < 0) return undefined;
    next = c + 1;
    seen++;
    const v = r[column];
    if (v === null) out[start + c] = NaN;
    else if (Number.isSafeInteger(v)) out[start + c] = v;
    else if (v === undefined) return undefined;
    else {
      out[start + c] = Infinity;
      ((rest[table] ??= {})[row.key] ??= {})[column] = v;
      plain &&= asItself(v);
    }
  }
  return seen === columns.length ? plain : undefined;
}
export function read_cells(report, at) {
  if (!plainObject(report)) return undefined;
  const out = new Float64Array(memory.buffer, at, cellCount);
  const rest = {};
  let plain = true;
  let tables = 0;
  for (const key in report) {
    if (!Object.hasOwn(report, key)) continue;
    if (key === '__proto__') return undefined;
    let table;
    for (let i = 0; i < layout.length; i++) if (layout[i].key === key) table = layout[i];
    if (table === undefined) {
      rest[key] = report[key];
      plain &&= asItself(rest[key]);
      continue;
    }
    const t = report[key];
    if (!plainObject(t)) return undefined;
    tables++;
    const rows = table.rows;
    let next = 0;
    let seen = 0;
    for (const rowKey in t) {
      let q = next;
      if (rows[q]?.key !== rowKey && (q = rows.findIndex((r) => r.key === rowKey)) < 0) return undefined;
      next = q + 1;
      seen++;
      const r = t[rowKey];
      if (!plainObject(r)) return undefined;
      const rowPlain = readRow(r, rows[q], out, rest, key);
      if (rowPlain === undefined) return undefined;
      plain &&= rowPlain;
    }
    if (seen !== rows.length) return undefined;
  }
  if (tables !== layout.length || out.length === 0) return undefined;
  return plain ? JSON.stringify(rest) : JSON.stringify(rest, replacer);
}
"#)]
extern "C" {
    /// Throwing getters, proxies and cycles come back as an `Err` instead of unwinding through
    /// wasm frames (which would leave a `Checker` borrowed for good).
    #[wasm_bindgen(catch)]
    fn report_json(value: &JsValue) -> Result<JsValue, JsValue>;
    fn set_layout(ids: &str, memory: &JsValue);
    #[wasm_bindgen(catch)]
    fn read_cells(report: &JsValue, numbers: *mut f64) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

#[cfg(feature = "checker")]
/// Checks a report (an object in the canonical JSON shape, or its JSON text).
#[wasm_bindgen(unchecked_return_type = "CheckResult")]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let report = report_from_js(&report)?;
    Ok(results::check_result(&check::check_owned(report, options_from_js(options)?)))
}

#[cfg(feature = "checker")]
/// The tables, cells and rules of the 2021 format.
#[wasm_bindgen(unchecked_return_type = "Schema")]
pub fn schema() -> Result<JsValue, JsError> {
    to_js(&nianbao_core::describe::schema())
}

#[cfg(feature = "checker")]
/// What identifies an issuer when pairing a report with last year's: its name without spaces. Two
/// names are the same agency exactly when their keys are equal.
#[wasm_bindgen(js_name = issuerKey)]
pub fn issuer_key(#[wasm_bindgen(unchecked_param_type = "string")] name: JsValue) -> Result<String, JsError> {
    let name = name.as_string().ok_or_else(|| JsError::new("issuerKey(name): name must be a string"))?;
    Ok(check::issuer_key(&name))
}

#[cfg(feature = "checker")]
/// The index of a cell id in `schema().cells`, for `Checker.setAt`.
#[wasm_bindgen(js_name = cellIndex)]
pub fn cell_index_js(#[wasm_bindgen(unchecked_param_type = "CellId")] cell: JsValue) -> Result<u32, JsError> {
    cell_arg(&cell).map(u32::from)
}

#[cfg(any(feature = "checker", feature = "form"))]
/// Holds a report in wasm memory for a form: one `set` per keystroke returns only what changed.
#[wasm_bindgen(js_name = Checker)]
pub struct JsChecker {
    checker: check::Checker,
    /// What the last `setAt` changed, handed over only when asked for.
    last: Option<Changes>,
}

#[cfg(any(feature = "checker", feature = "form"))]
/// `setAt` flags: findings changed, totals changed, and the cell reads otherwise than the string
/// typed (so the caller asks `value` only then, not on every keystroke).
const FINDINGS_CHANGED: u32 = 1;
#[cfg(any(feature = "checker", feature = "form"))]
const TOTALS_CHANGED: u32 = 2;
#[cfg(any(feature = "checker", feature = "form"))]
const READS_OTHERWISE: u32 = 4;

#[cfg(any(feature = "checker", feature = "form"))]
#[wasm_bindgen(js_class = Checker)]
impl JsChecker {
    /// Starts from a report (blank when omitted).
    #[cfg(feature = "checker")]
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "Report | string | null")] report: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
    ) -> Result<JsChecker, JsError> {
        let report =
            if report.is_undefined() || report.is_null() { Report::default() } else { report_from_js(&report)? };
        Ok(JsChecker { checker: check::Checker::new(report, options_from_js(options)?), last: None })
    }

    /// Sets one cell as typed (number, string, or null for blank) and returns what changed.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(unchecked_return_type = "Changes")]
    pub fn set(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CellId")] cell: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CellInput | undefined")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        let index = cell_arg(&cell)?;
        Ok(results::changes(&self.checker.set(index, cell_value_from_js(&value))))
    }

    /// The keystroke path: sets the cell at `index` (see `cellIndex`) and returns flags — 1: findings
    /// changed, 2: totals changed (0 and 4: nothing to redraw); `lastChanges()` has the details. 4:
    /// the cell's `value` is not the string passed (trimmed or normalised, as 「 1２ 」 reads 12), so a
    /// form that shows the value asks for it only then; never set for a number or null.
    #[wasm_bindgen(js_name = setAt)]
    pub fn set_at(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "CellInput | undefined")] value: JsValue,
    ) -> Result<u32, JsError> {
        // Checked here, not converted by the glue: ToUint32 would turn -1 or 1.5 into another cell.
        let cell = index
            .as_f64()
            .filter(|i| i.fract() == 0.0 && *i >= 0.0 && (*i as usize) < cells().len())
            .map(|i| i as CellIndex)
            .ok_or_else(|| {
                JsError::new(&format!(
                    "no cell at index {}; an index is a whole number from 0 to {} (see cellIndex)",
                    describe(&index),
                    cells().len() - 1
                ))
            })?;
        // A string (what a form passes) is read once, and kept to compare with the value it makes.
        let typed = value.as_string();
        let parsed = typed.as_deref().map_or_else(|| cell_value_from_js(&value), CellValue::parse);
        let changes = self.checker.set(cell, parsed);
        let reads_otherwise = typed.is_some_and(|text| self.checker.report().value(cell).display() != text);
        let flags = if changes.changed.is_empty() && changes.resolved.is_empty() { 0 } else { FINDINGS_CHANGED }
            | if changes.totals.is_empty() { 0 } else { TOTALS_CHANGED }
            | if reads_otherwise { READS_OTHERWISE } else { 0 };
        self.last = Some(changes);
        Ok(flags)
    }

    /// What the last `setAt` changed.
    #[wasm_bindgen(js_name = lastChanges, unchecked_return_type = "Changes | null")]
    pub fn last_changes(&self) -> JsValue {
        match &self.last {
            Some(changes) => results::changes(changes),
            None => JsValue::NULL,
        }
    }

    /// Every finding, counts and suggestions for the report as it stands.
    #[wasm_bindgen(unchecked_return_type = "CheckResult")]
    pub fn result(&self) -> JsValue {
        results::check_result(&self.checker.result())
    }

    /// The computed value (sum of its parts) of every total cell.
    #[wasm_bindgen(unchecked_return_type = "Total[]")]
    pub fn totals(&self) -> JsValue {
        results::totals(&self.checker.totals())
    }

    /// The report as canonical JSON (a plain object), with every cell as typed.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> JsValue {
        results::report(self.checker.report())
    }

    /// Sets `issuer`, `year`, `text` or `format` (null or "" clears it) and returns what changed.
    #[wasm_bindgen(js_name = setField, unchecked_return_type = "Changes")]
    pub fn set_field(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"issuer\" | \"year\" | \"text\" | \"format\"")] key: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | number | null | undefined")] value: JsValue,
    ) -> Result<JsValue, JsError> {
        let key = string_arg(&key, "setField(key, value): the key")?;
        let value = optional_text_arg(&value, "setField(key, value): the value")?;
        let changes = self.checker.set_field(&key, value).map_err(|e| JsError::new(&e))?;
        Ok(results::changes(&changes))
    }

    /// Loads last year's report (or with null, forgets it) for the cross-year rules.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(js_name = setPrevious, unchecked_return_type = "Changes")]
    pub fn set_previous(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report | string | null")] previous: JsValue,
    ) -> Result<JsValue, JsError> {
        let previous =
            if previous.is_null() || previous.is_undefined() { None } else { Some(report_from_js(&previous)?) };
        Ok(results::changes(&self.checker.set_previous(previous)))
    }

    /// Marks the cells an import could not read (replacing the last list): their sums are not
    /// assessable, and they are not blank. Typing into one makes it read.
    #[cfg(feature = "checker")]
    #[wasm_bindgen(js_name = setUnread, unchecked_return_type = "Changes")]
    pub fn set_unread(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CellId[]")] cells: JsValue,
    ) -> Result<JsValue, JsError> {
        let array = cells.dyn_ref::<js_sys::Array>().ok_or_else(|| {
            JsError::new(&format!("setUnread(cells): cells is an array of cell ids, not {}", describe(&cells)))
        })?;
        let cells = array.iter().map(|c| cell_arg(&c)).collect::<Result<Vec<_>, _>>()?;
        Ok(results::changes(&self.checker.set_unread(&cells)))
    }

    /// Records the reason the clerk gives for a warning (null or "" withdraws it).
    #[wasm_bindgen(js_name = setReason)]
    pub fn set_reason(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] finding_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string | null | undefined")] reason: JsValue,
    ) -> Result<(), JsError> {
        let finding_id = string_arg(&finding_id, "setReason(findingId, reason): the finding id")?;
        let reason = optional_text_arg(&reason, "setReason(findingId, reason): the reason")?;
        self.checker.set_reason(&finding_id, reason);
        Ok(())
    }

    /// Warnings that still need a reason before the report may be submitted.
    #[wasm_bindgen(js_name = unexplainedWarnings, unchecked_return_type = "Finding[]")]
    pub fn unexplained_warnings(&self) -> JsValue {
        results::findings(&self.checker.unexplained_warnings())
    }

    /// One cell's value as the clerk typed it, normalised ("" for blank).
    pub fn value(&self, #[wasm_bindgen(unchecked_param_type = "CellId")] cell: JsValue) -> Result<String, JsError> {
        let index = cell_arg(&cell)?;
        Ok(self.checker.report().value(index).display())
    }

    /// Every cell's `value`, in the order of `schema().cells`: one call where a form filling itself
    /// from a new Checker would make 200.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn values(&self) -> JsValue {
        results::values(self.checker.report())
    }
}

/// Any result, as a plain JS value: serialised once, parsed once by the engine.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text =
        serde_json::to_string(value).map_err(|e| JsError::new(&format!("the result could not be written: {e}")))?;
    js_sys::JSON::parse(&text).map_err(|e| JsError::new(&js_message(&e)))
}

/// Every cell id, in the order of `cells()`, one space between: how the inline JS learns the schema's
/// cells (once per instance).
fn cell_ids() -> String {
    cells().iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(" ")
}

/// A report or options object from JS as JSON text for the core.
fn object_json(value: &JsValue, what: &str) -> Result<String, JsError> {
    let json =
        report_json(value).map_err(|e| JsError::new(&format!("{what} could not be read: {}", js_message(&e))))?;
    Ok(json.as_string().unwrap_or_else(|| "null".into())) // undefined and the like
}

/// A report from JS: its JSON text read by the core as it is (a leading BOM skipped), or an object.
fn report_from_js(value: &JsValue) -> Result<Report, JsError> {
    let report = match value.as_string() {
        Some(text) => Report::from_json(&text),
        None => match report_from_cells(value) {
            Some(report) => return Ok(report),
            None => Report::from_json(&object_json(value, "the report")?),
        },
    };
    report.map_err(|e| JsError::new(&e))
}

/// The quick way in (see `read_cells`): `None` sends the report the whole way, as JSON text.
fn report_from_cells(value: &JsValue) -> Option<Report> {
    // Once per instance (a static: one thread, and no thread-local storage code in the module).
    static LAYOUT_SENT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !LAYOUT_SENT.swap(true, std::sync::atomic::Ordering::Relaxed) {
        set_layout(&cell_ids(), &wasm_bindgen::memory());
    }
    let mut numbers = vec![f64::NAN; cells().len()];
    // JS writes the numbers through its own view of wasm memory at `numbers`, which lives until
    // after the call. A getter of the report that calls into wasm again may grow its memory, which
    // detaches that view (writes to it then go nowhere): JS sees that by the view's length and
    // returns undefined, and the report is then read the whole way instead.
    let rest = read_cells(value, numbers.as_mut_ptr()).ok()?.as_string()?;
    let mut report = Report::from_json(&rest).ok()?;
    for (value, number) in report.values.iter_mut().zip(numbers) {
        // Safe integers only: exact in an f64, and in an i128. Infinity: read from `rest` above.
        if number.is_nan() {
            *value = CellValue::Blank;
        } else if number.is_finite() {
            // Through i64 (safe integers fit): f64 to i128 is a call in wasm, to i64 one instruction.
            *value = CellValue::from_integer(number as i64 as i128);
        }
    }
    Some(report)
}

fn options_from_js(options: Option<JsValue>) -> Result<Options, JsError> {
    let Some(options) = options.filter(|o| !o.is_undefined()) else {
        return Ok(Options::default());
    };
    let read = match options.as_string() {
        Some(text) => serde_json::from_str(text.trim_start_matches('\u{feff}')),
        None => serde_json::from_str(&object_json(&options, "check options")?),
    };
    read.map_err(|e| {
        JsError::new(&match e.classify() {
            serde_json::error::Category::Data => format!("check options: {e}"),
            _ => format!("check options is not valid JSON: {e}"),
        })
    })
}

/// A value from a form input or a JS object: integers exactly, other numbers through the shortest
/// decimal text JS gives them, text as typed.
fn cell_value_from_js(value: &JsValue) -> CellValue {
    const MAX_SAFE_INTEGER: f64 = nianbao_core::report::MAX_SAFE_INTEGER as f64;
    if value.is_null() || value.is_undefined() {
        CellValue::Blank
    } else if let Some(number) = value.as_f64() {
        if number.is_finite() && number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER {
            CellValue::from_integer(number as i128)
        } else {
            // NaN and Infinity come back as themselves and are not numbers; 1e21 keeps its exponent.
            let text: String =
                js_sys::Number::from(number).to_string_with_radix(10).map(String::from).unwrap_or_default();
            CellValue::from_number_text(&text)
        }
    } else if let Some(text) = value.as_string() {
        CellValue::parse(&text)
    } else if value.is_bigint() {
        // 10n is the number 10, as it is when a report carrying it is checked whole.
        let digits: String =
            js_sys::BigInt::unchecked_from_js_ref(value).to_string(10).map(String::from).unwrap_or_default();
        CellValue::parse(&digits)
    } else {
        CellValue::Invalid(value.js_typeof().as_string().unwrap_or_default())
    }
}

fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => e.message().into(),
        None => error.as_string().unwrap_or_else(|| "a value was thrown".into()),
    }
}

/// String arguments are taken as `JsValue` and checked here: the glue for `&str` reads `.length`
/// of whatever it is given, and a number or an object there makes the module trap.
fn string_arg(value: &JsValue, what: &str) -> Result<String, JsError> {
    value.as_string().ok_or_else(|| JsError::new(&format!("{what} must be a string, not {}", describe(value))))
}

/// A text field: a string, or null/undefined/"" for none; a number is taken as its digits.
fn optional_text_arg(value: &JsValue, what: &str) -> Result<Option<String>, JsError> {
    if value.is_null() || value.is_undefined() {
        return Ok(None);
    }
    if let Some(number) = value.as_f64().filter(|n| n.is_finite()) {
        return Ok(js_sys::Number::from(number).to_string_with_radix(10).ok().map(String::from));
    }
    string_arg(value, what).map(Some)
}

fn cell_arg(cell: &JsValue) -> Result<CellIndex, JsError> {
    let id = string_arg(cell, "a cell id")?;
    cell_index(&id).ok_or_else(|| {
        let example = &cells()[0].id;
        JsError::new(&format!(
            "unknown cell id {}: a cell id is table.row.column, such as \"{example}\" or \"requests.new.natural_person\"",
            describe(cell)
        ))
    })
}

/// A JS value as a message quotes it: short, whatever its size.
fn describe(value: &JsValue) -> String {
    match value.as_string() {
        Some(text) if text.chars().count() > 40 => {
            format!("\"{}…\" ({} characters)", text.chars().take(40).collect::<String>(), text.chars().count())
        }
        Some(text) => format!("\"{text}\""),
        None if value.is_null() => "null".into(),
        None => match value.as_f64() {
            Some(n) => js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default(),
            None => value.js_typeof().as_string().unwrap_or_default(),
        },
    }
}
