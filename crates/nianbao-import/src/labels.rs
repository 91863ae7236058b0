//! Finding row labels in the text: the official label, the variants real reports print (declared
//! here, as data), and — when neither is there — the one place the label appears with a typo or
//! two. Labels are searched in one character stream (stream.rs) that ignores spaces, line breaks
//! and full-/half-width differences, so a label broken across lines is still found.

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
}
