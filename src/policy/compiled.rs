//! The compiled form of a policy document: what `build.rs` embeds in the crate and what a page
//! hands to `Checker.withPolicy`, instead of JSON text.
//!
//! A policy is validated once, where it is edited (`build.rs`, or `aftersales-policy compile`),
//! and shipped in this form. It is written through serde (`build.rs` and the CLI) and read back
//! by hand: every struct is its fields in declaration order, each document type reads itself
//! through [`Compiled`] (`src/policy/read.rs`), so the module carries no JSON parser, no field
//! names and no serde visitor for the policy, and decoding the shipped policy is a walk over bytes. The format is
//! self-describing enough to be checked as it is read (a tag before every value, the count of
//! every list checked when it ends), so a damaged or foreign file is refused with the byte offset
//! of the first thing that does not fit, never misread. The SHA-256 trailer tells damage apart;
//! it is no signature (anyone can write one), so `Policy::from_compiled` validates the document
//! and recomputes its hash rather than trusting the file's.
//!
//! ```text
//! file    = MAGIC · value(layout) · value(hash) · value(document) · sha256(everything before it)
//! layout  = SEQ of (SEQ of STR: a struct's name, then its fields' names in order)
//! value   = NULL | FALSE | TRUE | UINT varint | NEG varint | F64 8 bytes
//!         | STR utf8 NUL | SEQ varint value* | MAP varint (value value)*
//!         | SOME value | STRUCT (value | ABSENT)* END
//! ```
//!
//! An enum's unit variant is written as its name (`STR`), so that reordering an enum's variants
//! does not change what a compiled file means. Text ends at a NUL rather than being preceded by
//! its length: the policy's words then sit between the same bytes wherever they recur, and the
//! module gzips 2.7 KB smaller (measured); text holding a NUL cannot be compiled.
//!
//! `ABSENT` stands for a field left out with `skip_serializing_if`; such fields all have a
//! `#[serde(default)]`, which is what their reader ([`Decoder::field_or_default`]) falls back on. Since fields
//! are written without their names, the file starts with the layout of every struct in it, and
//! the reader compares each with its own before reading one: a file compiled by a build whose
//! document types differ (a field added, removed or moved) is refused, never read field by field
//! into the wrong places. This file uses
//! nothing but `serde` and `std`, so that `build.rs` can include it.

use std::fmt;

use serde::ser::{self, Serialize};

/// The first bytes of a compiled policy; the digit is the format's version.
pub const MAGIC: &[u8; 8] = b"ASPOLC1\n";

const NULL: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const UINT: u8 = 3;
const NEG: u8 = 4;
const F64: u8 = 5;
const STR: u8 = 6;
const SEQ: u8 = 7;
const MAP: u8 = 8;
const SOME: u8 = 9;
const STRUCT: u8 = 10;
const ABSENT: u8 = 11;
const END: u8 = 12;

/// Writes the compiled file: [`MAGIC`], the policy hash, the document and the SHA-256 (by
/// `sha256`, so that `build.rs` can bring its own) of everything before it.
pub fn write<T: Serialize>(
    hash: &str,
    document: &T,
    sha256: impl Fn(&[u8]) -> [u8; 32],
) -> Result<Vec<u8>, String> {
    let mut body = Encoder::default();
    hash.serialize(&mut body).map_err(|e| e.0)?;
    document.serialize(&mut body).map_err(|e| e.0)?;
    let mut out = Encoder {
        bytes: MAGIC.to_vec(),
        ..Encoder::default()
    };
    let layout: Vec<Vec<&str>> = body
        .layout
        .iter()
        .map(|(name, fields)| [*name].into_iter().chain(fields.iter().copied()).collect())
        .collect();
    layout.serialize(&mut out).map_err(|e| e.0)?;
    let mut bytes = out.bytes;
    bytes.extend_from_slice(&body.bytes);
    let digest = sha256(&bytes);
    bytes.extend_from_slice(&digest);
    Ok(bytes)
}

