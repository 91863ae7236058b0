//! The rule catalogue (report-format.md §6) and the sum rules, declared as data: each sum rule is
//! an equation over cell-id templates, expanded once per row or column of its table. The same
//! equations drive checking, the messages and the search for the wrong cell.

use crate::schema::{self, cell_index, CellIndex};
use serde::Serialize;
use std::sync::OnceLock;

#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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

/// One rule of the catalogue, with its message template. Placeholders: {cell} (the cell's row and
/// column labels), {row}, {col} (the equation's scope), {expected}, {actual}.
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Serialize)]
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub category: Category,
    /// The message template, with {cell}, {row}, {col}, {expected}, {actual} placeholders.
    pub message: &'static str,
    pub message_en: &'static str,
}

const fn rule(id: &'static str, severity: Severity, category: Category, zh: &'static str, en: &'static str) -> Rule {
    Rule { id, severity, category, message: zh, message_en: en }
}

use Category::{CrossYear, Input, Missing, Structure, Sum, Text};
use Severity::{Error, Warning};

pub const RULES: &[Rule] = &[
    rule("report.unknown_key", Error, Input, "“{actual}”不是年报格式中的项目，其内容未被读取{hint}。", "“{actual}” is not part of the report format and was not read{hint}."),
    rule("report.missing_field", Error, Missing, "未填写{expected}。", "The {expected} is missing."),
    rule("report.wrong_type", Error, Input, "“{cell}”应为{expected}，实际为 {actual}。", "“{cell}” should be {expected} but is {actual}."),
    rule("report.format", Error, Input, "本工具检查 2021 年格式（国办公开办函〔2021〕30号）的年报，此报告标明的格式是“{actual}”。", "Only the 2021 format (国办公开办函〔2021〕30号) is checked; this report says its format is “{actual}”."),
    rule("cell.blank", Error, Missing, "{cell}未填写；没有的请填 0。", "{cell} is blank; write 0 if there is nothing to report."),
    rule("cell.not_a_number", Error, Category::Cell, "{cell}填写的“{actual}”不是数字。", "{cell}: “{actual}” is not a number."),
    rule("cell.negative", Error, Category::Cell, "{cell}为 {actual}，不能小于 0。", "{cell} is {actual}; it cannot be below 0."),
    rule("cell.not_integer", Error, Category::Cell, "{cell}为 {actual}，件数应为整数。", "{cell} is {actual}; counts are whole numbers."),
    rule("cell.too_large", Error, Category::Cell, "{cell}为 {actual}，超过 {expected}，可能多输入了数字。", "{cell} is {actual}, above {expected}: probably a typing accident."),
    rule("fees.precision", Warning, Category::Cell, "{cell}为 {actual} 万元，超过 4 位小数（4 位小数即精确到 1 元）。", "{cell} is {actual} (10,000 yuan), more than 4 decimal places (4 places is 1 yuan)."),
    rule("requests.row_total", Error, Sum, "「{row}」行：总计应为自然人与法人或其他组织各列之和 {expected}，实际填写 {actual}。", "Row “{row}”: the total should be {expected}, the sum of the applicant columns, but is {actual}."),
    rule("requests.result_total", Error, Sum, "「{col}」列：（七）总计应为（一）至（六）各项之和 {expected}，实际填写 {actual}。", "Column “{col}”: (7) Total should be {expected}, the sum of outcomes (1)–(6), but is {actual}."),
    rule("requests.balance", Error, Sum, "「{col}」列：一、本年新收加二、上年结转为 {expected}，而三（七）总计加四、结转下年度为 {actual}，两者应相等。", "Column “{col}”: new plus carried over is {expected}, but (7) Total plus carried forward is {actual}; they must be equal."),
    rule("appeals.total", Error, Sum, "「{row}」：总计应为结果维持、结果纠正、其他结果、尚未审结之和 {expected}，实际填写 {actual}。", "“{row}”: the total should be {expected}, the sum of upheld, corrected, other and pending, but is {actual}."),
    rule("proactive.in_force_floor", Warning, Sum, "「{row}」：现行有效件数 {actual} 少于本年制发件数减本年废止件数（{expected}），请确认。", "“{row}”: {actual} in force is fewer than issued minus repealed this year ({expected}); please confirm."),
    rule("cross_year.carried_over", Warning, CrossYear, "「{col}」列：二、上年结转为 {actual}，而上年年报的四、结转下年度继续办理为 {expected}，两者应相等。", "Column “{col}”: {actual} carried over, but last year's report carried {expected} forward; they should be equal."),
    rule("cross_year.in_force", Warning, CrossYear, "「{row}」：现行有效件数为 {actual}，按上年现行有效加本年制发减本年废止应为 {expected}。", "“{row}”: {actual} in force, but last year's count plus issued minus repealed this year is {expected}."),
    rule("cross_year.previous", Warning, CrossYear, "用于跨年核对的上年年报是“{actual}”，应为“{expected}”：核对结果可能不适用。", "The previous report used for the cross-year checks is “{actual}”, not “{expected}”: its findings may not apply."),
    rule("text.count", Warning, Text, "正文“{quote}”写明{word} {actual} 件，而表中为 {expected} 件。", "The text says {word} {actual}, but the tables have {expected}: “{quote}”."),
    rule("text.percentage", Warning, Text, "正文“{quote}”中的 {actual}%：按 {count} ÷ {base} 计算应为 {expected}%{note}。", "The text says {actual}%, but {count} ÷ {base} is {expected}%{note}: “{quote}”."),
    rule("text.change", Warning, Text, "正文“{quote}”称较上年变化 {actual}%：上年年报为 {previous} 件，本年为 {current} 件，应为 {expected}%。", "The text gives a change of {actual}% on last year, but last year's report has {previous} and this year {current}: {expected}% (“{quote}”)."),
    rule("structure.parts", Warning, Structure, "报告缺少以下部分的标题：{actual}。", "These parts of the report have no heading: {actual}."),
    rule("structure.order", Warning, Structure, "报告各部分的顺序为 {actual}，应为 一、二、三、四、五、六。", "The parts of the report come in the order {actual}, not 一 to 六."),
    rule("structure.part_count", Warning, Structure, "“{quote}”称报告由{actual}部分组成，年报格式为六部分。", "“{quote}” says the report has {actual} parts; the format has six."),
    rule("structure.period", Warning, Structure, "统计期限写的是 {actual} 年，而报告年度为 {expected} 年：“{quote}”。", "The statistics period names {actual}, but the report is for {expected}: “{quote}”."),
    rule("structure.template", Warning, Structure, "报告中还留有模板文字“{actual}”：“{quote}”。", "Template text “{actual}” is left in the report: “{quote}”."),
];

