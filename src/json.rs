//! The answers (a [`Screening`], a page of them, a [`Verdict`]) written as JSON text by hand:
//! the same text as `serde_json::to_string` of the serde-derived form, without serde.
//!
//! The WebAssembly module hands this text to the engine's `JSON.parse`, so an answer crosses the
//! boundary as one string and becomes plain objects in one native call, where
//! `serde-wasm-bindgen` made one boundary call per field and decoded every string on its own;
//! and the module carries none of the answers' serde code (the answers' `Serialize` derives stay
//! for native callers). `tests/answer_json.rs` checks the text against `serde_json` on every
//! real listing and every claim scenario; the differential test checks the objects a page gets
//! against the native answers.

use crate::claim::{Audit, ItemVerdict, MissingEvidence, Reason, Step, Verdict, WindowStatus};
use crate::screen::{Field, Finding, Flag, NoticeItem, Screening};

/// A screening's JSON text.
pub fn screening(s: &Screening) -> String {
    let mut out = Out::with_capacity(512);
    out.screening(s);
    out.0
}

/// A page of screenings' JSON text (an array, in order).
pub fn screenings(page: &[Screening]) -> String {
    let mut out = Out::with_capacity(512 * page.len() + 2);
    out.list(page, Out::screening);
    out.0
}

/// A verdict's JSON text.
pub fn verdict(v: &Verdict) -> String {
    let mut out = Out::with_capacity(2048);
    out.verdict(v);
    out.0
}

/// The text being written; every method writes one complete value.
struct Out(String);

impl Out {
    fn with_capacity(n: usize) -> Out {
        Out(String::with_capacity(n))
    }