/// Reads a compiled file back: checks [`MAGIC`] and the checksum, then decodes the hash and the
/// document, refusing trailing bytes.
pub fn read<T: Compiled>(
    bytes: &[u8],
    sha256: impl Fn(&[u8]) -> [u8; 32],
) -> Result<(String, T), Damage> {
    let body_len = bytes.len().checked_sub(32).ok_or(Damage {
        at: bytes.len(),
        what: "is too short to be a compiled policy".into(),
    })?;
    let (body, digest) = bytes.split_at(body_len);
    if !body.starts_with(MAGIC) {
        return Err(Damage {
            at: 0,
            what: "is not a compiled policy (compile the JSON document with `aftersales-policy compile`)"
                .into(),
        });
    }
    if sha256(body) != digest {
        return Err(Damage {
            at: body_len,
            what: "does not match its checksum: the file was damaged or edited after compiling"
                .into(),
        });
    }
    read_unchecked(body)
}

/// Decodes the hash and the document after [`MAGIC`], without the checksum (which [`read`]
/// checks): the decoder's own robustness is tested on damaged bodies through this.
#[doc(hidden)]
pub fn read_unchecked<T: Compiled>(body: &[u8]) -> Result<(String, T), Damage> {
    let mut de = Decoder {
        bytes: body,
        at: MAGIC.len(),
        layout: Vec::new(),
        checked: Vec::new(),
    };
    let (hash, document) = read_body::<T>(&mut de).map_err(|e| de.damage(e))?;
    if de.at != body.len() {
        return Err(Damage {
            at: de.at,
            what: "has bytes after the document".into(),
        });
    }
    Ok((hash, document))
}

/// Why a compiled policy was refused, and the byte offset where reading stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damage {
    /// Offset from the start of the file.
    pub at: usize,
    /// What was wrong there.
    pub what: String,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (at byte {})", self.what, self.at)
    }
}

/// An error inside the encoder or the decoder; [`Damage`] adds the offset.
#[derive(Debug)]
pub struct FormatError(String);

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FormatError {}

impl ser::Error for FormatError {
    fn custom<M: fmt::Display>(msg: M) -> FormatError {
        FormatError(msg.to_string())
    }
}

fn unsupported(what: &str) -> FormatError {
    FormatError(format!("{what} cannot be written in a compiled policy"))
}

// ---- writing ------------------------------------------------------------------------------

/// Writes values in the compiled form, noting the layout of every struct it writes.
#[derive(Default)]
struct Encoder {
    bytes: Vec<u8>,
    /// Every struct written so far, by name, with its fields in order.
    layout: Vec<(&'static str, Vec<&'static str>)>,
    /// The structs being written, innermost last, with the fields seen so far.
    open: Vec<(&'static str, Vec<&'static str>)>,
}

impl Encoder {
    fn varint(&mut self, mut n: u64) {
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(low);
                return;
            }
            self.bytes.push(low | 0x80);
        }
    }

    /// Notes a field of the innermost struct being written.
    fn field(&mut self, key: &'static str) {
        if let Some((_, fields)) = self.open.last_mut() {
            fields.push(key);
        }
    }

    fn tagged(&mut self, tag: u8, n: u64) {
        self.bytes.push(tag);
        self.varint(n);
    }

    fn length(&mut self, tag: u8, len: Option<usize>) -> Result<(), FormatError> {
        let len = len.ok_or_else(|| unsupported("a sequence of unknown length"))?;
        self.tagged(tag, len as u64);
        Ok(())
    }
}

impl ser::Serializer for &mut Encoder {
    type Ok = ();
    type Error = FormatError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = ser::Impossible<(), FormatError>;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = ser::Impossible<(), FormatError>;

