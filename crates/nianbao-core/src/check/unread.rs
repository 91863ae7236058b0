//! Cells an import could not read (`sums.not_assessable`): a sum rule that needs one is not
//! evaluated — the checker sees no number there — and is named once per rule, with the unread
//! cells, so that a row the reader missed gives a handful of warnings rather than an arithmetic
//! error or dozens of findings.

use super::result::Finding;
use crate::rules::{equations, render, Each, Equation, RuleId, SUM_RULES};
use crate::schema::cells;

/// One finding per sum rule with equations that need an unread cell. Cross-year equations count
/// only when last year's report is there (without it they are not evaluated anyway).
pub(crate) fn not_assessable_findings(unread: &[bool], with_previous: bool) -> Vec<Finding> {
    if !unread.contains(&true) {
        return Vec::new();
    }
    let mut groups: Vec<Vec<&'static Equation>> = Vec::new();
    for equation in equations() {
        let uses_previous = equation.total.iter().chain(&equation.parts).any(|t| t.previous);
        if (uses_previous && !with_previous) || !equation.coefficients().any(|(c, _)| unread[c as usize]) {
            continue;
        }
        // A rule's equations are expanded one after the other: a new rule starts a new group.
        match groups.last_mut() {
            Some(group) if group[0].rule.id == equation.rule.id => group.push(equation),
            _ => groups.push(vec![equation]),
        }
    }
    groups.iter().map(|group| finding(group, unread)).collect()
}

fn finding(group: &[&'static Equation], unread: &[bool]) -> Finding {
    // In cell order, once each: marked, then read off (a sort would add ~4 KB of code to the form's module).
    let mut marked = vec![false; unread.len()];
    for (c, _) in group.iter().flat_map(|e| e.coefficients()) {
        marked[c as usize] = unread[c as usize];
    }
    let involved: Vec<usize> = (0..marked.len()).filter(|&c| marked[c]).collect();
    let rule = RuleId::SumsNotAssessable.rule();
    let count = group.len().to_string();
    // Every row or column of the rule is named as such, not one by one.
    let all = equations().iter().filter(|e| e.rule.id == group[0].rule.id).count() == group.len() && group.len() > 1;
    let by_column = SUM_RULES.iter().any(|s| s.rule.id() == group[0].rule.id && matches!(s.each, Each::Column(_)));
    let fill = |english: bool| {
        let separator = if english { ", " } else { "、" };
        let scopes = match (all, by_column, english) {
            (true, true, false) => "每一列".to_string(),
            (true, false, false) => "每一行".to_string(),
            (true, true, true) => "every column".to_string(),
            (true, false, true) => "every row".to_string(),
            (false, ..) => {
                let labels = group.iter().map(|e| if english { &e.scope_label.1 } else { &e.scope_label.0 });
                labels.map(String::as_str).collect::<Vec<_>>().join(separator)
            }
        };
        render(
            rule.template(english),
            &[
                ("rule", group[0].rule.id),
                ("count", &count),
                ("scopes", &scopes),
                ("cells", &name_cells(&involved, english).join(separator)),
            ],
        )
    };
    Finding {
        id: format!("{}:{}", rule.id, group[0].rule.id),
        rule: rule.id,
        severity: rule.severity,
        cell: None,
        cells: involved.iter().map(|&c| cells()[c].id.as_str()).collect(),
        expected: None,
        actual: None,
        message: fill(false),
        message_en: fill(true),
        fix: None,
        field: None,
    }
}

/// The cells as a reader finds them in the document: a row none of whose cells was read is named
/// once as a whole row, other cells one by one.
fn name_cells(involved: &[usize], english: bool) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = involved;
    while let Some(&first) = rest.first() {
        let cell = &cells()[first];
        let same_row = rest.iter().take_while(|&&c| std::ptr::eq(cells()[c].row, cell.row)).count();
        let width = cell.table.section_of(cell.row.key).map_or(0, |s| s.columns.len());
        if same_row == width && width > 1 {
            let row = cell.row_label(english);
            names.push(if english { format!("“{row}” (whole row)") } else { format!("「{row}」整行") });
        } else {
            names.extend(rest[..same_row].iter().map(|&c| cells()[c].label(english)));
        }
        rest = &rest[same_row..];
    }
    names
}
