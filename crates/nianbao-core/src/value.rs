//! Cell values as clerks type them, parsed exactly: 万元 amounts never pass through a binary float.

use std::fmt;

/// An exact decimal number: `units × 10^-scale`, with no trailing zeros after the point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimal {
    units: i128,
    scale: u32,
}

impl Decimal {
    pub const fn from_integer(value: i128) -> Self {
        Decimal { units: value, scale: 0 }
    }

    fn normalised(mut units: i128, mut scale: u32) -> Self {
        while scale > 0 && units % 10 == 0 {
            units /= 10;
            scale -= 1;
        }
        Decimal { units, scale }
    }

    /// The whole number it is, if it is one.
    pub fn as_integer(&self) -> Option<i128> {
        (self.scale == 0).then_some(self.units)
    }

    pub fn is_negative(&self) -> bool {
        self.units < 0
    }

    /// Digits after the decimal point (trailing zeros do not count).
    pub fn decimal_places(&self) -> u32 {
        self.scale
    }

    /// Whether the value is above `limit` (compared exactly).
    pub fn exceeds(&self, limit: i128) -> bool {
        if self.scale == 0 {
            return self.units > limit; // the usual whole number, without i128 multiplication
        }
        match 10i128.checked_pow(self.scale).and_then(|p| limit.checked_mul(p)) {
            Some(scaled_limit) => self.units > scaled_limit,
            None => false, // the scale is so large that the value is tiny
        }
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.units);
        }
        let digits = self.units.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let padded =
            if digits.len() <= scale { format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits) } else { digits };
        // ASCII digits: the split is on a char boundary (checked, so no panic path is linked).
        let (whole, fraction) = padded.split_at_checked(padded.len() - scale).unwrap_or((&padded, ""));
        write!(f, "{}{}.{}", if self.units < 0 { "-" } else { "" }, whole, fraction)
    }
}

/// What a cell holds after normalisation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CellValue {
    /// Nothing, or a placeholder such as "/" that published reports print for zero.
    #[default]
    Blank,
    Number(Decimal),
    /// A number with more digits than any statistic could have.
    Overflow(String),
    /// Text that is not a number, kept as typed so that nothing the clerk wrote is lost.
    Invalid(String),
}

/// Placeholders that mean "nothing here" in published tables.
const BLANK_MARKS: &[&str] = &["/", "-", "—", "——", "–", "－", "／", "\\"];

/// Most digits a value may have before it is no longer held exactly (i128 holds 38).
const MAX_DIGITS: usize = 36;

impl CellValue {
    /// Parses a value as typed: half- or full-width digits, spaces around it, thousands separators.
    /// "十二", "12件" and "1e3" are not numbers.
    pub fn parse(typed: &str) -> CellValue {
        Self::parse_value(typed).unwrap_or_else(|| CellValue::Invalid(typed.to_string()))
    }

    /// [`CellValue::parse`] without the `Invalid` case: `None` for text that is not a value, told
    /// without copying it (the importer asks this of every word of a report).
    pub fn parse_value(typed: &str) -> Option<CellValue> {
        let trimmed = typed.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if trimmed.is_empty() || BLANK_MARKS.contains(&trimmed) {
            return Some(CellValue::Blank);
        }
        // Only these characters can be part of a number: anything else is text, at its first character.
        if !trimmed.chars().all(|c| matches!(to_half_width(c), '0'..='9' | '.' | ',' | '-' | '+')) {
            return None;
        }
        let half_width: String = trimmed.chars().map(to_half_width).collect();
        match parse_decimal(&half_width)? {
            Ok(decimal) => Some(CellValue::Number(decimal)),
            Err(()) => Some(CellValue::Overflow(trimmed.to_string())),
        }
    }

    /// A binary float, from a serde source that holds one (serde_json's `Value`; JSON text never
    /// gives one), read through its shortest round-trip decimal form — what was written in the
    /// source — never through binary arithmetic.
    pub fn from_f64(value: f64) -> CellValue {
        if !value.is_finite() {
            return CellValue::Invalid(if value.is_nan() {
                "NaN".into()
            } else if value > 0.0 {
                "Infinity".into()
            } else {
                "-Infinity".into()
            });
        }
        // Rust's Display for f64 prints the shortest round-trip digits.
        CellValue::from_number_text(&format!("{}", value))
    }

