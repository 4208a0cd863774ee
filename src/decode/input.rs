//! The three inputs a page hands the module — a listing, a page of listings, a claim — read from
//! their JSON text by hand.
//!
//! They are small and fixed in shape, and serde's derived visitors, `serde_json`'s deserializer
//! and `serde_path_to_error` around them were a large share of the WebAssembly module (see
//! `benches/NOTES.md`). This reader knows these shapes and nothing else: it reads each field
//! into place, names the field of the first error by its path (`items[2].signed_at`), and words
//! errors as serde does (`missing field`, `unknown field … expected one of …`, `invalid type:
//! integer `3`, expected a string`), so the native API and the module give the same kind, path
//! and message as before. `tests/input_reader.rs` holds it to serde's answers. It differs from
//! serde in two places only: a listing or a claim written as a JSON array (serde's positional
//! form of a struct) is refused, and a number in a message is shown as it was written.

use std::borrow::Cow;

use crate::claim::{Claim, ClaimItem};
use crate::error::{Error, ErrorKind};
use crate::limits;
use crate::policy::vocabulary::{Cause, Condition, DamageScope, Evidence, Incident, ItemClass};
use crate::screen::{Listing, Marketplace};

/// Reads one listing.
///
/// ```
/// let listing = aftersales::decode::listing(r#"{"id": "m1", "title": "江戸切子 グラス"}"#).unwrap();
/// assert_eq!(listing.title, "江戸切子 グラス");
/// let err = aftersales::decode::listing(r#"{"id": "m1", "title": 3}"#).unwrap_err();
/// assert_eq!((err.code(), err.path()), ("invalid_type", "title"));
/// ```
pub fn listing(json: &str) -> Result<Listing, Error> {
    whole(json, Reader::listing)
}

/// Reads a page of listings (a JSON array); an error's path starts with the index (`[3].title`).
pub fn listings(json: &str) -> Result<Vec<Listing>, Error> {
    whole(json, |r| r.array(Reader::listing))
}

/// Reads one claim.
pub fn claim(json: &str) -> Result<Claim, Error> {
    whole(json, Reader::claim)
}

const LISTING_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "category",
    "category_code",
    "marketplace",
    "condition",
];
const CLAIM_FIELDS: &[&str] = &[
    "order_id",
    "ordered_at",
    "signed_at",
    "reported_at",
    "incident",
    "cause",
    "evidence",
    "items",
];
const ITEM_FIELDS: &[&str] = &["id", "class", "condition", "damage"];

/// A word none of a vocabulary's.
#[inline(never)]
fn unknown_word(word: &str, wire: &[&str]) -> Error {
    Error::new(
        ErrorKind::UnknownValue,
        "",
        format!("unknown variant `{word}`, expected {}", one_of(wire)),
    )
}

/// Reads the whole text as one value: over the size limit, or with anything but whitespace after
/// the value, it is refused.
fn whole<'a, T>(
    json: &'a str,
    read: impl FnOnce(&mut Reader<'a>) -> Result<T, Error>,
) -> Result<T, Error> {
    limits::check("", "bytes", json.len(), limits::MAX_INPUT_BYTES)?;
    let mut reader = Reader { text: json, at: 0 };
    let value = read(&mut reader)?;
    if reader.peek().is_some() {
        return Err(syntax("trailing characters"));
    }
    Ok(value)
}

/// A word of the policy's vocabulary, read from its wire name.
trait Word: Sized {
    const WIRE: &'static [&'static str];
    fn from_wire(s: &str) -> Option<Self>;
}

