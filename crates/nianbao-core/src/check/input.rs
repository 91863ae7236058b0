//! Findings about the report as a whole (`report.*`, `cross_year.previous`): its shape, its
//! required fields, its format, and whether last year's report is last year's.

use super::result::Finding;
use crate::report::{InputProblem, Report};
use crate::rules::{render, Rule, RuleId};
use crate::schema;

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

pub(crate) fn input_findings(report: &Report, previous: Option<&Report>) -> Vec<Finding> {
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
                RuleId::CrossYearPrevious,
                "previous",
                Some(expected),
                Some(name(previous, previous.year)),
                |_| vec![],
            ));
        }
    }
    if let Some(format) = report.format.as_deref().filter(|f| *f != schema::FORMAT) {
        findings.push(input_finding(RuleId::ReportFormat, "format", None, Some(format.to_string()), |_| vec![]));
    }
    for &(field, zh, en) in REQUIRED_FIELDS {
        let missing = match field {
            "issuer" => report.issuer.is_none(),
            _ => report.year.is_none(),
        };
        let already_named =
            report.problems.iter().any(|p| matches!(p, InputProblem::WrongType { path, .. } if path == field));
        if missing && !already_named {
            findings.push(input_finding(RuleId::ReportMissingField, field, Some(field.to_string()), None, |english| {
                vec![("expected", if english { en } else { zh }.to_string())]
            }));
        }
    }
    for problem in &report.problems {
        findings.push(match problem {
            InputProblem::UnknownKey { path, nearest } => {
                input_finding(RuleId::ReportUnknownKey, path, nearest.clone(), Some(path.clone()), |english| {
                    let hint = match (nearest, english) {
                        (Some(n), false) => format!("；是否应为“{n}”？"),
                        (Some(n), true) => format!("; did you mean “{n}”?"),
                        (None, _) => String::new(),
                    };
                    vec![("hint", hint)]
                })
            }
            InputProblem::WrongType { path, expected, found } => input_finding(
                RuleId::ReportWrongType,
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
pub(crate) fn input_finding(
    rule: RuleId,
    path: &str,
    expected: Option<String>,
    actual: Option<String>,
    values: impl Fn(bool) -> Vec<(&'static str, String)>,
) -> Finding {
    let rule: &Rule = rule.rule();
    let fill = |english: bool| {
        let mut all = values(english);
        all.push(("expected", expected.clone().unwrap_or_default()));
        all.push(("actual", actual.clone().unwrap_or_default()));
        let borrowed: Vec<(&str, &str)> = all.iter().map(|(k, v)| (*k, v.as_str())).collect();
        render(rule.template(english), &borrowed)
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

/// What identifies an issuer: its name without spaces (「龙德县 人民政府」 is 「龙德县人民政府」, a
/// title split over PDF lines). The cross-year check and the CLI's --previous-dir pairing both use it.
pub fn issuer_key(name: &str) -> String {
    name.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether two issuer names name the same agency (see [`issuer_key`]).
pub fn same_issuer(a: &str, b: &str) -> bool {
    issuer_key(a) == issuer_key(b)
}
