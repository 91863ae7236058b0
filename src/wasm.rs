//! The JS boundary: conversions between JS values and the core, and nothing else.

use crate::check::{self, Changes, CheckResult, Finding, Options, Total};
use crate::report::{Node, Report};
use crate::schema::{self, cell_index, cells, Schema};
use crate::value::CellValue;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const REPORT_TYPES: &str = include_str!(concat!(env!("OUT_DIR"), "/report.d.ts"));

#[wasm_bindgen(start)]
fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// Checks a report (an object in the canonical JSON shape, or its JSON text).
#[wasm_bindgen]
pub fn check(
    #[wasm_bindgen(unchecked_param_type = "Report | string")] report: JsValue,
    options: Option<Ts<Options>>,
) -> Result<Ts<CheckResult>, JsError> {
    let report = report_from_js(report)?;
    Ok(check::check(&report, options_from_js(options)?).into_ts()?)
}

/// The tables, cells and rules of the 2021 format.
#[wasm_bindgen]
pub fn schema() -> Result<Ts<Schema>, JsError> {
    Ok(schema::schema().into_ts()?)
}

/// What `importReport` recovered from a published report's text or HTML.
#[derive(serde::Serialize, Tsify)]
#[tsify(missing_as_null, hashmap_as_object)]
pub struct ImportResult {
    #[tsify(type = "Report")]
    report: Report,
    /// Numbers that could not be placed in a row, with their line.
    unplaced: Vec<crate::import::Unplaced>,
    /// Rows whose label was not found (`requests.disclosed`); their cells stay blank.
    missing_rows: Vec<String>,
}

/// Reads a published report (text copied from a page or Word, PDF-extracted text, Markdown or
/// HTML) into the canonical JSON. Throws when no table can be found.
#[wasm_bindgen(js_name = importReport)]
pub fn import_report(input: &str) -> Result<Ts<ImportResult>, JsError> {
    let imported = crate::import::import(input).map_err(|e| JsError::new(&e))?;
    let result = ImportResult {
        report: imported.report,
        unplaced: imported.unplaced,
        missing_rows: imported.missing_rows,
    };
    Ok(result.into_ts()?)
}

/// Holds a report in wasm memory for a form: one `set` per keystroke returns only what changed.
#[wasm_bindgen(js_name = Checker)]
pub struct JsChecker(check::Checker);

#[wasm_bindgen(js_class = Checker)]
impl JsChecker {
    /// Starts from a report (blank when omitted).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Report | string | null | undefined")]
        report: JsValue,
        options: Option<Ts<Options>>,
    ) -> Result<JsChecker, JsError> {
        let report = if report.is_undefined() || report.is_null() {
            Report::default()
        } else {
            report_from_js(report)?
        };
        Ok(JsChecker(check::Checker::new(
            report,
            options_from_js(options)?,
        )))
    }

    /// Sets one cell as typed (number, string, or null for blank) and returns what changed.
    pub fn set(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CellId")] cell: &str,
        #[wasm_bindgen(unchecked_param_type = "CellInput | undefined")] value: JsValue,
    ) -> Result<Ts<Changes>, JsError> {
        let index = cell_index(cell).ok_or_else(|| unknown_cell(cell))?;
        Ok(self.0.set(index, cell_value_from_js(&value)).into_ts()?)
    }

    /// Every finding, counts and suggestions for the report as it stands.
    pub fn result(&self) -> Result<Ts<CheckResult>, JsError> {
        Ok(self.0.result().into_ts()?)
    }

    /// The computed value (sum of its parts) of every total cell.
    pub fn totals(&self) -> Result<Vec<Ts<Total>>, JsError> {
        Ok(self
            .0
            .totals()
            .iter()
            .map(Ts::from_rust)
            .collect::<Result<_, _>>()?)
    }

    /// The report as canonical JSON (a plain object), with every cell as typed.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        Ok(serde::Serialize::serialize(self.0.report(), &serializer)?)
    }

    /// Sets `issuer`, `year`, `text` or `format` (null or "" clears it).
    #[wasm_bindgen(js_name = setField)]
    pub fn set_field(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"issuer\" | \"year\" | \"text\" | \"format\"")] key: &str,
        value: Option<String>,
    ) -> Result<Ts<Changes>, JsError> {
        let changes = self.0.set_field(key, value).map_err(|e| JsError::new(&e))?;
        Ok(changes.into_ts()?)
    }

    /// Loads last year's report (or with null, forgets it) for the cross-year rules.
    #[wasm_bindgen(js_name = setPrevious)]
    pub fn set_previous(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Report | string | null")] previous: JsValue,
    ) -> Result<Ts<Changes>, JsError> {
        let previous = if previous.is_null() || previous.is_undefined() {
            None
        } else {
            Some(report_from_js(previous)?)
        };
        Ok(self.0.set_previous(previous).into_ts()?)
    }

    /// Records the reason the clerk gives for a warning (null or "" withdraws it).
    #[wasm_bindgen(js_name = setReason)]
    pub fn set_reason(&mut self, finding_id: &str, reason: Option<String>) {
        self.0.set_reason(finding_id, reason)
    }

    /// Warnings that still need a reason before the report may be submitted.
    #[wasm_bindgen(js_name = unexplainedWarnings)]
    pub fn unexplained_warnings(&self) -> Result<Vec<Ts<Finding>>, JsError> {
        Ok(self
            .0
            .unexplained_warnings()
            .iter()
            .map(Ts::from_rust)
            .collect::<Result<_, _>>()?)
    }

    /// One cell's value as the clerk typed it, normalised ("" for blank).
    pub fn value(
        &self,
        #[wasm_bindgen(unchecked_param_type = "CellId")] cell: &str,
    ) -> Result<String, JsError> {
        let index = cell_index(cell).ok_or_else(|| unknown_cell(cell))?;
        Ok(self.0.report().value(index).display())
    }
}

