//! Reads a published report — text copied from a web page or Word, PDF-extracted text, Markdown or
//! HTML — back into the canonical report. Rows are found by their official labels, never by
//! position alone; what cannot be placed is listed with its line.
//!
//! Everything becomes lines of cells first (HTML `<tr>`/`<td>`, tabs, pipes, or whitespace for PDF
//! text). Labels are then searched in one character stream that ignores spaces, line breaks and
//! full-/half-width differences, so a label broken across lines or printed one character per line
//! is still found. Values between one row's label and the next belong to that row; rows whose labels
//! stand without numbers (a PDF that prints a block of labels, then a block of numbers) wait until a
//! run of numbers arrives that fits them all.

use html::{html_to_text, looks_like_html};
use nianbao_core::report::Report;
use nianbao_core::schema::{self, cell_index_of, Table};
use nianbao_core::value::CellValue;
use serde::Serialize;

mod html;

/// What the import recovered and what it could not place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub report: Report,
    /// Numbers inside a table that belong to no row, and rows whose numbers did not fit.
    pub unplaced: Vec<Unplaced>,
    /// Rows whose label was not found (`requests.disclosed`): their cells stay blank.
    pub missing_rows: Vec<String>,
}

/// A number, or a row of them, that the import could not place; with its line and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unplaced {
    /// 1-based line of the input (of the text the HTML was turned into, for HTML).
    pub line: usize,
    pub text: String,
    pub reason: String,
    pub reason_en: String,
}

/// Row labels published reports use besides the official one.
const ALIASES: &[(&str, &str)] = &[("normative_documents", "规范性文件")];

/// Where the tables end and part 五 begins.
const AFTER_TABLES: &str = "存在的主要问题及改进情况";

/// Reads a whole published report. Fails, naming what is missing, when no table can be found.
pub fn import(input: &str) -> Result<Imported, String> {
    let text = if looks_like_html(input) { html_to_text(input) } else { input.replace("\r\n", "\n") };
    let tokens = tokenize(&text);
    let stream = Stream::new(&tokens);
    let mut report = Report::default();
    let mut unplaced = Vec::new();
    let mut missing_rows = Vec::new();
    let mut found_any = false;

    let regions = table_regions(&stream, &tokens);
    for (table, region) in schema::TABLES.iter().zip(&regions) {
        let placed = read_table(table, region.clone(), &stream, &tokens, &mut report, &mut unplaced);
        found_any |= placed.iter().any(|p| *p);
        for (row, ok) in table.rows().zip(&placed) {
            if !ok {
                missing_rows.push(format!("{}.{}", table.key, row.key));
            }
        }
    }
    if !found_any {
        let labels: Vec<&str> = schema::TABLES.iter().flat_map(|t| t.rows()).map(|r| r.label.zh).take(6).collect();
        return Err(format!(
            "no table of the annual report was found: none of its rows ({} …) appears in the text",
            labels.join("、")
        ));
    }
    let (issuer, year) = title(&text);
    report.issuer = issuer;
    report.year = year;
    report.format = Some(schema::FORMAT.to_string());
    report.text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
    Ok(Imported { report, unplaced, missing_rows })
}

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Text,
    /// A number, or a mark such as "/" that prints a blank.
    Value(CellValue),
    /// An empty cell of a delimited row: a blank, or only the trace of a merged cell.
    Empty,
}

#[derive(Debug, Clone)]
struct Token {
    kind: Kind,
    raw: String,
    line: usize,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        let cells: Vec<&str> = if line.contains('\t') {
            line.split('\t').collect()
        } else if trimmed.starts_with('|') || trimmed.matches('|').count() >= 2 {
            if is_markdown_rule(trimmed) {
                continue;
            }
            let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
            inner.strip_suffix('|').unwrap_or(inner).split('|').collect()
        } else {
            // Plain or PDF text: no empty cells can be seen, only words and numbers.
            trimmed.split_whitespace().collect()
        };
        for cell in cells {
            tokens.push(Token { kind: classify(cell), raw: cell.trim().to_string(), line: i + 1 });
        }
    }
    tokens
}

fn is_markdown_rule(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && line.contains('-')
}

fn classify(cell: &str) -> Kind {
    let cell = cell.trim();
    if cell.is_empty() {
        return Kind::Empty;
    }
    // "1." and "2、" number the rows of a group; they are part of a label, not a count.
    let numbering = cell.trim_end_matches(['.', '．', '、']);
    if numbering.len() < cell.len() && numbering.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return Kind::Text;
    }
    match CellValue::parse(cell) {
        CellValue::Invalid(_) => Kind::Text,
        value => Kind::Value(value),
    }
}

// ------------------------------------------------------------------ label search

/// The text tokens as one normalised character stream, each character knowing its token.
struct Stream {
    chars: Vec<char>,
    owner: Vec<usize>,
}

