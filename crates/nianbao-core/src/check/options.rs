//! The options of a check: how blanks count, last year's report for the cross-year rules, and the
//! cells an import could not read.

use crate::report::{shorten, Entry, MapKeys, Node, Report};
use crate::schema::{cell_index, CellIndex};
use serde::Deserialize;

/// How a check is run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Options {
    /// `"warning"` for reviewers of published reports, which often print blanks or "/" for zero.
    pub blanks: BlankSeverity,
    /// Last year's report, for the cross-year rules and the prose's 较上年 figures.
    pub previous: Option<Box<Report>>,
    /// Cells an import could not read (`Imported::unread`): unknown, not blank. A sum rule that
    /// needs one is not assessable, and no fix or prose figure is built on it.
    pub unread: Vec<CellIndex>,
}

const SHAPE: &str = "options are an object such as { blanks: \"warning\" }";

/// Reads options from any serde source, naming the option that is wrong (a misspelt option would
/// otherwise be ignored without a word).
impl<'de> Deserialize<'de> for Options {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OptionsVisitor;
        impl<'de> serde::de::Visitor<'de> for OptionsVisitor {
            type Value = Options;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("options: an object such as { blanks: \"warning\" }")
            }
            fn visit_unit<E>(self) -> Result<Options, E> {
                Ok(Options::default())
            }
            // serde's default message would say "floating point"; the shape of options is what helps.
            fn visit_f64<E: serde::de::Error>(self, _: f64) -> Result<Options, E> {
                Err(E::custom(format!("{SHAPE}, not a number")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Options, A::Error> {
                use serde::de::Error;
                let mut options = Options::default();
                let mut entries = MapKeys::new(map);
                while let Some(entry) = entries.next()? {
                    let key = match entry {
                        Entry::Key(key) | Entry::Skipped(key) => key,
                        Entry::Number(text) => {
                            let found = Node::Number(text).describe();
                            return Err(A::Error::custom(format!("{SHAPE}, not {found}")));
                        }
                    };
                    let map = &mut entries.map;
                    match key.as_ref() {
                        "blanks" => match map.next_value::<Node>()? {
                            Node::Text(t) if t == "error" => options.blanks = BlankSeverity::Error,
                            Node::Text(t) if t == "warning" => options.blanks = BlankSeverity::Warning,
                            Node::Null => {}
                            other => {
                                return Err(A::Error::custom(format!(
                                    "option blanks is \"error\" or \"warning\", not {}",
                                    other.describe()
                                )))
                            }
                        },
                        "previous" => {
                            let previous = map.next_value::<Option<Report>>().map_err(|e| {
                                A::Error::custom(format!("option previous: {}", shorten(&e.to_string(), 200)))
                            })?;
                            options.previous = previous.map(Box::new);
                        }
                        "unread" => {
                            let ids = map.next_value::<Option<Vec<String>>>().map_err(|_| {
                                A::Error::custom("option unread is a list of cell ids such as \"requests.new.total\"")
                            })?;
                            options.unread = ids
                                .unwrap_or_default()
                                .iter()
                                .map(|id| {
                                    cell_index(id).ok_or_else(|| {
                                        A::Error::custom(format!(
                                            "option unread: \"{}\" is not a cell id (such as \"requests.new.total\")",
                                            shorten(id, 64)
                                        ))
                                    })
                                })
                                .collect::<Result<_, _>>()?;
                        }
                        other => {
                            return Err(A::Error::custom(format!(
                                "unknown option \"{}\"; the options are: blanks, previous, unread",
                                shorten(other, 64)
                            )))
                        }
                    }
                }
                Ok(options)
            }
        }
        deserializer.deserialize_any(OptionsVisitor)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlankSeverity {
    #[default]
    Error,
    Warning,
}
