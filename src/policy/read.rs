//! Each policy document type read from the [`compiled`](super::compiled) form by hand.
//!
//! The document is written through serde (`build.rs`, `aftersales-policy compile`) and read
//! here, field by field in declaration order, so the WebAssembly module holds one small reader
//! per type rather than serde's derived visitors, which were instantiated once for each way the
//! policy is read (its head at start-up, its screening rules when the document is asked for, a whole
//! handed-in document) and were the largest code in the module. Each struct names its fields as
//! serde writes them; the file's layout is compared with that list before the first value of
//! the struct is read, and reading the shipped file back (a unit test below, and every start)
//! proves the lists and the types agree.

use super::compiled::{Compiled, Decoder, FormatError};
use super::document::{
    AccessoryRules, CategoryRule, ClaimRules, ClassTerms, Clause, DescriptionRules, EvidenceGroup,
    IncidentRule, ItemMatch, ItemRule, PolicyDocument, Reckoning, ScreeningRules, ShapeRule,
    StepRule, Term, WindowClose, WindowRule,
};
use super::vocabulary::{
    Cause, Condition, DamageScope, Evidence, Incident, ItemClass, Marketplace, NextStep, Notice,
    ReasonCode, TitleShape,
};

/// Words of the policy's vocabulary, read by their wire names.
macro_rules! words {
    ($($word:ty),+) => {$(
        impl Compiled for $word {
            #[inline(never)]
            fn read(d: &mut Decoder<'_>) -> Result<$word, FormatError> {
                d.word(<$word>::WIRE, <$word>::from_wire)
            }
        }
    )+};
}

words!(
    Cause,
    Condition,
    DamageScope,
    Evidence,
    Incident,
    ItemClass,
    Marketplace,
    NextStep,
    Notice,
    ReasonCode,
    TitleShape
);

impl Compiled for WindowClose {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<WindowClose, FormatError> {
        d.word(&["end_of_day", "exact"], |w| match w {
            "end_of_day" => Some(WindowClose::EndOfDay),
            "exact" => Some(WindowClose::Exact),
            _ => None,
        })
    }
}

impl Compiled for Reckoning {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<Reckoning, FormatError> {
        d.word(&["signing_offset", "utc"], |w| match w {
            "signing_offset" => Some(Reckoning::SigningOffset),
            "utc" => Some(Reckoning::Utc),
            _ => None,
        })
    }
}

/// A struct read field by field: `record!(d, Name { a, b = default })` reads `a` (which must be
/// there) and `b` (its default when the writer left it out), in that order, and names them in
/// the layout it checks.
macro_rules! record {
    ($d:expr, $name:ident { $($field:ident $(= $default:ident)?),+ $(,)? }) => {
        $d.structure(stringify!($name), &[$(stringify!($field)),+], |d| {
            Ok($name { $($field: record!(@field d $(, $default)?),)+ })
        })
    };
    (@field $d:ident) => { $d.field()? };
    (@field $d:ident, default) => { $d.field_or_default()? };
}

/// The claim rules: read, except in a WebAssembly module that neither judges claims nor loads a
/// policy (the screening half, `pkg/web-screen`), whose answers never reach them: there they are
/// stepped over and left empty, so that the module carries none of their readers.
#[cfg(not(all(
    target_arch = "wasm32",
    not(feature = "claims"),
    not(feature = "policy-loading")
)))]
fn claims(d: &mut Decoder<'_>) -> Result<ClaimRules, FormatError> {
    d.field()
}

#[cfg(all(
    target_arch = "wasm32",
    not(feature = "claims"),
    not(feature = "policy-loading")
))]
fn claims(d: &mut Decoder<'_>) -> Result<ClaimRules, FormatError> {
    use super::document::{Reckoning, WindowClose, WindowRule};
    d.skip_field()?;
    Ok(ClaimRules {
        window: WindowRule {
            days_after_signing: 0,
            closes: WindowClose::EndOfDay,
            reckoned_in: Reckoning::Utc,
            clause: String::new(),
            refusal_clause: String::new(),
        },
        incidents: super::map::Map::new(),
        item_rules: Vec::new(),
        steps: super::map::Map::new(),
    })
}

