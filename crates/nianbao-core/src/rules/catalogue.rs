//! The rule catalogue (report-format.md §6): ONE declaration per rule — its id, severity, category,
//! message templates (zh, en) and documentation (the doc comment). Everything else refers to a rule
//! through [`RuleId`]; the README's rule table is tested against this list (tests/catalogue.rs).
//!
//! To add a rule: add a declaration below (variant, id, severity, category, both templates, a doc
//! comment saying what it checks), emit it from the check (`RuleId::YourRule`), and add its row to
//! the README's "What it checks" table — the catalogue test fails until the README names it.

use super::{Category, Rule, Severity};
use serde::{Serialize, Serializer};

macro_rules! catalogue {
    ($(
        $(#[doc = $doc:literal])+
        $variant:ident = $id:literal, $severity:ident, $category:ident,
        $zh:literal,
        $en:literal;
    )+) => {
        /// A rule of the catalogue. `RuleId::X.rule()` is its declaration; `id()` is the text id
        /// (`requests.row_total`) that findings, `schema().rules` and the README use.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $($(#[doc = $doc])+ $variant,)+
        }

        impl RuleId {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),+];

            /// What the rule checks and why: its declaration's doc comment. A function rather than
            /// a field of [`Rule`], so that the .wasm, which never asks, does not carry the text.
            pub fn doc(self) -> &'static str {
                match self {
                    $(RuleId::$variant => concat!($($doc, "\n"),+),)+
                }
            }
        }

        /// The catalogue in declaration order: `RULES[id as usize]` is the rule of `id`.
        pub static RULES: &[Rule] = &[$(Rule {
            id: $id,
            severity: Severity::$severity,
            category: Category::$category,
            message: $zh,
            message_en: $en,
        }),+];
    };
}

impl RuleId {
    /// The rule's declaration.
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }

    /// The documentation text, without the doc comment's leading spaces.
    pub fn documentation(self) -> String {
        self.doc().lines().map(str::trim).collect::<Vec<_>>().join("\n").trim().to_string()
    }

    /// The text id, such as `requests.row_total`.
    pub fn id(self) -> &'static str {
        self.rule().id
    }

    /// The rule with this text id.
    pub fn from_id(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.id() == id)
    }
}

/// A rule id is written as its text id.
impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

