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
use labels::{part_five_titles, NOTE_VARIANTS};
use locate::{locate, Slot, What};
use nianbao_core::report::Report;
use nianbao_core::schema::{self, cell_index_of, Table};
use nianbao_core::value::CellValue;
use serde::Serialize;
use std::borrow::Cow;
use stream::{is_space, normalise, words, Stream};

mod glued;
mod html;
mod labels;
mod locate;
mod stream;

/// What the import recovered and what it could not place.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Imported {
    pub report: Report,
    /// Numbers inside a table that belong to no row, and rows whose numbers did not fit.
    pub unplaced: Vec<Unplaced>,
    /// Rows not read (`requests.disclosed`): their label was not found, or their numbers did not fit.
    pub missing_rows: Vec<String>,
    /// Cells not read (`requests.disclosed.total`): the cells of `missing_rows`. They are blank in
    /// `report` but unknown, not printed blank: check with `Options::unread` so that no sum is
    /// judged on them. Cells printed blank (「/」, 「—」, an empty cell of a row) are not here.
    pub unread: Vec<String>,
    /// Rows found by a label other than the official one, in the order printed.
    pub matched: Vec<Matched>,
    /// Rows whose cells were printed as one digit string (borders lost) and split, the one way
    /// that satisfies their sums. Glued rows that could not be split are in `unplaced`.
    pub split: Vec<Split>,
}

/// A digit string read as a row's cells (「640020470」 as 64 0 0 2 0 4 70): the only split that
/// satisfies the row's total and the table's column equations whose other cells were read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Split {
    /// The rows it was read into (table 四's three rows when its 15 numbers were glued).
    pub rows: Vec<String>,
    /// 1-based line of the input (of the text the HTML was turned into, for HTML).
    pub line: usize,
    /// The digits as printed.
    pub text: String,
    /// The values read, one per cell of `rows`, in order.
    pub values: Vec<String>,
}

/// A row found by a label other than its official one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    /// The row (`requests.withheld_prohibited_by_law`), or for a group printed as one row without its
    /// rows, the group (`requests.other`).
    pub row: String,
    /// The label as printed (spaces left out, full-width letters and digits made half-width).
    pub label: String,
    /// 1-based line of the input (of the text the HTML was turned into, for HTML).
    pub line: usize,
    pub how: How,
}

/// How a label was matched: a declared variant (规范性文件, a label without its numbering), or
/// near the official label (a typo or two), taken because no other place or row was as near.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    Variant,
    Near,
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

/// Reads a whole published report. Fails, naming what is missing, when no table can be found.
pub fn import(input: &str) -> Result<Imported, String> {
    let text: Cow<str> = if looks_like_html(input) {
        html_to_text(input).into()
    } else if input.contains('\r') {
        input.replace("\r\n", "\n").into()
    } else {
        input.into() // tokens borrow from the input: no copy of a long report
    };
    let tokens = tokenize(&text);
    let texts = tokens.iter().enumerate().filter(|(_, t)| t.kind == Kind::Text).map(|(i, t)| (i, t.raw));
    let stream = Stream::new(texts);
    let mut report = Report::default();
    let mut unplaced = Vec::new();
    let (mut missing_rows, mut unread, mut matched, mut split) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut found_any = false;

    let regions = table_regions(&stream, &tokens);
    for (table, region) in schema::TABLES.iter().zip(&regions) {
        let located = locate(table, region.clone(), &stream, &tokens);
        unplaced.extend(located.ambiguous);
        matched.extend(located.matched);
        let mut read = Read { report: &mut report, unplaced: &mut unplaced, split: &mut split };
        let placed = read_table(table, region.clone(), &located.slots, &tokens, &mut read);
        found_any |= placed.iter().any(|p| *p);
        for (row, ok) in table.rows().zip(&placed) {
            if !ok {
                missing_rows.push(format!("{}.{}", table.key, row.key));
                unread.extend(columns(table, row.key).iter().map(|c| format!("{}.{}.{}", table.key, row.key, c.key)));
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
    Ok(Imported { report, unplaced, missing_rows, unread, matched, split })
}

// ------------------------------------------------------------------ tokens

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Text,
    /// A number, or a mark such as "/" that prints a blank.
    Value(CellValue),
    /// An empty cell of a delimited row: a blank, or only the trace of a merged cell.
    Empty,
}

/// A cell or word of the text, borrowed from it.
#[derive(Debug, Clone)]
pub(crate) struct Token<'a> {
    kind: Kind,
    raw: &'a str,
    line: usize,
}

fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut cells: Vec<&str> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_matches(is_space);
        cells.clear();
        if line.contains('\t') {
            cells.extend(line.split('\t'));
        } else if trimmed.starts_with('|') || trimmed.matches('|').count() >= 2 {
            if is_markdown_rule(trimmed) {
                continue;
            }
            let inner = trimmed.strip_prefix('|').unwrap_or(trimmed);
            cells.extend(inner.strip_suffix('|').unwrap_or(inner).split('|'));
        } else {
            // Plain or PDF text: no empty cells can be seen, only words and numbers.
            cells.extend(words(trimmed));
        }
        for cell in &cells {
            let cell = cell.trim_matches(is_space);
            tokens.push(Token { kind: classify(cell), raw: cell, line: i + 1 });
        }
    }
    tokens
}

