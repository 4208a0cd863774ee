//! The one error type: invalid input or an invalid policy, with a stable code and a field path.
//!
//! "Not eligible" is never an error — it is a [`crate::claim::Verdict`]. An [`Error`] means the
//! input could not be judged at all: a missing field, an unknown value, a timestamp without a UTC
//! offset, a claim reported before it was signed for, a batch over the size limits, or a policy
//! document that does not validate. Each error carries an [`ErrorKind`] with a stable snake_case
//! code (the JS boundary copies it to `error.code`), the path of the offending field
//! (`items[2].signed_at`, copied to `error.path`) and a message in the house style: lowercase, no
//! final period, user values in backticks.

use core::fmt;

/// What went wrong, as a stable code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The text is not well-formed JSON.
    InvalidJson,
    /// A required field is absent.
    MissingField,
    /// A field the schema does not know.
    UnknownField,
    /// A value outside the field's closed set (e.g. an unknown incident).
    UnknownValue,
    /// A value of the wrong type (a number where a string belongs).
    InvalidType,
    /// A value of the right type that is still not acceptable.
    InvalidValue,
    /// A timestamp that is not RFC 3339.
    InvalidTimestamp,
    /// A timestamp without a UTC offset: the window cannot be reckoned without one.
    TimestampWithoutOffset,
    /// Timestamps in an impossible order (reported before signed, signed after `now`).
    TimestampOrder,
    /// Input over a documented size limit.
    TooLarge,
    /// No loaded policy was in force on the order date.
    NoPolicyInForce,
    /// The policy document does not validate.
    InvalidPolicy,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    pub const ALL: &'static [ErrorKind] = &[
        ErrorKind::InvalidJson,
        ErrorKind::MissingField,
        ErrorKind::UnknownField,
        ErrorKind::UnknownValue,
        ErrorKind::InvalidType,
        ErrorKind::InvalidValue,
        ErrorKind::InvalidTimestamp,
        ErrorKind::TimestampWithoutOffset,
        ErrorKind::TimestampOrder,
        ErrorKind::TooLarge,
        ErrorKind::NoPolicyInForce,
        ErrorKind::InvalidPolicy,
    ];

    /// The stable code, as JS sees it in `error.code`.
    pub const fn code(self) -> &'static str {
        match self {
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::UnknownField => "unknown_field",
            ErrorKind::UnknownValue => "unknown_value",
            ErrorKind::InvalidType => "invalid_type",
            ErrorKind::InvalidValue => "invalid_value",
            ErrorKind::InvalidTimestamp => "invalid_timestamp",
            ErrorKind::TimestampWithoutOffset => "timestamp_without_offset",
            ErrorKind::TimestampOrder => "timestamp_order",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::NoPolicyInForce => "no_policy_in_force",
            ErrorKind::InvalidPolicy => "invalid_policy",
        }
    }
}

/// An input or policy error: a kind, the field's path and a message.
///
/// ```
/// use aftersales::{Checker, ErrorKind};
/// let checker = Checker::shipped();
/// let err = checker.judge_json(r#"{"order_id":"A1"}"#, "2024-03-02T00:00:00Z").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::MissingField);
/// assert_eq!(err.path(), "signed_at");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    path: String,
    message: String,
}