catalogue! {
    /// A key the format does not have (`natual_person`); its content is not read, and the nearest
    /// real key is suggested.
    ReportUnknownKey = "report.unknown_key", Error, Input,
        "“{actual}”不是年报格式中的项目，其内容未被读取{hint}。",
        "“{actual}” is not part of the report format and was not read{hint}.";
    /// The issuing agency or the report year is not given.
    ReportMissingField = "report.missing_field", Error, Missing,
        "未填写{expected}。",
        "The {expected} is missing.";
    /// A value of the wrong type: a table or row that is not an object, a year that is not one, a
    /// number where text belongs.
    ReportWrongType = "report.wrong_type", Error, Input,
        "“{cell}”应为{expected}，实际为 {actual}。",
        "“{cell}” should be {expected} but is {actual}.";
    /// The report says it is of a format other than 2021; only the 2021 format is checked.
    ReportFormat = "report.format", Error, Input,
        "本工具检查 2021 年格式（国办公开办函〔2021〕30号）的年报，此报告标明的格式是“{actual}”。",
        "Only the 2021 format (国办公开办函〔2021〕30号) is checked; this report says its format is “{actual}”.";
    /// Every cell is filled; 0 is written for none. Sums count a blank as 0, so a blank never hides
    /// an arithmetic error. A warning with `blanks: "warning"` (published reports print "/" or blanks).
    CellBlank = "cell.blank", Error, Missing,
        "{cell}未填写；没有的请填 0。",
        "{cell} is blank; write 0 if there is nothing to report.";
    /// 十二, 12件 and 1e3 are not numbers; full-width digits, spaces and 1,234 are fine.
    CellNotANumber = "cell.not_a_number", Error, Cell,
        "{cell}填写的“{actual}”不是数字。",
        "{cell}: “{actual}” is not a number.";
    /// Counts and amounts are never below 0.
    CellNegative = "cell.negative", Error, Cell,
        "{cell}为 {actual}，不能小于 0。",
        "{cell} is {actual}; it cannot be below 0.";
    /// Counts (件) are whole numbers.
    CellNotInteger = "cell.not_integer", Error, Cell,
        "{cell}为 {actual}，件数应为整数。",
        "{cell} is {actual}; counts are whole numbers.";
    /// A value above 2³¹−1 is a typing accident, not a statistic.
    CellTooLarge = "cell.too_large", Error, Cell,
        "{cell}为 {actual}，超过 {expected}，可能多输入了数字。",
        "{cell} is {actual}, above {expected}: probably a typing accident.";
    /// 万元 amounts finer than 4 decimal places (1 元); amounts are exact decimals, never floats.
    FeesPrecision = "fees.precision", Warning, Cell,
        "{cell}为 {actual} 万元，超过 4 位小数（4 位小数即精确到 1 元）。",
        "{cell} is {actual} (10,000 yuan), more than 4 decimal places (4 places is 1 yuan).";
    /// Each row of table 三: 总计 = 自然人 + the five 法人或其他组织 columns.
    RequestsRowTotal = "requests.row_total", Error, Sum,
        "「{row}」行：总计应为自然人与法人或其他组织各列之和 {expected}，实际填写 {actual}。",
        "Row “{row}”: the total should be {expected}, the sum of the applicant columns, but is {actual}.";
    /// Each column of table 三: （七）总计 = the 21 result rows.
    RequestsResultTotal = "requests.result_total", Error, Sum,
        "「{col}」列：（七）总计应为（一）至（六）各项之和 {expected}，实际填写 {actual}。",
        "Column “{col}”: (7) Total should be {expected}, the sum of outcomes (1)–(6), but is {actual}.";
    /// Each column of table 三: 一 + 二 = 三（七）总计 + 四.
    RequestsBalance = "requests.balance", Error, Sum,
        "「{col}」列：一、本年新收加二、上年结转为 {expected}，而三（七）总计加四、结转下年度为 {actual}，两者应相等。",
        "Column “{col}”: new plus carried over is {expected}, but (7) Total plus carried forward is {actual}; they must be equal.";
    /// Each row of table 四: 总计 = 维持 + 纠正 + 其他 + 尚未审结.
    AppealsTotal = "appeals.total", Error, Sum,
        "「{row}」：总计应为结果维持、结果纠正、其他结果、尚未审结之和 {expected}，实际填写 {actual}。",
        "“{row}”: the total should be {expected}, the sum of upheld, corrected, other and pending, but is {actual}.";
    /// 现行有效 ≥ 本年制发 − 本年废止, for 规章 and 行政规范性文件.
    ProactiveInForceFloor = "proactive.in_force_floor", Warning, Sum,
        "「{row}」：现行有效件数 {actual} 少于本年制发件数减本年废止件数（{expected}），请确认。",
        "“{row}”: {actual} in force is fewer than issued minus repealed this year ({expected}); please confirm.";
    /// A sum rule that needs a cell the import could not read (its row's label was not found, or
    /// its numbers could not be placed): not evaluated, so trouble reading a document never shows
    /// as an arithmetic error of the report. One finding per rule, naming the unread cells; cells
    /// printed blank are not unread (see `cell.blank`).
    SumsNotAssessable = "sums.not_assessable", Warning, Sum,
        "{rule} 有 {count} 项无法核对（{scopes}），因为以下单元格未能从文件中读取：{cells}。这不是报告本身的错误，请对照原文核对。",
        "{rule} cannot be checked for {scopes} ({count}) because these cells could not be read from the file: {cells}. This is not an error of the report; compare with the original.";
    /// With last year's report (`previous`): 二、上年结转 = last year's 四、结转下年度继续办理.
    CrossYearCarriedOver = "cross_year.carried_over", Warning, CrossYear,
        "「{col}」列：二、上年结转为 {actual}，而上年年报的四、结转下年度继续办理为 {expected}，两者应相等。",
        "Column “{col}”: {actual} carried over, but last year's report carried {expected} forward; they should be equal.";
    /// With last year's report: 现行有效 = last year's 现行有效 + 本年制发 − 本年废止.
    CrossYearInForce = "cross_year.in_force", Warning, CrossYear,
        "「{row}」：现行有效件数为 {actual}，按上年现行有效加本年制发减本年废止应为 {expected}。",
        "“{row}”: {actual} in force, but last year's count plus issued minus repealed this year is {expected}.";
    /// The report given as last year's is of another issuer or year.
    CrossYearPrevious = "cross_year.previous", Warning, CrossYear,
        "用于跨年核对的上年年报是“{actual}”，应为“{expected}”：核对结果可能不适用。",
        "The previous report used for the cross-year checks is “{actual}”, not “{expected}”: its findings may not apply.";
    /// A figure of the prose (受理/新收/收到, 予以公开 … 其他处理, 办结/答复, 结转, 行政复议, 行政诉讼,
    /// 规章 and 规范性文件 counts) differs from the tables; the finding quotes the sentence.
    TextCount = "text.count", Warning, Text,
        "正文“{quote}”写明{word} {actual} 件，而表中为 {expected} 件。",
        "The text says {word} {actual}, but the tables have {expected}: “{quote}”.";
    /// A share such as 占比 73.33%, recomputed and rounded as written (truncation is named).
    TextPercentage = "text.percentage", Warning, Text,
        "正文“{quote}”中的 {actual}%：按 {count} ÷ {base} 计算应为 {expected}%{note}。",
        "The text says {actual}%, but {count} ÷ {base} is {expected}%{note}: “{quote}”.";
    /// 较上年 x% against last year's report.
    TextChange = "text.change", Warning, Text,
        "正文“{quote}”称较上年变化 {actual}%：上年年报为 {previous} 件，本年为 {current} 件，应为 {expected}%。",
        "The text gives a change of {actual}% on last year, but last year's report has {previous} and this year {current}: {expected}% (“{quote}”).";
    /// The six part headings are all present.
    StructureParts = "structure.parts", Warning, Structure,
        "报告缺少以下部分的标题：{actual}。",
        "These parts of the report have no heading: {actual}.";
    /// The six part headings come in order.
    StructureOrder = "structure.order", Warning, Structure,
        "报告各部分的顺序为 {actual}，应为 一、二、三、四、五、六。",
        "The parts of the report come in the order {actual}, not 一 to 六.";
    /// 「本报告由…六部分组成」 names six parts.
    StructurePartCount = "structure.part_count", Warning, Structure,
        "“{quote}”称报告由{actual}部分组成，年报格式为六部分。",
        "“{quote}” says the report has {actual} parts; the format has six.";
    /// The statistics period names the report's year.
    StructurePeriod = "structure.period", Warning, Structure,
        "统计期限写的是 {actual} 年，而报告年度为 {expected} 年：“{quote}”。",
        "The statistics period names {actual}, but the report is for {expected}: “{quote}”.";
    /// Template text left behind (编写说明, XX, ××).
    StructureTemplate = "structure.template", Warning, Structure,
        "报告中还留有模板文字“{actual}”：“{quote}”。",
        "Template text “{actual}” is left in the report: “{quote}”.";
}