fn options_from_js(options: Option<Ts<Options>>) -> Result<Options, JsError> {
    let Some(options) = options else {
        return Ok(Options::default());
    };
    let node = node_from_js(&options.js_value(), 0)
        .map_err(|e| JsError::new(&format!("check options: {}", js_message(&e))))?;
    Options::from_node(&node).map_err(|e| JsError::new(&format!("check options: {e}")))
}

fn report_from_js(value: JsValue) -> Result<Report, JsError> {
    let value = match value.as_string() {
        Some(text) => js_sys::JSON::parse(text.trim_start_matches('\u{feff}')).map_err(|e| {
            JsError::new(&format!("the report is not valid JSON: {}", js_message(&e)))
        })?,
        None => value,
    };
    let node = node_from_js(&value, 0)
        .map_err(|e| JsError::new(&format!("the report could not be read: {}", js_message(&e))))?;
    Report::from_node(&node).map_err(|e| JsError::new(&e))
}

#[wasm_bindgen]
extern "C" {
    /// `Object.entries`, with a throwing getter or proxy trap caught as an `Err` rather than
    /// unwinding through wasm frames (which would leave a `Checker` borrowed for good).
    #[wasm_bindgen(catch, js_namespace = Object, js_name = entries)]
    fn object_entries(object: &JsValue) -> Result<js_sys::Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// Reads a JS value into the core's `Node`: numbers exactly as JS holds them, nothing deeper than
/// a report nests, and every JS exception turned into an `Err`.
fn node_from_js(value: &JsValue, depth: u8) -> Result<Node, JsValue> {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    if value.is_null() || value.is_undefined() {
        return Ok(Node::Null);
    }
    if let Some(b) = value.as_bool() {
        return Ok(Node::Bool(b));
    }
    if let Some(n) = value.as_f64() {
        let whole = n.is_finite() && n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER;
        return Ok(if whole {
            Node::Integer(n as i128)
        } else {
            Node::Float(n)
        });
    }
    if let Some(text) = value.as_string() {
        return Ok(Node::Text(text));
    }
    if !value.is_object() {
        return Ok(Node::Other(
            value.js_typeof().as_string().unwrap_or_default(),
        ));
    }
    if is_array(value)? {
        return Ok(Node::List);
    }
    if depth >= crate::report::MAX_DEPTH {
        return Ok(Node::TooDeep);
    }
    let mut entries = Vec::new();
    for entry in object_entries(value)?.iter() {
        let pair: js_sys::Array = entry.unchecked_into();
        entries.push((
            pair.get(0).as_string().unwrap_or_default(),
            node_from_js(&pair.get(1), depth + 1)?,
        ));
    }
    Ok(Node::Map(entries))
}

fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => e.message().into(),
        None => error
            .as_string()
            .unwrap_or_else(|| "a value was thrown".into()),
    }
}

/// A value from a form input or a JS object: numbers exactly as JS holds them, text as typed.
fn cell_value_from_js(value: &JsValue) -> CellValue {
    if value.is_null() || value.is_undefined() {
        CellValue::Blank
    } else if let Some(number) = value.as_f64() {
        CellValue::from_f64(number)
    } else if let Some(text) = value.as_string() {
        CellValue::parse(&text)
    } else {
        CellValue::Invalid(value.js_typeof().as_string().unwrap_or_default())
    }
}

fn unknown_cell(cell: &str) -> JsError {
    let example = &cells()[0].id;
    JsError::new(&format!("unknown cell id \"{cell}\": a cell id is table.row.column, such as \"{example}\" or \"requests.new.natural_person\""))
}
