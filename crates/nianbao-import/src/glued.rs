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

use nianbao_core::rules::{equations, Equation};
use nianbao_core::schema::CellIndex;

/// Longest digit string split: C(L−1, k−1) splits grow fast, and no real row is longer.
pub(crate) const MAX_DIGITS: usize = 40;
/// No count in a report has more digits (sums stay far inside i128).
const MAX_CELL_DIGITS: usize = 15;
/// Steps of the search before it gives up (a few milliseconds): bounded time on any input.
const BUDGET: usize = 500_000;

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

/// The digits a label token ends with (「…申请数量640020470」): no official label ends with a digit.
pub(crate) fn trailing_digits(token: &str) -> Option<&str> {
    let rest = token.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    (rest.len() < token.len() && !rest.is_empty()).then(|| &token[rest.len()..])
}

/// The equations over these cells alone: the sums a glued row is split by. Empty for a row with no
/// equality (table 二's rows): such a row is never split.
pub(crate) fn row_equations(cells: &[CellIndex]) -> Vec<&'static Equation> {
    equations().iter().filter(|e| e.is_sum() && e.coefficients().all(|(c, _)| cells.contains(&c))).collect()
}

/// An equation as `constant + Σ coefficient · value[position] = 0` over the glued cells.
struct Linear {
    constant: i128,
    terms: Vec<(usize, i128)>,
}

/// Splits `digits` into one whole number per cell of `cells`; `known` gives the other cells' values
/// where they were read as whole numbers.
pub(crate) fn split(digits: &[u8], cells: &[CellIndex], known: impl Fn(CellIndex) -> Option<i128>) -> Outcome {
    if digits.len() > MAX_DIGITS {
        return Outcome::TooLong;
    }
    let position = |c: CellIndex| cells.iter().position(|x| *x == c);
    let linear = |e: &Equation| -> Option<Linear> {
        let mut line = Linear { constant: 0, terms: Vec::new() };
        for (cell, coefficient) in e.coefficients() {
            match position(cell) {
                Some(p) => line.terms.push((p, coefficient)),
                None => line.constant = line.constant.checked_add(coefficient.checked_mul(known(cell)?)?)?,
            }
        }
        Some(line)
    };
    let rows: Vec<Linear> = row_equations(cells).into_iter().filter_map(linear).collect();
    let columns: Vec<Linear> = equations()
        .iter()
        .filter(|e| e.is_sum() && e.coefficients().any(|(c, _)| position(c).is_some()))
        .filter(|e| e.coefficients().any(|(c, _)| position(c).is_none()))
        .filter_map(linear)
        .collect();
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
        columns: &columns,
        values: vec![0; cells.len()],
        steps: 0,
        count: 0,
        by_row: 0,
        first: None,
    };
    search.from(0, 0);
    let complete = search.steps <= BUDGET;
    match (search.count, search.first) {
        (1, Some(values)) if complete => Outcome::One(values),
        (count, _) => Outcome::Not { count, by_row: search.by_row, complete },
    }
}

struct Search<'a> {
    digits: &'a [u8],
    forced: &'a [Option<Vec<usize>>],
    /// The forced total each part adds into.
    total_of: Vec<Option<usize>>,
    rows: &'a [Linear],
    columns: &'a [Linear],
    values: Vec<i128>,
    steps: usize,
    count: usize,
    by_row: usize,
    first: Option<Vec<i128>>,
}

impl Search<'_> {
    /// Cells `cell..` from digit `at` on.
    fn from(&mut self, cell: usize, at: usize) {
        self.steps += 1;
        if self.steps > BUDGET {
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
        let holds = |l: &Linear| l.constant + l.terms.iter().map(|(p, c)| c * self.values[*p]).sum::<i128>() == 0;
        if !self.rows.iter().all(holds) {
            return;
        }
        self.by_row += 1;
        if self.columns.iter().all(holds) {
            self.count += 1;
            if self.first.is_none() {
                self.first = Some(self.values.clone());
            }
        }
    }
}
