//! Findings into JS without JSON: the results of a check (`CheckResult`, `Changes`, `Finding[]`)
//! are written as a stream of numbers plus one UTF-16 text, and a small JS function builds the very
//! objects `JSON.parse` of their serde JSON would give, key order included (tests/common/results.rs
//! holds the two to each other).
//!
//! Why: for a report with a wrong cell, serde's JSON (~3 KB: every cell id, each fix's two messages
//! once per finding and again in the suggestion), its UTF-8 decode and `JSON.parse` took a third of
//! a check in Node. Here cell ids, rule ids and severities cross as indices into a table of names
//! handed over once per instance, a text repeated in one result crosses once, and the text is
//! UTF-16, which engines decode several times faster than UTF-8 with CJK in it.

use nianbao_core::check::{Changes, CheckResult, Finding, Suggestion, Total};
use nianbao_core::report::{cell_json, CellJson, Report};
use nianbao_core::rules::{Severity, RULES};
use nianbao_core::schema::cells;
use nianbao_core::value::CellValue;
use std::sync::OnceLock;
use wasm_bindgen::prelude::*;

// A string slot is one number: 0 null; odd, `names[n >> 1]`; even, the result's own text number
// (n >> 1) - 1. Each object's fields follow in serde's order; the words end with the end of each
// of the result's own texts in the text, which is decoded once and sliced, and their count.
// The reading state is the module's: build_result calls nothing that could re-enter it. (Comments
// stay out of the JS, which the form downloads.)
#[wasm_bindgen(inline_js = r#"
let names = [], paths = [], memory = null, words = null, units = null, at = 0, texts = null;
const utf16 = new TextDecoder('utf-16le');
export function set_names(list, cellCount, wasmMemory) {
  names = list.split(' ');
  paths = names.slice(0, cellCount).map((id) => id.split('.'));
  memory = wasmMemory;
}
const word = () => words[at++];
const flag = () => words[at++] === 1;
function str() {
  const n = words[at++];
  return n === 0 ? null : n & 1 ? names[n >>> 1] : texts[(n >>> 1) - 1];
}
function many(one) {
  const list = new Array(words[at++]);
  for (let k = 0; k < list.length; k++) list[k] = one();
  return list;
}
const finding = () => ({
  id: str(), rule: str(), severity: str(), cell: str(), cells: many(str), expected: str(), actual: str(),
  message: str(), message_en: str(),
  fix: flag() ? { cell: str(), value: str(), message: str(), message_en: str() } : null, field: str(),
});
const change = () => ({ cell: str(), from: str(), to: str() });
const suggestion = () => ({ changes: many(change), message: str(), message_en: str() });
const total = () => ({ cell: str(), value: str() });
function report() {
  const r = { format: str() };
  if (flag()) r.year = Number(str());
  const issuer = str();
  if (issuer !== null) r.issuer = issuer;
  for (const [table, row, column] of paths) {
    const tag = word();
    ((r[table] ??= {})[row] ??= {})[column] = tag === 0 ? null : tag === 1 ? Number(str()) : str();
  }
  const text = str();
  if (text !== null) r.text = text;
  const reasons = many(() => [str(), str()]);
  if (reasons.length) {
    r.reasons = {};
    for (const [id, reason] of reasons) Object.defineProperty(r.reasons, id, { value: reason, enumerable: true, writable: true, configurable: true });
  }
  return r;
}
export function build_result(kind, wordsAt, wordCount, textAt, textLength) {
  if (words?.buffer !== memory.buffer) {
    words = new Uint32Array(memory.buffer);
    units = new Uint16Array(memory.buffer);
  }
  const last = (wordsAt >>> 2) + wordCount - 1;
  texts = new Array(words[last]);
  const text = texts.length ? utf16.decode(units.subarray(textAt >>> 1, (textAt >>> 1) + textLength)) : '';
  at = last - texts.length;
  for (let k = 0, from = 0; k < texts.length; k++) texts[k] = text.slice(from, (from = word()));
  at = wordsAt >>> 2;
  if (kind === 0) {
    return { ok: flag(), errors: word(), warnings: word(), findings: many(finding), suggestions: many(suggestion),
      ambiguous: flag(), unexplained: many(str) };
  }
  if (kind === 1) {
    return { changed: many(finding), resolved: many(str), totals: many(total), ok: flag(), errors: word(),
      warnings: word(), suggestions: many(suggestion) };
  }
  if (kind === 2) return many(finding);
  if (kind === 3) return many(str);
  if (kind === 4) return many(total);
  if (kind === 5) return report();
  return many(() => ({ id: str(), severity: str(), category: str(), message: str(), message_en: str() }));
}
"#)]
extern "C" {
    fn set_names(list: &str, cell_count: usize, memory: &JsValue);
    fn build_result(kind: u32, words: *const u32, word_count: usize, text: *const u16, text_length: usize) -> JsValue;
}

