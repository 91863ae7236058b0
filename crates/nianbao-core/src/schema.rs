//! The three standard tables of the 2021 format (国办公开办函〔2021〕30号), declared once as data.
//!
//! Everything else — cell ids, the form, the messages, the TypeScript types — is derived from these
//! declarations. Chinese labels are the official ones, character for character.

use serde::Serialize;
use std::sync::OnceLock;

/// A label in the official Chinese and in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    #[serde(rename = "label")]
    pub zh: &'static str,
    #[serde(rename = "label_en")]
    pub en: &'static str,
}

const fn l(zh: &'static str, en: &'static str) -> Label {
    Label { zh, en }
}

/// What a cell holds: a whole count, or an exact amount in 万元.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Count,
    Amount,
}

#[derive(Debug, Serialize)]
pub struct Column {
    pub key: &'static str,
    #[serde(flatten)]
    pub label: Label,
    /// The spanning header above this column (法人或其他组织), if any.
    pub group: Option<&'static str>,
    pub kind: Kind,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub key: &'static str,
    #[serde(flatten)]
    pub label: Label,
    /// The innermost spanning group label this row sits under (（三）不予公开), if any.
    pub group: Option<&'static str>,
}

/// A block of rows sharing one header row. Table 二 has four (第二十条第（一）项 …); 三 and 四 have one.
#[derive(Debug, Serialize)]
pub struct Section {
    /// The sub-table header of table 二, e.g. 第二十条第（一）项.
    pub header: Option<&'static str>,
    pub header_en: Option<&'static str>,
    /// The header of the row-label column (信息内容 in table 二).
    pub row_header: Option<Label>,
    pub columns: &'static [Column],
    pub rows: &'static [Row],
}

/// A label spanning several rows or columns; it has no cells of its own.
#[derive(Debug, Serialize)]
pub struct Group {
    pub key: &'static str,
    #[serde(flatten)]
    pub label: Label,
    pub parent: Option<&'static str>,
    /// Whether a row or column under it is named with it in messages: 「（三）不予公开 1.属于国家秘密」,
    /// 「法人或其他组织·其他」; 「（一）予以公开」 needs no 「三、本年度办理结果」 before it.
    #[serde(skip)]
    pub qualifies: bool,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub key: &'static str,
    /// The part of the report it belongs to: 二, 三 or 四.
    pub part: &'static str,
    #[serde(flatten)]
    pub title: Label,
    /// A note printed with the table (the 勾稽关系 of table 三).
    pub note: Option<Label>,
    pub sections: &'static [Section],
    pub row_groups: &'static [Group],
    pub column_groups: &'static [Group],
}

const fn count(key: &'static str, label: Label, group: Option<&'static str>) -> Column {
    Column { key, label, group, kind: Kind::Count }
}
const fn row(key: &'static str, label: Label, group: Option<&'static str>) -> Row {
    Row { key, label, group }
}

// ---------------------------------------------------------------- table 二

const CONTENT: Option<Label> = Some(l("信息内容", "Information"));
const DOCUMENT_COLUMNS: &[Column] = &[
    count("issued", l("本年制发件数", "Issued this year"), None),
    count("repealed", l("本年废止件数", "Repealed this year"), None),
    count("in_force", l("现行有效件数", "In force"), None),
];
const DECISION_COLUMNS: &[Column] = &[count("decisions", l("本年处理决定数量", "Decisions this year"), None)];
const FEE_COLUMNS: &[Column] = &[Column {
    key: "amount",
    label: l("本年收费金额（单位：万元）", "Fees collected this year (10,000 yuan)"),
    group: None,
    kind: Kind::Amount,
}];

const PROACTIVE: Table = Table {
    key: "proactive",
    part: "二",
    title: l("二、主动公开政府信息情况", "II. Information disclosed proactively"),
    note: None,
    sections: &[
        Section {
            header: Some("第二十条第（一）项"),
            header_en: Some("Article 20 (1)"),
            row_header: CONTENT,
            columns: DOCUMENT_COLUMNS,
            rows: &[
                row("rules", l("规章", "Rules"), None),
                row("normative_documents", l("行政规范性文件", "Administrative normative documents"), None),
            ],
        },
        Section {
            header: Some("第二十条第（五）项"),
            header_en: Some("Article 20 (5)"),
            row_header: CONTENT,
            columns: DECISION_COLUMNS,
            rows: &[row("licensing", l("行政许可", "Administrative licensing"), None)],
        },
        Section {
            header: Some("第二十条第（六）项"),
            header_en: Some("Article 20 (6)"),
            row_header: CONTENT,
            columns: DECISION_COLUMNS,
            rows: &[
                row("penalty", l("行政处罚", "Administrative penalties"), None),
                row("enforcement", l("行政强制", "Administrative enforcement"), None),
            ],
        },
        Section {
            header: Some("第二十条第（八）项"),
            header_en: Some("Article 20 (8)"),
            row_header: CONTENT,
            columns: FEE_COLUMNS,
            rows: &[row("fees", l("行政事业性收费", "Administrative and institutional fees"), None)],
        },
    ],
    row_groups: &[],
    column_groups: &[],
};