impl Compiled for PolicyDocument {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<PolicyDocument, FormatError> {
        d.structure(
            "PolicyDocument",
            &[
                "schema",
                "id",
                "version",
                "effective_from",
                "source",
                "clauses",
                "claims",
                "screening",
                "messages",
            ],
            |d| {
                Ok(PolicyDocument {
                    schema: d.field()?,
                    id: d.field()?,
                    version: d.field()?,
                    effective_from: d.field()?,
                    source: d.field()?,
                    clauses: d.field()?,
                    claims: claims(d)?,
                    screening: d.field_or_default()?,
                    messages: d.field()?,
                })
            },
        )
    }
}

impl Compiled for Clause {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<Clause, FormatError> {
        record!(d, Clause { quote })
    }
}

impl Compiled for ClaimRules {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ClaimRules, FormatError> {
        record!(
            d,
            ClaimRules {
                window,
                incidents,
                item_rules,
                steps
            }
        )
    }
}

impl Compiled for StepRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<StepRule, FormatError> {
        record!(d, StepRule { clause, done_by = default })
    }
}

impl Compiled for WindowRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<WindowRule, FormatError> {
        record!(
            d,
            WindowRule {
                days_after_signing,
                closes,
                reckoned_in,
                clause,
                refusal_clause
            }
        )
    }
}

impl Compiled for IncidentRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<IncidentRule, FormatError> {
        record!(d, IncidentRule {
            clause,
            covered_causes,
            required_evidence,
            default_damage,
            next_steps,
            urgent_next_steps = default,
        })
    }
}

impl Compiled for EvidenceGroup {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<EvidenceGroup, FormatError> {
        record!(d, EvidenceGroup { any_of, clause })
    }
}

impl Compiled for ItemRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ItemRule, FormatError> {
        record!(
            d,
            ItemRule {
                id,
                clause,
                when,
                reason
            }
        )
    }
}

impl Compiled for ItemMatch {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ItemMatch, FormatError> {
        record!(d, ItemMatch {
            incident = default,
            cause = default,
            class = default,
            condition = default,
            damage = default,
        })
    }
}

impl Compiled for ScreeningRules {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ScreeningRules, FormatError> {
        record!(d, ScreeningRules {
            classes,
            categories,
            outer_box_terms,
            outer_box_exclude = default,
            context_lists = default,
            senses = default,
            description = default,
            accessories = default,
            notice_clauses,
        })
    }
}

impl Compiled for AccessoryRules {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<AccessoryRules, FormatError> {
        record!(d, AccessoryRules { parts = default, with = default, attached = default, serves = default, closing = default })
    }
}

impl Compiled for DescriptionRules {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<DescriptionRules, FormatError> {
        record!(d, DescriptionRules { boilerplate = default, statements = default, digital_only = default })
    }
}

impl Compiled for ClassTerms {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ClassTerms, FormatError> {
        record!(d, ClassTerms {
            clause,
            terms,
            hints = default,
            vessels = default,
            shapes = default,
            exclude = default,
            unless = default,
            yields_to = default,
        })
    }
}

impl Compiled for ShapeRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<ShapeRule, FormatError> {
        record!(d, ShapeRule { shape, unless = default })
    }
}

/// A term is plain text, or a struct of its text and its context words.
impl Compiled for Term {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<Term, FormatError> {
        if d.at_text() {
            return String::read(d).map(Term::Plain);
        }
        d.structure("Term", &["term", "unless"], |d| {
            Ok(Term::InContext {
                term: d.field()?,
                unless: d.field()?,
            })
        })
    }
}