/// What a result is, for `build_result` (its `kind`).
#[derive(Clone, Copy)]
enum Shape {
    CheckResult = 0,
    Changes = 1,
    Findings = 2,
    Values = 3,
    Totals = 4,
    Report = 5,
    #[cfg(feature = "form")]
    Rules = 6,
}

/// Where a cell id is looked up: by its address, not its text. Findings borrow the schema's own
/// ids (`schema::cells()`), so an id is found by pointer without reading a byte; hashing the text
/// (FNV-1a over ~25 bytes, then a compare) was ~5% of a check of a broken report in Node. A text
/// with the same bytes elsewhere is not found and is written as a text: the same JS string.
fn hash(id: &str) -> usize {
    // Fibonacci hashing of the address down to SLOTS (2^10) slots.
    ((id.as_ptr() as usize as u32).wrapping_mul(0x9e37_79b9) >> 22) as usize
}

const SLOTS: usize = 1 << 10; // over 200 cells: probes stay short

/// Each cell's index + 1 at its id's hash (open addressing), built when JS is handed the names
/// once per instance: every cell id, every rule id, the severities, so that a name crosses as its
/// index. A `OnceLock`, not a `thread_local!` (one thread; the core links `OnceLock` already, and
/// thread-local storage would add its own code to the form's module).
static CELL_TABLE: OnceLock<Vec<u16>> = OnceLock::new();

fn cell_table() -> &'static [u16] {
    CELL_TABLE.get_or_init(|| {
        let mut names = String::new();
        let mut table = vec![0u16; SLOTS];
        for (c, cell) in cells().iter().enumerate() {
            let mut slot = hash(&cell.id) % SLOTS;
            while table[slot] != 0 {
                slot = (slot + 1) % SLOTS;
            }
            table[slot] = c as u16 + 1;
            names.push_str(&cell.id);
            names.push(' ');
        }
        for rule in RULES {
            names.push_str(rule.id);
            names.push(' ');
        }
        // As serde writes them (tests/common/results.rs holds them to it); no serde_json in the
        // form's module.
        for severity in [Severity::Error, Severity::Warning] {
            names.push_str(match severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            });
            names.push(' ');
        }
        names.pop();
        set_names(&names, cells().len(), &wasm_bindgen::memory());
        table
    })
}

/// The index of a cell id (in `cells()` and in the names JS holds).
fn cell_by_id(id: &str) -> Option<u32> {
    let table = cell_table();
    let mut slot = hash(id) % SLOTS;
    loop {
        let c = usize::from(table[slot]).checked_sub(1)?;
        if std::ptr::eq(cells()[c].id.as_str(), id) {
            return Some(c as u32);
        }
        slot = (slot + 1) % SLOTS;
    }
}

/// `s` as UTF-16, appended: decoded by lead byte (`s` is valid UTF-8), with ASCII copied as is;
/// `encode_utf16` through `chars()` was 5% of a check of a broken report in Node.
fn utf16(s: &str, out: &mut Vec<u16>) {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = u32::from(bytes[i]);
        let tail = |k: usize| u32::from(bytes[i + k] & 0x3f);
        let (c, width) = match b {
            0..=0x7f => (b, 1),
            0x80..=0xdf => ((b & 0x1f) << 6 | tail(1), 2),
            0xe0..=0xef => ((b & 0x0f) << 12 | tail(1) << 6 | tail(2), 3),
            _ => ((b & 0x07) << 18 | tail(1) << 12 | tail(2) << 6 | tail(3), 4),
        };
        if c < 0x1_0000 {
            out.push(c as u16);
        } else {
            let c = c - 0x1_0000;
            out.push((0xd800 | c >> 10) as u16);
            out.push((0xdc00 | (c & 0x3ff)) as u16);
        }
        i += width;
    }
}