macro_rules! words {
    ($($name:ident),+) => {$(
        impl Word for $name {
            const WIRE: &'static [&'static str] = $name::WIRE;
            fn from_wire(s: &str) -> Option<Self> {
                $name::from_wire(s)
            }
        }
    )+};
}
words!(
    Marketplace,
    Condition,
    Incident,
    Cause,
    Evidence,
    ItemClass,
    DamageScope
);

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn listing(&mut self) -> Result<Listing, Error> {
        let mut id = None;
        let mut title = None;
        let mut description = None;
        let mut category = None;
        let mut category_code = None;
        let mut marketplace = None;
        let mut condition = None;
        self.object("struct Listing", |r, key| match key {
            "id" => r.once(&mut id, key, Reader::string),
            "title" => r.once(&mut title, key, Reader::string),
            "description" => r.once(&mut description, key, |r| r.optional(Reader::string)),
            "category" => r.once(&mut category, key, |r| r.array(Reader::string)),
            "category_code" => r.once(&mut category_code, key, |r| r.optional(Reader::string)),
            "marketplace" => r.once(&mut marketplace, key, |r| r.optional(Reader::word)),
            "condition" => r.once(&mut condition, key, |r| r.optional(Reader::word)),
            _ => Err(unknown_field(key, LISTING_FIELDS)),
        })?;
        Ok(Listing {
            id: id.ok_or_else(|| missing("id"))?,
            title: title.ok_or_else(|| missing("title"))?,
            description: description.flatten(),
            category: category.unwrap_or_default(),
            category_code: category_code.flatten(),
            marketplace: marketplace.flatten(),
            condition: condition.flatten(),
        })
    }

    fn claim(&mut self) -> Result<Claim, Error> {
        let mut order_id = None;
        let mut ordered_at = None;
        let mut signed_at = None;
        let mut reported_at = None;
        let mut incident = None;
        let mut cause = None;
        let mut evidence = None;
        let mut items = None;
        self.object("struct Claim", |r, key| match key {
            "order_id" => r.once(&mut order_id, key, Reader::string),
            "ordered_at" => r.once(&mut ordered_at, key, |r| r.optional(Reader::string)),
            "signed_at" => r.once(&mut signed_at, key, Reader::string),
            "reported_at" => r.once(&mut reported_at, key, |r| r.optional(Reader::string)),
            "incident" => r.once(&mut incident, key, Reader::word),
            "cause" => r.once(&mut cause, key, Reader::word),
            "evidence" => r.once(&mut evidence, key, |r| r.array(Reader::word)),
            "items" => r.once(&mut items, key, |r| r.array(Reader::claim_item)),
            _ => Err(unknown_field(key, CLAIM_FIELDS)),
        })?;
        Ok(Claim {
            order_id: order_id.ok_or_else(|| missing("order_id"))?,
            ordered_at: ordered_at.flatten(),
            signed_at: signed_at.ok_or_else(|| missing("signed_at"))?,
            reported_at: reported_at.flatten(),
            incident: incident.ok_or_else(|| missing("incident"))?,
            cause: cause.ok_or_else(|| missing("cause"))?,
            evidence: evidence.unwrap_or_default(),
            items: items.ok_or_else(|| missing("items"))?,
        })
    }

    fn claim_item(&mut self) -> Result<ClaimItem, Error> {
        let mut id = None;
        let mut class = None;
        let mut condition = None;
        let mut damage = None;
        self.object("struct ClaimItem", |r, key| match key {
            "id" => r.once(&mut id, key, Reader::string),
            "class" => r.once(&mut class, key, Reader::word),
            "condition" => r.once(&mut condition, key, Reader::word),
            "damage" => r.once(&mut damage, key, |r| r.optional(Reader::word)),
            _ => Err(unknown_field(key, ITEM_FIELDS)),
        })?;
        Ok(ClaimItem {
            id: id.ok_or_else(|| missing("id"))?,
            class: class.ok_or_else(|| missing("class"))?,
            condition: condition.ok_or_else(|| missing("condition"))?,
            damage: damage.flatten(),
        })
    }

    /// Reads a field's value into its slot, once: a second value for it is refused (at the
    /// object, as serde does), and an error inside the value is prefixed with the field's name.
    fn once<T>(
        &mut self,
        slot: &mut Option<T>,
        key: &str,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<(), Error> {
        self.colon(slot.is_some(), key)?;
        *slot = Some(read(self).map_err(|e| e.within(key))?);
        Ok(())
    }

    /// The colon after a field's key, once the field is known not to have been read already.
    /// Not generic, so that each field's read is a call and not a copy of this.
    #[inline(never)]
    fn colon(&mut self, taken: bool, key: &str) -> Result<(), Error> {
        if taken {
            return Err(syntax(&format!("duplicate field `{key}`")));
        }
        match self.peek() {
            Some(b':') => {
                self.at += 1;
                Ok(())
            }
            Some(_) => Err(syntax("expected `:`")),
            None => Err(syntax("EOF while parsing an object")),
        }
    }

    /// Reads an object, calling `field` with each key (which reads the colon and the value,
    /// after it has told the key apart, as serde does).
    fn object(
        &mut self,
        expected: &str,
        mut field: impl FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.each_key(expected, &mut field)
    }

    /// [`Reader::object`] without its generic closure: one copy for the three input types.
    #[inline(never)]
    fn each_key(
        &mut self,
        expected: &str,
        field: &mut dyn FnMut(&mut Self, &str) -> Result<(), Error>,
    ) -> Result<(), Error> {
        if self.peek() != Some(b'{') {
            return Err(self.invalid_type(expected));
        }
        self.at += 1;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            match self.peek() {
                Some(b'"') => self.at += 1,
                Some(b'}') => return Err(syntax("trailing comma")),
                Some(_) => return Err(syntax("key must be a string")),
                None => return Err(syntax("EOF while parsing a value")),
            }
            let key = self.string_body()?;
            field(self, &key)?;
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                Some(_) => return Err(syntax("expected `,` or `}`")),
                None => return Err(syntax("EOF while parsing an object")),
            }
        }
    }

    /// Reads an array, each element's error prefixed with its index.
    fn array<T>(
        &mut self,
        mut element: impl FnMut(&mut Self) -> Result<T, Error>,
    ) -> Result<Vec<T>, Error> {
        if self.peek() != Some(b'[') {
            return Err(self.invalid_type("a sequence"));
        }
        self.at += 1;
        let mut out = Vec::new();
        match self.peek() {
            Some(b']') => {
                self.at += 1;
                return Ok(out);
            }
            Some(_) => {}
            None => return Err(syntax("EOF while parsing a list")),
        }
        loop {
            let index = out.len();
            out.push(element(self).map_err(|e| e.within(&format!("[{index}]")))?);
            match self.peek() {
                Some(b',') => {
                    self.at += 1;
                    match self.peek() {
                        Some(b']') => return Err(syntax("trailing comma")),
                        Some(_) => {}
                        None => return Err(syntax("EOF while parsing a value")),
                    }
                }
                Some(b']') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(_) => return Err(syntax("expected `,` or `]`")),
                None => return Err(syntax("EOF while parsing a list")),
            }
        }
    }

    /// `null` as `None`, anything else read by `read`.
    fn optional<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> Result<T, Error>,
    ) -> Result<Option<T>, Error> {
        if self.peek() == Some(b'n') {
            self.literal("null")?;
            return Ok(None);
        }
        read(self).map(Some)
    }

    fn string(&mut self) -> Result<String, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.invalid_type("a string"));
        }
        self.at += 1;
        self.string_body().map(Cow::into_owned)
    }

    fn word<W: Word>(&mut self) -> Result<W, Error> {
        let word = self.word_text(W::WIRE)?;
        W::from_wire(&word).ok_or_else(|| unknown_word(&word, W::WIRE))
    }

    /// The text of a vocabulary word, refused unless it is a string. Not generic over the word's
    /// type, so that the five vocabularies share it.
    #[inline(never)]
    fn word_text(&mut self, wire: &'static [&'static str]) -> Result<Cow<'a, str>, Error> {
        if self.peek() != Some(b'"') {
            let mut expected = String::from("one of [");
            for (i, wire) in wire.iter().enumerate() {
                if i > 0 {
                    expected.push_str(", ");
                }
                expected.push('"');
                expected.push_str(wire);
                expected.push('"');
            }
            expected.push(']');
            return Err(self.invalid_type(&expected));
        }
        self.at += 1;
        self.string_body()
    }

    /// The rest of a string whose opening quote has been read, escapes resolved: borrowed from
    /// the text when it has no escape (every key and vocabulary word, most values), so that
    /// reading a key allocates nothing.
    fn string_body(&mut self) -> Result<Cow<'a, str>, Error> {
        let text: &'a str = self.text;
        let start = self.at;
        let end = self.plain_run_end();
        if text.as_bytes().get(end) == Some(&b'"') {
            self.at = end + 1;
            // `start` and `end` sit next to ASCII bytes (or the text's ends): char boundaries.
            return Ok(Cow::Borrowed(text.get(start..end).unwrap_or_default()));
        }
        self.string_escaped().map(Cow::Owned)
    }

    /// Where the run of a string's bytes that need no attention ends, from where the reader is:
    /// at the closing quote, a backslash, a control character or the end of the text.
    fn plain_run_end(&self) -> usize {
        let bytes = self.text.as_bytes();
        let mut end = self.at;
        while let Some(&b) = bytes.get(end) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                break;
            }
            end += 1;
        }
        end
    }

    /// [`Reader::string_body`] for a string with an escape (or an error) in it.
    #[inline(never)]
    fn string_escaped(&mut self) -> Result<String, Error> {
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        loop {
            let start = self.at;
            let end = self.plain_run_end();
            // `start` and `end` sit next to ASCII bytes (or the text's ends): char boundaries.
            out.push_str(self.text.get(start..end).unwrap_or_default());
            self.at = end;
            match bytes.get(end) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(_) => {
                    return Err(syntax(
                        "control character (\\u0000-\\u001F) found while parsing a string",
                    ))
                }
                None => return Err(syntax("EOF while parsing a string")),
            }
        }
    }

    /// An escape after its backslash; surrogates must come in pairs, as `serde_json` wants.
    fn escape(&mut self, out: &mut String) -> Result<(), Error> {
        let Some(&b) = self.text.as_bytes().get(self.at) else {
            return Err(syntax("EOF while parsing a string"));
        };
        self.at += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xDC00..=0xDFFF => return Err(syntax("lone leading surrogate in hex escape")),
                    0xD800..=0xDBFF => {
                        if self.text.as_bytes().get(self.at..self.at + 2) != Some(b"\\u") {
                            return Err(syntax("unexpected end of hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(syntax("lone leading surrogate in hex escape"));
                        }
                        0x1_0000
                            + ((u32::from(first) - 0xD800) << 10)
                            + (u32::from(second) - 0xDC00)
                    }
                    _ => u32::from(first),
                };
                char::from_u32(code).ok_or_else(|| syntax("invalid unicode code point"))?
            }
            _ => return Err(syntax("invalid escape")),
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, Error> {
        let mut n: u16 = 0;
        for _ in 0..4 {
            let Some(&b) = self.text.as_bytes().get(self.at) else {
                return Err(syntax("EOF while parsing a string"));
            };
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(syntax("invalid escape")),
            };
            n = (n << 4) | u16::from(digit);
            self.at += 1;
        }
        Ok(n)
    }

    /// The error for a value of the wrong type, naming what was found as serde does (the
    /// value is read to say so; an ill-formed one is a syntax error instead).
    fn invalid_type(&mut self, expected: &str) -> Error {
        let found = match self.peek() {
            Some(b'n') => self.literal("null").map(|()| "null".to_owned()),
            Some(b't') => self.literal("true").map(|()| "boolean `true`".to_owned()),
            Some(b'f') => self.literal("false").map(|()| "boolean `false`".to_owned()),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'"') => {
                self.at += 1;
                self.string_body().map(|s| format!("string {}", quoted(&s)))
            }
            Some(b'[') => Ok("sequence".to_owned()),
            Some(b'{') => Ok("map".to_owned()),
            Some(_) => Err(syntax("expected value")),
            None => Err(syntax("EOF while parsing a value")),
        };
        match found {
            Ok(found) => Error::new(
                ErrorKind::InvalidType,
                "",
                format!("invalid type: {found}, expected {expected}"),
            ),
            Err(e) => e,
        }
    }

    /// A number, described for a message: `integer `-3``, or `floating point `1.5`` as written.
    fn number(&mut self) -> Result<String, Error> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let negative = bytes.get(self.at) == Some(&b'-');
        if negative {
            self.at += 1;
        }
        let digits = |r: &mut Self| {
            let from = r.at;
            while bytes.get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at - from
        };
        let whole = match bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return Err(syntax("invalid number"));
                }
                1
            }
            Some(b'1'..=b'9') => digits(self),
            Some(_) => return Err(syntax("invalid number")),
            None => return Err(syntax("EOF while parsing a value")),
        };
        let mut integer = true;
        if bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            integer = false;
            if digits(self) == 0 {
                return Err(syntax("invalid number"));
            }
        }
        if matches!(bytes.get(self.at), Some(b'e' | b'E')) {
            self.at += 1;
            integer = false;
            if matches!(bytes.get(self.at), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(syntax("invalid number"));
            }
        }
        let text = self.text.get(start..self.at).unwrap_or_default();
        // `serde_json` reads an integer that fits 64 bits as one (a negative one down to
        // -2^63, and not -0), anything else as a float.
        let magnitude = text.trim_start_matches('-');
        let fits = whole <= 20
            && magnitude.parse::<u64>().is_ok_and(|m| {
                if negative {
                    m != 0 && m <= 1 << 63
                } else {
                    true
                }
            });
        Ok(if integer && fits {
            format!("integer `{text}`")
        } else {
            format!("floating point `{text}`")
        })
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        match self.text.get(self.at..self.at + word.len()) {
            Some(found) if found == word => {
                self.at += word.len();
                Ok(())
            }
            _ if self.at + word.len() > self.text.len() => Err(syntax("EOF while parsing a value")),
            _ => Err(syntax("expected ident")),
        }
    }

    /// The next byte after whitespace, which is skipped.
    fn peek(&mut self) -> Option<u8> {
        let bytes = self.text.as_bytes();
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = bytes.get(self.at) {
            self.at += 1;
        }
        bytes.get(self.at).copied()
    }
}

fn syntax(message: &str) -> Error {
    Error::new(ErrorKind::InvalidJson, "", message)
}

fn missing(field: &str) -> Error {
    Error::new(
        ErrorKind::MissingField,
        field,
        format!("missing field `{field}`"),
    )
}

fn unknown_field(key: &str, fields: &[&str]) -> Error {
    Error::new(
        ErrorKind::UnknownField,
        key,
        format!("unknown field `{key}`, expected {}", one_of(fields)),
    )
}

/// serde's list of the names it expected: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let mut out = String::from("one of ");
            for (i, name) in names.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push('`');
                out.push_str(name);
                out.push('`');
            }
            out
        }
    }
}

/// A string in double quotes with quotes, backslashes and control characters escaped, as
/// Rust's `{:?}` writes it for the text a listing holds.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                out.push_str("\\u{");
                out.push_str(&hex(c as u32));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hex(mut n: u32) -> String {
    let mut digits = Vec::new();
    loop {
        let d = (n % 16) as u8;
        digits.push(if d < 10 { b'0' + d } else { b'a' + d - 10 });
        n /= 16;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}