pub fn rule_by_id(id: &str) -> &'static Rule {
    RULES.iter().find(|r| r.id == id).unwrap_or_else(|| panic!("rule {id} is not in the catalogue"))
}

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
    pub rule: &'static str,
    pub each: Each,
    pub total: &'static [&'static str],
    pub parts: &'static [&'static str],
    pub relation: Relation,
}

pub const SUM_RULES: &[SumRule] = &[
    SumRule {
        rule: "requests.row_total",
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
        rule: "requests.result_total",
        each: Each::Column("requests"),
        total: &["requests.result_total.{col}"],
        parts: &["requests.disclosed..other_misc.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: "requests.balance",
        each: Each::Column("requests"),
        total: &["requests.result_total.{col}", "requests.carried_forward.{col}"],
        parts: &["requests.new.{col}", "requests.carried_over.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: "appeals.total",
        each: Each::Row("appeals"),
        total: &["appeals.{row}.total"],
        parts: &["appeals.{row}.upheld", "appeals.{row}.corrected", "appeals.{row}.other", "appeals.{row}.pending"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: "proactive.in_force_floor",
        each: Each::Rows("proactive", &["rules", "normative_documents"]),
        total: &["proactive.{row}.in_force"],
        parts: &["proactive.{row}.issued", "-proactive.{row}.repealed"],
        relation: Relation::AtLeast,
    },
    // With last year's report: what it carried forward is what this year carried over, and the
    // documents in force follow from last year's count.
    SumRule {
        rule: "cross_year.carried_over",
        each: Each::Column("requests"),
        total: &["requests.carried_over.{col}"],
        parts: &["previous:requests.carried_forward.{col}"],
        relation: Relation::Equal,
    },
    SumRule {
        rule: "cross_year.in_force",
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
    EQUATIONS.get_or_init(|| SUM_RULES.iter().flat_map(expand).collect())
}

fn expand(sum: &'static SumRule) -> Vec<Equation> {
    let (table_key, placeholder) = match sum.each {
        Each::Row(t) | Each::Rows(t, _) => (t, "{row}"),
        Each::Column(t) => (t, "{col}"),
    };
    let table = schema::table(table_key).unwrap_or_else(|| panic!("{}: no table {table_key}", sum.rule));
    let scopes: Vec<&'static str> = match sum.each {
        Each::Row(_) => table.rows().map(|r| r.key).collect(),
        Each::Rows(_, keys) => table.rows().filter(|r| keys.contains(&r.key)).map(|r| r.key).collect(),
        Each::Column(_) => table.sections[0].columns.iter().map(|c| c.key).collect(),
    };
    scopes
        .into_iter()
        .map(|key| {
            let terms = |templates: &[&str]| -> Vec<Term> {
                templates.iter().flat_map(|t| terms(table, &t.replace(placeholder, key), sum.rule)).collect()
            };
            // The scope is named as its cells are: the row (with its group) or the column.
            let first_cell = &schema::cells()[terms(sum.total)[0].cell as usize];
            let scope_label = match sum.each {
                Each::Column(_) => (first_cell.column_label(false), first_cell.column_label(true)),
                _ => (first_cell.row_label(false), first_cell.row_label(true)),
            };
            Equation {
                rule: rule_by_id(sum.rule),
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
    let Some((first, last)) = row.split_once("..") else {
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
