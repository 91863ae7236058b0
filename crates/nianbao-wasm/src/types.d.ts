// The result and schema types of the package, as the core serialises them (JSON field names, null
// for None). Kept honest by tests/typescript.rs, which serialises every type and fails on a field
// declared here but not written, or written but not declared. The report types come from build.rs.

/**
 * A block of rows sharing one header row. Table 二 has four (第二十条第（一）项 …); 三 and 四 have one.
 */
export interface Section {
    /**
     * The sub-table header of table 二, e.g. 第二十条第（一）项.
     */
    header: string | null;
    header_en: string | null;
    /**
     * The header of the row-label column (信息内容 in table 二).
     */
    row_header: Label | null;
    columns: Column[];
    rows: Row[];
}

/**
 * A label in the official Chinese and in English.
 */
export interface Label {
    label: string;
    label_en: string;
}

/**
 * A label spanning several rows or columns; it has no cells of its own.
 */
export interface Group extends Label {
    key: string;
    parent: string | null;
}

/**
 * One of the smallest sets of changes that makes every sum rule hold.
 */
export interface Suggestion {
    changes: CellChange[];
    message: string;
    message_en: string;
}

/**
 * One problem, with every cell it involves and a message naming them by their official labels.
 */
export interface Finding {
    /**
     * Stable while the clerk types: the rule and what it is about (`requests.row_total:new`).
     */
    id: string;
    rule: string;
    severity: Severity;
    /**
     * The cell most likely wrong, to put the cursor in; null when no single cell can be named
     * (several equally small corrections, or none of one or two cells).
     */
    cell: CellId | null;
    cells: CellId[];
    expected: string | null;
    actual: string | null;
    message: string;
    message_en: string;
    /**
     * The value that fixes it, when one cell is clearly the wrong one.
     */
    fix: Fix | null;
    /**
     * For a finding about no cell: the field it is about (`issuer`, `year`, `text`, `format`).
     */
    field: "issuer" | "year" | "text" | "format" | "reasons" | "previous" | null;
}

/**
 * One rule of the catalogue, with its message template. Placeholders: {cell} (the cell's row and
 * column labels), {row}, {col} (the equation's scope), {expected}, {actual}.
 */
export interface Rule {
    id: string;
    severity: Severity;
    category: Category;
    /**
     * The message template, with {cell}, {row}, {col}, {expected}, {actual} placeholders.
     */
    message: string;
    message_en: string;
}

/**
 * The schema as handed to JS and to the form: tables, rules and every cell with its labels.
 */
export interface Schema {
    format: string;
    tables: Table[];
    cells: CellInfo[];
    /**
     * Every row with its full label, so that no client rebuilds 「（三）不予公开 1.属于国家秘密」.
     */
    rows: RowInfo[];
    rules: Rule[];
}

/**
 * The value a total cell should have: the sum of its parts (`None` while a part is not a number).
 */
export interface Total {
    cell: CellId;
    value: string | null;
}

/**
 * What `importReport` recovered from a published report's text or HTML.
 */
export interface ImportResult {
    report: Report;
    /**
     * Numbers that could not be placed in a row, with their line.
     */
    unplaced: Unplaced[];
    /**
     * Rows not read (`requests.disclosed`): label not found, or numbers that did not fit.
     */
    missing_rows: string[];
    /**
     * Cells not read: pass them to `check(report, { unread })`.
     */
    unread: CellId[];
    /**
     * Rows found by a label other than the official one.
     */
    matched: Matched[];
    /**
     * Rows printed as one digit string (cell borders lost) and split the one way their sums allow.
     * Glued rows that could not be split are in `unplaced` ("glued digits: N possible splits").
     */
    split: Split[];
}

/**
 * A digit string read as a row's cells: 「640020470」 as 64 0 0 2 0 4 70.
 */
export interface Split {
    /**
     * The rows it was read into (table 四's three rows when its 15 numbers were glued).
     */
    rows: string[];
    /**
     * 1-based line of the input (of the text the HTML was turned into, for HTML).
     */
    line: number;
    /**
     * The digits as printed.
     */
    text: string;
    /**
     * The values read, one per cell of `rows`, in order.
     */
    values: string[];
}

/**
 * A row found by a label other than its official one: a declared variant (规范性文件, a label
 * without its numbering) or near the official label (a typo or two).
 */
