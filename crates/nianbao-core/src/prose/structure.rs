//! The report's structure (`structure.*`): the six part headings, the stated part count, the
//! statistics period and template text left behind.

/// The six parts, in order (国办公开办函〔2021〕30号).
pub const PARTS: &[(&str, &str)] = &[
    ("一", "总体情况"),
    ("二", "主动公开政府信息情况"),
    ("三", "收到和处理政府信息公开申请情况"),
    ("四", "政府信息公开行政复议、行政诉讼情况"),
    ("五", "存在的主要问题及改进情况"),
    ("六", "其他需要报告的事项"),
];

/// Other titles real reports give a part (the heading is still 「五、…」): read as that part, by
/// the structure check and by the importer, which stops reading tables at part 五.
pub const PART_TITLE_VARIANTS: &[(&str, &str)] = &[
    ("五", "存在的主要问题和改进情况"),
    ("五", "存在的问题及改进情况"),
    ("五", "存在问题及改进情况"),
    ("五", "存在的主要问题及改进措施"),
    ("五", "存在的问题和改进措施"),
    ("五", "主要问题及改进情况"),
];

/// Text a template leaves behind until it is filled in.
pub const TEMPLATE_MARKS: &[&str] = &["编写说明", "XX", "××", "xx年", "此处填写", "（填写", "（请填写"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StructureProblem {
    /// Parts whose heading is missing (一, 五 …).
    MissingParts(Vec<&'static str>),
    /// The headings are there but not in order.
    Order(Vec<&'static str>),
    /// 「本报告由…N部分组成」 with N other than 六.
    PartCount {
        stated: String,
        sentence: String,
    },
    /// The statistics period names another year.
    Period {
        stated: i64,
        year: i64,
        sentence: String,
    },
    Template {
        mark: &'static str,
        sentence: String,
    },
}

pub fn structure(text: &str, year: Option<i64>) -> Vec<StructureProblem> {
    let mut problems = Vec::new();
    let lines: Vec<String> =
        text.lines().map(|l| l.chars().filter(|c| !c.is_whitespace() && !matches!(c, '#' | '*')).collect()).collect();
    let heading = |(number, title): &(&str, &str)| {
        let variants = PART_TITLE_VARIANTS.iter().filter(|(n, _)| n == number).map(|(_, t)| t);
        let heads: Vec<String> = std::iter::once(title)
            .chain(variants)
            .map(|t| format!("{number}、{}", t.chars().take(4).collect::<String>()))
            .collect();
        lines.iter().position(|l| heads.iter().any(|h| l.starts_with(h.as_str())))
    };
    let found: Vec<Option<usize>> = PARTS.iter().map(heading).collect();
    // Prose typed into a form has no table headings; only a whole report is held to all six, and a
    // text with no heading at all is a fragment, not a report.
    let whole_report = found[1..4].iter().any(Option::is_some);
    let missing: Vec<&'static str> = PARTS
        .iter()
        .zip(&found)
        .enumerate()
        .filter(|(i, (_, f))| f.is_none() && (whole_report || !(1..4).contains(i)))
        .map(|(_, (p, _))| p.0)
        .collect();
    if !missing.is_empty() && found.iter().any(Option::is_some) {
        problems.push(StructureProblem::MissingParts(missing));
    }
    let present: Vec<(&'static str, usize)> =
        PARTS.iter().zip(&found).filter_map(|(p, f)| f.map(|l| (p.0, l))).collect();
    if present.windows(2).any(|w| w[0].1 > w[1].1) {
        let by_line = (0..lines.len()).filter_map(|l| present.iter().find(|(_, at)| *at == l)).map(|(p, _)| *p);
        problems.push(StructureProblem::Order(by_line.collect()));
    }
    for sentence in text.split(['。', '\n']) {
        if let Some(stated) = part_count(sentence) {
            if stated != "六" && stated != "6" {
                problems.push(StructureProblem::PartCount { stated, sentence: sentence.trim().to_string() });
            }
        }
        if let (Some(year), true) = (year, sentence.contains("统计") && sentence.contains("1月1日")) {
            if let Some(stated) = year_before(sentence, "年1月1日").filter(|s| *s != year) {
                problems.push(StructureProblem::Period { stated, year, sentence: sentence.trim().to_string() });
            }
        }
    }
    for mark in TEMPLATE_MARKS {
        if let Some(sentence) = text.split(['。', '\n']).find(|s| s.contains(mark)) {
            problems.push(StructureProblem::Template { mark, sentence: sentence.trim().to_string() });
        }
    }
    problems
}

/// 「本报告由…六部分组成」 → 六.
fn part_count(sentence: &str) -> Option<String> {
    let compact: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    let end = compact.find("部分组成")?;
    compact.contains("由").then(|| compact[..end].chars().last().map(String::from)).flatten()
}

fn year_before(sentence: &str, marker: &str) -> Option<i64> {
    let compact: String = sentence.chars().filter(|c| !c.is_whitespace()).collect();
    let at = compact.find(marker)?;
    let digits: String =
        compact[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
    digits.parse().ok()
}
