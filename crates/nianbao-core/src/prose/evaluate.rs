//! Checking claims against the cells, in exact and checked arithmetic: the prose is untrusted, and a
//! figure of 10^38 or a percentage with 40 decimal places must give a finding or none, never a panic
//! or a wrapped number.

use super::{Claim, ClaimKind, Written};
use crate::schema::CellIndex;

/// Most decimal places a percentage is recomputed to; a percentage written with more is compared
/// at this many (no report states a share finer than 0.00000001%).
pub const MAX_PLACES: u32 = 8;

/// What is wrong with a claim, given the cells: `None` when the prose agrees with the tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disagreement {
    Count { table: i128 },
    Share { expected: Written, count: i128, base: i128, truncated: bool },
    Change { expected: Written, previous: i128 },
}

pub fn evaluate(claim: &Claim, numbers: &[Option<i128>], previous: Option<&[Option<i128>]>) -> Option<Disagreement> {
    let sum = |cells: &[CellIndex], numbers: &[Option<i128>]| {
        cells.iter().try_fold(0i128, |s, c| s.checked_add(numbers[*c as usize]?))
    };
    match &claim.kind {
        ClaimKind::Count { cells, or_cells, stated } => {
            let table = sum(cells, numbers)?;
            let alternative = (!or_cells.is_empty()).then(|| sum(or_cells, numbers)).flatten();
            (table != *stated && alternative != Some(*stated)).then_some(Disagreement::Count { table })
        }
        ClaimKind::Share { count, stated, base } => {
            let new_total = crate::schema::cell_index("requests.new.total").and_then(|c| numbers[c as usize]);
            let with_carried = crate::schema::cell_index("requests.carried_over.total")
                .and_then(|c| numbers[c as usize])
                .zip(new_total)
                .and_then(|(a, b)| a.checked_add(b));
            let bases: Vec<i128> = [*base, new_total, with_carried].into_iter().flatten().filter(|b| *b > 0).collect();
            let first = *bases.first()?;
            // A count too large to take a percentage of is no share: its count claim says so.
            let percent = count.checked_mul(100)?;
            let places = stated.places.min(MAX_PLACES);
            let stated_units = rescale(*stated, places)?;
            if bases.iter().any(|b| rounded(percent, *b, places) == Some(stated_units)) {
                return None;
            }
            let truncated = stated.places <= MAX_PLACES
                && bases.iter().any(|b| truncated(percent, *b, places) == Some(stated_units));
            let expected = Written { units: rounded(percent, first, places)?, places };
            Some(Disagreement::Share { expected, count: *count, base: first, truncated })
        }
        ClaimKind::Change { cells, current, stated } => {
            let before = sum(cells, previous?)?;
            if before == 0 {
                return None;
            }
            let places = stated.places.min(MAX_PLACES);
            let change = current.checked_sub(before)?.checked_mul(100)?;
            let units = rounded(change, before, places)?;
            (Some(units) != rescale(*stated, places))
                .then_some(Disagreement::Change { expected: Written { units, places }, previous: before })
        }
    }
}

/// `numerator / denominator` in units of 10^-places, rounded half away from zero; `None` when it
/// does not fit.
fn rounded(numerator: i128, denominator: i128, places: u32) -> Option<i128> {
    let scaled = numerator.checked_mul(10i128.checked_pow(places)?)?;
    let (q, r) = (scaled / denominator, scaled % denominator);
    if r.unsigned_abs().checked_mul(2)? >= denominator.unsigned_abs() {
        q.checked_add(scaled.signum() * denominator.signum())
    } else {
        Some(q)
    }
}

fn truncated(numerator: i128, denominator: i128, places: u32) -> Option<i128> {
    Some(numerator.checked_mul(10i128.checked_pow(places)?)? / denominator)
}

/// A written number at fewer decimal places, rounded half away from zero (at its own places: as is).
fn rescale(written: Written, places: u32) -> Option<i128> {
    if written.places <= places {
        return written.units.checked_mul(10i128.checked_pow(places - written.places)?);
    }
    match 10i128.checked_pow(written.places - places) {
        Some(divisor) => rounded(written.units, divisor, 0),
        None => Some(0), // more than 38 places dropped: nothing of it is left at `places`
    }
}
