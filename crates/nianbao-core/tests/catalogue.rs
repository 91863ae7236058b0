//! The rule catalogue against itself and against the README's table ("What it checks"): every rule
//! is listed there with its severity, and the table names no rule the catalogue does not have.

use nianbao_core::rules::{RuleId, Severity, RULES};

#[test]
fn each_rule_is_declared_once_with_its_documentation() {
    assert_eq!(RuleId::ALL.len(), RULES.len());
    for &rule in RuleId::ALL {
        assert_eq!(RuleId::from_id(rule.id()), Some(rule), "{rule}: one id, one declaration");
        let declared = rule.rule();
        assert!(!rule.documentation().is_empty(), "{rule} has no documentation");
        assert!(!declared.message.is_empty() && !declared.message_en.is_empty(), "{rule} has no message");
        let (area, name) = rule.id().split_once('.').expect("area.name");
        assert!(!area.is_empty() && !name.is_empty(), "{rule}");
    }
}

/// The rows of the README's rule table: the rule ids of the first column and the severity column.
fn readme_rows() -> Vec<(Vec<String>, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split("\n## What it checks").nth(1).expect("a section “What it checks”");
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            let columns: Vec<&str> = line.split('|').map(str::trim).collect();
            let ids = columns[1].split('`').skip(1).step_by(2).map(str::to_string).collect();
            (ids, columns[2].to_string())
        })
        .collect()
}

#[test]
fn the_readme_lists_every_rule_with_its_severity_and_no_other() {
    let rows = readme_rows();
    assert!(!rows.is_empty(), "no rule table in the README");
    for (ids, severity) in &rows {
        for id in ids {
            let rule = RuleId::from_id(id).unwrap_or_else(|| panic!("the README lists `{id}`, which is no rule"));
            let word = match rule.rule().severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            assert!(severity.starts_with(word), "the README says `{id}` is {severity:?}; the catalogue: {word}");
        }
    }
    for &rule in RuleId::ALL {
        let listed = rows.iter().filter(|(ids, _)| ids.iter().any(|id| id == rule.id())).count();
        assert_eq!(listed, 1, "the README's rule table lists `{rule}` {listed} times, not once");
    }
}
