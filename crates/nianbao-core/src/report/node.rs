//! Any JSON-like value, read before it is matched against the schema, with a depth limit.

use super::{shorten, Entry, MapKeys};
use crate::value::CellValue;
use serde::de::{Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Any JSON-like value, as read before it is matched against the schema. Reading into this first
/// lets a wrong type anywhere become a finding with its path instead of a failed parse.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    Integer(i128),
    /// A number that is no i64 or u64 (a fraction, an exponent, -0, more digits), as written
    /// ("611.1281", "1e21").
    Number(String),
    Text(String),
    List,
    Map(Vec<(String, Node)>),
    /// An object nested deeper than any report goes; its contents are not read.
    TooDeep,
    /// A value JSON has no word for (a JS function, symbol or bigint), described.
    Other(String),
}

/// A report nests three levels (table → row → column); nothing deeper is ever read, so hostile
/// input cannot exhaust the stack.
pub const MAX_DEPTH: u8 = 4;

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        NodeSeed { depth: 0 }.deserialize(deserializer)
    }
}

struct NodeSeed {
    depth: u8,
}

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        if self.depth > MAX_DEPTH {
            deserializer.deserialize_ignored_any(IgnoredAny)?;
            return Ok(Node::TooDeep);
        }
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a report value")
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        self.deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Integer(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Integer(v.into()))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
        Ok(Node::Integer(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(float_node(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Node::List)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Node, A::Error> {
        let mut map = MapKeys::new(map);
        let mut entries = Vec::new();
        while let Some(entry) = map.next()? {
            match entry {
                Entry::Key(key) => {
                    let value = map.map.next_value_seed(NodeSeed { depth: self.depth + 1 })?;
                    entries.push((key.into_owned(), value));
                }
                Entry::Number(text) => return Ok(Node::Number(text)),
                Entry::Skipped(key) => entries.push((key.into_owned(), Node::Other("…".into()))),
            }
        }
        Ok(Node::Map(entries))
    }
}

/// A binary float, from a serde source that holds one (serde_json's `Value`; JSON text never gives
/// one), as its shortest round-trip text.
fn float_node(v: f64) -> Node {
    match CellValue::from_f64(v) {
        CellValue::Invalid(description) => Node::Other(description), // NaN, Infinity
        _ => Node::Number(v.to_string()),
    }
}

impl Node {
    /// How the value is described to the clerk when it is of the wrong type.
    pub fn describe(&self) -> String {
        match self {
            Node::Null => "null".into(),
            Node::Bool(b) => b.to_string(),
            Node::Integer(i) => i.to_string(),
            Node::Number(text) => shorten(text, 40),
            // Quote enough to recognise the value, never a whole pasted document.
            Node::Text(t) if t.chars().count() > 40 => {
                format!("\"{}…\"", t.chars().take(40).collect::<String>())
            }
            Node::Text(t) => format!("\"{}\"", t),
            Node::List => "[…]".into(),
            Node::Map(_) | Node::TooDeep => "{…}".into(),
            Node::Other(description) => description.clone(),
        }
    }
}