// ---------------------------------------------------------------- table 三

const ORG: Option<&str> = Some("organisation");
/// 申请人情况 spans all seven columns of table 三, 法人或其他组织 five of them.
const APPLICANTS: Option<&str> = Some("applicants");
const REQUEST_COLUMNS: &[Column] = &[
    count("natural_person", l("自然人", "Natural persons"), APPLICANTS),
    count("commercial", l("商业企业", "Commercial enterprises"), ORG),
    count("research", l("科研机构", "Research institutions"), ORG),
    count("social_welfare", l("社会公益组织", "Social welfare organisations"), ORG),
    count("legal_service", l("法律服务机构", "Legal service agencies"), ORG),
    count("other_org", l("其他", "Other organisations"), ORG),
    count("total", l("总计", "Total"), APPLICANTS),
];

const RESULTS: Option<&str> = Some("results");
const WITHHELD: Option<&str> = Some("withheld");
const UNABLE: Option<&str> = Some("unable");
const NOT_PROCESSED: Option<&str> = Some("not_processed");
const OTHER: Option<&str> = Some("other");

const REQUESTS: Table = Table {
    key: "requests",
    part: "三",
    title: l("三、收到和处理政府信息公开申请情况", "III. Requests for government information received and handled"),
    note: Some(l(
        "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
        "(In each column, item I plus item II equals item III plus item IV.)",
    )),
    sections: &[Section {
        header: None,
        header_en: None,
        row_header: None,
        columns: REQUEST_COLUMNS,
        rows: &[
            row("new", l("一、本年新收政府信息公开申请数量", "I. New requests received this year"), None),
            row(
                "carried_over",
                l("二、上年结转政府信息公开申请数量", "II. Requests carried over from last year"),
                None,
            ),
            row("disclosed", l("（一）予以公开", "(1) Disclosed"), RESULTS),
            row(
                "partially_disclosed",
                l(
                    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                    "(2) Partially disclosed (a request handled in parts counts here only)",
                ),
                RESULTS,
            ),
            row("withheld_state_secret", l("1.属于国家秘密", "1. State secrets"), WITHHELD),
            row(
                "withheld_prohibited_by_law",
                l("2.其他法律行政法规禁止公开", "2. Disclosure prohibited by other laws or administrative regulations"),
                WITHHELD,
            ),
            row(
                "withheld_security_stability",
                l("3.危及“三安全一稳定”", "3. Would endanger the “three securities and one stability”"),
                WITHHELD,
            ),
            row(
                "withheld_third_party_rights",
                l("4.保护第三方合法权益", "4. Protects a third party's lawful rights"),
                WITHHELD,
            ),
            row(
                "withheld_internal_affairs",
                l("5.属于三类内部事务信息", "5. Internal affairs information (three kinds)"),
                WITHHELD,
            ),
            row("withheld_process_info", l("6.属于四类过程性信息", "6. Process information (four kinds)"), WITHHELD),
            row(
                "withheld_enforcement_file",
                l("7.属于行政执法案卷", "7. Administrative enforcement case files"),
                WITHHELD,
            ),
            row(
                "withheld_administrative_query",
                l("8.属于行政查询事项", "8. Administrative inquiry matters"),
                WITHHELD,
            ),
            row(
                "unable_not_held",
                l("1.本机关不掌握相关政府信息", "1. This agency does not hold the information"),
                UNABLE,
            ),
            row(
                "unable_needs_creation",
                l("2.没有现成信息需要另行制作", "2. No existing information; it would have to be created"),
                UNABLE,
            ),
            row(
                "unable_unclear_after_correction",
                l("3.补正后申请内容仍不明确", "3. Request still unclear after correction"),
                UNABLE,
            ),
            row(
                "not_processed_petition",
                l("1.信访举报投诉类申请", "1. Petitions, reports and complaints"),
                NOT_PROCESSED,
            ),
            row("not_processed_repeated", l("2.重复申请", "2. Repeated requests"), NOT_PROCESSED),
            row(
                "not_processed_publication",
                l("3.要求提供公开出版物", "3. Requests for public publications"),
                NOT_PROCESSED,
            ),
            row(
                "not_processed_excessive",
                l("4.无正当理由大量反复申请", "4. Many repeated requests without good reason"),
                NOT_PROCESSED,
            ),
            row(
                "not_processed_reconfirm",
                l(
                    "5.要求行政机关确认或重新出具已获取信息",
                    "5. Requests to confirm or reissue information already obtained",
                ),
                NOT_PROCESSED,
            ),
            row(
                "other_no_correction",
                l(
                    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                    "1. Applicant did not correct the request in time without good reason; no longer handled",
                ),
                OTHER,
            ),
            row(
                "other_unpaid_fee",
                l(
                    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                    "2. Applicant did not pay the fee in time; no longer handled",
                ),
                OTHER,
            ),
            row("other_misc", l("3.其他", "3. Other"), OTHER),
            row("result_total", l("（七）总计", "(7) Total"), RESULTS),
            row("carried_forward", l("四、结转下年度继续办理", "IV. Carried forward to next year"), None),
        ],
    }],
    row_groups: &[
        Group {
            key: "results",
            label: l("三、本年度办理结果", "III. Outcomes this year"),
            parent: None,
            qualifies: false,
        },
        Group {
            key: "withheld", label: l("（三）不予公开", "(3) Not disclosed"), parent: RESULTS, qualifies: true
        },
        Group {
            key: "unable", label: l("（四）无法提供", "(4) Unable to provide"), parent: RESULTS, qualifies: true
        },
        Group {
            key: "not_processed",
            label: l("（五）不予处理", "(5) Not processed"),
            parent: RESULTS,
            qualifies: true,
        },
        Group {
            key: "other", label: l("（六）其他处理", "(6) Handled otherwise"), parent: RESULTS, qualifies: true
        },
    ],
    column_groups: &[
        Group { key: "applicants", label: l("申请人情况", "Applicants"), parent: None, qualifies: false },
        Group {
            key: "organisation",
            label: l("法人或其他组织", "Legal persons or other organisations"),
            parent: Some("applicants"),
            qualifies: true,
        },
    ],
};