fn is_markdown_rule(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) && line.contains('-')
}

/// What a cell holds; `cell` is trimmed.
fn classify(cell: &str) -> Kind {
    if cell.is_empty() {
        return Kind::Empty;
    }
    // "1." and "2、" number the rows of a group; they are part of a label, not a count.
    let numbering = cell.trim_end_matches(['.', '．', '、']);
    if numbering.len() < cell.len() && numbering.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) {
        return Kind::Text;
    }
    // Most cells of a report are words: told from numbers without copying them.
    CellValue::parse_value(cell).map_or(Kind::Text, Kind::Value)
}

// ------------------------------------------------------------------ rows and values

/// Where each table's rows are looked for: from after its title to the next table's title.
fn table_regions(stream: &Stream, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    let end = tokens.len();
    let titles: Vec<Option<(usize, usize)>> = schema::TABLES.iter().map(|t| find_title(stream, t, end)).collect();
    // The opening sentence often names every part (本报告由…存在的主要问题及改进情况…组成): part 五
    // is only where the tables end if it comes after the last table's title.
    let last_title = titles.iter().flatten().map(|(_, e)| e + 1).max().unwrap_or(0);
    let after = part_five_titles().filter_map(|t| stream.find(t, last_title, end)).map(|h| stream.tokens(h).0).min();
    let after = after.unwrap_or(end);
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

/// A table's title, with or without its number 二、三、四; else its note (the 勾稽关系 of table 三,
/// also as misspelt), which is printed right under it.
fn find_title(stream: &Stream, table: &Table, end: usize) -> Option<(usize, usize)> {
    let title = table.title.zh;
    let bare =
        title.split_once('、').map(|(n, rest)| if n.chars().count() == 1 { rest } else { title }).unwrap_or(title);
    let note = table.note.map(|n| n.zh.trim_start_matches('（'));
    let notes = note.into_iter().chain(NOTE_VARIANTS.iter().filter(|(t, _)| *t == table.key).map(|(_, n)| *n));
    let hit = stream.find(title, 0, end).or_else(|| stream.find(bare, 0, end));
    // A note is long; its first words are enough to know it.
    let hit = hit.or_else(|| notes.filter_map(|n| stream.find(&n.chars().take(9).collect::<String>(), 0, end)).next());
    hit.map(|h| stream.tokens(h))
}

// ------------------------------------------------------------------ rows and values

/// Where a table's reading goes.
pub(crate) struct Read<'a> {
    report: &'a mut Report,
    unplaced: &'a mut Vec<Unplaced>,
    split: &'a mut Vec<Split>,
}

