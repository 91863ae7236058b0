//! nianbao (年报): the data model and every rule of China's annual report on government information
//! disclosure (国办公开办函〔2021〕30号), so that its totals and cross-checks run wherever the report
//! is typed or reviewed.
//!
//! The core — [`schema`], [`value`], [`report`], [`rules`], [`localize`], [`check`] — knows nothing of
//! WebAssembly; `wasm` (built for wasm32 only) converts at the JS boundary and does nothing else.

pub mod check;
pub mod import;
pub mod localize;
pub mod prose;
pub mod report;
pub mod rules;
pub mod schema;
pub mod value;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use check::{check, BlankSeverity, CheckResult, Checker, Finding, Options};
pub use report::Report;
pub use rules::Severity;
pub use value::CellValue;
