//! Where each row of a table is printed: its label as official, as a declared variant, or — for a
//! row still not found — the one place between its neighbours where it appears with a typo. A
//! match that is not unique is reported, never guessed. A group printed as one row (（六）其他处理
//! without its three sub-rows) is located too, so that its numbers are not taken for a neighbour's.

use crate::labels::{near_label, row_labels, without_numbering};
use crate::stream::{Hit, Stream};
use crate::{How, Matched, Token, Unplaced};
use nianbao_core::schema::{Group, Row, Table};
use std::ops::Range;

/// Row groups some reports print as one row of subtotals instead of their rows (the 2019 format's
/// （六）其他处理): (table, group).
const ONE_ROW_GROUPS: &[(&str, &str)] = &[("requests", "other")];

/// What a located label stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum What {
    Row(usize),
    /// A group printed as one row: its numbers are read past; its rows stay unread.
    Group(&'static Group),
}

/// A located label: its first and last tokens, and what it is.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub first: usize,
    pub last: usize,
    /// What its last token holds after the label (normalised): digits glued to it, or another label.
    pub after: Option<String>,
    pub what: What,
}

pub(crate) struct Located {
    /// In the order they are printed.
    pub slots: Vec<Slot>,
    pub matched: Vec<Matched>,
    /// Near matches that could not be told apart.
    pub ambiguous: Vec<Unplaced>,
}

pub(crate) fn locate(table: &'static Table, region: Range<usize>, stream: &Stream, tokens: &[Token]) -> Located {
    let rows: Vec<&'static Row> = table.rows().collect();
    let mut found: Vec<Option<Hit>> = vec![None; rows.len()];
    let mut matched = Vec::new();
    let mut cursor = region.start;
    for (r, row) in rows.iter().enumerate() {
        let hit = row_labels(table, row)
            .into_iter()
            .find_map(|label| stream.find(&label.text, cursor, region.end).map(|hit| (hit, label.variant)));
        if let Some((hit, variant)) = hit {
            cursor = stream.tokens(hit).1 + 1;
            found[r] = Some(hit);
            if variant {
                matched.push(matched_at(format!("{}.{}", table.key, row.key), hit, How::Variant, stream, tokens));
            }
        }
    }
    let mut ambiguous = Vec::new();
    near_matches(table, &rows, &region, stream, tokens, &mut found, &mut matched, &mut ambiguous);

    let mut slots: Vec<Slot> = found
        .iter()
        .enumerate()
        .filter_map(|(r, hit)| hit.map(|h| (r, h, stream.tokens(h))))
        .map(|(r, h, (first, last))| Slot { first, last, after: stream.after(h), what: What::Row(r) })
        .collect();
    for group in table.row_groups.iter().filter(|g| ONE_ROW_GROUPS.contains(&(table.key, g.key))) {
        let members: Vec<usize> = (0..rows.len()).filter(|&r| rows[r].group == Some(group.key)).collect();
        let (Some(&first), Some(&last)) = (members.first(), members.last()) else { continue };
        if members.iter().any(|&r| found[r].is_some()) {
            continue;
        }
        let window = between(&found, first, last, &region, stream);
        let labels = std::iter::once(group.label.zh).chain(without_numbering(group.label.zh));
        if let Some(hit) = labels.into_iter().find_map(|l| stream.find(l, window.start, window.end)) {
            let (first, last) = stream.tokens(hit);
            slots.push(Slot { first, last, after: stream.after(hit), what: What::Group(group) });
            matched.push(matched_at(format!("{}.{}", table.key, group.key), hit, How::Variant, stream, tokens));
        }
    }
    slots.sort_by_key(|s| s.first);
    matched.sort_by_key(|m| m.line);
    Located { slots, matched, ambiguous }
}

/// The tokens between the found labels before row `first` and after row `last`.
fn between(found: &[Option<Hit>], first: usize, last: usize, region: &Range<usize>, stream: &Stream) -> Range<usize> {
    let from = found[..first].iter().rev().flatten().next().map_or(region.start, |h| stream.tokens(*h).1 + 1);
    let to = found[last + 1..].iter().flatten().next().map_or(region.end, |h| stream.tokens(*h).0);
    from..to.max(from)
}

/// Rows still not found, looked for with a typo or two between their found neighbours. Taken only
/// when the label is near exactly one place, and no other missing row is near that place.
#[allow(clippy::too_many_arguments)]
fn near_matches(
    table: &'static Table,
    rows: &[&'static Row],
    region: &Range<usize>,
    stream: &Stream,
    tokens: &[Token],
    found: &mut [Option<Hit>],
    matched: &mut Vec<Matched>,
    ambiguous: &mut Vec<Unplaced>,
) {
    let mut candidates: Vec<(usize, Hit)> = Vec::new();
    for r in (0..rows.len()).filter(|&r| found[r].is_none()) {
        let Some((label, budget)) = near_label(rows[r]) else { continue };
        let window = between(found, r, r, region, stream);
        let (_, places) = stream.near(&label, budget, window.start, window.end);
        match places.as_slice() {
            [] => {}
            [hit] => candidates.push((r, *hit)),
            several => ambiguous.push(not_taken(rows[r], several, stream, tokens)),
        }
    }
    for &(r, hit) in &candidates {
        // Another row near the same text, or the rows' order reversed: which is which is unknown.
        let rival = candidates.iter().any(|(q, other)| {
            *q != r && (other.start <= hit.end && hit.start <= other.end || (*q < r) != (other.start < hit.start))
        });
        if rival {
            ambiguous.push(not_taken(rows[r], &[hit], stream, tokens));
            continue;
        }
        found[r] = Some(hit);
        matched.push(matched_at(format!("{}.{}", table.key, rows[r].key), hit, How::Near, stream, tokens));
    }
}

fn matched_at(row: String, hit: Hit, how: How, stream: &Stream, tokens: &[Token]) -> Matched {
    Matched { row, label: stream.text(hit), line: tokens[stream.tokens(hit).0].line, how }
}

/// A near match not taken: the row's numbers stay unread, and the places are named.
fn not_taken(row: &Row, places: &[Hit], stream: &Stream, tokens: &[Token]) -> Unplaced {
    let printed: Vec<String> = places.iter().map(|h| stream.text(*h)).collect();
    Unplaced {
        line: tokens[stream.tokens(places[0]).0].line,
        text: printed.join(" "),
        reason: format!(
            "「{}」未找到；「{}」与之相近，但无法确定是否就是这一行，未采用",
            row.label.zh,
            printed.join("」「")
        ),
        reason_en: format!(
            "“{}” was not found; “{}” is close to it, but whether it is that row cannot be told, so it was not used",
            row.label.en,
            printed.join("”, “")
        ),
    }
}
