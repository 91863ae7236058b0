//! The check engine. [`Checker`] holds a report and re-evaluates only what one cell edit touches;
//! [`check`] is a checker used once, so the form and the server share one code path.

mod input;
mod options;
mod render;
mod result;
mod tables;
mod text;
mod unread;

pub use input::{issuer_key, same_issuer};
pub use options::{BlankSeverity, Options};
pub use result::{CellChange, Changes, CheckResult, Finding, Fix, Suggestion, Total};
pub use tables::{MAX_AMOUNT_PLACES, MAX_COUNT};

use crate::localize::{smallest_fixes, Change};
use crate::prose::{self, Claim, Disagreement};
use crate::report::Report;
use crate::rules::{equations, Relation, Severity, Term};
use crate::schema::{cells, CellIndex};
use crate::value::CellValue;
use input::input_findings;
use render::{suggestion, ChangeMessages};
use result::count;
use std::sync::OnceLock;
use tables::{cell_finding, cell_finding_id, classify, equation_finding, sum_value, CellProblem, Violation};
#[cfg(feature = "unread")]
use unread::not_assessable_findings;

/// Built without `unread` (the form's first module), no cell is ever marked unread — its binding
/// hands reports with unread cells to the full checker — so no sum is not assessable.
#[cfg(not(feature = "unread"))]
fn not_assessable_findings(unread: &[bool], _with_previous: bool) -> Vec<Finding> {
    debug_assert!(!unread.contains(&true), "unread cells need the feature `unread`");
    Vec::new()
}

/// Checks a whole report.
pub fn check(report: &Report, options: Options) -> CheckResult {
    check_owned(report.clone(), options)
}

/// `check` of a report the caller no longer needs: no copy of its 200 values.
pub fn check_owned(report: Report, options: Options) -> CheckResult {
    Checker::new(report, options).result()
}

/// For each cell, the equations it is in, and the equation whose parts compute it (if a total).
struct Index {
    equations_of: Vec<Vec<usize>>,
    computed_by: Vec<Option<usize>>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut equations_of = vec![Vec::new(); cells().len()];
        let mut computed_by = vec![None; cells().len()];
        for (i, e) in equations().iter().enumerate() {
            for (cell, _) in e.coefficients() {
                equations_of[cell as usize].push(i);
            }
            if let ([total], true) = (e.total.as_slice(), e.is_sum()) {
                computed_by[total.cell as usize].get_or_insert(i);
            }
        }
        Index { equations_of, computed_by }
    })
}

/// Holds a report and its findings; one cell edit re-evaluates only the equations that cell is in.
pub struct Checker {
    options: Options,
    report: Report,
    /// What each cell counts as in a sum: blank is 0; `None` when not a usable whole number.
    numbers: Vec<Option<i128>>,
    cell_problems: Vec<Option<CellProblem>>,
    violations: Vec<Option<Violation>>,
    /// Sums of the parts of each equation that computes a total cell.
    sums: Vec<Option<i128>>,
    fixes: Vec<Vec<Change>>,
    input_findings: Vec<Finding>,
    /// Last year's numbers, when its report was given.
    previous: Option<Vec<Option<i128>>>,
    /// The figures the prose states, read when the text changes; checked on every edit.
    claims: Vec<Claim>,
    /// Each claim's finding id, derived from the claim (see `text::claim_ids`).
    claim_ids: Vec<String>,
    disagreements: Vec<Option<Disagreement>>,
    /// Headings, part count, period and template text: they change only with the text or year.
    structure_findings: Vec<Finding>,
    /// Cell problems counted as errors and as warnings, kept up to date by `set`.
    cell_counts: (usize, usize),
    /// Cells an import could not read: no number, no cell finding, until the clerk types one.
    unread: Vec<bool>,
    /// One `sums.not_assessable` finding per sum rule that needs an unread cell.
    not_assessable: Vec<Finding>,
}

/// What a cell counts as in a sum: nothing when it could not be read.
fn number(unread: bool, value: &CellValue) -> Option<i128> {
    if unread {
        None
    } else {
        sum_value(value)
    }
}

