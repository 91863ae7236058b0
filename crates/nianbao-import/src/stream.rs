//! The text tokens as one normalised stream, in which labels are searched: spaces, line breaks,
//! quotes and full-/half-width differences do not tell labels apart.
//!
//! The stream is UTF-8 text with the byte where each token's characters start, not a `Vec<char>`
//! with each character's token: a quarter of the memory, a label found by `str::find` (which skips
//! ahead by bytes) instead of comparing character by character, and a token whose characters need no
//! change copied whole. Positions are byte offsets; they order and overlap as character indices do.

/// Past this many characters between two found labels, no near match is searched (bounded time).
const MAX_NEAR_WINDOW: usize = 4000;

pub(crate) struct Stream {
    text: String,
    /// Each token that left characters in `text`: (the byte where they start, its index), in order.
    starts: Vec<(usize, usize)>,
}

/// Where a label was found: the byte offsets of its first and last characters in the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
}

impl Stream {
    /// `texts` yields each text token with its index, in increasing order.
    pub fn new<'a>(texts: impl Iterator<Item = (usize, &'a str)>) -> Stream {
        let mut text = String::new();
        let mut starts = Vec::new();
        for (i, token) in texts {
            let start = text.len();
            push_normalised(&mut text, token);
            if text.len() > start {
                starts.push((start, i));
            }
        }
        Stream { text, starts }
    }

    /// Which entry of `starts` holds the character at byte `at`.
    fn entry(&self, at: usize) -> usize {
        self.starts.partition_point(|&(start, _)| start <= at) - 1
    }

    /// The byte after the character at `at`.
    fn after_char(&self, at: usize) -> usize {
        at + self.text[at..].chars().next().map_or(0, char::len_utf8)
    }

    /// The tokens of a hit's first and last characters.
    pub fn tokens(&self, hit: Hit) -> (usize, usize) {
        (self.starts[self.entry(hit.start)].1, self.starts[self.entry(hit.end)].1)
    }

    /// The characters after a hit in its last token, if any (normalised).
    pub fn after(&self, hit: Hit) -> Option<String> {
        let end = self.starts.get(self.entry(hit.end) + 1).map_or(self.text.len(), |&(start, _)| start);
        let from = self.after_char(hit.end);
        (end > from).then(|| self.text[from..end].to_string())
    }

    /// The characters of a hit, as the label was printed (normalised).
    pub fn text(&self, hit: Hit) -> String {
        self.text[hit.start..self.after_char(hit.end)].to_string()
    }

    /// The bytes of the tokens `from..to`.
    fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let byte = |token: usize| {
            let entry = self.starts.partition_point(|&(_, t)| t < token);
            self.starts.get(entry).map_or(self.text.len(), |&(start, _)| start)
        };
        byte(from)..byte(to)
    }

    /// The first occurrence of `label` starting at or after token `from` and before token `to` (it
    /// may run on past `to`).
    pub fn find(&self, label: &str, from: usize, to: usize) -> Option<Hit> {
        let needle = normalise(label);
        let last = needle.chars().next_back()?;
        let range = self.range(from, to);
        // A match starting before `range.end` ends before `limit`: nothing after it is read.
        let mut limit = (range.end + needle.len() - 1).min(self.text.len());
        while !self.text.is_char_boundary(limit) {
            limit += 1;
        }
        #[cfg(test)]
        tests::SEARCHED.with(|s| s.set(s.get() + limit - range.start));
        let at = range.start + self.text[range.start..limit].find(&needle)?;
        (at < range.end).then(|| Hit { start: at, end: at + needle.len() - last.len_utf8() })
    }

    /// The places between tokens `from` and `to` where `label` appears with at most `budget` edits
    /// (a character added, left out or changed), at the smallest number of edits found: one place
    /// is a match, more are ambiguous. Empty when none is that close or the window is too long.
    pub fn near(&self, label: &str, budget: usize, from: usize, to: usize) -> (usize, Vec<Hit>) {
        let needle: Vec<char> = normalise(label).chars().collect();
        let range = self.range(from, to);
        let window = &self.text[range.clone()];
        if needle.is_empty() || window.chars().nth(MAX_NEAR_WINDOW).is_some() {
            return (0, Vec::new());
        }
        #[cfg(test)]
        tests::SEARCHED.with(|s| s.set(s.get() + window.len()));
        // Sellers' algorithm: edit distance of the label to the best substring ending at each
        // character, each cell carrying where its alignment started.
        let m = needle.len();
        let mut previous: Vec<(usize, usize)> = (0..=m).map(|i| (i, range.start)).collect();
        let mut current = previous.clone();
        let mut ends: Vec<(usize, Hit)> = Vec::new();
        for (offset, c) in window.char_indices() {
            let j = range.start + offset;
            current[0] = (0, j + c.len_utf8());
            for i in 1..=m {
                let changed = (previous[i - 1].0 + usize::from(needle[i - 1] != c), previous[i - 1].1);
                let added = (previous[i].0 + 1, previous[i].1);
                let left_out = (current[i - 1].0 + 1, current[i - 1].1);
                current[i] = [added, left_out].into_iter().fold(changed, |best, c| if c.0 < best.0 { c } else { best });
            }
            if current[m].0 <= budget && current[m].1 <= j {
                ends.push((current[m].0, Hit { start: current[m].1, end: j }));
            }
            std::mem::swap(&mut previous, &mut current);
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
    let mut out = String::with_capacity(text.len());
    push_normalised(&mut out, text);
    out
}

/// Appends `text` normalised: runs of characters that stay as they are are copied whole.
fn push_normalised(out: &mut String, text: &str) {
    let mut run = 0;
    for (at, c) in Notable::new(text) {
        let normal = normal_form(c);
        if normal == Some(c) {
            continue;
        }
        out.push_str(&text[run..at]);
        out.extend(normal);
        run = at + c.len_utf8();
    }
    out.push_str(&text[run..]);
}

/// The bytes a character that `normal_form` changes or `is_space` is true of may start with: ASCII
/// ones, and the lead bytes of U+0080–U+00BF, U+1000–U+1FFF, U+2000–U+2FFF, U+3000–U+3FFF and
/// U+F000–U+FFFF. Any other byte is inside, or starts, a character that stays (most of a report:
/// CJK ideographs, led by E4–E9), and is stepped over without decoding it.
const NOTABLE: [bool; 256] = {
    let mut table = [false; 256];
    let ascii = b"\t\n\x0B\x0C\r \"'*#";
    let mut i = 0;
    while i < ascii.len() {
        table[ascii[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    table[0xE1] = true;
    table[0xE2] = true;
    table[0xE3] = true;
    table[0xEF] = true;
    table
};

/// The characters of a text that may be white space or change when normalised, with their byte
/// offsets: every other character is passed over by its bytes.
struct Notable<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Notable<'a> {
    fn new(text: &'a str) -> Self {
        Notable { text, at: 0 }
    }
}

impl Iterator for Notable<'_> {
    type Item = (usize, char);

    fn next(&mut self) -> Option<(usize, char)> {
        let start = self.at + self.text.as_bytes()[self.at..].iter().position(|&b| NOTABLE[usize::from(b)])?;
        // A notable byte is ASCII or a lead byte, so it starts a character.
        let c = self.text[start..].chars().next()?;
        self.at = start + c.len_utf8();
        Some((start, c))
    }
}

/// The words of a line: `text.split(char::is_whitespace)` without the empty ones.
pub(crate) fn words(text: &str) -> impl Iterator<Item = &str> {
    let mut spaces = Notable::new(text).filter(|(_, c)| is_space(*c));
    let mut word = 0;
    std::iter::from_fn(move || loop {
        let (end, next) = match spaces.next() {
            Some((at, c)) => (at, at + c.len_utf8()),
            None if word < text.len() => (text.len(), text.len()),
            None => return None,
        };
        let found = &text[word..end];
        word = next;
        if !found.is_empty() {
            return Some(found);
        }
    })
}

/// What a character is in the stream: itself, another, or nothing.
fn normal_form(c: char) -> Option<char> {
    match c {
        '“' | '”' | '"' | '‘' | '’' | '\'' | '*' | '#' => None,
        _ if is_space(c) => None,
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        '、' => Some(','),
        '〔' | '【' => Some('['),
        '〕' | '】' => Some(']'),
        _ => Some(c),
    }
}

/// `char::is_whitespace` (Unicode White_Space), decided inline: the importer asks it of every
/// character of a report.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | ' '
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Bytes of the stream that `find` and `near` were given to search, to show that an import
        /// searches each byte a bounded number of times, whatever the length of the report.
        pub(crate) static SEARCHED: Cell<usize> = const { Cell::new(0) };
    }

    #[test]
    fn is_space_is_unicode_white_space() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_space(c), c.is_whitespace(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn notable_bytes_start_every_space_and_every_character_normalising_changes() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut bytes = [0; 4];
            let lead = c.encode_utf8(&mut bytes).as_bytes()[0];
            if is_space(c) || normal_form(c) != Some(c) {
                assert!(NOTABLE[usize::from(lead)], "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn words_are_split_at_white_space_as_str_split_would() {
        for text in
            ["", " ", "a", " a  b\u{3000}c\u{A0}", "本年\u{2003}新收　申请 ", "x\u{1680}y\u{85}z\u{FEFF}", "“引号”　＊"]
        {
            let expected: Vec<&str> = text.split(char::is_whitespace).filter(|w| !w.is_empty()).collect();
            assert_eq!(words(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    #[test]
    fn normalising_drops_spaces_and_quotes_and_makes_full_width_half() {
        assert_eq!(normalise(" “（一）予以公开”\u{3000}ＡＢ１２、〔2021〕 【x】#*"), "(一)予以公开AB12,[2021][x]");
        assert_eq!(normalise("本年新收"), "本年新收");
    }

    #[test]
    fn hits_know_their_tokens_and_what_follows_in_the_last_one() {
        // Token 1 is not text (absent), token 3 normalises to nothing.
        let stream = Stream::new([(0, "一、本年新"), (2, "收申请数量64"), (3, "“ ”"), (4, "二、")].into_iter());
        let hit = stream.find("本年新收政府信息公开申请数量", 0, 5);
        assert_eq!(hit, None);
        let hit = stream.find("本年新收申请数量", 0, 5).unwrap();
        assert_eq!(stream.tokens(hit), (0, 2));
        assert_eq!(stream.text(hit), "本年新收申请数量");
        assert_eq!(stream.after(hit).as_deref(), Some("64"));
        // Starting in tokens 0..1 only, yet running on into token 2; not starting in token 2 alone.
        assert!(stream.find("本年新收", 0, 1).is_some());
        assert_eq!(stream.find("本年新收", 2, 5), None);
        assert_eq!(stream.after(stream.find("二、", 0, 5).unwrap()), None);
        assert_eq!(stream.find("", 0, 5), None);
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