/// A result being written: its numbers, its own texts and their UTF-16 text.
struct Writer<'a> {
    words: Vec<u32>,
    /// Texts that repeat within a result (a fix's value and messages, once per finding it fixes and
    /// again in the suggestion), with their number, so that each crosses once.
    shared: Vec<(&'a str, u32)>,
    ends: Vec<u32>,
    text: Vec<u16>,
}

impl<'a> Writer<'a> {
    fn new() -> Self {
        cell_table(); // JS has the names before the first result
        Writer { words: Vec::with_capacity(256), shared: Vec::new(), ends: Vec::new(), text: Vec::new() }
    }

    fn word(&mut self, n: usize) {
        self.words.push(n as u32);
    }

    fn flag(&mut self, b: bool) {
        self.words.push(b as u32);
    }

    /// A cell id, by its index in the names (a text if it is none).
    fn cell(&mut self, s: &'a str) {
        match cell_by_id(s) {
            Some(c) => self.words.push(c << 1 | 1),
            None => self.text(s),
        }
    }

    fn rule(&mut self, s: &'a str) {
        // A finding's rule is the catalogue's own &'static str: found by address before by text.
        let found = RULES.iter().position(|r| std::ptr::eq(r.id, s)).or_else(|| RULES.iter().position(|r| r.id == s));
        match found {
            Some(k) => self.words.push(((cells().len() + k) as u32) << 1 | 1),
            None => self.text(s),
        }
    }

    fn severity(&mut self, s: Severity) {
        self.words.push(((cells().len() + RULES.len()) as u32 + s as u32) << 1 | 1);
    }

    fn text(&mut self, s: &'a str) {
        // Room for the whole text first: encode_utf16's size hint is a quarter of its length, so
        // the Vec grew by reallocation several times a message.
        self.text.reserve(s.len());
        utf16(s, &mut self.text);
        self.ends.push(self.text.len() as u32);
        self.words.push((self.ends.len() as u32) << 1);
    }

    /// A text that may repeat in this result: written once, then referred to.
    fn shared(&mut self, s: &'a str) {
        match self.shared.iter().find(|(t, _)| *t == s) {
            Some(&(_, k)) => self.words.push(k << 1),
            None => {
                self.text(s);
                self.shared.push((s, self.ends.len() as u32));
            }
        }
    }

    fn option(&mut self, s: Option<&'a str>, write: fn(&mut Self, &'a str)) {
        match s {
            Some(s) => write(self, s),
            None => self.words.push(0),
        }
    }

    fn list<S: AsRef<str>>(&mut self, list: &'a [S], write: fn(&mut Self, &'a str)) {
        self.word(list.len());
        for s in list {
            write(self, s.as_ref());
        }
    }

    fn finding(&mut self, f: &'a Finding) {
        self.text(&f.id);
        self.rule(f.rule);
        self.severity(f.severity);
        self.option(f.cell, Self::cell);
        self.list(&f.cells, Self::cell);
        self.option(f.expected.as_deref(), Self::text);
        self.option(f.actual.as_deref(), Self::text);
        self.text(&f.message);
        self.text(&f.message_en);
        self.flag(f.fix.is_some());
        if let Some(fix) = &f.fix {
            self.cell(fix.cell);
            self.shared(&fix.value);
            self.shared(&fix.message);
            self.shared(&fix.message_en);
        }
        self.option(f.field, Self::text);
    }

    fn findings(&mut self, list: &'a [Finding]) {
        self.word(list.len());
        for f in list {
            self.finding(f);
        }
    }

    fn suggestions(&mut self, list: &'a [Suggestion]) {
        self.word(list.len());
        for s in list {
            self.word(s.changes.len());
            for c in &s.changes {
                self.cell(c.cell);
                self.shared(&c.from);
                self.shared(&c.to);
            }
            self.shared(&s.message);
            self.shared(&s.message_en);
        }
    }

    fn totals(&mut self, list: &'a [Total]) {
        self.word(list.len());
        for t in list {
            self.cell(t.cell);
            self.option(t.value.as_deref(), Self::text);
        }
    }

    /// Hands the result to JS, which builds its objects as `shape` says.
    fn finish(mut self, shape: Shape) -> JsValue {
        // The texts' ends and their count go last, where JS reads them first.
        self.words.extend(&self.ends);
        self.words.push(self.ends.len() as u32);
        // Nothing allocates between here and the call, so the pointers stay valid while JS reads.
        build_result(shape as u32, self.words.as_ptr(), self.words.len(), self.text.as_ptr(), self.text.len())
    }
}

