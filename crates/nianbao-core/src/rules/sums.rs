//! The sum rules, declared as data: each is an equation over cell-id templates, expanded once per
//! row or column of its table. The same equations drive checking, the messages and the search for
//! the wrong cell.

use super::{render, Rule, RuleId, Severity};
use crate::schema::{self, cell_index, CellIndex};
use std::sync::OnceLock;

/// Whether the sum of the `total` side must equal, or be at least, the sum of the `parts` side.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Equal,
    AtLeast,
}

/// What an equation template is repeated over.
#[derive(Debug, Clone, Copy)]
pub enum Each {
    /// Every row of the table: `{row}` in the templates.
    Row(&'static str),
    /// These rows of the table: `{row}`.
    Rows(&'static str, &'static [&'static str]),
    /// Every column of the table: `{col}`.
    Column(&'static str),
}

/// A sum rule: for each row or column, Σ total (relation) Σ parts. A term starting with `-` is
/// subtracted; a row written `first..last` stands for every row from first to last.
#[derive(Debug)]
pub struct SumRule {
    pub rule: RuleId,
    pub each: Each,
    pub total: &'static [&'static str],
    pub parts: &'static [&'static str],
    pub relation: Relation,
}

pub const SUM_RULES: &[SumRule] = &[
    SumRule {
        rule: RuleId::RequestsRowTotal,
        each: Each::Row("requests"),
        total: &["requests.{row}.total"],
        parts: &[
            "requests.{row}.natural_person",
            "requests.{row}.commercial",
            "requests.{row}.research",
            "requests.{row}.social_welfare",
            "requests.{row}.legal_service",
            "requests.{row}.other_org",
        ],
        relation: Relation::Equal,
    },
    SumRule {
        rule: RuleId::RequestsResultTotal,
        each: Each::Column("requests"),
        total: &["requests.result_total.{col}"],
        parts: &["requests.disclosed..other_misc.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: RuleId::RequestsBalance,
        each: Each::Column("requests"),
        total: &["requests.result_total.{col}", "requests.carried_forward.{col}"],
        parts: &["requests.new.{col}", "requests.carried_over.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: RuleId::AppealsTotal,
        each: Each::Row("appeals"),
        total: &["appeals.{row}.total"],
        parts: &["appeals.{row}.upheld", "appeals.{row}.corrected", "appeals.{row}.other", "appeals.{row}.pending"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: RuleId::ProactiveInForceFloor,
        each: Each::Rows("proactive", &["rules", "normative_documents"]),
        total: &["proactive.{row}.in_force"],
        parts: &["proactive.{row}.issued", "-proactive.{row}.repealed"],
        relation: Relation::AtLeast,
    },
    // With last year's report: what it carried forward is what this year carried over, and the
    // documents in force follow from last year's count.
    SumRule {
        rule: RuleId::CrossYearCarriedOver,
        each: Each::Column("requests"),
        total: &["requests.carried_over.{col}"],
        parts: &["previous:requests.carried_forward.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: RuleId::CrossYearInForce,
        each: Each::Rows("proactive", &["rules", "normative_documents"]),
        total: &["proactive.{row}.in_force"],
        parts: &["previous:proactive.{row}.in_force", "proactive.{row}.issued", "-proactive.{row}.repealed"],
        relation: Relation::Equal,
    },
];

/// A cell in an equation, added (+1) or subtracted (−1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub cell: CellIndex,
    pub sign: i8,
    /// A cell of last year's report (`previous:` in a template), for the cross-year rules.
    pub previous: bool,
}

/// One expanded equation: Σ total (relation) Σ parts, for one row or column.
#[derive(Debug)]
pub struct Equation {
    pub rule: &'static Rule,
    pub relation: Relation,
    /// The row or column key it was expanded for (`new`, `natural_person`).
    pub scope: &'static str,
    /// `{row}` or `{col}` label, Chinese and English.
    pub scope_label: (String, String),
    pub total: Vec<Term>,
    pub parts: Vec<Term>,
}

impl Equation {
    /// This year's cells with their coefficient in `Σ total − Σ parts` (0 when the equation holds);
    /// last year's cells are constants here.
    pub fn coefficients(&self) -> impl Iterator<Item = (CellIndex, i128)> + '_ {
        let total = self.total.iter().filter(|t| !t.previous).map(|t| (t.cell, i128::from(t.sign)));
        total.chain(self.parts.iter().filter(|t| !t.previous).map(|t| (t.cell, -i128::from(t.sign))))
    }

    pub fn contains(&self, cell: CellIndex) -> bool {
        self.coefficients().any(|(c, _)| c == cell)
    }

    /// Whether it is an arithmetic error rule of this year's tables alone: the rules whose
    /// equations locate the wrong cell and compute the totals.
    pub fn is_sum(&self) -> bool {
        self.relation == Relation::Equal
            && self.rule.severity == Severity::Error
            && !self.total.iter().chain(&self.parts).any(|t| t.previous)
    }

    /// The finding id for this equation: rule and scope, stable while the clerk types.
    pub fn id(&self) -> String {
        format!("{}:{}", self.rule.id, self.scope)
    }
}

/// Every sum rule expanded over its table: 25 + 7 + 7 + 3 + 2 equations in the 2021 format.
pub fn equations() -> &'static [Equation] {
    static EQUATIONS: OnceLock<Vec<Equation>> = OnceLock::new();
    // Loops, not flat_map: a FlatMap's `next` is ~2 KB of the form's module each time.
    EQUATIONS.get_or_init(|| {
        let mut all = Vec::new();
        for sum in SUM_RULES {
            all.extend(expand(sum));
        }
        all
    })
}

fn expand(sum: &'static SumRule) -> Vec<Equation> {
    let (table_key, placeholder) = match sum.each {
        Each::Row(t) | Each::Rows(t, _) => (t, "row"),
        Each::Column(t) => (t, "col"),
    };
    let table = schema::table(table_key).unwrap_or_else(|| panic!("{}: no table {table_key}", sum.rule.id()));
    let scopes: Vec<&'static str> = match sum.each {
        Each::Row(_) => table.rows().map(|r| r.key).collect(),
        Each::Rows(_, keys) => table.rows().filter(|r| keys.contains(&r.key)).map(|r| r.key).collect(),
        Each::Column(_) => table.sections[0].columns.iter().map(|c| c.key).collect(),
    };
    scopes
        .into_iter()
        .map(|key| {
            let terms = |templates: &[&str]| -> Vec<Term> {
                // Filled as messages are (`render`: no substring search code in the form's module).
                let mut all = Vec::new();
                for template in templates {
                    all.extend(terms(table, &render(template, &[(placeholder, key)]), sum.rule.id()));
                }
                all
            };
            // The scope is named as its cells are: the row (with its group) or the column.
            let first_cell = &schema::cells()[terms(sum.total)[0].cell as usize];
            let scope_label = match sum.each {
                Each::Column(_) => (first_cell.column_label(false), first_cell.column_label(true)),
                _ => (first_cell.row_label(false), first_cell.row_label(true)),
            };
            Equation {
                rule: sum.rule.rule(),
                relation: sum.relation,
                scope: key,
                scope_label,
                total: terms(sum.total),
                parts: terms(sum.parts),
            }
        })
        .collect()
}

/// `-proactive.rules.repealed` → one subtracted term; `requests.a..b.total` → one term per row a..=b.
fn terms(table: &'static schema::Table, template: &str, rule: &str) -> Vec<Term> {
    let (sign, id) = match template.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, template),
    };
    let (previous, id) = match id.strip_prefix("previous:") {
        Some(rest) => (true, rest),
        None => (false, id),
    };
    let cell = |id: &str| cell_index(id).unwrap_or_else(|| panic!("{rule}: {id} is not a cell"));
    // The row may itself contain "..", so take the table from the left and the column from the right.
    let (table_key, rest) = id.split_once('.').unwrap_or_else(|| panic!("{rule}: {id} is not a cell"));
    let (row, column) = rest.rsplit_once('.').unwrap_or_else(|| panic!("{rule}: {id} is not a cell"));
    // No row key has a dot: the first one starts "..".
    let Some((first, last)) = row.split_once('.').map(|(first, last)| (first, last.trim_start_matches('.'))) else {
        return vec![Term { cell: cell(id), sign, previous }];
    };
    let rows: Vec<&str> = table.rows().map(|r| r.key).collect();
    let position = |key: &str| rows.iter().position(|r| *r == key).unwrap_or_else(|| panic!("{rule}: no row {key}"));
    rows[position(first)..=position(last)]
        .iter()
        .map(|r| Term { cell: cell(&format!("{table_key}.{r}.{column}")), sign, previous })
        .collect()
}

/// Cells that are the single total of an equality: the 总计 cells the form can fill in.
pub fn total_cells() -> Vec<CellIndex> {
    let mut total = vec![false; schema::cells().len()];
    for e in equations().iter().filter(|e| e.is_sum() && e.total.len() == 1) {
        total[e.total[0].cell as usize] = true;
    }
    (0..total.len()).filter(|&c| total[c]).map(|c| c as CellIndex).collect()
}

/// The cells a total adds up: the parts of the first sum rule whose single total it is.
pub fn parts_of(total: CellIndex) -> Vec<CellIndex> {
    equations()
        .iter()
        .find(|e| e.is_sum() && e.total.len() == 1 && e.total[0].cell == total)
        .map(|e| e.parts.iter().map(|t| t.cell).collect())
        .unwrap_or_default()
}

/// The cells of a cell-id template without placeholders: `requests.a..b.total` is every row a..=b.
pub fn expand_cells(template: &str) -> Vec<CellIndex> {
    let table_key = template.trim_start_matches('-').split('.').next().unwrap_or_default();
    let table = schema::table(table_key).unwrap_or_else(|| panic!("{template}: no table {table_key}"));
    terms(table, template, template).into_iter().map(|t| t.cell).collect()
}
