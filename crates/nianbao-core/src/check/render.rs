//! Message rendering: filling a rule's template, naming a cell change, quoting a sentence.

use super::result::{CellChange, Suggestion};
use crate::localize::Change;
use crate::report::Report;
use crate::schema::cells;

/// Each change's message in both languages, rendered once however many findings it fixes and
/// suggestions name it (a fix used to be written out once per finding and again for its suggestion).
pub(crate) struct ChangeMessages(Vec<(Change, [String; 2])>);

impl ChangeMessages {
    pub(crate) fn new(fixes: &[Vec<Change>], report: &Report) -> Self {
        let mut rendered: Vec<(Change, [String; 2])> = Vec::new();
        for change in fixes.iter().flatten() {
            if !rendered.iter().any(|(c, _)| c == change) {
                let both = [change_message(change, report, false), change_message(change, report, true)];
                rendered.push((*change, both));
            }
        }
        ChangeMessages(rendered)
    }

    /// The change's message: rendered above for every change of the search's answers.
    pub(crate) fn of(&self, change: &Change, report: &Report, english: bool) -> String {
        match self.0.iter().find(|(c, _)| c == change) {
            Some((_, both)) => both[usize::from(english)].clone(),
            None => change_message(change, report, english),
        }
    }
}

pub(crate) fn suggestion(changes: &[Change], report: &Report, messages: &ChangeMessages) -> Suggestion {
    let describe = |english: bool| {
        let parts: Vec<String> = changes.iter().map(|c| messages.of(c, report, english)).collect();
        parts.join(if english { "; " } else { "；" })
    };
    Suggestion {
        changes: changes
            .iter()
            .map(|c| CellChange { cell: &cells()[c.cell as usize].id, from: typed(c, report), to: c.to.to_string() })
            .collect(),
        message: describe(false),
        message_en: describe(true),
    }
}

/// What the cell holds now, as the clerk sees it ("" for a blank, which sums count as 0).
fn typed(change: &Change, report: &Report) -> String {
    report.value(change.cell).display()
}

/// 「（一）予以公开」「自然人」应为 10（现为 12）, or （现为空白） for a blank.
fn change_message(change: &Change, report: &Report, english: bool) -> String {
    let label = cells()[change.cell as usize].label(english);
    let now = typed(change, report);
    match (english, now.is_empty()) {
        (false, false) => format!("{label}应为 {}（现为 {now}）", change.to),
        (false, true) => format!("{label}应为 {}（现为空白）", change.to),
        (true, false) => format!("{label} should be {} (now {now})", change.to),
        (true, true) => format!("{label} should be {} (now blank)", change.to),
    }
}

/// A sentence as quoted in a message: whole when short, else its first 60 characters.
pub(crate) fn quote(sentence: &str) -> String {
    let sentence = sentence.trim();
    if sentence.chars().count() <= 60 {
        sentence.to_string()
    } else {
        format!("{}…", sentence.chars().take(60).collect::<String>())
    }
}