/// A cell's own problem; an unread cell has none (it is not blank, only unknown).
fn problem(unread: bool, c: usize, value: &CellValue) -> Option<CellProblem> {
    if unread {
        None
    } else {
        classify(cells()[c].kind(), value)
    }
}

impl Checker {
    pub fn new(report: Report, options: Options) -> Checker {
        let mut unread = vec![false; cells().len()];
        for &c in &options.unread {
            unread[c as usize] = true;
        }
        let numbers: Vec<Option<i128>> = report.values.iter().zip(&unread).map(|(v, u)| number(*u, v)).collect();
        let cell_problems =
            report.values.iter().zip(&unread).enumerate().map(|(c, (v, u))| problem(*u, c, v)).collect();
        let not_assessable = not_assessable_findings(&unread, options.previous.is_some());
        let input_findings = input_findings(&report, options.previous.as_deref());
        let previous = options.previous.as_ref().map(|p| p.values.iter().map(sum_value).collect());
        let mut checker = Checker {
            previous,
            claims: Vec::new(),
            claim_ids: Vec::new(),
            disagreements: Vec::new(),
            structure_findings: Vec::new(),
            options,
            report,
            numbers,
            cell_problems,
            violations: vec![None; equations().len()],
            sums: vec![None; equations().len()],
            fixes: Vec::new(),
            input_findings,
            cell_counts: (0, 0),
            unread,
            not_assessable,
        };
        for c in 0..cells().len() {
            checker.count_cell(checker.cell_problems[c], 1);
        }
        for e in 0..equations().len() {
            checker.evaluate(e);
        }
        checker.localise();
        checker.read_text();
        checker
    }

    /// Reads the prose's claims and checks its structure, after the text or year changed. Without
    /// the `prose` feature (the form's first module) the text is only kept: see `text_unchecked`.
    fn read_text(&mut self) {
        #[cfg(feature = "prose")]
        self.read_claims();
    }

    /// Whether the report has prose this build does not check (built without the `prose` feature):
    /// its findings are then missing, and the caller says so or checks with a build that has it.
    pub fn text_unchecked(&self) -> bool {
        !cfg!(feature = "prose") && self.report.text.as_deref().is_some_and(|t| !t.trim().is_empty())
    }

    #[cfg(feature = "prose")]
    fn read_claims(&mut self) {
        let text = self.report.text.as_deref().unwrap_or_default();
        self.claims = prose::claims(text);
        self.claim_ids = text::claim_ids(&self.claims);
        self.structure_findings = if text.trim().is_empty() {
            Vec::new()
        } else {
            text::structure_findings(&prose::structure(text, self.report.year))
        };
        self.evaluate_claims();
    }

    fn evaluate_claims(&mut self) {
        #[cfg(feature = "prose")]
        {
            let previous = self.previous.as_deref();
            self.disagreements = self.claims.iter().map(|c| prose::evaluate(c, &self.numbers, previous)).collect();
        }
    }

