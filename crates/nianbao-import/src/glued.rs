//! Rows whose cell borders were lost: crawled page text often prints 「…申请数量640020470」 for
//! 64 0 0 2 0 4 70. Such a digit string is split only when exactly one split satisfies the row's own
//! sum equations (its 总计 is the sum of its parts) and every column equation of the table whose
//! other cells were read. Zero or several: nothing is guessed, the row stays unread.
//!
//! A column equation is required to hold, not merely "not made worse": when the one split that adds
//! up across the row breaks a column, the report is wrong somewhere, but whether in that column or
//! in the row's own total (and then the split is wrong) cannot be told — reading it would show an
//! error at a place guessed. Column equations with a cell not read (another row unread, or still
//! glued) constrain nothing.

use crate::{row_cells, Read, Split, Unplaced};
use nianbao_core::rules::{equations, Equation};
use nianbao_core::schema::{self, CellIndex, Table};
use nianbao_core::value::CellValue;

/// Longest digit string split: C(L−1, k−1) splits grow fast, and no real row is longer.
pub(crate) const MAX_DIGITS: usize = 40;
/// No count in a report has more digits (sums stay far inside i128).
const MAX_CELL_DIGITS: usize = 15;
/// Steps of the search before it gives up (a few milliseconds): bounded time on any input.
const BUDGET: usize = 500_000;
/// Splits satisfying a row's sums kept at most: more, and no column is going to single one out.
const MAX_CANDIDATES: usize = 64;

/// What a glued digit string gives.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The one split: a value per cell, in order.
    One(Vec<i128>),
    /// No split or several: `count` satisfy the row's and the columns' equations, `by_row` the
    /// row's alone; `complete` is false when the search stopped at its budget (counts are then
    /// lower bounds).
    Not { count: usize, by_row: usize, complete: bool },
    /// More digits than [`MAX_DIGITS`].
    TooLong,
}

/// The digit string `text` holds, full-width digits made half-width; `None` if it holds anything else.
pub(crate) fn digits(text: &str) -> Option<Vec<u8>> {
    let digits: Vec<u8> = text
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c as u8 - b'0'),
            '０'..='９' => Some((c as u32 - '０' as u32) as u8),
            _ => None,
        })
        .collect::<Option<_>>()?;
    (!digits.is_empty()).then_some(digits)
}

/// The equations over these cells alone: the sums a glued row is split by. Empty for a row with no
/// equality (table 二's rows): such a row is never split.
pub(crate) fn row_equations(cells: &[CellIndex]) -> Vec<&'static Equation> {
    equations().iter().filter(|e| e.is_sum() && e.coefficients().all(|(c, _)| cells.contains(&c))).collect()
}

/// A row, or rows waiting for numbers, whose numbers were one digit string.
pub(crate) struct Glued {
    pub rows: Vec<usize>,
    pub text: String,
    pub line: usize,
    /// The last attempt's outcome.
    pub outcome: Option<Outcome>,
    /// The splits satisfying the rows' own sums: searched once, then filtered by the columns as
    /// more rows are read.
    pub candidates: Option<Result<Candidates, TooLong>>,
}

impl Glued {
    fn done(&self) -> bool {
        matches!(self.outcome, Some(Outcome::One(_)))
    }
}

/// Splits glued rows when exactly one split satisfies their sums and the columns' equations.
/// A split row makes the column equations of the rows still glued assessable: try again until no
/// more is split. What is left stays unread, named in `unplaced`.
pub(crate) fn split_rows(table: &'static Table, glued: &mut [Glued], placed: &mut [bool], read: &mut Read) {
    let rows: Vec<&schema::Row> = table.rows().collect();
    let mut progress = true;
    while progress {
        progress = false;
        for g in glued.iter_mut().filter(|g| !g.done()) {
            let cells: Vec<CellIndex> = g.rows.iter().flat_map(|&r| row_cells(table, rows[r].key)).collect();
            let known = |c: CellIndex| {
                let row = rows.iter().position(|r| row_cells(table, r.key).contains(&c))?;
                let CellValue::Number(n) = &read.report.values[c as usize] else { return None };
                placed[row].then(|| n.as_integer()).flatten()
            };
            let digits = digits(&g.text).unwrap_or_default();
            let found = g.candidates.get_or_insert_with(|| candidates(&digits, &cells));
            let outcome = match found {
                Ok(found) => choose(found, &cells, known),
                Err(TooLong) => Outcome::TooLong,
            };
            match outcome {
                Outcome::One(values) => {
                    for (cell, value) in cells.iter().zip(&values) {
                        read.report.values[*cell as usize] = CellValue::from_integer(*value);
                    }
                    g.rows.iter().for_each(|&r| placed[r] = true);
                    read.split.push(Split {
                        rows: g.rows.iter().map(|&r| format!("{}.{}", table.key, rows[r].key)).collect(),
                        line: g.line,
                        text: g.text.clone(),
                        values: values.iter().map(i128::to_string).collect(),
                    });
                    g.outcome = Some(Outcome::One(values));
                    progress = true;
                }
                other => g.outcome = Some(other),
            }
        }
    }
    for g in glued.iter().filter(|g| !g.done()) {
        let labels: Vec<&schema::Label> = g.rows.iter().map(|&r| &rows[r].label).collect();
        read.unplaced.push(not_split(g, &labels));
    }
    read.split.sort_by_key(|s| s.line);
}