impl Stream {
    fn new(tokens: &[Token]) -> Stream {
        let mut chars = Vec::new();
        let mut owner = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            if token.kind == Kind::Text {
                for c in normalised(&token.raw) {
                    chars.push(c);
                    owner.push(i);
                }
            }
        }
        Stream { chars, owner }
    }

    /// The first occurrence of `label` starting at or after token `from` and before token `to`:
    /// the tokens of its first and last characters.
    fn find(&self, label: &str, from: usize, to: usize) -> Option<(usize, usize)> {
        let needle: Vec<char> = normalised(label).collect();
        let first = *needle.first()?;
        // `owner` never decreases: the token range maps to a character range by binary search.
        let start = self.owner.partition_point(|&t| t < from);
        let end = self.owner.partition_point(|&t| t < to).min(self.chars.len().saturating_sub(needle.len() - 1));
        (start..end)
            .find(|&i| self.chars[i] == first && self.chars[i..i + needle.len()] == needle[..])
            .map(|i| (self.owner[i], self.owner[i + needle.len() - 1]))
    }
}

/// Spaces, line breaks, quotes and full-/half-width differences do not tell labels apart.
fn normalise(text: &str) -> String {
    normalised(text).collect()
}

fn normalised(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '#')).map(
        |c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '、' => ',',
            '〔' | '【' => '[',
            '〕' | '】' => ']',
            _ => c,
        },
    )
}

/// Where each table's rows are looked for: from after its title to the next table's title.
fn table_regions(stream: &Stream, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let end = tokens.len();
    let titles: Vec<Option<(usize, usize)>> =
        schema::TABLES.iter().map(|t| find_title(stream, t.title.zh, end)).collect();
    // The opening sentence often names every part (本报告由…存在的主要问题及改进情况…组成): part 五
    // is only where the tables end if it comes after the last table's title.
    let last_title = titles.iter().flatten().map(|(_, e)| e + 1).max().unwrap_or(0);
    let after = stream.find(AFTER_TABLES, last_title, end).map(|(s, _)| s).unwrap_or(end);
    let mut regions = Vec::new();
    let mut previous_end = 0;
    for (i, title) in titles.iter().enumerate() {
        let start = title.map(|(_, e)| e + 1).unwrap_or(previous_end);
        let next = titles[i + 1..].iter().flatten().map(|(s, _)| *s).find(|s| *s >= start);
        let stop = next.unwrap_or(after.max(start));
        regions.push(start..stop);
        previous_end = stop;
    }
    regions
}

/// A table's title, with or without its number 二、三、四.
fn find_title(stream: &Stream, title: &str, end: usize) -> Option<(usize, usize)> {
    let bare =
        title.split_once('、').map(|(n, rest)| if n.chars().count() == 1 { rest } else { title }).unwrap_or(title);
    stream.find(title, 0, end).or_else(|| stream.find(bare, 0, end))
}

/// The labels a row may be printed with, most specific first.
fn row_labels(row: &schema::Row) -> Vec<String> {
    let label = row.label.zh;
    let mut labels = vec![label.to_string()];
    // （二）部分公开（区分处理的…）: the note in brackets is often left out.
    if let Some((head, _)) = label.split_once("（区分") {
        labels.push(head.to_string());
    }
    labels.extend(ALIASES.iter().filter(|(key, _)| *key == row.key).map(|(_, alias)| alias.to_string()));
    labels
}

// ------------------------------------------------------------------ rows and values