    /// A JSON string, escaped as `serde_json` does: `"` and `\`, the two-letter escapes for
    /// backspace, form feed, newline, carriage return and tab, `\u00XX` for the other control
    /// characters, everything else as it is.
    fn str(&mut self, s: &str) {
        self.0.push('"');
        let mut from = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0x08 => "\\b",
                0x0C => "\\f",
                0x00..=0x1F => "",
                _ => continue,
            };
            self.0.push_str(s.get(from..i).unwrap_or_default());
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.0.push_str("\\u00");
                for nibble in [b >> 4, b & 0xF] {
                    self.0.push(char::from(
                        HEX.get(usize::from(nibble)).copied().unwrap_or(b'0'),
                    ));
                }
            } else {
                self.0.push_str(escape);
            }
            from = i + 1;
        }
        self.0.push_str(s.get(from..).unwrap_or_default());
        self.0.push('"');
    }

    /// `"key":`, after a comma unless it is the object's first key.
    fn key(&mut self, key: &str, first: bool) {
        self.0.push_str(if first { "\"" } else { ",\"" });
        self.0.push_str(key);
        self.0.push_str("\":");
    }

    fn field_str(&mut self, key: &str, value: &str) {
        self.key(key, false);
        self.str(value);
    }

    fn field_bool(&mut self, key: &str, value: bool) {
        self.key(key, false);
        self.0.push_str(if value { "true" } else { "false" });
    }

    fn field_int(&mut self, key: &str, value: i64) {
        self.key(key, false);
        self.int(value);
    }

    /// An integer in decimal, as `serde_json` writes it, without `core::fmt` or an allocation.
    fn int(&mut self, value: i64) {
        let mut digits = [0u8; 20];
        let mut n = value.unsigned_abs();
        let mut from = digits.len();
        for slot in digits.iter_mut().rev() {
            *slot = b'0' + (n % 10) as u8;
            from -= 1;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        if value < 0 {
            self.0.push('-');
        }
        for &d in digits.get(from..).unwrap_or_default() {
            self.0.push(char::from(d));
        }
    }

    fn list<T>(&mut self, items: &[T], mut write: impl FnMut(&mut Out, &T)) {
        self.0.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            write(self, item);
        }
        self.0.push(']');
    }

    fn field_list<T>(&mut self, key: &str, items: &[T], write: impl FnMut(&mut Out, &T)) {
        self.key(key, false);
        self.list(items, write);
    }

    fn screening(&mut self, s: &Screening) {
        self.0.push('{');
        self.key("id", true);
        self.str(&s.id);
        self.field_str("class", s.class.as_str());
        self.field_bool("fragile", s.fragile);
        self.field_bool("non_compensable", s.non_compensable);
        self.field_list("flags", &s.flags, Out::flag);
        self.field_list("findings", &s.findings, Out::finding);
        self.field_int("findings_omitted", i64::from(s.findings_omitted));
        self.field_list("notices", &s.notices, Out::notice);
        self.0.push('}');
    }

    fn flag(&mut self, f: &Flag) {
        self.0.push('{');
        self.key("class", true);
        self.str(f.class.as_str());
        self.field_str("decided_by", field(f.decided_by));
        self.field_str("basis", f.basis.as_str());
        self.field_str("rule", &f.rule);
        self.field_str("clause", &f.clause);
        if !f.message.is_empty() {
            self.field_str("message", &f.message);
        }
        self.0.push('}');
    }

    fn finding(&mut self, f: &Finding) {
        self.0.push('{');
        self.key("class", true);
        self.str(f.class.as_str());
        self.field_str("field", field(f.field));
        self.field_str("term", &f.term);
        self.field_str("text", &f.text);
        self.field_int("start", i64::from(f.start));
        self.field_int("end", i64::from(f.end));
        self.0.push('}');
    }

    fn notice(&mut self, n: &NoticeItem) {
        self.0.push('{');
        self.key("notice", true);
        self.str(n.notice.as_str());
        self.field_str("clause", &n.clause);
        if !n.message.is_empty() {
            self.field_str("message", &n.message);
        }
        self.0.push('}');
    }

    fn verdict(&mut self, v: &Verdict) {
        self.0.push('{');
        self.key("order_id", true);
        self.str(&v.order_id);
        self.field_str("outcome", v.outcome.as_str());
        if !v.summary.is_empty() {
            self.field_str("summary", &v.summary);
        }
        self.field_list("reasons", &v.reasons, Out::reason);
        self.field_list("items", &v.items, Out::item);
        self.field_list("missing_evidence", &v.missing_evidence, Out::missing);
        self.key("window", false);
        self.window(&v.window);
        self.field_list("next_steps", &v.next_steps, Out::step);
        self.key("audit", false);
        self.audit(&v.audit);
        self.0.push('}');
    }

    fn reason(&mut self, r: &Reason) {
        self.0.push('{');
        self.key("code", true);
        self.str(r.code.as_str());
        self.field_str("rule", &r.rule);
        self.field_str("clause", &r.clause);
        if !r.message.is_empty() {
            self.field_str("message", &r.message);
        }
        self.0.push('}');
    }

    fn item(&mut self, i: &ItemVerdict) {
        self.0.push('{');
        self.key("id", true);
        self.str(&i.id);
        self.field_str("outcome", i.outcome.as_str());
        self.field_str("damage", i.damage.as_str());
        self.field_list("reasons", &i.reasons, Out::reason);
        self.0.push('}');
    }

    fn missing(&mut self, m: &MissingEvidence) {
        self.0.push('{');
        self.key("any_of", true);
        self.list(&m.any_of, |out, e| out.str(e.as_str()));
        if !m.messages.is_empty() {
            self.field_list("messages", &m.messages, |out, s| out.str(s));
        }
        self.field_str("clause", &m.clause);
        self.0.push('}');
    }

    fn window(&mut self, w: &WindowStatus) {
        self.0.push('{');
        self.key("deadline", true);
        self.str(&w.deadline);
        self.field_int("deadline_ms", w.deadline_ms);
        self.field_bool("reported_in_time", w.reported_in_time);
        self.field_bool("open_now", w.open_now);
        self.field_int("remaining_ms", w.remaining_ms);
        self.field_str("clause", &w.clause);
        self.0.push('}');
    }

    fn step(&mut self, s: &Step) {
        self.0.push('{');
        self.key("step", true);
        self.str(s.step.as_str());
        self.field_bool("urgent", s.urgent);
        if !s.message.is_empty() {
            self.field_str("message", &s.message);
        }
        self.field_str("clause", &s.clause);
        self.0.push('}');
    }

    fn audit(&mut self, a: &Audit) {
        self.0.push('{');
        self.key("policy_id", true);
        self.str(&a.policy_id);
        self.field_str("policy_version", &a.policy_version);
        self.field_str("policy_hash", &a.policy_hash);
        if let Some(hash) = &a.input_hash {
            self.field_str("input_hash", hash);
        }
        self.field_str("judged_at", &a.judged_at);
        if let Some(locale) = a.locale {
            self.field_str("locale", locale.tag());
        }
        self.0.push('}');
    }
}

/// A field's wire name, as serde writes it (`snake_case`).
fn field(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Description => "description",
        Field::Category => "category",
    }
}

#[cfg(test)]
mod tests {
    use super::Out;

    #[test]
    fn integers_are_written_as_rust_and_serde_json_write_them() {
        let mut values = vec![
            0,
            1,
            -1,
            9,
            10,
            -10,
            99,
            100,
            i64::MAX,
            i64::MIN,
            i64::MIN + 1,
        ];
        let mut x: i64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..10_000 {
            // xorshift: spread over every magnitude, both signs.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            values.push(x >> (x & 63).unsigned_abs());
        }
        for v in values {
            let mut out = Out::with_capacity(24);
            out.int(v);
            assert_eq!(out.0, v.to_string());
        }
    }
}