export interface Matched {
    /**
     * The row (`requests.withheld_prohibited_by_law`), or a group printed as one row (`requests.other`).
     */
    row: string;
    /**
     * The label as printed (spaces left out).
     */
    label: string;
    /**
     * 1-based line of the input (of the text the HTML was turned into, for HTML).
     */
    line: number;
    how: "variant" | "near";
}

/**
 * What a cell holds: a whole count, or an exact amount in 万元.
 */
export type Kind = "count" | "amount";

/**
 * What a rule is about, so that the form, the CLI and the review page can treat kinds of findings
 * alike without naming rule ids: `missing` (something not filled in: shown on submission), `input`
 * (the report's shape), `cell` (one cell's value), `sum` (the tables' equations), `cross_year`,
 * `text` (the prose against the tables) and `structure` (the prose's parts).
 */
export type Category = "missing" | "input" | "cell" | "sum" | "cross_year" | "text" | "structure";

/**
 * What one edit changed.
 */
export interface Changes {
    /**
     * Findings that are new or whose content changed, in their current form.
     */
    changed: Finding[];
    /**
     * Ids of findings that no longer apply.
     */
    resolved: string[];
    /**
     * Total cells whose computed value (the sum of their parts) changed.
     */
    totals: Total[];
    ok: boolean;
    errors: number;
    warnings: number;
    suggestions: Suggestion[];
}

export interface CellChange {
    cell: CellId;
    from: string;
    to: string;
}

export interface CellInfo {
    id: CellId;
    table: string;
    row: string;
    column: string;
    kind: Kind;
    /**
     * 「（一）予以公开」「自然人」, as messages name it.
     */
    label: string;
    label_en: string;
    /**
     * Whether it is a total that the sum rules compute from other cells.
     */
    total: boolean;
    /**
     * For a total: the cells it adds up (the parts of the first sum rule that computes it).
     */
    parts: CellId[];
}

export interface CheckResult {
    /**
     * No errors (warnings allowed).
     */
    ok: boolean;
    errors: number;
    warnings: number;
    findings: Finding[];
    /**
     * The smallest sets of cell changes that make every sum rule hold; more than one: `ambiguous`.
     */
    suggestions: Suggestion[];
    ambiguous: boolean;
    /**
     * Ids of warnings with no reason given yet (a report is submitted once this is empty too).
     */
    unexplained: string[];
}

export interface Column extends Label {
    key: string;
    /**
     * The spanning header above this column (法人或其他组织), if any.
     */
    group: string | null;
    kind: Kind;
}

export interface Fix {
    cell: CellId;
    value: string;
    /**
     * 「（一）予以公开」「自然人」应为 10（现为 12）: the same words as the suggestion.
     */
    message: string;
    message_en: string;
}

export interface Options {
    /**
     * `"warning"` for reviewers of published reports, which often print blanks or "/" for zero.
     */
    blanks?: BlankSeverity;
    /**
     * Last year's report, for the cross-year rules and the prose's 较上年 figures.
     */
    previous?: Report | null;
    /**
     * Cells an import could not read (`ImportResult.unread`): unknown, not blank. A sum rule that
     * needs one is not assessable (`sums.not_assessable`), and no fix or prose figure is built on it.
     */
    unread?: CellId[] | null;
}

export interface Row extends Label {
    key: string;
    /**
     * The innermost spanning group label this row sits under (（三）不予公开), if any.
     */
    group: string | null;
}

export interface RowInfo {
    /**
     * `table.row`, e.g. `requests.withheld_state_secret`.
     */
    id: string;
    table: string;
    row: string;
    /**
     * The row as printed with the group that qualifies it: 「（三）不予公开 1.属于国家秘密」.
     */
    label: string;
    label_en: string;
}

export interface Table extends Label {
    key: string;
    /**
     * The part of the report it belongs to: 二, 三 or 四.
     */
    part: string;
    /**
     * A note printed with the table (the 勾稽关系 of table 三).
     */
    note: Label | null;
    sections: Section[];
    row_groups: Group[];
    column_groups: Group[];
}

export interface Unplaced {
    /**
     * 1-based line of the input (of the text the HTML was turned into, for HTML).
     */
    line: number;
    text: string;
    reason: string;
    reason_en: string;
}

export type BlankSeverity = "error" | "warning";

export type Severity = "error" | "warning";

