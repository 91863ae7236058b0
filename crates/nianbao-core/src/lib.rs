//! nianbao (年报): the data model and every rule of China's annual report on government information
//! disclosure (国办公开办函〔2021〕30号), so that its totals and cross-checks run wherever the report
//! is typed or reviewed.
//!
//! This crate knows nothing of WebAssembly: [`schema`] (the tables, the leaf), [`value`], [`report`],
//! [`rules`] (the rule catalogue and the sum rules), [`localize`] (the wrong-cell search), [`prose`],
//! [`check`] (the incremental engine and its findings) and [`describe`] (schema and rules together, as
//! clients are handed them). `nianbao-import` reads published reports; `nianbao-wasm` is the JS boundary.

// Built without `prose` (the form's first module), the prose checks are unreachable, not removed.
#![cfg_attr(not(feature = "prose"), allow(dead_code, unused_imports))]

pub mod check;
pub mod describe;
pub mod localize;
pub mod prose;
pub mod report;
pub mod rules;
pub mod schema;
pub mod value;

pub use check::{check, BlankSeverity, CheckResult, Checker, Finding, Options};
pub use report::Report;
pub use rules::{RuleId, Severity};
pub use value::CellValue;