    fn serialize_bool(self, v: bool) -> Result<(), FormatError> {
        self.bytes.push(if v { TRUE } else { FALSE });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), FormatError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), FormatError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), FormatError> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), FormatError> {
        match u64::try_from(v) {
            Ok(n) => self.tagged(UINT, n),
            // -1 is NEG 0: the magnitude less one, so that i64::MIN fits.
            Err(_) => self.tagged(NEG, (-(v + 1)) as u64),
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<(), FormatError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), FormatError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), FormatError> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), FormatError> {
        self.tagged(UINT, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), FormatError> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<(), FormatError> {
        self.bytes.push(F64);
        self.bytes.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), FormatError> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), FormatError> {
        if v.contains('\0') {
            return Err(FormatError(format!("{v:?} holds a NUL character")));
        }
        self.bytes.push(STR);
        self.bytes.extend_from_slice(v.as_bytes());
        self.bytes.push(0);
        Ok(())
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), FormatError> {
        Err(unsupported("a byte string"))
    }
    fn serialize_none(self) -> Result<(), FormatError> {
        self.bytes.push(NULL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), FormatError> {
        self.bytes.push(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), FormatError> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), FormatError> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), FormatError> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), FormatError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), FormatError> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, FormatError> {
        self.length(SEQ, len)?;
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self, FormatError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Self, FormatError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, FormatError> {
        Err(unsupported("an enum variant with data"))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, FormatError> {
        self.length(MAP, len)?;
        Ok(self)
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Self, FormatError> {
        self.bytes.push(STRUCT);
        self.open.push((name, Vec::new()));
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, FormatError> {
        Err(unsupported("an enum variant with data"))
    }
}

/// A sequence, tuple or tuple struct: its elements one after the other (the count was written
/// with the tag).
macro_rules! elements {
    ($($trait:ident :: $method:ident),+) => {$(
        impl ser::$trait for &mut Encoder {
            type Ok = ();
            type Error = FormatError;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormatError> {
                value.serialize(&mut **self)
            }
            fn end(self) -> Result<(), FormatError> {
                Ok(())
            }
        }
    )+};
}

elements!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field
);

impl ser::SerializeMap for &mut Encoder {
    type Ok = ();
    type Error = FormatError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), FormatError> {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), FormatError> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), FormatError> {
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Encoder {
    type Ok = ();
    type Error = FormatError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), FormatError> {
        self.field(key);
        value.serialize(&mut **self)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<(), FormatError> {
        self.field(key);
        self.bytes.push(ABSENT);
        Ok(())
    }
    fn end(self) -> Result<(), FormatError> {
        self.bytes.push(END);
        let Some((name, fields)) = self.open.pop() else {
            return Err(FormatError("a struct ended that was never begun".into()));
        };
        match self.layout.iter().find(|(known, _)| *known == name) {
            None => self.layout.push((name, fields)),
            Some((_, known)) if *known == fields => {}
            Some(_) => {
                return Err(FormatError(format!(
                    "`{name}` was written with two different sets of fields"
                )))
            }
        }
        Ok(())
    }
}

// ---- reading ------------------------------------------------------------------------------

/// A type read from the compiled form by hand: a struct reads its fields in order through
/// [`Decoder::structure`], a word reads its wire name, a list, map or option its entries. No
/// serde visitor is involved, so the module carries one small reader per type instead of a
/// derived visitor instantiated once per way the document is read.
pub trait Compiled: Sized {
    /// Reads one value where the decoder stands.
    fn read(d: &mut Decoder<'_>) -> Result<Self, FormatError>;
}

/// Reads values in the compiled form.
pub struct Decoder<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The file's layout: per struct, its name and then its fields' names.
    layout: Vec<Vec<&'a str>>,
    /// The structs whose layout has been compared with this build's already.
    checked: Vec<&'static str>,
}

impl<'a> Decoder<'a> {
    fn damage(&self, e: FormatError) -> Damage {
        Damage {
            // Never past the end, even for a body cut shorter than the magic it starts after.
            at: self.at.min(self.bytes.len()),
            what: e.0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn byte(&mut self) -> Result<u8, FormatError> {
        let b = self
            .peek()
            .ok_or_else(|| FormatError("ends too early".into()))?;
        self.at += 1;
        Ok(b)
    }

    #[inline(never)]
    fn varint(&mut self) -> Result<u64, FormatError> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            if shift == 63 && b > 1 {
                break;
            }
            n |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(n);
            }
        }
        Err(FormatError("has a number longer than 64 bits".into()))
    }

    /// A count of things still to read, each at least one byte long: never more than what is left.
    #[inline(never)]
    fn count(&mut self) -> Result<usize, FormatError> {
        let n = self.varint()?;
        match usize::try_from(n) {
            Ok(n) if n <= self.bytes.len().saturating_sub(self.at) => Ok(n),
            _ => Err(FormatError(format!("counts {n} entries in fewer bytes"))),
        }
    }

    /// The text after a `STR` tag, up to its NUL, which it skips.
    #[inline(never)]
    fn text(&mut self) -> Result<&'a str, FormatError> {
        let rest = self.bytes.get(self.at..).unwrap_or_default();
        let len = rest
            .iter()
            .position(|&b| b == 0)
            .ok_or_else(|| FormatError("ends inside a text".into()))?;
        let text = std::str::from_utf8(rest.get(..len).unwrap_or_default())
            .map_err(|_| FormatError("has text that is not UTF-8".into()))?;
        self.at += len + 1;
        Ok(text)
    }

    #[inline(never)]
    fn expect(&mut self, tag: u8, what: &str) -> Result<(), FormatError> {
        match self.byte()? {
            t if t == tag => Ok(()),
            t => Err(FormatError(format!(
                "has tag {t} where {what} was expected"
            ))),
        }
    }

    /// A `STR`: text, or a word's wire name.
    pub fn str(&mut self) -> Result<&'a str, FormatError> {
        self.expect(STR, "text")?;
        self.text()
    }

    /// A word of a closed set, by its wire name.
    #[inline(never)]
    pub fn word<T>(
        &mut self,
        wire: &'static [&'static str],
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, FormatError> {
        let name = self.str()?;
        parse(name).ok_or_else(|| not_one_of(name, wire))
    }

    /// True when a `STR` comes next (a term written as plain text rather than as a struct).
    pub fn at_text(&self) -> bool {
        self.peek() == Some(STR)
    }

    /// A `STRUCT` named `name` with `fields` in this order, read by `fields_of`, which takes each
    /// field with [`Decoder::field`] or [`Decoder::field_or_default`]. The file's layout of the
    /// struct is compared with this build's the first time one is read: a file compiled by a
    /// build whose document types differ is refused, never read into the wrong fields.
    pub fn structure<T>(
        &mut self,
        name: &'static str,
        fields: &'static [&'static str],
        fields_of: impl FnOnce(&mut Self) -> Result<T, FormatError>,
    ) -> Result<T, FormatError> {
        self.struct_start(name, fields)?;
        let value = fields_of(self)?;
        self.expect(END, "the end of a struct")?;
        Ok(value)
    }

    /// A struct's layout checked (the first time) and its `STRUCT` tag taken. Not generic, so
    /// that each document type's reader is a call and not a copy of this.
    #[inline(never)]
    fn struct_start(
        &mut self,
        name: &'static str,
        fields: &'static [&'static str],
    ) -> Result<(), FormatError> {
        if !self.checked.contains(&name) {
            let written = self.layout.iter().find(|l| l.first() == Some(&name));
            let written = written.and_then(|l| l.get(1..)).unwrap_or_default();
            if written != fields {
                return Err(FormatError(format!(
                    "holds `{name}` with the fields `{}`, where this build has `{}`: compile the \
                     document again with this version",
                    written.join(", "),
                    fields.join(", ")
                )));
            }
            self.checked.push(name);
        }
        self.expect(STRUCT, "a struct")
    }

    /// The next field of a struct, which must be there.
    pub fn field<T: Compiled>(&mut self) -> Result<T, FormatError> {
        if self.absent()? {
            return Err(FormatError("leaves out a field that has no default".into()));
        }
        T::read(self)
    }

    /// The next field of a struct, whose default stands in when it was left out (`ABSENT`, a
    /// field the writer skips when empty).
    pub fn field_or_default<T: Compiled + Default>(&mut self) -> Result<T, FormatError> {
        if self.absent()? {
            return Ok(T::default());
        }
        T::read(self)
    }

    /// Takes an `ABSENT` mark if one comes next; refuses the struct's end where a field is due.
    /// Not generic, so that each field read is a call and not a copy of this.
    #[inline(never)]
    fn absent(&mut self) -> Result<bool, FormatError> {
        match self.peek() {
            Some(ABSENT) => {
                self.at += 1;
                Ok(true)
            }
            Some(END) => Err(FormatError(
                "ends a struct before all its fields (written by another version?)".into(),
            )),
            _ => Ok(false),
        }
    }

    /// Steps over the next field of a struct, whatever it holds (the field must be there).
    #[cfg_attr(
        not(all(
            target_arch = "wasm32",
            not(feature = "claims"),
            not(feature = "policy-loading")
        )),
        allow(dead_code, reason = "only the screening half steps over a field")
    )]
    pub fn skip_field(&mut self) -> Result<(), FormatError> {
        if self.absent()? {
            return Err(FormatError("leaves out a field that has no default".into()));
        }
        self.skip_value()
    }

    /// Steps over one value and everything inside it.
    #[cfg_attr(
        not(all(
            target_arch = "wasm32",
            not(feature = "claims"),
            not(feature = "policy-loading")
        )),
        allow(dead_code, reason = "only the screening half steps over a field")
    )]
    fn skip_value(&mut self) -> Result<(), FormatError> {
        match self.byte()? {
            NULL | FALSE | TRUE | ABSENT => Ok(()),
            UINT | NEG => self.varint().map(drop),
            F64 => {
                let end = self.at + 8;
                if end > self.bytes.len() {
                    return Err(FormatError("ends too early".into()));
                }
                self.at = end;
                Ok(())
            }
            STR => self.text().map(drop),
            SEQ => {
                for _ in 0..self.count()? {
                    self.skip_value()?;
                }
                Ok(())
            }
            MAP => {
                for _ in 0..self.count()? {
                    self.skip_value()?;
                    self.skip_value()?;
                }
                Ok(())
            }
            SOME => self.skip_value(),
            STRUCT => {
                while self.peek() != Some(END) {
                    self.skip_value()?;
                }
                self.at += 1;
                Ok(())
            }
            t => Err(FormatError(format!(
                "has tag {t} where a value was expected"
            ))),
        }
    }

    /// The entries of a `SEQ` or `MAP`, each read by `entry`.
    fn entries(
        &mut self,
        tag: u8,
        what: &str,
        mut entry: impl FnMut(&mut Self) -> Result<(), FormatError>,
    ) -> Result<(), FormatError> {
        self.each(tag, what, &mut entry)
    }

    /// [`Decoder::entries`] without its generic closure, so each list's reader is a call.
    #[inline(never)]
    fn each(
        &mut self,
        tag: u8,
        what: &str,
        entry: &mut dyn FnMut(&mut Self) -> Result<(), FormatError>,
    ) -> Result<(), FormatError> {
        self.expect(tag, what)?;
        for _ in 0..self.count()? {
            entry(self)?;
        }
        Ok(())
    }
}