/// Fills one table's cells from its located labels; returns, per row, whether it was placed.
fn read_table(
    table: &'static Table,
    region: std::ops::Range<usize>,
    slots: &[Slot],
    tokens: &[Token],
    read: &mut Read,
) -> Vec<bool> {
    let rows: Vec<&schema::Row> = table.rows().collect();
    let width = |slot: &Slot| match slot.what {
        What::Row(r) => columns(table, rows[r].key).len(),
        What::Group(g) => rows.iter().find(|r| r.group == Some(g.key)).map_or(0, |r| columns(table, r.key).len()),
    };
    let label = |slot: &Slot| match slot.what {
        What::Row(r) => rows[r].label,
        What::Group(g) => g.label,
    };
    // The rows a slot stands for, in table order.
    let span = |slot: &Slot| match slot.what {
        What::Row(r) => r..r + 1,
        What::Group(g) => {
            let members: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].group == Some(g.key)).collect();
            members.first().copied().unwrap_or(0)..members.last().map_or(0, |l| l + 1)
        }
    };
    let mut placed = vec![false; rows.len()];
    let mut waiting: Vec<&Slot> = Vec::new();
    let mut glued_rows: Vec<glued::Glued> = Vec::new();
    for (k, slot) in slots.iter().enumerate() {
        let to = slots.get(k + 1).map(|next| next.first).unwrap_or(region.end);
        // Two labels in one token (glued by a PDF) leave no tokens between them.
        let from = (slot.last + 1).min(to);
        let cells: Vec<&Token> = tokens[from..to].iter().filter(|t| t.kind != Kind::Text).collect();
        waiting.push(slot);
        let values: Vec<&Token> = cells.iter().copied().filter(|t| t.kind != Kind::Empty).collect();
        // The row's digits glued to its label (「…申请数量640020470」), or printed as one number.
        // Only digits right after the label: after another label they are that row's.
        // (As printed: digits with spaces between them are not glued.)
        let glued_to_label = slot.after.as_deref().filter(|a| {
            values.is_empty() && glued::digits(a).is_some() && tokens[slot.last].raw.trim_end().ends_with(a)
        });
        let glued = glued_to_label.map(|d| (d, tokens[slot.last].line)).or(match values[..] {
            [one] if one.raw.chars().count() > 1 => glued::digits(one.raw).map(|_| (one.raw, one.line)),
            _ => None,
        });
        let waiting_rows: Vec<usize> =
            waiting.iter().filter_map(|w| if let What::Row(r) = w.what { Some(r) } else { None }).collect();
        let glued_cells = |rows_of: &[usize]| -> Vec<schema::CellIndex> {
            rows_of.iter().flat_map(|&r| row_cells(table, rows[r].key)).collect()
        };
        // Asked only of digits that may be glued: the table's equations are not walked for every row.
        let splittable =
            || waiting_rows.len() == waiting.len() && !glued::row_equations(&glued_cells(&waiting_rows)).is_empty();
        if values.is_empty()
            && cells.iter().all(|t| t.kind == Kind::Empty)
            && k + 1 < slots.len()
            && !(glued_to_label.is_some() && splittable())
        {
            continue; // labels without numbers: wait for the numbers
        }
        let expected: usize = waiting.iter().map(|w| width(w)).sum();
        let mut resolved =
            fit(&cells, expected).or_else(|| if waiting.len() > 1 { None } else { fit(&cells, width(slot)) });
        // Rows whose labels were not found, printed between these and the next label: their numbers
        // follow these rows' numbers. Only when the waiting rows and the gap follow each other.
        let gap = span(slot).end..slots.get(k + 1).map_or(rows.len(), |next| span(next).start);
        let in_order = waiting.windows(2).all(|w| span(w[0]).end == span(w[1]).start);
        if resolved.is_none() && !gap.is_empty() && in_order {
            let gap_width: usize = gap.clone().map(|r| columns(table, rows[r].key).len()).sum();
            resolved = fit(&cells, expected + gap_width).map(|mut all| {
                let rest = all.split_off(expected);
                let text = rest.iter().flatten().map(CellValue::display).collect::<Vec<_>>().join(" ");
                let line = values.get(expected).map_or(tokens[slot.last].line, |t| t.line);
                read.unplaced.push(gap_numbers(line, text, gap.clone().map(|r| rows[r])));
                all
            });
        }
        match resolved {
            // One digit string for rows with sums, a digit a cell at least: split once every row
            // of the table is read.
            None if glued.is_some_and(|(text, _)| text.chars().count() >= expected) && splittable() => {
                let (text, line) = glued.unwrap_or_default();
                glued_rows.push(glued::Glued {
                    rows: waiting_rows,
                    text: text.to_string(),
                    line,
                    outcome: None,
                    candidates: None,
                });
            }
            Some(values) => {
                let mut values = values.into_iter();
                for w in &waiting {
                    let What::Row(r) = w.what else {
                        // A group's own numbers: the subtotal of rows left unread.
                        values.by_ref().take(width(w)).for_each(drop);
                        continue;
                    };
                    for column in columns(table, rows[r].key) {
                        let index = cell_index_of(table.key, rows[r].key, column.key).expect("schema cell");
                        read.report.values[index as usize] = values.next().flatten().unwrap_or_default();
                    }
                    placed[r] = true;
                }
            }
            None => {
                let line = cells.first().map(|t| t.line).unwrap_or(tokens[slot.last].line);
                let labels: Vec<&str> = waiting.iter().map(|w| label(w).zh).collect();
                let labels_en: Vec<&str> = waiting.iter().map(|w| label(w).en).collect();
                let text = values.iter().map(|t| t.raw).collect::<Vec<_>>().join(" ");
                read.unplaced.push(Unplaced {
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
    glued::split_rows(table, &mut glued_rows, &mut placed, read);
    placed
}

/// A row's cell indices, in column order.
pub(crate) fn row_cells(table: &'static Table, row: &str) -> Vec<schema::CellIndex> {
    columns(table, row).iter().filter_map(|c| cell_index_of(table.key, row, c.key)).collect()
}

/// Numbers printed where rows whose labels were not found stand: not read into them.
fn gap_numbers<'a>(line: usize, text: String, rows: impl Iterator<Item = &'a schema::Row>) -> Unplaced {
    let rows: Vec<&schema::Row> = rows.collect();
    let zh: Vec<&str> = rows.iter().map(|r| r.label.zh).collect();
    let en: Vec<String> = rows.iter().map(|r| format!("“{}”", r.label.en)).collect();
    Unplaced {
        line,
        text,
        reason: format!("这些数字位于「{}」所在的位置，但未找到其标签，未读入", zh.join("」「")),
        reason_en: format!(
            "these numbers stand where {} is printed, but its label was not found: not read",
            en.join(", ")
        ),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// The example report with its prose repeated before table 二, as `bench.mjs import` pads it.
    fn padded(copies: usize) -> String {
        let text = include_str!("../../../tests/data/longde-2024.txt");
        let paragraph =
            text.lines().find(|l| l.starts_with("2024年，隆德县")).expect("a paragraph").to_string() + "\n\n";
        let title = "## 二、主动公开政府信息情况";
        text.replace(title, &format!("{}{title}", paragraph.repeat(copies)))
    }

    #[test]
    fn labels_are_searched_in_linear_time() {
        let mut per_byte = Vec::new();
        for copies in [10, 100, 1000] {
            let text = padded(copies);
            stream::tests::SEARCHED.with(|s| s.set(0));
            let imported = import(&text).expect("the padded report imports");
            assert!(imported.missing_rows.is_empty(), "{:?}", imported.missing_rows);
            let searched = stream::tests::SEARCHED.with(Cell::get);
            per_byte.push(searched as f64 / text.len() as f64);
        }
        // Each table's title is searched from the start, so the prose before table 二 is searched a
        // few times; a search per row or per token over the rest of the text would grow with it.
        // (10, 100, 1000 copies: 5.6, 3.6, 3.0 bytes searched a byte; the fixed part shrinks.)
        let growing = per_byte.windows(2).any(|w| w[1] > w[0] * 1.1);
        assert!(!growing && per_byte[2] < 4.0, "bytes searched per byte of text: {per_byte:?}");
    }
}
