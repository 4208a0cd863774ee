//! Decoding outside input with the field path of every error.
//!
//! The three inputs of every call — a listing, a page of listings, a claim — are read by hand
//! ([`listing`], [`listings`], [`claim`], in `input.rs`), natively and in the WebAssembly module
//! alike. Everything else read from JSON (policy documents, labeled evaluation rows) goes
//! through serde with `serde_path_to_error`. Either way a wrong field deep inside a batch is
//! reported as `items[2].signed_at`, not as "invalid type".

mod input;

pub use input::{claim, listing, listings};

use serde::de::DeserializeOwned;

use crate::error::{Error, ErrorKind};
use crate::limits;

/// Decodes JSON text into `T`.
pub(crate) fn from_json<T: DeserializeOwned>(json: &str) -> Result<T, Error> {
    limits::check("", "bytes", json.len(), limits::MAX_INPUT_BYTES)?;
    let mut de = serde_json::Deserializer::from_str(json);
    let value = from_deserializer(&mut de)?;
    de.end()
        .map_err(|e| Error::new(ErrorKind::InvalidJson, "", strip(&e.to_string())))?;
    Ok(value)
}

/// Decodes `T` from any deserializer, keeping the path of the first error.
pub fn from_deserializer<'de, D, T>(de: D) -> Result<T, Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    serde_path_to_error::deserialize(de)
        .map_err(|e| Error::from_serde(path_string(e.path()), e.inner().to_string()))
}

/// `items[1].class`; segments the decoder could not name (a map key still being read, shown as
/// `?` by `serde_path_to_error`) are left out, so a syntax error inside `items[0]` is reported
/// at `items[0]`, not `items[0].?`.
fn path_string(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {}
        }
    }
    out
}

fn strip(message: &str) -> String {
    message
        .split(" at line ")
        .next()
        .unwrap_or(message)
        .to_owned()
}