/// The error for an enum's name that is none of its variants'.
#[inline(never)]
fn not_one_of(name: &str, wire: &[&str]) -> FormatError {
    FormatError(format!(
        "has `{name}` where one of `{}` was expected",
        wire.join("`, `")
    ))
}

/// Reads the hash and a value of `T` from a file's body (after [`MAGIC`]), with the layout first.
fn read_body<T: Compiled>(d: &mut Decoder<'_>) -> Result<(String, T), FormatError> {
    d.expect(SEQ, "the layout")?;
    for _ in 0..d.count()? {
        let mut names = Vec::new();
        d.entries(SEQ, "a struct's layout", |d| {
            names.push(d.str()?);
            Ok(())
        })?;
        d.layout.push(names);
    }
    let hash = String::read(d)?;
    let value = T::read(d)?;
    Ok((hash, value))
}

impl Compiled for String {
    fn read(d: &mut Decoder<'_>) -> Result<String, FormatError> {
        d.str().map(str::to_owned)
    }
}

impl Compiled for bool {
    fn read(d: &mut Decoder<'_>) -> Result<bool, FormatError> {
        match d.byte()? {
            FALSE => Ok(false),
            TRUE => Ok(true),
            t => Err(FormatError(format!(
                "has tag {t} where a boolean was expected"
            ))),
        }
    }
}

