//! Finding row labels in the text: the official label, the variants real reports print (declared
//! here, as data), and — when neither is there — the one place the label appears with a typo or
//! two. Labels are searched in one character stream that ignores spaces, line breaks and
//! full-/half-width differences, so a label broken across lines is still found.

use nianbao_core::prose::{PARTS, PART_TITLE_VARIANTS};
use nianbao_core::schema::{Row, Table};

/// Row labels published reports print instead of the official one: (table, row, label).
pub(crate) const ALIASES: &[(&str, &str, &str)] = &[
    ("proactive", "normative_documents", "规范性文件"),
    ("requests", "withheld_prohibited_by_law", "其他法律行政止公开"),
    ("appeals", "review", "行政法复议"),
];

/// The note table 三 prints under its title, as official and as often misspelt (钩稽 for 勾稽): where
/// the title is missing, the table starts after it.
pub(crate) const NOTE_VARIANTS: &[(&str, &str)] = &[("requests", "本列数据的钩稽关系为")];

/// The shortest label searched without its numbering, or near-matched: shorter ones (其他, 总计)
/// stand in too many other places.
const MIN_LOOSE_CHARS: usize = 4;
/// Past this many characters between two found labels, no near match is searched (bounded time).
const MAX_NEAR_WINDOW: usize = 4000;

/// Where the tables end: the title of part 五, as official and as printed otherwise.
pub(crate) fn part_five_titles() -> impl Iterator<Item = &'static str> {
    let official = PARTS.iter().filter(|(n, _)| *n == "五").map(|(_, t)| *t);
    official.chain(PART_TITLE_VARIANTS.iter().filter(|(n, _)| *n == "五").map(|(_, t)| *t))
}

/// A label to search for, and whether finding it is worth saying (it is not the official text).
pub(crate) struct Label {
    pub text: String,
    pub variant: bool,
}

/// The labels a row may be printed with, most specific first.
pub(crate) fn row_labels(table: &Table, row: &Row) -> Vec<Label> {
    let label = row.label.zh;
    let exact = |text: &str| Label { text: text.to_string(), variant: false };
    let variant = |text: &str| Label { text: text.to_string(), variant: true };
    let mut labels = vec![exact(label)];
    // （二）部分公开（区分处理的…）: the note in brackets is often left out.
    if let Some((head, _)) = label.split_once("（区分") {
        labels.push(exact(head));
    }
    let aliases = ALIASES.iter().filter(|(t, r, _)| *t == table.key && *r == row.key).map(|(_, _, a)| *a);
    labels.extend(aliases.map(variant));
    // 「予以公开」 for 「（一）予以公开」, 「(1)予以公开」: numbered otherwise, or not at all.
    labels.extend(without_numbering(label).filter(|l| l.chars().count() >= MIN_LOOSE_CHARS).map(variant));
    labels
}

/// The label searched for with typos: without its numbering, which reports vary anyway.
pub(crate) fn near_label(row: &Row) -> Option<(String, usize)> {
    let label = without_numbering(row.label.zh).unwrap_or(row.label.zh);
    let label = label.split_once("（区分").map_or(label, |(head, _)| head);
    let chars = label.chars().count();
    // One edit in a short label, two in a long one; a label of 2–3 characters is never guessed.
    let budget = match chars {
        0..MIN_LOOSE_CHARS => return None,
        MIN_LOOSE_CHARS..=8 => 1,
        _ => 2,
    };
    Some((label.to_string(), budget))
}

/// The label without its leading 「1.」「（一）」「一、」, if it has one.
pub(crate) fn without_numbering(label: &str) -> Option<&str> {
    let numeral = |c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c);
    let rest = if let Some(inner) = label.strip_prefix(['（', '(']) {
        let close = inner.find(['）', ')'])?;
        let after = &inner[close..];
        if close == 0 || !inner[..close].chars().all(numeral) {
            return None;
        }
        &after[after.chars().next()?.len_utf8()..]
    } else {
        let digits = label.trim_start_matches(numeral);
        (digits.len() < label.len()).then(|| digits.strip_prefix(['.', '．', '、']))??
    };
    (!rest.is_empty()).then_some(rest)
}

// ------------------------------------------------------------------ the stream

/// The text tokens as one normalised character stream, each character knowing its token.
pub(crate) struct Stream {
    chars: Vec<char>,
    owner: Vec<usize>,
}

/// Where a label was found: its first and last characters in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
}