/// Why a glued row was not split.
fn not_split(g: &Glued, labels: &[&schema::Label]) -> Unplaced {
    let zh = labels.iter().map(|l| l.zh).collect::<Vec<_>>().join("」「");
    let en = labels.iter().map(|l| format!("“{}”", l.en)).collect::<Vec<_>>().join(", ");
    let (reason, reason_en) = match g.outcome {
        Some(Outcome::TooLong) => (
            format!("「{zh}」的数字粘连成 {} 位的数字串，超过 {} 位不拆分，未读入", g.text.chars().count(), MAX_DIGITS),
            format!(
                "glued digits: the numbers of {en} are one string of {} digits; more than {} are not split, so not read",
                g.text.chars().count(),
                MAX_DIGITS
            ),
        ),
        Some(Outcome::Not { count, by_row, complete }) => {
            let at_least = if complete { "" } else { "至少 " };
            let at_least_en = if complete { "" } else { "at least " };
            let columns = if count == 0 && by_row > 0 {
                (format!("（{by_row} 种满足本行合计，但与各列的勾稽关系不符）"), format!(" ({by_row} add up across the row but break the columns' equations)"))
            } else {
                (String::new(), String::new())
            };
            (
                format!("「{zh}」的数字粘连在一起，{at_least}{count} 种拆分满足本行合计和各列的勾稽关系{}，无法确定，未读入", columns.0),
                format!(
                    "glued digits: {at_least_en}{count} possible splits of the numbers of {en} satisfy the row's total and the columns' equations{}; which is meant cannot be told, so not read",
                    columns.1
                ),
            )
        }
        // Split rows are not named here.
        Some(Outcome::One(_)) | None => (String::new(), String::new()),
    };
    Unplaced { line: g.line, text: g.text.clone(), reason, reason_en }
}

/// An equation as `constant + Σ coefficient · value[position] = 0` over the glued cells.
struct Linear {
    constant: i128,
    terms: Vec<(usize, i128)>,
}

/// The splits of `digits` into one whole number per cell of `cells` that satisfy the cells' own
/// sums; `Err` when the string is too long to be searched.
pub(crate) fn candidates(digits: &[u8], cells: &[CellIndex]) -> Result<Candidates, TooLong> {
    if digits.len() > MAX_DIGITS {
        return Err(TooLong);
    }
    let rows: Vec<Linear> = row_equations(cells).into_iter().filter_map(|e| linear(e, cells, |_| None)).collect();
    // A total printed after all its parts is not searched: it is their sum, or the split is wrong.
    let mut forced: Vec<Option<Vec<usize>>> = vec![None; cells.len()];
    for row in &rows {
        let totals: Vec<usize> = row.terms.iter().filter(|(_, c)| *c == 1).map(|(p, _)| *p).collect();
        let parts: Vec<usize> = row.terms.iter().filter(|(_, c)| *c == -1).map(|(p, _)| *p).collect();
        if let [total] = totals[..] {
            if parts.len() + 1 == row.terms.len() && parts.iter().all(|p| *p < total) {
                forced[total] = Some(parts);
            }
        }
    }
    let mut total_of = vec![None; cells.len()];
    for (total, parts) in forced.iter().enumerate().filter_map(|(t, p)| p.as_ref().map(|p| (t, p))) {
        parts.iter().for_each(|p| total_of[*p] = Some(total));
    }
    let mut search = Search {
        digits,
        forced: &forced,
        total_of,
        rows: &rows,
        values: vec![0; cells.len()],
        steps: 0,
        found: Vec::new(),
    };
    search.from(0, 0);
    let complete = search.steps <= BUDGET && search.found.len() <= MAX_CANDIDATES;
    Ok(Candidates { splits: search.found, complete })
}

/// A digit string longer than [`MAX_DIGITS`]: not searched.
#[derive(Debug)]
pub(crate) struct TooLong;

/// The splits satisfying a row's own sums.
#[derive(Debug)]
pub(crate) struct Candidates {
    splits: Vec<Vec<i128>>,
    /// False when the search stopped at its budget or at [`MAX_CANDIDATES`].
    complete: bool,
}

/// The one candidate that every column equation whose other cells are `known` allows, if one.
pub(crate) fn choose(found: &Candidates, cells: &[CellIndex], known: impl Fn(CellIndex) -> Option<i128>) -> Outcome {
    let inside = |c: CellIndex| cells.contains(&c);
    let columns: Vec<Linear> = equations()
        .iter()
        .filter(|e| e.is_sum() && e.coefficients().any(|(c, _)| inside(c)) && !e.coefficients().all(|(c, _)| inside(c)))
        .filter_map(|e| linear(e, cells, &known))
        .collect();
    let allowed: Vec<&Vec<i128>> = found.splits.iter().filter(|v| columns.iter().all(|l| l.holds(v))).collect();
    match allowed[..] {
        [one] if found.complete => Outcome::One(one.clone()),
        _ => Outcome::Not { count: allowed.len(), by_row: found.splits.len(), complete: found.complete },
    }
}