impl Compiled for u32 {
    fn read(d: &mut Decoder<'_>) -> Result<u32, FormatError> {
        d.expect(UINT, "a whole number")?;
        let n = d.varint()?;
        u32::try_from(n).map_err(|_| FormatError(format!("has {n}, more than a u32 holds")))
    }
}

impl<T: Compiled> Compiled for Option<T> {
    fn read(d: &mut Decoder<'_>) -> Result<Option<T>, FormatError> {
        match d.byte()? {
            NULL => Ok(None),
            SOME => T::read(d).map(Some),
            t => Err(FormatError(format!(
                "has tag {t} where an option was expected"
            ))),
        }
    }
}

impl<T: Compiled> Compiled for Vec<T> {
    fn read(d: &mut Decoder<'_>) -> Result<Vec<T>, FormatError> {
        let mut out = Vec::new();
        d.entries(SEQ, "a list", |d| {
            out.push(T::read(d)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<K: Compiled + Ord, V: Compiled> Compiled for super::map::Map<K, V> {
    fn read(d: &mut Decoder<'_>) -> Result<super::map::Map<K, V>, FormatError> {
        let mut out = super::map::Map::new();
        d.entries(MAP, "a map", |d| {
            let key = K::read(d)?;
            let value = V::read(d)?;
            match out.insert(key, value) {
                None => Ok(()),
                Some(_) => Err(FormatError("has a map key twice".into())),
            }
        })?;
        Ok(out)
    }
}