    /// A number as JSON or JavaScript writes it, exponent included ("611.1281", "1e21", "-0"),
    /// read exactly. A number too long to hold is an overflow.
    pub fn from_number_text(text: &str) -> CellValue {
        let (mantissa, exponent) = match text.split_once(['e', 'E']) {
            Some((mantissa, exponent)) => (mantissa, exponent.parse::<i32>().ok()),
            None => (text, Some(0)),
        };
        let Some(exponent) = exponent else {
            return CellValue::Invalid(text.to_string());
        };
        let (negative, digits) = match mantissa.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, mantissa),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        if whole.is_empty() || !whole.bytes().chain(fraction.bytes()).all(|b| b.is_ascii_digit()) {
            return CellValue::Invalid(text.to_string());
        }
        // Shift the decimal point by the exponent, then read the plain decimal.
        let all = format!("{whole}{fraction}");
        let point = whole.len() as i64 + i64::from(exponent);
        if -point > MAX_DIGITS as i64 {
            return CellValue::Invalid(text.to_string()); // 1e-100000000: no statistic, and no 100 MB of zeros
        }
        let plain = if point <= 0 {
            format!("0.{}{}", "0".repeat((-point) as usize), all)
        } else if point as usize >= all.len() {
            if point as usize - all.len() > MAX_DIGITS {
                return CellValue::Overflow(text.to_string());
            }
            format!("{}{}", all, "0".repeat(point as usize - all.len()))
        } else {
            let (whole, fraction) = all.split_at_checked(point as usize).unwrap_or((&all, "")); // ASCII digits
            format!("{whole}.{fraction}")
        };
        let value = CellValue::parse(&format!("{}{}", if negative { "-" } else { "" }, plain));
        match value {
            CellValue::Overflow(_) => CellValue::Overflow(text.to_string()),
            CellValue::Invalid(_) => CellValue::Invalid(text.to_string()),
            number => number,
        }
    }

    pub fn from_integer(value: i128) -> CellValue {
        CellValue::Number(Decimal::from_integer(value))
    }

    pub fn is_blank(&self) -> bool {
        matches!(self, CellValue::Blank)
    }

    /// The value as shown back to the clerk ("" for a blank).
    pub fn display(&self) -> String {
        match self {
            CellValue::Blank => String::new(),
            CellValue::Number(d) => d.to_string(),
            CellValue::Overflow(raw) | CellValue::Invalid(raw) => raw.clone(),
        }
    }
}

fn to_half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' => '.',
        '，' => ',',
        '－' | '−' => '-',
        '＋' => '+',
        _ => c,
    }
}

/// `None`: not a number. `Some(Err)`: a number too long to hold exactly.
fn parse_decimal(text: &str) -> Option<Result<Decimal, ()>> {
    if text.is_empty() {
        return None;
    }
    let (negative, unsigned) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => (false, text),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (unsigned, ""),
    };
    if (whole.is_empty() && fraction.is_empty()) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole = strip_thousands_separators(whole)?;
    let digits = format!("{}{}", whole.trim_start_matches('0'), fraction);
    if digits.trim_start_matches('0').len() > MAX_DIGITS {
        return Some(Err(()));
    }
    let mut units: i128 = 0;
    for b in digits.bytes() {
        units = units * 10 + i128::from(b - b'0');
    }
    if negative {
        units = -units;
    }
    Some(Ok(Decimal::normalised(units, fraction.len() as u32)))
}

