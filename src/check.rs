//! The check engine. [`Checker`] holds a report and re-evaluates only what one cell edit touches;
//! [`check`] is a checker used once, so the form and the server share one code path.

use crate::localize::{smallest_fixes, Change};
use crate::prose::{self, Claim, ClaimKind, Disagreement, StructureProblem};
use crate::report::{InputProblem, Node, Report};
use crate::rules::{equations, rule_by_id, Equation, Relation, Rule, Severity};
use crate::schema::{self, cells, CellIndex, Kind};
use crate::value::{CellValue, Decimal};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Most characters of a typed value a message quotes.
const MAX_QUOTE: usize = 64;

/// A count above this is a typing accident, not a statistic.
pub const MAX_COUNT: i128 = 2_147_483_647;
/// Finer than this many decimal places of 万元 is finer than 1 元.
pub const MAX_AMOUNT_PLACES: u32 = 4;

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// `"warning"` for reviewers of published reports, which often print blanks or "/" for zero.
    #[cfg_attr(target_arch = "wasm32", tsify(optional))]
    pub blanks: BlankSeverity,
    /// Last year's report, for the cross-year rules and the prose's 较上年 figures.
    #[cfg_attr(target_arch = "wasm32", tsify(optional, type = "Report | null"))]
    pub previous: Option<Box<Report>>,
}

/// Reads options from any serde source, naming the option that is wrong (a misspelt option would
/// otherwise be ignored without a word).
impl<'de> Deserialize<'de> for Options {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OptionsVisitor;
        impl<'de> serde::de::Visitor<'de> for OptionsVisitor {
            type Value = Options;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("options: an object such as { blanks: \"warning\" }")
            }
            fn visit_unit<E>(self) -> Result<Options, E> {
                Ok(Options::default())
            }
            // Without this, serde's default message would format the float (see report.rs).
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Options, E> {
                Err(E::custom("options are an object such as { blanks: \"warning\" }, not a number"))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Options, A::Error> {
                use serde::de::Error;
                let mut options = Options::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "blanks" => match map.next_value::<Node>()? {
                            Node::Text(t) if t == "error" => options.blanks = BlankSeverity::Error,
                            Node::Text(t) if t == "warning" => options.blanks = BlankSeverity::Warning,
                            Node::Null => {}
                            other => {
                                return Err(A::Error::custom(format!(
                                    "option blanks is \"error\" or \"warning\", not {}",
                                    other.describe()
                                )))
                            }
                        },
                        "previous" => {
                            let previous = map.next_value::<Option<Report>>().map_err(|e| {
                                A::Error::custom(format!(
                                    "option previous: {}",
                                    crate::report::shorten(&e.to_string(), 200)
                                ))
                            })?;
                            options.previous = previous.map(Box::new);
                        }
                        other => {
                            return Err(A::Error::custom(format!(
                                "unknown option \"{}\"; the options are: blanks, previous",
                                crate::report::shorten(other, 64)
                            )))
                        }
                    }
                }
                Ok(options)
            }
        }
        deserializer.deserialize_any(OptionsVisitor)
    }
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlankSeverity {
    #[default]
    Error,
    Warning,
}

/// One problem, with every cell it involves and a message naming them by their official labels.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// Stable while the clerk types: the rule and what it is about (`requests.row_total:new`).
    pub id: String,
    pub rule: &'static str,
    pub severity: Severity,
    /// The cell most likely wrong, to put the cursor in; null when no single cell can be named
    /// (several equally small corrections, or none of one or two cells).
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CellId | null"))]
    pub cell: Option<String>,
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CellId[]"))]
    pub cells: Vec<String>,
    pub expected: Option<String>,
    pub actual: Option<String>,
    pub message: String,
    pub message_en: String,
    /// The value that fixes it, when one cell is clearly the wrong one.
    pub fix: Option<Fix>,
    /// For a finding about no cell: the field it is about (`issuer`, `year`, `text`, `format`).
    #[cfg_attr(
        target_arch = "wasm32",
        tsify(type = "\"issuer\" | \"year\" | \"text\" | \"format\" | \"reasons\" | \"previous\" | null")
    )]
    pub field: Option<&'static str>,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CellId"))]
    pub cell: String,
    pub value: String,
    /// 「（一）予以公开」「自然人」应为 10（现为 12）: the same words as the suggestion.
    pub message: String,
    pub message_en: String,
}

