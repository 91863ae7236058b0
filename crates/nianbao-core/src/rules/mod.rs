//! The rules: the catalogue ([`RuleId`], one declaration per rule in `catalogue.rs`) and the sum
//! rules ([`sums`]), equations over cell ids that refer to the catalogue by id.

mod catalogue;
pub mod sums;

pub use catalogue::{RuleId, RULES};
pub use sums::{equations, expand_cells, parts_of, total_cells, Each, Equation, Relation, SumRule, Term, SUM_RULES};

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// What a rule is about, so that the form, the CLI and the review page can treat kinds of findings
/// alike without naming rule ids: `missing` (something not filled in: shown on submission), `input`
/// (the report's shape), `cell` (one cell's value), `sum` (the tables' equations), `cross_year`,
/// `text` (the prose against the tables) and `structure` (the prose's parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Missing,
    Input,
    Cell,
    Sum,
    CrossYear,
    Text,
    Structure,
}

/// One rule of the catalogue, as `schema().rules` hands it to clients. Placeholders of the message
/// templates: {cell} (the cell's row and column labels), {row}, {col} (the equation's scope),
/// {expected}, {actual}, and the rule's own ({quote}, {word} …).
#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// The message template, with {cell}, {row}, {col}, {expected}, {actual} placeholders.
    pub message: &'static str,
    pub message_en: &'static str,
}

impl Rule {
    /// The message template in one language.
    pub fn template(&self, english: bool) -> &'static str {
        if english {
            self.message_en
        } else {
            self.message
        }
    }
}

/// Fills a template's `{name}` placeholders (the messages', and the sum rules' cell-id templates).
pub(crate) fn render(template: &str, values: &[(&str, &str)]) -> String {
    // One pass, one allocation; the first value given for a name wins. Split, not indexed: no
    // panic path (and its formatting code) in the form's module.
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        let filled = after
            .split_once('}')
            .and_then(|(name, tail)| values.iter().find(|(n, _)| *n == name).map(|(_, value)| (*value, tail)));
        match filled {
            Some((value, tail)) => {
                out.push_str(value);
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}
