//! Findings about the tables: one cell's value (`cell.*`, `fees.precision`) and the sum rules
//! (`requests.*`, `appeals.*`, `proactive.*`, `cross_year.*` but `previous`).

use super::render::ChangeMessages;
use super::result::{Finding, Fix};
use crate::localize::Change;
use crate::report::{shorten, Report};
use crate::rules::{equations, render, Equation, RuleId, Severity};
use crate::schema::{cells, CellIndex, Kind};
use crate::value::{CellValue, Decimal};

/// Most characters of a typed value a message quotes.
const MAX_QUOTE: usize = 64;

/// A count above this is a typing accident, not a statistic.
pub const MAX_COUNT: i128 = 2_147_483_647;
/// Finer than this many decimal places of 万元 is finer than 1 元.
pub const MAX_AMOUNT_PLACES: u32 = 4;

/// What is wrong with a cell on its own; at most one per cell, the most basic first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellProblem {
    NotANumber,
    TooLarge,
    Negative,
    NotInteger,
    Precision,
    Blank,
}

impl CellProblem {
    pub(crate) fn rule(self) -> RuleId {
        match self {
            CellProblem::NotANumber => RuleId::CellNotANumber,
            CellProblem::TooLarge => RuleId::CellTooLarge,
            CellProblem::Negative => RuleId::CellNegative,
            CellProblem::NotInteger => RuleId::CellNotInteger,
            CellProblem::Precision => RuleId::FeesPrecision,
            CellProblem::Blank => RuleId::CellBlank,
        }
    }
}

/// A violated sum rule: the two sides and the fix, when one is clear.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Violation {
    pub expected: i128,
    pub actual: i128,
    pub fix: Option<Change>,
}

pub(crate) fn classify(kind: Kind, value: &CellValue) -> Option<CellProblem> {
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
pub(crate) fn sum_value(value: &CellValue) -> Option<i128> {
    match value {
        CellValue::Blank => Some(0),
        CellValue::Number(d) => d.as_integer(),
        CellValue::Overflow(_) | CellValue::Invalid(_) => None,
    }
}

pub(crate) fn cell_finding_id(c: usize, problem: CellProblem) -> String {
    format!("{}:{}", problem.rule(), cells()[c].id)
}

/// The finding for a cell's own problem, at the severity the options give it.
pub(crate) fn cell_finding(c: usize, problem: CellProblem, severity: Severity, value: &CellValue) -> Finding {
    let cell = &cells()[c];
    let rule = problem.rule().rule();
    // A value is quoted as typed, but never at length: a pasted document is not a cell value.
    let actual = (!value.is_blank()).then(|| shorten(&value.display(), MAX_QUOTE));
    let expected = (problem == CellProblem::TooLarge).then(|| MAX_COUNT.to_string());
    let fill = |english: bool| {
        render(
            rule.template(english),
            &[
                ("cell", &cell.label(english)),
                ("actual", actual.as_deref().unwrap_or("")),
                ("expected", expected.as_deref().unwrap_or("")),
            ],
        )
    };
    let (message, message_en) = (fill(false), fill(true));
    Finding {
        id: cell_finding_id(c, problem),
        rule: rule.id,
        severity,
        cell: Some(&cell.id),
        cells: vec![&cell.id],
        expected,
        actual,
        message,
        message_en,
        fix: None,
        field: None,
    }
}

/// The finding for a violated equation, naming the fix when one cell is clearly wrong.
pub(crate) fn equation_finding(e: usize, v: Violation, report: &Report, messages: &ChangeMessages) -> Finding {
    let equation: &Equation = &equations()[e];
    let (expected, actual) = (v.expected.to_string(), v.actual.to_string());
    let fill = |english: bool| {
        let scope = if english { &equation.scope_label.1 } else { &equation.scope_label.0 };
        render(
            equation.rule.template(english),
            &[("row", scope), ("col", scope), ("expected", &expected), ("actual", &actual)],
        )
    };
    let id_of = |c: CellIndex| -> &'static str { &cells()[c as usize].id };
    let (message, message_en) = (fill(false), fill(true));
    Finding {
        id: equation.id(),
        rule: equation.rule.id,
        severity: equation.rule.severity,
        // A warning that no search localises (cross-year, floor) points at its own total.
        cell: match (v.fix, equation.is_sum()) {
            (Some(f), _) => Some(id_of(f.cell)),
            (None, false) => equation.total.iter().find(|t| !t.previous).map(|t| id_of(t.cell)),
            (None, true) => None,
        },
        cells: {
            // Sized once: the filtered chain gives collect() no useful size hint.
            let mut ids = Vec::with_capacity(equation.total.len() + equation.parts.len());
            ids.extend(equation.coefficients().map(|(c, _)| id_of(c)));
            ids
        },
        expected: Some(expected),
        actual: Some(actual),
        message,
        message_en,
        fix: v.fix.map(|f| Fix {
            cell: id_of(f.cell),
            value: f.to.to_string(),
            message: messages.of(&f, report, false),
            message_en: messages.of(&f, report, true),
        }),
        field: None,
    }
}