    /// What changed between two full lists of findings, by id (for edits that touch everything).
    fn changes_since(&self, before: Vec<Finding>) -> Changes {
        let messages = self.change_messages();
        let after = self.findings_with(&messages);
        let changed: Vec<Finding> = after.iter().filter(|f| !before.contains(f)).cloned().collect();
        let resolved = before.iter().filter(|b| !after.iter().any(|a| a.id == b.id)).map(|b| b.id.clone()).collect();
        let (errors, warnings) = count(&after);
        Changes {
            changed,
            resolved,
            totals: Vec::new(),
            ok: errors == 0,
            errors,
            warnings,
            suggestions: self.suggestions_with(&messages),
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Loads (or with `None`, forgets) last year's report for the cross-year rules.
    pub fn set_previous(&mut self, previous: Option<Report>) -> Changes {
        let before = self.findings();
        self.previous = previous.as_ref().map(|p| p.values.iter().map(sum_value).collect());
        self.options.previous = previous.map(Box::new);
        self.input_findings = input_findings(&self.report, self.options.previous.as_deref());
        self.not_assessable = not_assessable_findings(&self.unread, self.previous.is_some());
        for e in 0..equations().len() {
            self.evaluate(e);
        }
        self.localise();
        self.evaluate_claims();
        self.changes_since(before)
    }

    /// Marks the cells an import could not read (replacing the last list) and returns what that
    /// changed: their sums become not assessable, and their blanks are no longer findings.
    pub fn set_unread(&mut self, unread: &[CellIndex]) -> Changes {
        let before = self.findings();
        self.unread = vec![false; cells().len()];
        for &c in unread {
            self.unread[c as usize] = true;
        }
        self.cell_counts = (0, 0);
        for c in 0..cells().len() {
            self.numbers[c] = number(self.unread[c], &self.report.values[c]);
            self.cell_problems[c] = problem(self.unread[c], c, &self.report.values[c]);
            self.count_cell(self.cell_problems[c], 1);
        }
        self.not_assessable = not_assessable_findings(&self.unread, self.previous.is_some());
        for e in 0..equations().len() {
            self.evaluate(e);
        }
        self.localise();
        self.evaluate_claims();
        let mut changes = self.changes_since(before);
        changes.totals = self.totals();
        changes
    }

    /// The cells marked unread, in table order.
    pub fn unread(&self) -> Vec<CellIndex> {
        (0..cells().len()).filter(|&c| self.unread[c]).map(|c| c as CellIndex).collect()
    }

    /// Sets issuer, year, text or format and returns what that changed (the prose is read again).
    pub fn set_field(&mut self, key: &str, value: Option<String>) -> Result<Changes, String> {
        let before = self.findings();
        self.report.set_field(key, value)?;
        self.input_findings = input_findings(&self.report, self.options.previous.as_deref());
        if key == "text" || key == "year" {
            self.read_text();
        }
        Ok(self.changes_since(before))
    }

    /// Records the clerk's reason for a warning (kept with the report and submitted with it).
    pub fn set_reason(&mut self, finding_id: &str, reason: Option<String>) {
        self.report.set_reason(finding_id, reason)
    }

    /// Warnings that still need a reason before the report can be submitted.
    pub fn unexplained_warnings(&self) -> Vec<Finding> {
        self.findings().into_iter().filter(|f| self.needs_reason(f)).collect()
    }

    fn needs_reason(&self, finding: &Finding) -> bool {
        finding.severity == Severity::Warning && self.report.reason(&finding.id).is_none()
    }

    /// Changes one cell (as typed) and returns what that changed.
    pub fn set(&mut self, cell: CellIndex, value: CellValue) -> Changes {
        let i = cell as usize;
        let touched = &index().equations_of[i];
        // Keep only what this edit can change: the touched equations' state, and every violation
        // only when some exist (the search for the wrong cell may then move any fix).
        let problem_before = self.cell_problems[i];
        let any_violated_before = self.violations.iter().any(Option::is_some);
        let violations_before = any_violated_before.then(|| self.violations.clone());
        let touched_before: Vec<(usize, Option<Violation>, Option<i128>)> =
            touched.iter().map(|&e| (e, self.violations[e], self.sums[e])).collect();
        let disagreements_before = (!self.claims.is_empty()).then(|| self.disagreements.clone());
        // A value typed into a cell the import could not read makes it read.
        let was_unread = std::mem::take(&mut self.unread[i]);
        self.count_cell(problem_before, -1);
        self.numbers[i] = sum_value(&value);
        self.cell_problems[i] = classify(cells()[i].kind(), &value);
        self.count_cell(self.cell_problems[i], 1);
        self.report.values[i] = value;
        for &e in touched {
            self.evaluate(e);
        }
        if any_violated_before || touched.iter().any(|&e| self.violations[e].is_some()) {
            self.localise();
        }
        let mut changes = self.diff(Some(i), problem_before, violations_before, &touched_before);
        if let Some(before) = disagreements_before {
            self.evaluate_claims();
            for (k, was) in before.iter().enumerate() {
                if *was != self.disagreements[k] {
                    match self.claim_finding(k) {
                        Some(f) => changes.changed.push(f),
                        None => changes.resolved.push(self.claim_ids[k].clone()),
                    }
                }
            }
            (changes.errors, changes.warnings) = self.counts();
        }
        if was_unread {
            let before = std::mem::take(&mut self.not_assessable);
            self.not_assessable = not_assessable_findings(&self.unread, self.previous.is_some());
            changes.changed.extend(self.not_assessable.iter().filter(|f| !before.contains(f)).cloned());
            let gone = before.iter().filter(|b| !self.not_assessable.iter().any(|a| a.id == b.id));
            changes.resolved.extend(gone.map(|b| b.id.clone()));
            (changes.errors, changes.warnings) = self.counts();
        }
        changes
    }

    /// Every finding, in a stable order: input problems, cells in table order, then sum rules.
    pub fn findings(&self) -> Vec<Finding> {
        self.findings_with(&self.change_messages())
    }

    fn findings_with(&self, messages: &ChangeMessages) -> Vec<Finding> {
        let mut findings = self.input_findings.clone();
        // The counts say whether any cell has a problem: a clean report skips the 200 cells.
        if self.cell_counts != (0, 0) {
            findings.extend((0..cells().len()).filter_map(|c| self.cell_finding(c)));
        }
        findings.extend((0..equations().len()).filter_map(|e| self.equation_finding(e, messages)));
        findings.extend(self.not_assessable.iter().cloned());
        findings.extend((0..self.claims.len()).filter_map(|k| self.claim_finding(k)));
        findings.extend(self.structure_findings.iter().cloned());
        findings
    }

    #[cfg(feature = "prose")]
    fn claim_finding(&self, k: usize) -> Option<Finding> {
        text::claim_finding(&self.claims[k], self.disagreements.get(k)?.as_ref()?, &self.claim_ids[k])
    }

    /// Without `prose` there are no claims.
    #[cfg(not(feature = "prose"))]
    fn claim_finding(&self, _k: usize) -> Option<Finding> {
        None
    }

    pub fn result(&self) -> CheckResult {
        let messages = self.change_messages();
        let findings = self.findings_with(&messages);
        let (errors, warnings) = count(&findings);
        let unexplained = findings.iter().filter(|f| self.needs_reason(f)).map(|f| f.id.clone()).collect();
        CheckResult {
            ok: errors == 0,
            errors,
            warnings,
            findings,
            suggestions: self.suggestions_with(&messages),
            ambiguous: self.fixes.len() > 1,
            unexplained,
        }
    }

    pub fn suggestions(&self) -> Vec<Suggestion> {
        self.suggestions_with(&self.change_messages())
    }

    fn suggestions_with(&self, messages: &ChangeMessages) -> Vec<Suggestion> {
        self.fixes.iter().map(|changes| suggestion(changes, &self.report, messages)).collect()
    }

    fn change_messages(&self) -> ChangeMessages {
        ChangeMessages::new(&self.fixes, &self.report)
    }

    /// The computed value of every total cell (the sum of its parts).
    pub fn totals(&self) -> Vec<Total> {
        (0..equations().len()).filter_map(|e| self.total(e)).collect()
    }

    fn total(&self, e: usize) -> Option<Total> {
        let equation = &equations()[e];
        let [total] = equation.total.as_slice() else {
            return None;
        };
        (index().computed_by[total.cell as usize] == Some(e))
            .then(|| Total { cell: &cells()[total.cell as usize].id, value: self.sums[e].map(|s| s.to_string()) })
    }

    fn evaluate(&mut self, e: usize) {
        let equation = &equations()[e];
        // A cross-year term without last year's report, or a sum past i128, leaves the equation unevaluated.
        let side = |terms: &[Term]| -> Option<i128> {
            terms.iter().try_fold(0i128, |sum, t| {
                let numbers = if t.previous { self.previous.as_deref()? } else { &self.numbers };
                let n = numbers[t.cell as usize]?;
                // Added or subtracted, not multiplied by the sign: i128 multiplication is a call in wasm.
                if t.sign > 0 {
                    sum.checked_add(n)
                } else {
                    sum.checked_sub(n)
                }
            })
        };
        let (actual, expected) = (side(&equation.total), side(&equation.parts));
        self.sums[e] = expected;
        self.violations[e] = match (actual, expected) {
            (Some(actual), Some(expected)) => {
                let holds = match equation.relation {
                    Relation::Equal => actual == expected,
                    Relation::AtLeast => actual >= expected,
                };
                (!holds).then_some(Violation { expected, actual, fix: None })
            }
            _ => None, // a part is not a number: that cell's own finding says so
        };
    }

    fn localise(&mut self) {
        self.fixes =
            if self.violations.iter().any(Option::is_some) { smallest_fixes(&self.numbers) } else { Vec::new() };
        let unique = (self.fixes.len() == 1).then(|| &self.fixes[0]);
        for (e, violation) in self.violations.iter_mut().enumerate() {
            if let Some(v) = violation {
                v.fix = unique.and_then(|changes| changes.iter().find(|c| equations()[e].contains(c.cell)).copied());
            }
        }
    }

    fn diff(
        &self,
        cell: Option<usize>,
        problem_before: Option<CellProblem>,
        violations_before: Option<Vec<Option<Violation>>>,
        touched_before: &[(usize, Option<Violation>, Option<i128>)],
    ) -> Changes {
        let messages = self.change_messages();
        let mut changed = Vec::new();
        let mut resolved = Vec::new();
        // Only the edited cell's own finding can change; its message quotes the value, so re-send it.
        if let Some(cell) = cell {
            let problem = self.cell_problems[cell];
            if let Some(before) = problem_before.filter(|b| Some(*b) != problem) {
                resolved.push(cell_finding_id(cell, before));
            }
            changed.extend(self.cell_finding(cell));
        }
        // Without violations before, only the touched equations can differ (and were all clear).
        let before = |e: usize| match &violations_before {
            Some(all) => all[e],
            None => touched_before.iter().find(|(t, _, _)| *t == e).and_then(|(_, v, _)| *v),
        };
        let candidates: Vec<usize> = match &violations_before {
            Some(_) => (0..equations().len()).collect(),
            None => touched_before.iter().map(|(e, _, _)| *e).collect(),
        };
        for e in candidates {
            if before(e) != self.violations[e] {
                match self.equation_finding(e, &messages) {
                    Some(f) => changed.push(f),
                    None => resolved.push(equations()[e].id()),
                }
            }
        }
        // Only the touched equations' sums can have moved.
        let totals = touched_before
            .iter()
            .filter(|(e, _, sum)| *sum != self.sums[*e])
            .filter_map(|(e, _, _)| self.total(*e))
            .collect();
        let (errors, warnings) = self.counts();
        let suggestions = self.suggestions_with(&messages);
        Changes { changed, resolved, totals, ok: errors == 0, errors, warnings, suggestions }
    }

    /// Adds (`+1`) or removes (`-1`) a cell problem from the running counts.
    fn count_cell(&mut self, problem: Option<CellProblem>, sign: isize) {
        if let Some(problem) = problem {
            let slot = match self.cell_severity(problem) {
                Severity::Error => &mut self.cell_counts.0,
                Severity::Warning => &mut self.cell_counts.1,
            };
            *slot = slot.wrapping_add_signed(sign);
        }
    }

    fn counts(&self) -> (usize, usize) {
        let mut counts = count(&self.input_findings);
        counts.0 += self.cell_counts.0;
        counts.1 += self.cell_counts.1;
        counts.1 += self.disagreements.iter().flatten().count() + self.structure_findings.len();
        counts.1 += self.not_assessable.len();
        for (e, v) in self.violations.iter().enumerate() {
            if v.is_some() {
                match equations()[e].rule.severity {
                    Severity::Error => counts.0 += 1,
                    Severity::Warning => counts.1 += 1,
                }
            }
        }
        counts
    }

    fn cell_severity(&self, problem: CellProblem) -> Severity {
        match (problem, self.options.blanks) {
            (CellProblem::Blank, BlankSeverity::Warning) => Severity::Warning,
            (problem, _) => problem.rule().rule().severity,
        }
    }

    fn cell_finding(&self, c: usize) -> Option<Finding> {
        let problem = self.cell_problems[c]?;
        Some(cell_finding(c, problem, self.cell_severity(problem), &self.report.values[c]))
    }

    fn equation_finding(&self, e: usize, messages: &ChangeMessages) -> Option<Finding> {
        Some(equation_finding(e, self.violations[e]?, &self.report, messages))
    }
}
