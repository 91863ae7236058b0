//! Reading a map's keys: borrowed from the input when they can be, and with serde_json's way of
//! handing over a number told apart from a JSON object.
//!
//! serde_json is built with `arbitrary_precision`, so that a number reaches a cell as the text it
//! was written as, never through a binary float. A number that is no i64 or u64 (a fraction, an
//! exponent, -0, more digits) then comes to `deserialize_any` as a map of one entry: a private key
//! and the number's text, as an owned `String`. An object of the input can spell that key too, but
//! serde_json hands the string values of its input over borrowed or copied (`visit_borrowed_str`,
//! `visit_str`), never as an owned `String`: that tells the two apart. (A private detail of
//! serde_json, pinned by its version in Cargo.lock; tests/exact_numbers.rs fails if it changes.)

use serde::de::{Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;

const NUMBER_KEY: &str = "$serde_json::private::Number";

/// A key, borrowed from the input when it can be.
pub(super) struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// What a map handed to `visit_map` holds next.
pub(crate) enum Entry<'de> {
    /// A key; its value is still to be read.
    Key(Cow<'de, str>),
    /// Not a map at all: a number, as its text as written. Nothing follows.
    Number(String),
    /// serde_json's number key in an object of the input: an unknown key, its value already skipped.
    Skipped(Cow<'de, str>),
}

/// The entries of a map, the first looked at for a number in disguise.
pub(crate) struct MapKeys<A> {
    pub map: A,
    first: bool,
}

impl<'de, A: MapAccess<'de>> MapKeys<A> {
    pub fn new(map: A) -> Self {
        MapKeys { map, first: true }
    }

    pub fn next(&mut self) -> Result<Option<Entry<'de>>, A::Error> {
        let Some(Key(key)) = self.map.next_key()? else {
            return Ok(None);
        };
        if !std::mem::take(&mut self.first) || key != NUMBER_KEY {
            return Ok(Some(Entry::Key(key)));
        }
        Ok(Some(match self.map.next_value_seed(NumberText)? {
            Some(text) => Entry::Number(text),
            None => Entry::Skipped(key),
        }))
    }
}

/// The value under the number key: the number's text when it comes as an owned `String`, else
/// `None` with the value read and dropped, whatever it is.
struct NumberText;

impl<'de> DeserializeSeed<'de> for NumberText {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<String>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NumberText {
    type Value = Option<String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any value")
    }
    fn visit_string<E>(self, v: String) -> Result<Option<String>, E> {
        Ok(Some(v))
    }
    fn visit_str<E>(self, _: &str) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_i128<E>(self, _: i128) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_u128<E>(self, _: u128) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Option<String>, E> {
        Ok(None)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<String>, D::Error> {
        d.deserialize_ignored_any(IgnoredAny).map(|_| None)
    }
    fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Option<String>, S::Error> {
        IgnoredAny.visit_seq(seq).map(|_| None)
    }
    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Option<String>, M::Error> {
        IgnoredAny.visit_map(map).map(|_| None)
    }
}