impl Stream {
    /// `texts` yields each text token with its index.
    pub fn new<'a>(texts: impl Iterator<Item = (usize, &'a str)>) -> Stream {
        let mut chars = Vec::new();
        let mut owner = Vec::new();
        for (i, text) in texts {
            for c in normalised(text) {
                chars.push(c);
                owner.push(i);
            }
        }
        Stream { chars, owner }
    }

    /// The tokens of a hit's first and last characters.
    pub fn tokens(&self, hit: Hit) -> (usize, usize) {
        (self.owner[hit.start], self.owner[hit.end])
    }

    /// The characters after a hit in its last token, if any (normalised).
    pub fn after(&self, hit: Hit) -> Option<String> {
        let token = self.owner[hit.end];
        let end =
            self.owner[hit.end + 1..].iter().position(|&t| t != token).map_or(self.chars.len(), |n| hit.end + 1 + n);
        (end > hit.end + 1).then(|| self.chars[hit.end + 1..end].iter().collect())
    }

    /// The characters of a hit, as the label was printed (normalised).
    pub fn text(&self, hit: Hit) -> String {
        self.chars[hit.start..=hit.end].iter().collect()
    }

    /// The characters of the tokens `from..to`.
    fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        // `owner` never decreases: the token range maps to a character range by binary search.
        self.owner.partition_point(|&t| t < from)..self.owner.partition_point(|&t| t < to)
    }

    /// The first occurrence of `label` starting at or after token `from` and before token `to`.
    pub fn find(&self, label: &str, from: usize, to: usize) -> Option<Hit> {
        let needle: Vec<char> = normalised(label).collect();
        let first = *needle.first()?;
        let range = self.range(from, to);
        let end = range.end.min(self.chars.len().saturating_sub(needle.len() - 1));
        (range.start..end)
            .find(|&i| self.chars[i] == first && self.chars[i..i + needle.len()] == needle[..])
            .map(|i| Hit { start: i, end: i + needle.len() - 1 })
    }

    /// The places between tokens `from` and `to` where `label` appears with at most `budget` edits
    /// (a character added, left out or changed), at the smallest number of edits found: one place
    /// is a match, more are ambiguous. Empty when none is that close or the window is too long.
    pub fn near(&self, label: &str, budget: usize, from: usize, to: usize) -> (usize, Vec<Hit>) {
        let needle: Vec<char> = normalised(label).collect();
        let range = self.range(from, to);
        if needle.is_empty() || range.len() > MAX_NEAR_WINDOW {
            return (0, Vec::new());
        }
        // Sellers' algorithm: edit distance of the label to the best substring ending at each
        // character, each cell carrying where its alignment started.
        let m = needle.len();
        let mut previous: Vec<(usize, usize)> = (0..=m).map(|i| (i, range.start)).collect();
        let mut ends: Vec<(usize, Hit)> = Vec::new();
        for j in range.clone() {
            let mut current = vec![(0, j + 1); m + 1];
            for i in 1..=m {
                let changed = (previous[i - 1].0 + usize::from(needle[i - 1] != self.chars[j]), previous[i - 1].1);
                let added = (previous[i].0 + 1, previous[i].1);
                let left_out = (current[i - 1].0 + 1, current[i - 1].1);
                current[i] = [added, left_out].into_iter().fold(changed, |best, c| if c.0 < best.0 { c } else { best });
            }
            if current[m].0 <= budget && current[m].1 <= j {
                ends.push((current[m].0, Hit { start: current[m].1, end: j }));
            }
            previous = current;
        }
        let Some(best) = ends.iter().map(|(d, _)| *d).min() else {
            return (0, Vec::new());
        };
        // Ends whose alignments overlap are one place: keep the first of each.
        let mut places: Vec<Hit> = Vec::new();
        for (_, hit) in ends.into_iter().filter(|(d, _)| *d == best) {
            match places.last() {
                Some(last) if hit.start <= last.end => {}
                _ => places.push(hit),
            }
        }
        (best, places)
    }
}

/// Spaces, line breaks, quotes and full-/half-width differences do not tell labels apart.
pub(crate) fn normalise(text: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_is_taken_off_in_every_style() {
        assert_eq!(without_numbering("（一）予以公开"), Some("予以公开"));
        assert_eq!(without_numbering("1.属于国家秘密"), Some("属于国家秘密"));
        assert_eq!(without_numbering("一、本年新收政府信息公开申请数量"), Some("本年新收政府信息公开申请数量"));
        assert_eq!(without_numbering("行政许可"), None);
        assert_eq!(without_numbering("（本列数据）"), None);
    }

    #[test]
    fn a_near_match_is_one_place_at_the_fewest_edits() {
        let stream = Stream::new([(0, "1.本机关不掌握相关政府信"), (1, "2.没有现成信息需要另行制作")].into_iter());
        let (edits, places) = stream.near("本机关不掌握相关政府信息", 2, 0, 1);
        assert_eq!((edits, places.len()), (1, 1));
        assert_eq!(stream.text(places[0]), "本机关不掌握相关政府信");
        // The same label twice: two places, so no match.
        let stream = Stream::new([(0, "本机关不掌握相关政府信"), (1, "本机关不掌握相关政府信")].into_iter());
        assert_eq!(stream.near("本机关不掌握相关政府信息", 2, 0, 2).1.len(), 2);
    }
}