/// One of the smallest sets of changes that makes every sum rule hold.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub changes: Vec<CellChange>,
    pub message: String,
    pub message_en: String,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellChange {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CellId"))]
    pub cell: String,
    pub from: String,
    pub to: String,
}

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify), tsify(missing_as_null, hashmap_as_object))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Total {
    #[cfg_attr(target_arch = "wasm32", tsify(type = "CellId"))]
    pub cell: String,
    pub value: Option<String>,
}

/// Checks a whole report.
pub fn check(report: &Report, options: Options) -> CheckResult {
    Checker::new(report.clone(), options).result()
}

/// What is wrong with a cell on its own; at most one per cell, the most basic first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CellProblem {
    NotANumber,
    TooLarge,
    Negative,
    NotInteger,
    Precision,
    Blank,
}

/// A violated sum rule: the two sides and the fix, when one is clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Violation {
    expected: i128,
    actual: i128,
    fix: Option<Change>,
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
    disagreements: Vec<Option<Disagreement>>,
    /// Headings, part count, period and template text: they change only with the text or year.
    structure_findings: Vec<Finding>,
    /// Cell problems counted as errors and as warnings, kept up to date by `set`.
    cell_counts: (usize, usize),
}

impl Checker {
    pub fn new(report: Report, options: Options) -> Checker {
        let numbers: Vec<Option<i128>> = report.values.iter().map(sum_value).collect();
        let cell_problems = cells().iter().zip(&report.values).map(|(c, v)| classify(c.kind(), v)).collect();
        let input_findings = input_findings(&report, options.previous.as_deref());
        let previous = options.previous.as_ref().map(|p| p.values.iter().map(sum_value).collect());
        let mut checker = Checker {
            previous,
            claims: Vec::new(),
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

    /// Reads the prose's claims and checks its structure, after the text or year changed.
    fn read_text(&mut self) {
        let text = self.report.text.as_deref().unwrap_or_default();
        self.claims = prose::claims(text);
        self.structure_findings = if text.trim().is_empty() {
            Vec::new()
        } else {
            prose::structure(text, self.report.year).iter().map(structure_finding).collect()
        };
        self.evaluate_claims();
    }

    fn evaluate_claims(&mut self) {
        let previous = self.previous.as_deref();
        self.disagreements = self.claims.iter().map(|c| prose::evaluate(c, &self.numbers, previous)).collect();
    }

    /// What changed between two full lists of findings, by id (for edits that touch everything).
    fn changes_since(&self, before: Vec<Finding>) -> Changes {
        let after = self.findings();
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
            suggestions: self.suggestions(),
        }
    }

    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Loads (or with `None`, forgets) last year's report for the cross-year rules.
    pub fn set_previous(&mut self, previous: Option<Report>) -> Changes {
        let before = self.findings();
        self.previous = previous.as_ref().map(|p| p.values.iter().map(sum_value).collect());
        self.options.previous = previous.map(Box::new);
        self.input_findings = input_findings(&self.report, self.options.previous.as_deref());
        for e in 0..equations().len() {
            self.evaluate(e);
        }
        self.localise();
        self.evaluate_claims();
        self.changes_since(before)
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
                        None => changes.resolved.push(claim_id(&self.claims[k], k)),
                    }
                }
            }
            (changes.errors, changes.warnings) = self.counts();
        }
        changes
    }

    /// Every finding, in a stable order: input problems, cells in table order, then sum rules.
    pub fn findings(&self) -> Vec<Finding> {
        let mut findings = self.input_findings.clone();
        findings.extend((0..cells().len()).filter_map(|c| self.cell_finding(c)));
        findings.extend((0..equations().len()).filter_map(|e| self.equation_finding(e)));
        findings.extend((0..self.claims.len()).filter_map(|k| self.claim_finding(k)));
        findings.extend(self.structure_findings.iter().cloned());
        findings
    }

    fn claim_finding(&self, k: usize) -> Option<Finding> {
        let disagreement = self.disagreements.get(k)?.as_ref()?;
        let claim = &self.claims[k];
        let quote = quote(&claim.sentence);
        let ids = |cells: &[CellIndex]| cells.iter().map(|c| cells_id(*c)).collect::<Vec<_>>();
        let (rule, cells, expected, actual, extra): ClaimParts = match (&claim.kind, disagreement) {
            (ClaimKind::Count { cells, stated, .. }, Disagreement::Count { table }) => {
                ("text.count", ids(cells), table.to_string(), stated.to_string(), vec![])
            }
            (ClaimKind::Share { stated, .. }, Disagreement::Share { expected, count, base, truncated }) => (
                "text.percentage",
                ids(&prose_cells("requests.new.total")),
                expected.to_string(),
                stated.to_string(),
                vec![("count", count.to_string()), ("base", base.to_string()), ("truncated", truncated.to_string())],
            ),
            (ClaimKind::Change { cells, current, stated, .. }, Disagreement::Change { expected, previous }) => (
                "text.change",
                ids(cells),
                expected.to_string(),
                stated.to_string(),
                vec![("previous", previous.to_string()), ("current", current.to_string())],
            ),
            _ => return None,
        };
        let rule = rule_by_id(rule);
        let truncated = extra.iter().any(|(k, v)| *k == "truncated" && v == "true");
        let fill = |english: bool| {
            let note = match (truncated, english) {
                (false, _) => String::new(),
                (true, false) => format!("（{actual}% 是截断而非四舍五入所得）"),
                (true, true) => format!(" ({actual}% was truncated, not rounded)"),
            };
            let mut values: Vec<(&str, &str)> = vec![
                ("quote", &quote),
                ("word", &claim.word),
                ("expected", &expected),
                ("actual", &actual),
                ("note", &note),
            ];
            values.extend(extra.iter().map(|(k, v)| (*k, v.as_str())));
            render(pick(rule, english), &values)
        };
        Some(Finding {
            id: claim_id(claim, k),
            rule: rule.id,
            severity: rule.severity,
            cell: None,
            cells,
            message: fill(false),
            message_en: fill(true),
            expected: Some(expected.clone()),
            actual: Some(actual.clone()),
            fix: None,
            field: Some("text"),
        })
    }

    pub fn result(&self) -> CheckResult {
        let findings = self.findings();
        let (errors, warnings) = count(&findings);
        let unexplained = findings.iter().filter(|f| self.needs_reason(f)).map(|f| f.id.clone()).collect();
        CheckResult {
            ok: errors == 0,
            errors,
            warnings,
            findings,
            suggestions: self.suggestions(),
            ambiguous: self.fixes.len() > 1,
            unexplained,
        }
    }

    pub fn suggestions(&self) -> Vec<Suggestion> {
        self.fixes.iter().map(|changes| suggestion(changes, &self.report)).collect()
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
        (index().computed_by[total.cell as usize] == Some(e)).then(|| Total {
            cell: cells()[total.cell as usize].id.clone(),
            value: self.sums[e].map(|s| s.to_string()),
        })
    }

    fn evaluate(&mut self, e: usize) {
        let equation = &equations()[e];
        // A cross-year term without last year's report leaves the equation unevaluated.
        let side = |terms: &[crate::rules::Term]| -> Option<i128> {
            terms.iter().try_fold(0i128, |sum, t| {
                let numbers = if t.previous { self.previous.as_deref()? } else { &self.numbers };
                Some(sum + i128::from(t.sign) * numbers[t.cell as usize]?)
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
                match self.equation_finding(e) {
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
        Changes { changed, resolved, totals, ok: errors == 0, errors, warnings, suggestions: self.suggestions() }
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
            (problem, _) => rule_by_id(problem_rule(problem)).severity,
        }
    }

    fn cell_finding(&self, c: usize) -> Option<Finding> {
        let problem = self.cell_problems[c]?;
        let cell = &cells()[c];
        let rule = rule_by_id(problem_rule(problem));
        let value = &self.report.values[c];
        // A value is quoted as typed, but never at length: a pasted document is not a cell value.
        let actual = (!value.is_blank()).then(|| crate::report::shorten(&value.display(), MAX_QUOTE));
        let expected = (problem == CellProblem::TooLarge).then(|| MAX_COUNT.to_string());
        let fill = |english: bool| {
            render(
                pick(rule, english),
                &[
                    ("cell", &cell.label(english)),
                    ("actual", actual.as_deref().unwrap_or("")),
                    ("expected", expected.as_deref().unwrap_or("")),
                ],
            )
        };
        let (message, message_en) = (fill(false), fill(true));
        Some(Finding {
            id: cell_finding_id(c, problem),
            rule: rule.id,
            severity: self.cell_severity(problem),
            cell: Some(cell.id.clone()),
            cells: vec![cell.id.clone()],
            expected,
            actual,
            message,
            message_en,
            fix: None,
            field: None,
        })
    }

    fn equation_finding(&self, e: usize) -> Option<Finding> {
        let v = self.violations[e]?;
        let equation: &Equation = &equations()[e];
        let (expected, actual) = (v.expected.to_string(), v.actual.to_string());
        let fill = |english: bool| {
            let scope = if english { &equation.scope_label.1 } else { &equation.scope_label.0 };
            render(
                pick(equation.rule, english),
                &[("row", scope), ("col", scope), ("expected", &expected), ("actual", &actual)],
            )
        };
        let id_of = |c: CellIndex| cells()[c as usize].id.clone();
        let (message, message_en) = (fill(false), fill(true));
        Some(Finding {
            id: equation.id(),
            rule: equation.rule.id,
            severity: equation.rule.severity,
            // A warning that no search localises (cross-year, floor) points at its own total.
            cell: match (v.fix, equation.is_sum()) {
                (Some(f), _) => Some(id_of(f.cell)),
                (None, false) => equation.total.iter().find(|t| !t.previous).map(|t| id_of(t.cell)),
                (None, true) => None,
            },
            cells: equation.coefficients().map(|(c, _)| id_of(c)).collect(),
            expected: Some(expected),
            actual: Some(actual),
            message,
            message_en,
            fix: v.fix.map(|f| Fix {
                cell: id_of(f.cell),
                value: f.to.to_string(),
                message: change_message(&f, &self.report, false),
                message_en: change_message(&f, &self.report, true),
            }),
            field: None,
        })
    }
}

fn count(findings: &[Finding]) -> (usize, usize) {
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    (errors, findings.len() - errors)
}

fn cell_finding_id(c: usize, problem: CellProblem) -> String {
    format!("{}:{}", problem_rule(problem), cells()[c].id)
}

fn problem_rule(problem: CellProblem) -> &'static str {
    match problem {
        CellProblem::NotANumber => "cell.not_a_number",
        CellProblem::TooLarge => "cell.too_large",
        CellProblem::Negative => "cell.negative",
        CellProblem::NotInteger => "cell.not_integer",
        CellProblem::Precision => "fees.precision",
        CellProblem::Blank => "cell.blank",
    }
}

fn classify(kind: Kind, value: &CellValue) -> Option<CellProblem> {
    let number: &Decimal = match value {
        CellValue::Blank => return Some(CellProblem::Blank),
        CellValue::Invalid(_) => return Some(CellProblem::NotANumber),
        CellValue::Overflow(_) => return Some(CellProblem::TooLarge),
        CellValue::Number(d) => d,
    };
    if number.exceeds(MAX_COUNT) {
        Some(CellProblem::TooLarge)
    } else if number.is_negative() {
        Some(CellProblem::Negative)
    } else if kind == Kind::Count && number.as_integer().is_none() {
        Some(CellProblem::NotInteger)
    } else if kind == Kind::Amount && number.decimal_places() > MAX_AMOUNT_PLACES {
        Some(CellProblem::Precision)
    } else {
        None
    }
}

/// What a cell counts as in a sum: a blank is 0 (so a blank never hides an arithmetic error).
fn sum_value(value: &CellValue) -> Option<i128> {
    match value {
        CellValue::Blank => Some(0),
        CellValue::Number(d) => d.as_integer(),
        CellValue::Overflow(_) | CellValue::Invalid(_) => None,
    }
}

/// Fields a report cannot go without, named in both languages.
const REQUIRED_FIELDS: &[(&str, &str, &str)] =
    &[("issuer", "发布机关", "issuing agency"), ("year", "报告年度", "report year")];

/// A report field as the clerk knows it; other paths (a table, a row) are shown as they are.
fn field_name(path: &str, english: bool) -> String {
    let names = [
        ("issuer", "发布机关", "issuing agency"),
        ("year", "报告年度", "report year"),
        ("text", "正文", "text"),
        ("format", "格式", "format"),
    ];
    match names.iter().find(|(key, _, _)| *key == path) {
        Some((_, zh, en)) => if english { en } else { zh }.to_string(),
        None => path.to_string(),
    }
}

fn input_findings(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(previous) = previous {
        let name = |r: &Report, year: Option<i64>| {
            format!(
                "{} {}",
                r.issuer.as_deref().unwrap_or("?"),
                year.map(|y| y.to_string()).unwrap_or_else(|| "?".into())
            )
        };
        let same_issuer = match (previous.issuer.as_deref(), report.issuer.as_deref()) {
            (Some(a), Some(b)) => same_issuer(a, b),
            (a, b) => a == b,
        };
        let year_before = matches!((previous.year, report.year), (Some(p), Some(y)) if p + 1 == y);
        if !same_issuer || !year_before {
            let expected = name(report, report.year.map(|y| y - 1));
            findings.push(input_finding(
                "cross_year.previous",
                "previous",
                Some(expected),
                Some(name(previous, previous.year)),
                |_| vec![],
            ));
        }
    }
    if let Some(format) = report.format.as_deref().filter(|f| *f != schema::FORMAT) {
        findings.push(input_finding("report.format", "format", None, Some(format.to_string()), |_| vec![]));
    }
    for &(field, zh, en) in REQUIRED_FIELDS {
        let missing = match field {
            "issuer" => report.issuer.is_none(),
            _ => report.year.is_none(),
        };
        let already_named =
            report.problems.iter().any(|p| matches!(p, InputProblem::WrongType { path, .. } if path == field));
        if missing && !already_named {
            findings.push(input_finding("report.missing_field", field, Some(field.to_string()), None, |english| {
                vec![("expected", if english { en } else { zh }.to_string())]
            }));
        }
    }
    for problem in &report.problems {
        findings.push(match problem {
            InputProblem::UnknownKey { path, nearest } => {
                input_finding("report.unknown_key", path, nearest.clone(), Some(path.clone()), |english| {
                    let hint = match (nearest, english) {
                        (Some(n), false) => format!("；是否应为“{n}”？"),
                        (Some(n), true) => format!("; did you mean “{n}”?"),
                        (None, _) => String::new(),
                    };
                    vec![("hint", hint)]
                })
            }
            InputProblem::WrongType { path, expected, found } => input_finding(
                "report.wrong_type",
                path,
                Some(expected.en.to_string()),
                Some(found.clone()),
                |english| {
                    vec![("cell", field_name(path, english)), ("expected", schema::pick(expected, english).to_string())]
                },
            ),
        });
    }
    findings
}

/// A finding about the report as a whole; `values(english)` fills the template's own placeholders.
fn input_finding(
    rule: &str,
    path: &str,
    expected: Option<String>,
    actual: Option<String>,
    values: impl Fn(bool) -> Vec<(&'static str, String)>,
) -> Finding {
    let rule: &Rule = rule_by_id(rule);
    let fill = |english: bool| {
        let mut all = values(english);
        all.push(("expected", expected.clone().unwrap_or_default()));
        all.push(("actual", actual.clone().unwrap_or_default()));
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        render(pick(rule, english), &borrowed)
    };
    Finding {
        id: format!("{}:{}", rule.id, path),
        rule: rule.id,
        severity: rule.severity,
        cell: None,
        cells: Vec::new(),
        message: fill(false),
        message_en: fill(true),
        expected,
        actual,
        fix: None,
        field: ["format", "issuer", "year", "text", "reasons", "previous"]
            .into_iter()
            .find(|f| path == *f || path.starts_with(&format!("{f}."))),
    }
}

fn suggestion(changes: &[Change], report: &Report) -> Suggestion {
    let describe = |english: bool| {
        let parts: Vec<String> = changes.iter().map(|c| change_message(c, report, english)).collect();
        parts.join(if english { "; " } else { "；" })
    };
    Suggestion {
        changes: changes
            .iter()
            .map(|c| CellChange {
                cell: cells()[c.cell as usize].id.clone(),
                from: typed(c, report),
                to: c.to.to_string(),
            })
            .collect(),
        message: describe(false),
        message_en: describe(true),
    }
}

/// What the cell holds now, as the clerk sees it ("" for a blank, which sums count as 0).
fn typed(change: &Change, report: &Report) -> String {
    report.value(change.cell).display()
}

/// 「（一）予以公开」「自然人」应为 10（现为 12）, or （现为空白） for a blank.
fn change_message(change: &Change, report: &Report, english: bool) -> String {
    let label = cells()[change.cell as usize].label(english);
    let now = typed(change, report);
    match (english, now.is_empty()) {
        (false, false) => format!("{label}应为 {}（现为 {now}）", change.to),
        (false, true) => format!("{label}应为 {}（现为空白）", change.to),
        (true, false) => format!("{label} should be {} (now {now})", change.to),
        (true, true) => format!("{label} should be {} (now blank)", change.to),
    }
}

fn pick(rule: &Rule, english: bool) -> &'static str {
    if english {
        rule.message_en
    } else {
        rule.message
    }
}

/// Fills `{name}` placeholders.
fn render(template: &str, values: &[(&str, &str)]) -> String {
    // One pass, one allocation; the first value given for a name wins.
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}').map(|close| (&after[..close], close)) {
            Some((name, close)) if values.iter().any(|(n, _)| *n == name) => {
                out.push_str(values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v).unwrap_or_default());
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn claim_id(claim: &Claim, k: usize) -> String {
    let rule = match claim.kind {
        ClaimKind::Count { .. } => "text.count",
        ClaimKind::Share { .. } => "text.percentage",
        ClaimKind::Change { .. } => "text.change",
    };
    format!("{rule}:{k}")
}

fn cells_id(c: CellIndex) -> String {
    cells()[c as usize].id.clone()
}

fn prose_cells(template: &str) -> Vec<CellIndex> {
    crate::rules::expand_cells(template)
}

/// A sentence as quoted in a message: whole when short, else its first 60 characters.
fn quote(sentence: &str) -> String {
    let sentence = sentence.trim();
    if sentence.chars().count() <= 60 {
        sentence.to_string()
    } else {
        format!("{}…", sentence.chars().take(60).collect::<String>())
    }
}

fn structure_finding(problem: &StructureProblem) -> Finding {
    let headings = |parts: &[&str]| {
        parts
            .iter()
            .map(|p| prose::PARTS.iter().find(|(n, _)| n == p).map(|(n, t)| format!("{n}、{t}")).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let (rule, id, expected, actual, sentence) = match problem {
        StructureProblem::MissingParts(parts) => ("structure.parts", "parts", None, headings(parts).join("；"), ""),
        StructureProblem::Order(parts) => ("structure.order", "order", None, parts.join("、"), ""),
        StructureProblem::PartCount { stated, sentence } => {
            ("structure.part_count", "part_count", Some("六".to_string()), stated.clone(), sentence.as_str())
        }
        StructureProblem::Period { stated, year, sentence } => {
            ("structure.period", "period", Some(year.to_string()), stated.to_string(), sentence.as_str())
        }
        StructureProblem::Template { mark, sentence } => {
            ("structure.template", *mark, None, mark.to_string(), sentence.as_str())
        }
    };
    let quote = quote(sentence);
    let mut finding = input_finding(rule, id, expected, Some(actual), |_| vec![("quote", quote.clone())]);
    finding.field = Some("text");
    finding
}

/// A claim finding's rule, cells, expected and actual values, and its extra placeholders.
type ClaimParts = (&'static str, Vec<String>, String, String, Vec<(&'static str, String)>);

/// What identifies an issuer: its name without spaces (「龙德县 人民政府」 is 「龙德县人民政府」, a
/// title split over PDF lines). The cross-year check and the CLI's --previous-dir pairing both use it.
pub fn issuer_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether two issuer names name the same agency (see [`issuer_key`]).
pub fn same_issuer(a: &str, b: &str) -> bool {
    issuer_key(a) == issuer_key(b)
}
