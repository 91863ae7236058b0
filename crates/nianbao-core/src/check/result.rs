//! What a check returns: findings, suggestions and, for an edit, what changed. Serialised as is to
//! JS; `nianbao-wasm` declares their TypeScript types and tests them against these fields.

use crate::rules::Severity;
use serde::Serialize;

/// One problem, with every cell it involves and a message naming them by their official labels.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable while the clerk types: the rule and what it is about (`requests.row_total:new`).
    pub id: String,
    pub rule: &'static str,
    pub severity: Severity,
    /// The cell most likely wrong, to put the cursor in; null when no single cell can be named
    /// (several equally small corrections, or none of one or two cells).
    pub cell: Option<&'static str>,
    /// Ids from `schema::cells()`, borrowed: a broken report names dozens, and copying each was a
    /// large share of its check.
    pub cells: Vec<&'static str>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub message: String,
    pub message_en: String,
    /// The value that fixes it, when one cell is clearly the wrong one.
    pub fix: Option<Fix>,
    /// For a finding about no cell: the field it is about (`issuer`, `year`, `text`, `format`).
    pub field: Option<&'static str>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub cell: &'static str,
    pub value: String,
    /// 「（一）予以公开」「自然人」应为 10（现为 12）: the same words as the suggestion.
    pub message: String,
    pub message_en: String,
}

/// One of the smallest sets of changes that makes every sum rule hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub changes: Vec<CellChange>,
    pub message: String,
    pub message_en: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChange {
    pub cell: &'static str,
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    /// No errors (warnings allowed).
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    pub findings: Vec<Finding>,
    /// The smallest sets of cell changes that make every sum rule hold; more than one: `ambiguous`.
    pub suggestions: Vec<Suggestion>,
    pub ambiguous: bool,
    /// Ids of warnings with no reason given yet (a report is submitted once this is empty too).
    pub unexplained: Vec<String>,
}

/// What one edit changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// Findings that are new or whose content changed, in their current form.
    pub changed: Vec<Finding>,
    /// Ids of findings that no longer apply.
    pub resolved: Vec<String>,
    /// Total cells whose computed value (the sum of their parts) changed.
    pub totals: Vec<Total>,
    pub ok: bool,
    pub errors: usize,
    pub warnings: usize,
    pub suggestions: Vec<Suggestion>,
}

/// The value a total cell should have: the sum of its parts (`None` while a part is not a number).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    pub cell: &'static str,
    pub value: Option<String>,
}

/// Errors and warnings among findings.
pub(crate) fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}