pub(crate) fn check_result(r: &CheckResult) -> JsValue {
    let mut w = Writer::new();
    w.flag(r.ok);
    w.word(r.errors);
    w.word(r.warnings);
    w.findings(&r.findings);
    w.suggestions(&r.suggestions);
    w.flag(r.ambiguous);
    w.list(&r.unexplained, Writer::text);
    w.finish(Shape::CheckResult)
}

pub(crate) fn changes(c: &Changes) -> JsValue {
    let mut w = Writer::new();
    w.findings(&c.changed);
    w.list(&c.resolved, Writer::text);
    w.totals(&c.totals);
    w.flag(c.ok);
    w.word(c.errors);
    w.word(c.warnings);
    w.suggestions(&c.suggestions);
    w.finish(Shape::Changes)
}

pub(crate) fn findings(list: &[Finding]) -> JsValue {
    let mut w = Writer::new();
    w.findings(list);
    w.finish(Shape::Findings)
}

/// Every cell's value as typed, normalised ("" for blank), in the order of the cells.
pub(crate) fn values(report: &Report) -> JsValue {
    let all: Vec<String> = report.values.iter().map(CellValue::display).collect();
    let mut w = Writer::new();
    w.list(&all, Writer::text);
    w.finish(Shape::Values)
}

pub(crate) fn totals(list: &[Total]) -> JsValue {
    let mut w = Writer::new();
    w.totals(list);
    w.finish(Shape::Totals)
}

/// The report as canonical JSON would give it (serde's `Report`, key order included), with no
/// serde: the form's module has none.
pub(crate) fn report(r: &Report) -> JsValue {
    let year = r.year.map(|y| y.to_string());
    let cells: Vec<(u32, String)> = r
        .values
        .iter()
        .zip(cells())
        .map(|(value, cell)| match cell_json(value, cell.kind()) {
            CellJson::Null => (0, String::new()),
            CellJson::Number(n) => (1, n.to_string()),
            CellJson::Text(text) => (2, text),
        })
        .collect();
    let mut w = Writer::new();
    w.text(r.format.as_deref().unwrap_or(nianbao_core::schema::FORMAT));
    w.flag(year.is_some());
    if let Some(year) = &year {
        w.text(year);
    }
    w.option(r.issuer.as_deref(), Writer::text);
    for (tag, text) in &cells {
        w.word(*tag as usize);
        if *tag != 0 {
            w.text(text);
        }
    }
    w.option(r.text.as_deref(), Writer::text);
    w.word(r.reasons.len());
    for (id, reason) in &r.reasons {
        w.text(id);
        w.text(reason);
    }
    w.finish(Shape::Report)
}

/// The rule catalogue as `schema().rules` gives it (serde's names: tests/node/form-module.test.mjs
/// holds the two equal), for the form's module, which has no `schema()`.
#[cfg(feature = "form")]
pub(crate) fn rules() -> JsValue {
    use nianbao_core::rules::Category;
    let mut w = Writer::new();
    w.word(RULES.len());
    for r in RULES {
        w.rule(r.id);
        w.severity(r.severity);
        w.text(match r.category {
            Category::Missing => "missing",
            Category::Input => "input",
            Category::Cell => "cell",
            Category::Sum => "sum",
            Category::CrossYear => "cross_year",
            Category::Text => "text",
            Category::Structure => "structure",
        });
        w.text(r.message);
        w.text(r.message_en);
    }
    w.finish(Shape::Rules)
}

#[cfg(test)]
mod tests {
    #[test]
    fn utf16_agrees_with_encode_utf16() {
        // ASCII, two-, three- and four-byte characters, at the ends and next to each other.
        for s in [
            "",
            "a",
            "requests.new.total",
            "é",
            "ß→x",
            "「（一）予以公开」应为 10（现为 12）",
            "😀",
            "a😀b𝄞",
            "\u{7f}\u{80}\u{7ff}\u{800}\u{ffff}\u{10000}\u{10ffff}",
        ] {
            let mut out = vec![1u16];
            super::utf16(s, &mut out);
            assert_eq!(out[1..], s.encode_utf16().collect::<Vec<_>>()[..], "{s:?}");
        }
    }
}