// ---------------------------------------------------------------- table 四

const APPEAL_COLUMNS: &[Column] = &[
    count("upheld", l("结果维持", "Upheld"), None),
    count("corrected", l("结果纠正", "Corrected"), None),
    count("other", l("其他结果", "Other outcome"), None),
    count("pending", l("尚未审结", "Pending"), None),
    count("total", l("总计", "Total"), None),
];
const LITIGATION: Option<&str> = Some("litigation");

const APPEALS: Table = Table {
    key: "appeals",
    part: "四",
    title: l(
        "四、政府信息公开行政复议、行政诉讼情况",
        "IV. Administrative reviews and lawsuits about information disclosure",
    ),
    note: None,
    sections: &[Section {
        header: None,
        header_en: None,
        row_header: None,
        columns: APPEAL_COLUMNS,
        rows: &[
            row("review", l("行政复议", "Administrative review"), None),
            row("litigation_direct", l("未经复议直接起诉", "Sued directly, without review"), LITIGATION),
            row("litigation_after_review", l("复议后起诉", "Sued after review"), LITIGATION),
        ],
    }],
    row_groups: &[Group {
        key: "litigation",
        label: l("行政诉讼", "Administrative litigation"),
        parent: None,
        qualifies: true,
    }],
    column_groups: &[],
};

/// The three tables, in the order they appear in the report. A static, not a const: each crate
/// using a const would carry its own copy of every label in the .wasm.
pub static TABLES: &[Table] = &[PROACTIVE, REQUESTS, APPEALS];

/// The format these tables belong to.
pub const FORMAT: &str = "2021";

// ---------------------------------------------------------------- cells, derived

/// One cell of the report, derived from the tables above. Cells are numbered in table order.
#[derive(Debug)]
pub struct Cell {
    pub id: String,
    pub table: &'static Table,
    pub row: &'static Row,
    pub column: &'static Column,
    /// `label(false)` and `label(true)`, written once: every message about a cell names it.
    labels: [String; 2],
}

impl Cell {
    pub fn kind(&self) -> Kind {
        self.column.kind
    }