impl Error {
    /// Builds an error.
    pub fn new(kind: ErrorKind, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: path.into(),
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The stable code of the kind.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The path of the field (`items[2].signed_at`); empty for the whole input.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The message, without the path.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Prefixes the path (`items[2]` + `signed_at`).
    pub(crate) fn within(mut self, parent: &str) -> Error {
        self.path = join_path(parent, &self.path);
        self
    }

    /// Classifies a serde error by its standard message, keeping the path it happened at.
    pub(crate) fn from_serde(path: String, message: String) -> Error {
        let path = if path == "." { String::new() } else { path };
        let kind = if message.starts_with("missing field") {
            ErrorKind::MissingField
        } else if message.starts_with("unknown field") {
            ErrorKind::UnknownField
        } else if message.starts_with("unknown variant") {
            ErrorKind::UnknownValue
        } else if message.starts_with("invalid type") {
            ErrorKind::InvalidType
        } else if message.starts_with("invalid value") || message.starts_with("invalid length") {
            ErrorKind::InvalidValue
        } else if let Some(rest) = message.strip_prefix(TOO_LARGE_MARK) {
            return Error::new(ErrorKind::TooLarge, path, rest.to_owned());
        } else if message.starts_with("recursion limit") {
            ErrorKind::TooLarge
        } else if message.contains(" at line ") {
            ErrorKind::InvalidJson
        } else {
            ErrorKind::InvalidValue
        };
        // serde reports a missing field at its parent; point at the field itself. An unknown
        // field is already reported at its own key.
        let path = match (kind, backticked(&message)) {
            (ErrorKind::MissingField, Some(field)) => join_path(&path, field),
            (ErrorKind::UnknownField, Some(field))
                if path != field && !path.ends_with(&format!(".{field}")) =>
            {
                join_path(&path, field)
            }
            _ => path,
        };
        Error::new(kind, path, strip_position(&message))
    }
}

/// Marks a size-limit message raised inside a `Deserialize` impl so it keeps its kind.
pub(crate) const TOO_LARGE_MARK: &str = "too large: ";

fn backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message.get(start..)?.find('`')?;
    message.get(start..start + len)
}

fn strip_position(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message.get(..i).unwrap_or(message).to_owned(),
        None => message.to_owned(),
    }
}

/// Joins a parent path and a child (`items[2]`, `signed_at` → `items[2].signed_at`).
pub(crate) fn join_path(parent: &str, child: &str) -> String {
    match (parent.is_empty(), child.is_empty()) {
        (true, _) => child.to_owned(),
        (false, true) => parent.to_owned(),
        (false, false) if starts_with_index(child) => format!("{parent}{child}"),
        (false, false) => format!("{parent}.{child}"),
    }
}

/// Whether a path starts with an array index (`[2].class`), not with a key that happens to
/// start with a bracket (`[ategory`).
fn starts_with_index(path: &str) -> bool {
    path.strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .is_some_and(|(digits, _)| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.kind.code(), self.message)
        } else {
            write!(f, "{}: `{}` {}", self.kind.code(), self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_field_points_at_the_field() {
        let e = Error::from_serde("items[2]".into(), "missing field `signed_at`".into());
        assert_eq!(e.kind(), ErrorKind::MissingField);
        assert_eq!(e.path(), "items[2].signed_at");
    }

    #[test]
    fn unknown_field_reported_at_its_key_is_not_named_twice() {
        let e = Error::from_serde("items[1].price".into(), "unknown field `price`".into());
        assert_eq!(e.kind(), ErrorKind::UnknownField);
        assert_eq!(e.path(), "items[1].price");
        let e = Error::from_serde("items[1]".into(), "unknown field `price`".into());
        assert_eq!(e.path(), "items[1].price");
    }

    #[test]
    fn unknown_variant_is_unknown_value() {
        let e = Error::from_serde(
            "incident".into(),
            "unknown variant `exploded`, expected one of `damaged`".into(),
        );
        assert_eq!(e.kind(), ErrorKind::UnknownValue);
        assert_eq!(e.path(), "incident");
    }

    #[test]
    fn json_syntax_errors_drop_the_position_and_keep_the_kind() {
        let e = Error::from_serde(
            ".".into(),
            "EOF while parsing a value at line 1 column 5".into(),
        );
        assert_eq!(e.kind(), ErrorKind::InvalidJson);
        assert_eq!(e.path(), "");
        assert_eq!(e.message(), "EOF while parsing a value");
    }

    #[test]
    fn a_key_that_starts_with_a_bracket_is_joined_as_a_key_not_an_index() {
        assert_eq!(join_path("items", "[2].class"), "items[2].class");
        assert_eq!(join_path("[0]", "[ategory"), "[0].[ategory");
        assert_eq!(join_path("[0]", "[]"), "[0].[]");
    }

    #[test]
    fn display_names_code_and_path() {
        let e = Error::new(
            ErrorKind::TooLarge,
            "items",
            "has `5000` entries, at most `1000`",
        );
        assert_eq!(
            e.to_string(),
            "too_large: `items` has `5000` entries, at most `1000`"
        );
    }
}
