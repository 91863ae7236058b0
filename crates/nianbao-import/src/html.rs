//! HTML into lines of tab-separated cells, reading only tags: nothing is executed or fetched.

pub(crate) fn looks_like_html(input: &str) -> bool {
    // Only where a tag could start, and without copying a long report to lower-case it.
    let bytes = input.as_bytes();
    let tag_at = |i: usize| {
        ["<table", "<td", "<html", "<p>"]
            .iter()
            .any(|t| bytes[i..].get(..t.len()).is_some_and(|w| w.eq_ignore_ascii_case(t.as_bytes())))
    };
    input.match_indices('<').any(|(i, _)| tag_at(i)) // '<' found by memchr, not byte by byte
}

/// Turns HTML into lines of tab-separated cells. Only tags are read; nothing in the document is
/// executed or fetched, and script, style and template contents are dropped.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::new();
    let mut cell = String::new();
    let mut in_cell = false;
    let mut row_cells: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        let text = decode_entities(&rest[..lt]);
        if in_cell {
            cell.push_str(&text);
        } else {
            out.push_str(&text);
        }
        let Some(gt) = tag_end(&rest[lt..]) else {
            break;
        };
        let tag = &rest[lt + 1..lt + gt];
        rest = &rest[lt + gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match (name.as_str(), closing) {
            ("script" | "style" | "template" | "noscript" | "iframe" | "object", false) => {
                // Skip to the matching end tag; its content is never text of the report.
                rest = match end_tag(rest, &name) {
                    Some(i) => rest[i..].find('>').map(|j| &rest[i + j + 1..]).unwrap_or(""),
                    None => "",
                };
            }
            ("td" | "th", false) => {
                in_cell = true;
                cell.clear();
            }
            ("td" | "th", true) => {
                in_cell = false;
                row_cells.push(std::mem::take(&mut cell).split_whitespace().collect::<Vec<_>>().join(" "));
            }
            ("tr", true) | ("table", _) => {
                if in_cell {
                    row_cells.push(std::mem::take(&mut cell).split_whitespace().collect::<Vec<_>>().join(" "));
                    in_cell = false;
                }
                if !row_cells.is_empty() {
                    out.push('\n');
                    out.push_str(&row_cells.join("\t"));
                    out.push('\n');
                    row_cells.clear();
                }
            }
            ("br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "section", _) if !in_cell => {
                out.push('\n')
            }
            _ => {} // <br> inside a cell joins a broken label; other tags only wrap text
        }
    }
    out.push_str(&decode_entities(rest));
    out
}

/// Where `</name` first occurs, ASCII case ignored. It reads only up to there: lower-casing the
/// rest of the document at each `<script>` made 20,000 of them take seconds.
fn end_tag(text: &str, name: &str) -> Option<usize> {
    let found = text.match_indices("</").map(|(i, _)| i).find(|&i| {
        text.as_bytes().get(i + 2..i + 2 + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    });
    #[cfg(test)]
    tests::SCANNED.with(|s| s.set(s.get() + found.map_or(text.len(), |i| i + 2 + name.len())));
    found
}

/// The end of a tag, skipping '>' inside quoted attribute values.
fn tag_end(tag: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in tag.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| {
            let entity = &rest[1..e];
            let c = match entity {
                "nbsp" | "ensp" | "emsp" => Some(' '),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "ldquo" => Some('“'),
                "rdquo" => Some('”'),
                _ => entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::html_to_text;
    use std::cell::Cell;

    thread_local! {
        /// Bytes `end_tag` has read, to show that skipping scripts is linear in the input.
        pub(super) static SCANNED: Cell<usize> = const { Cell::new(0) };
    }

    #[test]
    fn skipping_script_and_style_reads_each_byte_about_once() {
        let tag = "<script>var a = 1;</script><STYLE>p { }</STYLE><p>文字</p>";
        for count in [1_000, 20_000] {
            let html = tag.repeat(count);
            SCANNED.with(|s| s.set(0));
            let text = html_to_text(&html);
            assert_eq!(text.matches("文字").count(), count);
            let scanned = SCANNED.with(Cell::get);
            // Quadratic skipping read ~count × len / 2 bytes; linear skipping reads each at most once.
            assert!(scanned <= html.len(), "{count} tags: {scanned} bytes read for {} bytes of HTML", html.len());
        }
    }

    #[test]
    fn end_tags_are_found_whatever_their_case() {
        assert_eq!(html_to_text("<p>a</p><ScRiPt>x</sCrIpT ><p>b</p>"), "\na\n\nb\n");
        assert_eq!(html_to_text("<p>a<script>never closed <p>b"), "\na");
    }
}
