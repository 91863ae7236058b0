//! Findings about the prose: its figures against the tables (`text.*`) and its structure
//! (`structure.*`). A finding's id comes from the claim itself — rule, figure and sentence — so
//! that a reason the clerk gave stays with its claim when other prose is added above it.

use super::input::input_finding;
use super::render::quote;
use super::result::Finding;
use crate::prose::{Claim, ClaimKind, Disagreement, StructureProblem, PARTS};
use crate::rules::{expand_cells, render, RuleId};
use crate::schema::{cells, CellIndex};
use std::collections::BTreeMap;

/// The rule a claim is checked by.
fn claim_rule(claim: &Claim) -> RuleId {
    match claim.kind {
        ClaimKind::Count { .. } => RuleId::TextCount,
        ClaimKind::Share { .. } => RuleId::TextPercentage,
        ClaimKind::Change { .. } => RuleId::TextChange,
    }
}

/// Each claim's finding id: `text.count:received:5f3a09c2` (rule, figure, sentence), unique in the list.
pub(crate) fn claim_ids(claims: &[Claim]) -> Vec<String> {
    unique(claims.iter().map(|c| format!("{}:{}:{}", claim_rule(c), c.figure, sentence_key(&c.sentence))).collect())
}

/// A short stable key of a sentence: FNV-1a (32 bits) of its characters without spaces.
fn sentence_key(sentence: &str) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in sentence.chars().filter(|c| !c.is_whitespace()).collect::<String>().bytes() {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

/// The same id twice (two identical sentences) gets `~2`, `~3` …, so no two findings share one.
fn unique(ids: Vec<String>) -> Vec<String> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    ids.into_iter()
        .map(|id| {
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                id
            } else {
                format!("{id}~{n}")
            }
        })
        .collect()
}

/// What a disagreement puts into its message beyond quote, word, expected and actual.
struct ClaimFacts {
    rule: RuleId,
    cells: Vec<&'static str>,
    expected: String,
    actual: String,
    /// The rule's own placeholders ({count}, {base}, {previous}, {current}).
    extra: Vec<(&'static str, String)>,
    /// The percentage written is the truncated, not the rounded, share.
    truncated: bool,
}

pub(crate) fn claim_finding(claim: &Claim, disagreement: &Disagreement, id: &str) -> Option<Finding> {
    let ids = |list: &[CellIndex]| list.iter().map(|c| cells()[*c as usize].id.as_str()).collect::<Vec<_>>();
    let facts = match (&claim.kind, disagreement) {
        (ClaimKind::Count { cells, stated, .. }, Disagreement::Count { table }) => ClaimFacts {
            rule: RuleId::TextCount,
            cells: ids(cells),
            expected: table.to_string(),
            actual: stated.to_string(),
            extra: vec![],
            truncated: false,
        },
        (ClaimKind::Share { stated, .. }, Disagreement::Share { expected, count, base, truncated }) => ClaimFacts {
            rule: RuleId::TextPercentage,
            cells: ids(&expand_cells("requests.new.total")),
            expected: expected.to_string(),
            actual: stated.to_string(),
            extra: vec![("count", count.to_string()), ("base", base.to_string())],
            truncated: *truncated,
        },
        (ClaimKind::Change { cells, current, stated }, Disagreement::Change { expected, previous }) => ClaimFacts {
            rule: RuleId::TextChange,
            cells: ids(cells),
            expected: expected.to_string(),
            actual: stated.to_string(),
            extra: vec![("previous", previous.to_string()), ("current", current.to_string())],
            truncated: false,
        },
        _ => return None,
    };
    let rule = facts.rule.rule();
    let quote = quote(&claim.sentence);
    let fill = |english: bool| {
        let actual = &facts.actual;
        let note = match (facts.truncated, english) {
            (false, _) => String::new(),
            (true, false) => format!("（{actual}% 是截断而非四舍五入所得）"),
            (true, true) => format!(" ({actual}% was truncated, not rounded)"),
        };
        let mut values: Vec<(&str, &str)> = vec![
            ("quote", &quote),
            ("word", &claim.word),
            ("expected", &facts.expected),
            ("actual", actual),
            ("note", &note),
        ];
        values.extend(facts.extra.iter().map(|(k, v)| (*k, v.as_str())));
        render(rule.template(english), &values)
    };
    Some(Finding {
        id: id.to_string(),
        rule: rule.id,
        severity: rule.severity,
        cell: None,
        message: fill(false),
        message_en: fill(true),
        cells: facts.cells,
        expected: Some(facts.expected),
        actual: Some(facts.actual),
        fix: None,
        field: Some("text"),
    })
}

/// The structure findings of a text, each with an id of its own (a sentence's problem is named by
/// the sentence, so two 「本报告由…部分组成」 sentences give two findings).
pub(crate) fn structure_findings(problems: &[StructureProblem]) -> Vec<Finding> {
    let mut findings: Vec<Finding> = problems.iter().map(structure_finding).collect();
    let ids = unique(findings.iter().map(|f| f.id.clone()).collect());
    for (finding, id) in findings.iter_mut().zip(ids) {
        finding.id = id;
    }
    findings
}

fn structure_finding(problem: &StructureProblem) -> Finding {
    let headings = |parts: &[&str]| {
        parts
            .iter()
            .map(|p| PARTS.iter().find(|(n, _)| n == p).map(|(n, t)| format!("{n}、{t}")).unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let (rule, about, expected, actual, sentence) = match problem {
        StructureProblem::MissingParts(parts) => {
            (RuleId::StructureParts, "parts".to_string(), None, headings(parts).join("；"), "")
        }
        StructureProblem::Order(parts) => (RuleId::StructureOrder, "order".to_string(), None, parts.join("、"), ""),
        StructureProblem::PartCount { stated, sentence } => (
            RuleId::StructurePartCount,
            sentence_key(sentence),
            Some("六".to_string()),
            stated.clone(),
            sentence.as_str(),
        ),
        StructureProblem::Period { stated, year, sentence } => (
            RuleId::StructurePeriod,
            sentence_key(sentence),
            Some(year.to_string()),
            stated.to_string(),
            sentence.as_str(),
        ),
        StructureProblem::Template { mark, sentence } => {
            (RuleId::StructureTemplate, mark.to_string(), None, mark.to_string(), sentence.as_str())
        }
    };
    let quote = quote(sentence);
    let mut finding = input_finding(rule, &about, expected, Some(actual), |_| vec![("quote", quote.clone())]);
    finding.field = Some("text");
    finding
}