/// Fills one table's cells; returns, per row, whether it was placed.
fn read_table(
    table: &'static Table,
    region: std::ops::Range<usize>,
    stream: &Stream,
    tokens: &[Token],
    report: &mut Report,
    unplaced: &mut Vec<Unplaced>,
) -> Vec<bool> {
    let rows: Vec<&schema::Row> = table.rows().collect();
    // Each row's label, searched in order: (first token, last token).
    let mut found: Vec<Option<(usize, usize)>> = Vec::new();
    let mut cursor = region.start;
    for row in &rows {
        let hit = row_labels(row).iter().find_map(|l| stream.find(l, cursor, region.end));
        if let Some((_, last)) = hit {
            cursor = last + 1;
        }
        found.push(hit);
    }
    let mut placed = vec![false; rows.len()];
    let mut waiting: Vec<usize> = Vec::new();
    let located: Vec<usize> = (0..rows.len()).filter(|&r| found[r].is_some()).collect();
    for (k, &r) in located.iter().enumerate() {
        let from = found[r].map(|(_, last)| last + 1).unwrap_or(region.start);
        let to = located.get(k + 1).and_then(|&next| found[next]).map(|(first, _)| first).unwrap_or(region.end);
        let cells: Vec<&Token> = tokens[from..to].iter().filter(|t| t.kind != Kind::Text).collect();
        let width = columns(table, rows[r].key).len();
        waiting.push(r);
        let values: Vec<&Token> = cells.iter().copied().filter(|t| t.kind != Kind::Empty).collect();
        if values.is_empty() && cells.iter().all(|t| t.kind == Kind::Empty) && k + 1 < located.len() {
            continue; // labels without numbers: wait for the numbers
        }
        let expected: usize = waiting.iter().map(|&w| columns(table, rows[w].key).len()).sum();
        let resolved = fit(&cells, expected).or_else(|| if waiting.len() > 1 { None } else { fit(&cells, width) });
        match resolved {
            Some(values) => {
                let mut values = values.into_iter();
                for &w in &waiting {
                    for column in columns(table, rows[w].key) {
                        let index = cell_index_of(table.key, rows[w].key, column.key).expect("schema cell");
                        report.values[index as usize] = values.next().flatten().unwrap_or_default();
                    }
                    placed[w] = true;
                }
            }
            None => {
                let line = cells.first().map(|t| t.line).or_else(|| found[r].map(|(_, l)| tokens[l].line)).unwrap_or(0);
                let labels: Vec<&str> = waiting.iter().map(|&w| rows[w].label.zh).collect();
                let labels_en: Vec<&str> = waiting.iter().map(|&w| rows[w].label.en).collect();
                let text = values.iter().map(|t| t.raw.as_str()).collect::<Vec<_>>().join(" ");
                unplaced.push(Unplaced {
                    line,
                    text,
                    reason: format!(
                        "「{}」应有 {} 个数，找到 {} 个，无法确定对应哪一列",
                        labels.join("」「"),
                        expected,
                        values.len()
                    ),
                    reason_en: format!(
                        "{} should have {} numbers but {} were found; which column is which cannot be told",
                        labels_en.iter().map(|l| format!("“{l}”")).collect::<Vec<_>>().join(", "),
                        expected,
                        values.len()
                    ),
                });
            }
        }
        waiting.clear();
    }
    placed
}

fn columns(table: &'static Table, row: &str) -> &'static [schema::Column] {
    table.section_of(row).map(|s| s.columns).unwrap_or(&[])
}

/// Chooses `expected` values from a row's cells: numbers and blank marks count; an empty delimited
/// cell counts as a blank only between numbers (at the edges it is the trace of a merged cell).
fn fit(cells: &[&Token], expected: usize) -> Option<Vec<Option<CellValue>>> {
    let value = |t: &Token| match &t.kind {
        Kind::Value(v) => Some(v.clone()),
        _ => Some(CellValue::Blank),
    };
    let filled: Vec<&&Token> = cells.iter().filter(|t| t.kind != Kind::Empty).collect();
    if filled.len() == expected {
        return Some(filled.iter().map(|t| value(t)).collect());
    }
    let first = cells.iter().position(|t| t.kind != Kind::Empty)?;
    let last = cells.iter().rposition(|t| t.kind != Kind::Empty)?;
    let inner = &cells[first..=last];
    (inner.len() == expected).then(|| inner.iter().map(|t| value(t)).collect())
}

// ------------------------------------------------------------------ title and prose

/// Issuer and year from the title, e.g. 「隆德县 2024 年政府信息公开工作年度报告」 → 隆德县人民政府, 2024.
fn title(text: &str) -> (Option<String>, Option<i64>) {
    // A title may be broken over two lines (a <br> in an <h1>): look at each line with the next.
    // Lines are normalised one at a time, so the search stops at the title, not at the end of a
    // long report.
    let mut previous = String::new();
    let mut found = None;
    for line in text.lines().map(|l| normalise(l).replace(['《', '》'], "")).filter(|l| !l.is_empty()) {
        if line.contains("政府信息公开工作年度报告") {
            found = Some(line);
            break;
        }
        let joined = format!("{previous}{line}");
        if joined.contains("政府信息公开工作年度报告") {
            found = Some(joined); // a title broken over two lines
            break;
        }
        previous = line;
    }
    let Some(line) = found else {
        return (None, None);
    };
    let before = line.split("政府信息公开工作年度报告").next().unwrap_or("");
    let chars: Vec<char> = before.chars().collect();
    let year_at = (0..chars.len().saturating_sub(4))
        .find(|&i| chars[i..i + 4].iter().all(char::is_ascii_digit) && chars[i + 4] == '年');
    let Some(at) = year_at else {
        return (None, None);
    };
    let year = chars[at..at + 4].iter().collect::<String>().parse().ok();
    let place: String = chars[..at].iter().collect();
    (issuer_of(&place), year)
}

/// A 县 publishes as 县人民政府, a 街道 as 街道办事处; a department is named as it is.
fn issuer_of(place: &str) -> Option<String> {
    if place.is_empty() {
        return None;
    }
    let government = ["县", "市", "区", "州", "盟", "旗", "省", "自治区", "乡", "镇"];
    Some(if place.ends_with("街道") {
        format!("{place}办事处")
    } else if government.iter().any(|s| place.ends_with(s)) {
        format!("{place}人民政府")
    } else {
        place.to_string()
    })
}