/// "12,345" → "12345"; separators must stand every three digits ("12,34" is not a number).
fn strip_thousands_separators(whole: &str) -> Option<String> {
    // A byte search: `str::contains` with a char keeps its general, substring-searching case (and
    // its panic messages, and through them Rust's char formatting) in the form's module at opt-level
    // "z": 3.5 KB gzip of the first download.
    if !whole.as_bytes().contains(&b',') {
        return whole.bytes().all(|b| b.is_ascii_digit()).then(|| whole.to_string());
    }
    let groups: Vec<&str> = whole.split(',').collect();
    let first_ok = (1..=3).contains(&groups[0].len());
    let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
    let digits_ok = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    (first_ok && rest_ok && digits_ok).then(|| groups.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> String {
        match CellValue::parse(text) {
            CellValue::Number(d) => d.to_string(),
            other => panic!("{text:?} parsed as {other:?}"),
        }
    }

    #[test]
    fn normalises_what_clerks_type() {
        assert_eq!(number("12"), "12");
        assert_eq!(number(" 12 "), "12");
        assert_eq!(number("\u{3000}１２\u{3000}"), "12");
        assert_eq!(number("1,234,567"), "1234567");
        assert_eq!(number("１，２３４"), "1234");
        assert_eq!(number("611.1281"), "611.1281");
        assert_eq!(number("611.1280"), "611.128");
        assert_eq!(number("0.0001"), "0.0001");
        assert_eq!(number("-3"), "-3");
        assert_eq!(number("12.0"), "12");
        assert_eq!(number("+5"), "5");
        assert_eq!(number(".5"), "0.5");
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        for text in ["十二", "12件", "1e3", "12,34", "1,2345", "1 234", "abc", "1.2.3", "--1", ".", "12,"] {
            assert_eq!(CellValue::parse(text), CellValue::Invalid(text.to_string()), "{text}");
        }
    }

    #[test]
    fn blanks_and_placeholders() {
        for text in ["", "  ", "/", "／", "-", "—"] {
            assert!(CellValue::parse(text).is_blank(), "{text:?}");
        }
    }

    #[test]
    fn floats_are_read_through_their_decimal_form() {
        assert_eq!(CellValue::from_f64(611.1281), CellValue::parse("611.1281"));
        assert_eq!(CellValue::from_f64(0.1 + 0.2).display(), "0.30000000000000004");
        assert_eq!(CellValue::from_f64(-0.0), CellValue::from_integer(0));
        assert_eq!(CellValue::from_f64(f64::NAN), CellValue::Invalid("NaN".into()));
        assert_eq!(CellValue::from_f64(f64::INFINITY), CellValue::Invalid("Infinity".into()));
        assert_eq!(CellValue::from_f64(1e21).display(), "1000000000000000000000");
    }

    #[test]
    fn number_text_is_read_exactly_exponent_and_all() {
        assert_eq!(CellValue::from_number_text("611.1281").display(), "611.1281");
        assert_eq!(CellValue::from_number_text("1e3"), CellValue::from_integer(1000));
        assert_eq!(CellValue::from_number_text("1.5E+2"), CellValue::from_integer(150));
        assert_eq!(CellValue::from_number_text("25e-1").display(), "2.5");
        assert_eq!(CellValue::from_number_text("1e-7").display(), "0.0000001");
        assert_eq!(CellValue::from_number_text("-0"), CellValue::from_integer(0));
        assert_eq!(CellValue::from_number_text("1e400"), CellValue::Overflow("1e400".into()));
        assert!(matches!(CellValue::from_number_text("1e21"), CellValue::Number(_)));
        assert_eq!(CellValue::from_number_text("0x10"), CellValue::Invalid("0x10".into()));
        assert_eq!(CellValue::from_number_text("1e-100000000"), CellValue::Invalid("1e-100000000".into()));
    }

    #[test]
    fn very_long_numbers_overflow_instead_of_wrapping() {
        let long = "9".repeat(40);
        assert_eq!(CellValue::parse(&long), CellValue::Overflow(long.clone()));
        assert!(matches!(CellValue::parse(&"9".repeat(30)), CellValue::Number(_)));
    }

    #[test]
    fn exceeds_compares_exactly() {
        let d = |t: &str| match CellValue::parse(t) {
            CellValue::Number(d) => d,
            _ => unreachable!(),
        };
        assert!(!d("2147483647").exceeds(2147483647));
        assert!(d("2147483648").exceeds(2147483647));
        assert!(d("2147483647.5").exceeds(2147483647));
        assert!(!d("2147483646.9999").exceeds(2147483647));
    }
}