/// Splits `digits` into one whole number per cell of `cells`; `known` gives the other cells' values
/// where they were read as whole numbers.
#[cfg(test)]
fn split(digits: &[u8], cells: &[CellIndex], known: impl Fn(CellIndex) -> Option<i128>) -> Outcome {
    candidates(digits, cells).map_or(Outcome::TooLong, |found| choose(&found, cells, known))
}

/// `e` over the glued `cells`, the other cells' values folded in; `None` when one is not known.
fn linear(e: &Equation, cells: &[CellIndex], known: impl Fn(CellIndex) -> Option<i128>) -> Option<Linear> {
    let mut line = Linear { constant: 0, terms: Vec::new() };
    for (cell, coefficient) in e.coefficients() {
        match cells.iter().position(|x| *x == cell) {
            Some(p) => line.terms.push((p, coefficient)),
            None => line.constant = line.constant.checked_add(coefficient.checked_mul(known(cell)?)?)?,
        }
    }
    Some(line)
}

impl Linear {
    fn holds(&self, values: &[i128]) -> bool {
        self.constant + self.terms.iter().map(|(p, c)| c * values[*p]).sum::<i128>() == 0
    }
}

struct Search<'a> {
    digits: &'a [u8],
    forced: &'a [Option<Vec<usize>>],
    /// The forced total each part adds into.
    total_of: Vec<Option<usize>>,
    rows: &'a [Linear],
    values: Vec<i128>,
    steps: usize,
    found: Vec<Vec<i128>>,
}

impl Search<'_> {
    /// Cells `cell..` from digit `at` on.
    fn from(&mut self, cell: usize, at: usize) {
        self.steps += 1;
        if self.steps > BUDGET || self.found.len() > MAX_CANDIDATES {
            return;
        }
        let (cells, left) = (self.values.len(), self.digits.len() - at);
        if cell == cells {
            if left == 0 {
                self.leaf();
            }
            return;
        }
        // Every cell after this one needs a digit at least.
        if left < cells - cell {
            return;
        }
        if let Some(parts) = &self.forced[cell] {
            let sum: i128 = parts.iter().map(|p| self.values[*p]).sum();
            let text: Vec<u8> = sum.to_string().bytes().map(|b| b - b'0').collect();
            if self.digits[at..].starts_with(&text) {
                self.values[cell] = sum;
                self.from(cell + 1, at + text.len());
            }
            return;
        }
        // "0" is a cell of its own: no count is printed with a leading zero.
        let longest = if self.digits[at] == 0 { 1 } else { MAX_CELL_DIGITS.min(left - (cells - cell - 1)) };
        for length in 1..=longest {
            // The total this part adds into is at least as long as the part.
            if let Some(total) = self.total_of[cell] {
                if left - length < (total - cell - 1) + length + (cells - total - 1) {
                    break;
                }
            }
            self.values[cell] = self.digits[at..at + length].iter().fold(0, |v, d| v * 10 + i128::from(*d));
            self.from(cell + 1, at + length);
        }
    }

    fn leaf(&mut self) {
        if self.rows.iter().all(|l| l.holds(&self.values)) {
            self.found.push(self.values.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use nianbao_core::schema::cell_index;

    fn row(key: &str) -> Vec<CellIndex> {
        ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
            .iter()
            .map(|c| cell_index(&format!("requests.{key}.{c}")).unwrap())
            .collect()
    }

    #[test]
    fn the_issue_example_splits_one_way() {
        let split = split(&digits("640020470").unwrap(), &row("new"), |_| None);
        assert_eq!(split, Outcome::One(vec![64, 0, 0, 2, 0, 4, 70]));
    }

    #[test]
    fn no_cell_has_a_leading_zero_and_known_columns_decide() {
        // 「101000011」 by its row alone: 10 1 0 0 0 0 11 and 1 0 10 0 0 0 11; never 1 01 … .
        let cells = row("disclosed");
        assert_eq!(
            split(&digits("101000011").unwrap(), &cells, |_| None),
            Outcome::Not { count: 2, by_row: 2, complete: true }
        );
        assert_eq!(
            split(&digits("00").unwrap(), &cells, |_| None),
            Outcome::Not { count: 0, by_row: 0, complete: true }
        );
        assert_eq!(split(&digits(&"1".repeat(41)).unwrap(), &cells, |_| None), Outcome::TooLong);
    }

    #[test]
    fn digits_are_whole_strings_of_digits() {
        assert_eq!(digits("１２3"), Some(vec![1, 2, 3]));
        assert_eq!(digits("12a"), None);
        assert_eq!(digits(""), None);
    }
}