impl Compiled for CategoryRule {
    #[inline(never)]
    fn read(d: &mut Decoder<'_>) -> Result<CategoryRule, FormatError> {
        record!(d, CategoryRule {
            id,
            marketplace = default,
            path = default,
            codes = default,
            is = default,
            is_not = default,
            unless = default,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;
    use crate::policy::compiled;
    use crate::policy::{SHIPPED_COMPILED, SHIPPED_JSON};

    fn body(bytes: &[u8]) -> &[u8] {
        &bytes[..bytes.len() - 32]
    }

    #[test]
    fn the_shipped_file_reads_back_into_the_document_it_was_written_from() {
        let doc: PolicyDocument = serde_json::from_str(SHIPPED_JSON).unwrap();
        let (_, read): (String, PolicyDocument) =
            compiled::read_unchecked(body(SHIPPED_COMPILED)).unwrap();
        assert_eq!(read, doc);
    }

    /// The document's fields up to `messages`, every one stepped over the way the screening
    /// half steps over the claim rules, and then its messages read.
    struct Stepped(crate::policy::map::Map<String, crate::policy::map::Map<String, String>>);

    impl Compiled for Stepped {
        fn read(d: &mut Decoder<'_>) -> Result<Stepped, FormatError> {
            let fields = &[
                "schema",
                "id",
                "version",
                "effective_from",
                "source",
                "clauses",
                "claims",
                "screening",
                "messages",
            ];
            d.structure("PolicyDocument", fields, |d| {
                for _ in 0..fields.len() - 1 {
                    d.skip_field()?;
                }
                Ok(Stepped(d.field()?))
            })
        }
    }

    #[test]
    fn stepping_over_every_field_lands_where_reading_them_does() {
        // The whole shipped document (its screening rules too), every kind of value inside.
        let doc: PolicyDocument = serde_json::from_str(SHIPPED_JSON).unwrap();
        let (_, stepped): (String, Stepped) =
            compiled::read_unchecked(body(SHIPPED_COMPILED)).unwrap();
        assert_eq!(stepped.0, doc.messages);
        // Cut short anywhere, stepping over is an error, never a panic or a loop.
        let bytes = body(SHIPPED_COMPILED);
        for cut in (0..bytes.len()).step_by(997) {
            assert!(compiled::read_unchecked::<Stepped>(&bytes[..cut]).is_err());
        }
    }

    #[test]
    fn fields_left_out_by_the_writer_read_as_their_defaults() {
        let mut doc: PolicyDocument = serde_json::from_str(SHIPPED_JSON).unwrap();
        doc.claims
            .steps
            .values_mut()
            .for_each(|s| s.done_by.clear());
        doc.screening.categories.iter_mut().for_each(|c| {
            c.marketplace = None;
            c.unless.clear();
        });
        let bytes = compiled::write("h", &doc, |_| [0; 32]).unwrap();
        let (hash, read): (String, PolicyDocument) =
            compiled::read_unchecked(body(&bytes)).unwrap();
        assert_eq!((hash.as_str(), read), ("h", doc));
    }

    #[test]
    fn a_word_outside_the_vocabulary_is_refused_with_the_words_it_could_be() {
        let bytes = compiled::write("h", &vec!["damaged", "exploded"], |_| [0; 32]).unwrap();
        let err = compiled::read_unchecked::<Vec<Incident>>(body(&bytes)).unwrap_err();
        assert!(err.what.contains("`exploded`"), "{err}");
        assert!(err.what.contains("lost_in_transit"), "{err}");
        let ok = compiled::write("h", &vec!["damaged"], |_| [0; 32]).unwrap();
        let (_, read) = compiled::read_unchecked::<Vec<Incident>>(body(&ok)).unwrap();
        assert_eq!(read, vec![Incident::Damaged]);
    }

    #[test]
    fn a_map_holding_one_key_twice_is_refused() {
        let twice = vec![("a", "x"), ("a", "y")];
        struct Pairs<'a>(&'a [(&'a str, &'a str)]);
        impl serde::Serialize for Pairs<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_map(self.0.iter().copied())
            }
        }
        let bytes = compiled::write("h", &Pairs(&twice), |_| [0; 32]).unwrap();
        let err = compiled::read_unchecked::<crate::policy::map::Map<String, String>>(body(&bytes))
            .unwrap_err();
        assert!(err.what.contains("twice"), "{err}");
    }
}
