//! The prose against the tables (`text.*`) and the report's structure (`structure.*`).
//!
//! The figures the prose may state are declared as data ([`FIGURES`]): the words that name them and
//! the cells they must equal. [`claims`] reads the prose once, when it changes, into claims; checking
//! them against the cells is then cheap enough to redo on every keystroke.

use crate::rules::expand_cells;
use crate::schema::CellIndex;

/// A figure the prose may state, and the cells whose sum it must equal.
pub struct Figure {
    pub key: &'static str,
    /// Words naming it, most specific first; the number follows the word, or `N件` precedes it.
    pub words: &'static [&'static str],
    pub cells: &'static [&'static str],
    /// Another sum the figure may legitimately mean (受理 may be 新收 + 上年结转).
    pub or_cells: &'static [&'static str],
    /// A clause naming any of these is about something else (受理群众诉求 116 件 is no request count).
    pub not_with: &'static [&'static str],
}

const OTHER_BUSINESS: &[&str] = &[
    "诉求",
    "投诉",
    "咨询",
    "留言",
    "来信",
    "信访",
    "热线",
    "建议",
    "提案",
    "复议",
    "诉讼",
    "举报",
    "政务服务",
    "事项",
];

pub const FIGURES: &[Figure] = &[
    Figure {
        key: "received",
        words: &["新收", "收到", "受理", "接收"],
        cells: &["requests.new.total"],
        or_cells: &["requests.new.total", "requests.carried_over.total"],
        not_with: OTHER_BUSINESS,
    },
    Figure {
        key: "carried_over",
        words: &["上年结转", "上年度结转", "上一年度结转", "上年度转结"],
        cells: &["requests.carried_over.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "disclosed",
        words: &["予以公开"],
        cells: &["requests.disclosed.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "partially_disclosed",
        words: &["部分公开"],
        cells: &["requests.partially_disclosed.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "withheld",
        words: &["不予公开"],
        cells: &["requests.withheld_state_secret..withheld_administrative_query.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "unable",
        words: &["无法提供"],
        cells: &["requests.unable_not_held..unable_unclear_after_correction.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "not_processed",
        words: &["不予处理"],
        cells: &["requests.not_processed_petition..not_processed_reconfirm.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "other",
        words: &["其他处理"],
        cells: &["requests.other_no_correction..other_misc.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure {
        key: "concluded",
        words: &["办结", "答复", "办理完毕"],
        cells: &["requests.result_total.total"],
        or_cells: &[],
        not_with: OTHER_BUSINESS,
    },
    Figure {
        key: "carried_forward",
        words: &["结转下年", "结转至下年", "结转到下年", "结转下一年", "转入下年", "结转至2", "结转到2"],
        cells: &["requests.carried_forward.total"],
        or_cells: &[],
        not_with: &[],
    },
    Figure { key: "review", words: &["行政复议"], cells: &["appeals.review.total"], or_cells: &[], not_with: &[] },
    Figure {
        key: "litigation",
        words: &["行政诉讼"],
        cells: &["appeals.litigation_direct.total", "appeals.litigation_after_review.total"],
        or_cells: &[],
        not_with: &[],
    },
    // Documents: which column depends on the verb in the clause (see `document_column`).
    Figure {
        key: "normative_documents",
        words: &["规范性文件"],
        cells: &["proactive.normative_documents.{column}"],
        or_cells: &[],
        not_with: &[],
    },
    Figure { key: "rules", words: &["规章"], cells: &["proactive.rules.{column}"], or_cells: &[], not_with: &[] },
];

/// An exact decimal as written: `units × 10^-places` (73.33 → 7333, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub units: i128,
    pub places: u32,
}

impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // From the digits, never through 10^places: a percentage may be written with 38 places.
        let sign = if self.units < 0 { "-" } else { "" };
        let digits = self.units.unsigned_abs().to_string();
        let places = self.places as usize;
        if places == 0 {
            return write!(f, "{sign}{digits}");
        }
        let digits = format!("{digits:0>width$}", width = places + 1);
        let (whole, fraction) = digits.split_at(digits.len() - places);
        write!(f, "{sign}{whole}.{fraction}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimKind {
    /// `予以公开 11 件`: a figure of the tables.
    Count { cells: Vec<CellIndex>, or_cells: Vec<CellIndex>, stated: i128 },
    /// `占比 73.33%`: `count` (stated just before) as a share of the requests received.
    Share { count: i128, stated: Written, base: Option<i128> },
    /// `较上年下降 34.78%`: the figure stated just before, against last year's.
    Change { cells: Vec<CellIndex>, current: i128, stated: Written },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub kind: ClaimKind,
    /// The figure it is about ([`Figure::key`]): with the sentence, what identifies the claim.
    pub figure: &'static str,
    /// The word that named the figure, as written (予以公开, 受理 …).
    pub word: String,
    /// The sentence, quoted in the finding.
    pub sentence: String,
}

/// Reads the figures the prose states.
/// More figures than any report's prose states; past them the text is not a report's prose, and
/// reading on would only pile up findings (4 MB of 「收到申请1件。」 would give 200,000).
pub const MAX_CLAIMS: usize = 500;

pub fn claims(text: &str) -> Vec<Claim> {
    let mut claims = Vec::new();
    let mut last_received: Option<i128> = None;
    for sentence in sentences(text) {
        if claims.len() >= MAX_CLAIMS {
            break;
        }
        let mut last_count: Option<(usize, Vec<CellIndex>, i128, String)> = None;
        for clause in clauses(&sentence) {
            let mut found = counts_in(&clause);
            for (figure, stated, word) in found.drain(..) {
                let Some(cells) = figure_cells(figure, &clause) else {
                    continue;
                };
                if FIGURES[figure].key == "received" {
                    last_received = Some(stated);
                }
                let or_cells = FIGURES[figure].or_cells.iter().flat_map(|t| expand_cells(t)).collect();
                claims.push(Claim {
                    kind: ClaimKind::Count { cells: cells.clone(), or_cells, stated },
                    figure: FIGURES[figure].key,
                    word: word.clone(),
                    sentence: sentence.clone(),
                });
                last_count = Some((figure, cells, stated, word));
            }
            for percent in percents(&clause) {
                let Some((figure, cells, count, word)) = last_count.clone() else {
                    continue;
                };
                let kind = if let Some(sign) = change_direction(&clause) {
                    ClaimKind::Change {
                        cells,
                        current: count,
                        stated: Written { units: sign * percent.units, places: percent.places },
                    }
                } else if clause.contains('占') {
                    ClaimKind::Share { count, stated: percent, base: last_received }
                } else {
                    continue; // a rate (应答率 100%) or a target, not a share of the tables
                };
                claims.push(Claim { kind, figure: FIGURES[figure].key, word, sentence: sentence.clone() });
            }
        }
    }
    claims
}

/// Sentences that hold a digit, read lazily so that reading can stop at `MAX_CLAIMS`.
fn sentences(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(['。', '！', '？', '；', '\n', ';'])
        .filter(|s| s.chars().any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
        .map(|s| s.trim().trim_matches(|c: char| c == '*' || c == '#').trim().to_string())
}

/// Clauses bind a word to its number: in 「受理19件，其中11件予以公开、8件不予公开」 the 19 is 受理's.
fn clauses(sentence: &str) -> Vec<String> {
    let chars: Vec<char> = sentence.chars().collect();
    let mut clauses = vec![String::new()];
    for (i, &c) in chars.iter().enumerate() {
        // A comma between digits is a thousands separator (1,500), not the end of a clause.
        let thousands =
            c == ',' && i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if matches!(c, '，' | ',' | '、' | '（' | '）' | '(' | ')' | '：' | ':') && !thousands {
            clauses.push(String::new());
        } else if let Some(last) = clauses.last_mut() {
            last.push(c);
        }
    }
    clauses.into_iter().filter(|c| !c.trim().is_empty()).collect()
}

/// Every (figure, number, word) in a clause: `word … N件` or `N件 word`.
fn counts_in(clause: &str) -> Vec<(usize, i128, String)> {
    let chars: Vec<char> = clause.chars().map(half_width).collect();
    let mut found = Vec::new();
    let mut taken = vec![false; chars.len()];
    // Longer words first, so 上年结转 is not read as 结转 and 不予公开 not as 予以公开.
    let all = || FIGURES.iter().enumerate().flat_map(|(i, f)| f.words.iter().map(move |w| (i, *w)));
    let longest = all().map(|(_, w)| w.chars().count()).max().unwrap_or(0);
    let words = (1..=longest).rev().flat_map(|n| all().filter(move |(_, w)| w.chars().count() == n));
    for (figure, word) in words {
        if FIGURES[figure].not_with.iter().any(|n| clause.contains(n)) {
            continue;
        }
        let w: Vec<char> = word.chars().collect();
        let mut at = 0;
        while at + w.len() <= chars.len() {
            if chars[at..at + w.len()] != w[..] || taken[at..at + w.len()].iter().any(|t| *t) {
                at += 1;
                continue;
            }
            taken[at..at + w.len()].iter_mut().for_each(|t| *t = true);
            let number = number_after(&chars, at + w.len()).or_else(|| number_before(&chars, at));
            if let Some(n) = number {
                found.push((figure, n, word.to_string()));
            }
            at += w.len();
        }
    }
    found
}

/// `受理政府信息公开申请 15 件`: a number within a few characters after the word, followed by 件.
fn number_after(chars: &[char], from: usize) -> Option<i128> {
    let start = (from..chars.len().min(from + 16)).find(|&i| chars[i].is_ascii_digit())?;
    if chars[from..start].iter().any(|c| matches!(c, '%' | '年' | '月' | '日' | '第')) {
        return None;
    }
    let (value, end) = read_integer(chars, start)?;
    let rest: String = chars[end..].iter().filter(|c| !c.is_whitespace()).take(1).collect();
    (rest == "件").then_some(value)
}

/// `11件予以公开`: `N件` right before the word.
fn number_before(chars: &[char], word_at: usize) -> Option<i128> {
    let mut i = word_at;
    while i > 0 && chars[i - 1].is_whitespace() {
        i -= 1;
    }
    if i == 0 || chars[i - 1] != '件' {
        return None;
    }
    let end = i - 1;
    let start = (0..end).rev().take_while(|&j| chars[j].is_ascii_digit() || chars[j] == ',').last()?;
    read_integer(chars, start).filter(|(_, e)| *e == end).map(|(v, _)| v)
}

fn read_integer(chars: &[char], start: usize) -> Option<(i128, usize)> {
    let mut end = start;
    let mut value: i128 = 0;
    while end < chars.len()
        && (chars[end].is_ascii_digit()
            || (chars[end] == ',' && end + 1 < chars.len() && chars[end + 1].is_ascii_digit()))
    {
        if let Some(d) = chars[end].to_digit(10) {
            value = value.checked_mul(10)?.checked_add(d.into())?;
        }
        end += 1;
    }
    // A decimal point means this is not a count of 件.
    (end > start && chars.get(end) != Some(&'.')).then_some((value, end))
}

fn half_width(c: char) -> char {
    match c {
        '０'..='９' | '％' | '．' | '，' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// The percentages written in a clause, exactly as written.
fn percents(clause: &str) -> Vec<Written> {
    let chars: Vec<char> = clause.chars().map(half_width).collect();
    let mut found = Vec::new();
    for (i, c) in chars.iter().enumerate() {
        if *c != '%' {
            continue;
        }
        let mut start = i;
        while start > 0 && (chars[start - 1].is_ascii_digit() || chars[start - 1] == '.') {
            start -= 1;
        }
        let number: String = chars[start..i].iter().collect();
        let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
        if whole.is_empty() || !fraction.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Ok(units) = format!("{whole}{fraction}").parse::<i128>() {
            found.push(Written { units, places: fraction.len() as u32 });
        }
    }
    found
}

/// +1 for 增长/上升/增加, −1 for 下降/减少, when the clause compares with last year.
fn change_direction(clause: &str) -> Option<i128> {
    let compared = ["较上年", "较去年", "较往年", "比上年", "比去年", "同比", "较上一年", "较2", "比2"]
        .iter()
        .any(|w| clause.contains(w));
    if !compared {
        return None;
    }
    if ["下降", "减少", "降低", "回落"].iter().any(|w| clause.contains(w)) {
        Some(-1)
    } else if ["增长", "上升", "增加", "提高", "提升"].iter().any(|w| clause.contains(w)) {
        Some(1)
    } else {
        None
    }
}

/// The cells a figure names in this clause; documents take their column from the verb.
fn figure_cells(figure: usize, clause: &str) -> Option<Vec<CellIndex>> {
    let templates = FIGURES[figure].cells;
    let column = if templates.iter().any(|t| t.contains("{column}")) {
        Some(if clause.contains("废止") {
            "repealed"
        } else if clause.contains("现行有效") || clause.contains("有效") {
            "in_force"
        } else if ["制发", "印发", "出台", "制定", "发布", "新增"].iter().any(|v| clause.contains(v)) {
            "issued"
        } else {
            return None; // 「规范性文件 14 件」 alone: issued or in force? Not a claim to check.
        })
    } else {
        None
    };
    Some(
        templates
            .iter()
            .flat_map(|t| expand_cells(&column.map(|c| t.replace("{column}", c)).unwrap_or_else(|| t.to_string())))
            .collect(),
    )
}

mod evaluate;
mod structure;

pub use evaluate::{evaluate, Disagreement, MAX_PLACES};
pub use structure::{structure, StructureProblem, PARTS, PART_TITLE_VARIANTS, TEMPLATE_MARKS};
