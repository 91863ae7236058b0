//! Which cell is most likely wrong: the smallest set of cells (one, else two) whose change makes
//! every equality hold. A mistyped cell of table 三 breaks its row total and its column equations
//! at once; only the cell where they cross explains all of them.

use crate::rules::equations;
use crate::schema::CellIndex;
use std::sync::OnceLock;

/// At most this many equally small answers are listed; more than one means "cannot tell which".
pub const MAX_ALTERNATIVES: usize = 12;

/// One cell to change, and the value that makes its equations hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    pub cell: CellIndex,
    pub from: i128,
    pub to: i128,
}

/// `values[c]` is the number a sum sees for cell c (`None` when it is not a usable number, in which
/// case equations touching it are left out). Answers are ordered by cell index: deterministic.
pub fn smallest_fixes(values: &[Option<i128>]) -> Vec<Vec<Change>> {
    // The sum rules' terms never change: they are gathered once; only residuals are computed here.
    static TERMS: OnceLock<Vec<Vec<(CellIndex, i128)>>> = OnceLock::new();
    let terms =
        TERMS.get_or_init(|| equations().iter().filter(|e| e.is_sum()).map(|e| e.coefficients().collect()).collect());
    let equations: Vec<Eq> = terms
        .iter()
        .filter_map(|terms| {
            let residual = terms.iter().try_fold(0i128, |sum, (c, k)| Some(sum + times(*k, values[*c as usize]?)))?;
            Some(Eq { terms, residual })
        })
        .collect();
    let violated: Vec<&Eq> = equations.iter().filter(|e| e.residual != 0).collect();
    let Some(first) = violated.first() else {
        return Vec::new();
    };

    let single: Vec<Vec<Change>> = first
        .terms
        .iter()
        .filter(|(c, _)| violated.iter().all(|e| e.coefficient(*c).is_some()))
        .filter_map(|&(c, _)| solve(&equations, values, &[c]))
        .take(MAX_ALTERNATIVES)
        .collect();
    if !single.is_empty() {
        return single;
    }

    let mut pairs = vec![false; values.len() * values.len()];
    for &(a, _) in first.terms {
        let rest: Vec<&&Eq> = violated.iter().filter(|e| e.coefficient(a).is_none()).collect();
        // b must sit in every violated equation that a does not; if a is in all of them, b must share
        // an equation with a (elsewhere its own satisfied equations pin it).
        let candidates: Vec<CellIndex> = match rest.split_first() {
            Some((head, tail)) => head.cells().filter(|b| tail.iter().all(|e| e.coefficient(*b).is_some())).collect(),
            None => equations.iter().filter(|e| e.coefficient(a).is_some()).flat_map(|e| e.cells()).collect(),
        };
        for b in candidates.into_iter().filter(|b| *b != a) {
            pairs[usize::from(a.min(b)) * values.len() + usize::from(a.max(b))] = true;
        }
    }
    // Walking the matrix in order gives the pairs sorted and unique (no sort code in the wasm).
    let n = values.len();
    (0..n * n)
        .filter(|&k| pairs[k])
        .map(|k| ((k / n) as CellIndex, (k % n) as CellIndex))
        .filter_map(|(a, b)| solve(&equations, values, &[a, b]))
        .take(MAX_ALTERNATIVES)
        .collect()
}

/// k·v for a coefficient, which is ±1 in every sum rule: i128 multiplication is a call in wasm.
fn times(k: i128, v: i128) -> i128 {
    match k {
        1 => v,
        -1 => -v,
        _ => k * v,
    }
}

struct Eq<'a> {
    terms: &'a [(CellIndex, i128)],
    /// Σ total − Σ parts with the current values; 0 when the equation holds.
    residual: i128,
}

impl Eq<'_> {
    fn coefficient(&self, cell: CellIndex) -> Option<i128> {
        self.terms.iter().find(|(c, _)| *c == cell).map(|(_, k)| *k)
    }
    fn cells(&self) -> impl Iterator<Item = CellIndex> + '_ {
        self.terms.iter().map(|(c, _)| *c)
    }
}

/// Finds the one set of non-zero changes to `cells` that makes every equation hold, keeping every
/// value ≥ 0; `None` if there is none or it is not unique.
fn solve(equations: &[Eq], values: &[Option<i128>], cells: &[CellIndex]) -> Option<Vec<Change>> {
    // Each equation touching the cells gives Σ k·δ = −residual; the others must already hold.
    // One or two cells: their coefficients fit an array (a Vec each was most of the search's
    // allocations).
    let mut rows: Vec<([i128; 2], i128)> = Vec::new();
    for e in equations {
        let mut ks = [0i128; 2];
        for (k, c) in ks.iter_mut().zip(cells) {
            *k = e.coefficient(*c).unwrap_or(0);
        }
        if ks.iter().all(|k| *k == 0) {
            if e.residual != 0 {
                return None;
            }
        } else {
            rows.push((ks, -e.residual));
        }
    }
    let deltas = match cells.len() {
        1 => {
            let (k, r) = (rows.first()?.0[0], rows[0].1);
            (r % k == 0).then(|| vec![r / k])?
        }
        _ => solve_two(&rows)?,
    };
    let consistent = rows.iter().all(|(ks, r)| ks.iter().zip(&deltas).map(|(k, d)| times(*k, *d)).sum::<i128>() == *r);
    if !consistent || deltas.contains(&0) {
        return None;
    }
    cells
        .iter()
        .zip(&deltas)
        .map(|(&cell, delta)| {
            let from = values[cell as usize]?;
            let to = from + delta;
            (to >= 0).then_some(Change { cell, from, to })
        })
        .collect()
}

/// Solves two unknowns from rows `k1·x + k2·y = r` by the first independent pair of rows.
fn solve_two(rows: &[([i128; 2], i128)]) -> Option<Vec<i128>> {
    for (i, (a, r1)) in rows.iter().enumerate() {
        for (b, r2) in &rows[i + 1..] {
            let det = a[0] * b[1] - a[1] * b[0];
            if det == 0 {
                continue;
            }
            let (x, y) = (r1 * b[1] - a[1] * r2, a[0] * r2 - r1 * b[0]);
            if x % det != 0 || y % det != 0 {
                return None;
            }
            return Some(vec![x / det, y / det]);
        }
    }
    None // every row says the same thing: infinitely many answers, so none is "the" fix
}