    /// The row's label as printed, with the group that qualifies it: 「（三）不予公开 1.属于国家秘密」.
    pub fn row_label(&self, english: bool) -> String {
        qualified(pick(&self.row.label, english), self.row.group.and_then(|g| self.table.row_group(g)), english, " ")
    }

    pub fn column_label(&self, english: bool) -> String {
        qualified(
            pick(&self.column.label, english),
            self.column.group.and_then(|g| self.table.column_group(g)),
            english,
            "·",
        )
    }

    /// Row and column together, as a clerk would name the cell: 「（一）予以公开」「自然人」.
    pub fn label(&self, english: bool) -> String {
        self.labels[usize::from(english)].clone()
    }

    fn written_labels(&self) -> [String; 2] {
        [
            format!("「{}」「{}」", self.row_label(false), self.column_label(false)),
            format!("“{}” / “{}”", self.row_label(true), self.column_label(true)),
        ]
    }
}

fn qualified(own: &str, group: Option<&Group>, english: bool, separator: &str) -> String {
    match group {
        Some(group) if group.qualifies => {
            format!("{}{}{}", pick(&group.label, english), separator, own)
        }
        _ => own.to_string(),
    }
}

pub(crate) fn pick(label: &Label, english: bool) -> &'static str {
    if english {
        label.en
    } else {
        label.zh
    }
}

impl Table {
    pub fn row_group(&self, key: &str) -> Option<&'static Group> {
        self.row_groups.iter().find(|g| g.key == key)
    }
    pub fn column_group(&self, key: &str) -> Option<&'static Group> {
        self.column_groups.iter().find(|g| g.key == key)
    }
    /// Rows in order, across sections.
    pub fn rows(&'static self) -> impl Iterator<Item = &'static Row> {
        self.sections.iter().flat_map(|s| s.rows.iter())
    }
    pub fn section_of(&'static self, row_key: &str) -> Option<&'static Section> {
        self.sections.iter().find(|s| s.rows.iter().any(|r| r.key == row_key))
    }
}

/// An index into [`cells`].
pub type CellIndex = u16;

/// Every cell of the report, in table order (200 in the 2021 format).
pub fn cells() -> &'static [Cell] {
    static CELLS: OnceLock<Vec<Cell>> = OnceLock::new();
    CELLS.get_or_init(|| {
        let mut cells = Vec::new();
        for table in TABLES {
            for section in table.sections {
                for row in section.rows {
                    for column in section.columns {
                        let mut cell = Cell {
                            id: format!("{}.{}.{}", table.key, row.key, column.key),
                            table,
                            row,
                            column,
                            labels: Default::default(),
                        };
                        cell.labels = cell.written_labels();
                        cells.push(cell);
                    }
                }
            }
        }
        cells
    })
}

/// The index of a cell id such as `requests.disclosed.natural_person`.
pub fn cell_index(id: &str) -> Option<CellIndex> {
    let mut parts = id.splitn(3, '.');
    let (table, row, column) = (parts.next()?, parts.next()?, parts.next()?);
    cell_index_of(table, row, column)
}

/// A row's section and the index of its first cell, found in one pass over the table.
pub fn row_start(table: &'static Table, row: &str) -> Option<(&'static Section, CellIndex)> {
    let mut index = table_start(table.key)?;
    for section in table.sections {
        if let Some(r) = section.rows.iter().position(|r| r.key == row) {
            return Some((section, (index + r * section.columns.len()) as CellIndex));
        }
        index += section.rows.len() * section.columns.len();
    }
    None
}

/// The index of a table's first cell.
fn table_start(key: &str) -> Option<usize> {
    let mut index = 0;
    for table in TABLES {
        if table.key == key {
            return Some(index);
        }
        index += table.sections.iter().map(|s| s.rows.len() * s.columns.len()).sum::<usize>();
    }
    None
}

/// The index of the cell at table/row/column keys.
pub fn cell_index_of(table: &str, row: &str, column: &str) -> Option<CellIndex> {
    let mut index = 0usize;
    for t in TABLES {
        for section in t.sections {
            if t.key == table {
                if let Some(r) = section.rows.iter().position(|r| r.key == row) {
                    let c = section.columns.iter().position(|c| c.key == column)?;
                    return Some((index + r * section.columns.len() + c) as CellIndex);
                }
            }
            index += section.rows.len() * section.columns.len();
        }
    }
    None
}

pub fn table(key: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.key == key)
}
