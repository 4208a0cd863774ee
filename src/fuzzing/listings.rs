//! The screening fuzz target: [`screen`] screens listings with arbitrary Unicode in every
//! field, and [`check_screening`] holds the invariants every screening keeps.

use crate::i18n::Locale;
use crate::limits;
use crate::policy::vocabulary::{Condition, ItemClass, Notice};
use crate::screen::{Field, Listing, Marketplace, Screening};
use crate::text::{fold, Folded};
use crate::Checker;

use super::{check_error, ensure, shipped, Broken, Bytes};

const MARKETPLACES: &[Marketplace] = &[
    Marketplace::Mercari,
    Marketplace::Rakuma,
    Marketplace::AmazonJp,
    Marketplace::Surugaya,
    Marketplace::Sofmap,
    Marketplace::Amiami,
    Marketplace::YahooAuctions,
    Marketplace::Other,
];

/// Text from bytes: UTF-8 (invalid sequences become U+FFFD) or UTF-16LE (lone surrogates
/// become U+FFFD), so that every Unicode plane is a short mutation away.
pub(crate) fn text(bytes: &[u8], utf16: bool) -> String {
    if utf16 {
        let units: Vec<u16> = bytes
            .chunks(2)
            .map(|c| {
                u16::from_le_bytes([
                    c.first().copied().unwrap_or(0),
                    c.get(1).copied().unwrap_or(0),
                ])
            })
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

/// Fuzz target `screen`: byte 0 chooses the fields, the encoding, the condition, the
/// marketplace and the locale; the rest, split at `0xFF` bytes, is the title, the description
/// and the category path.
pub fn screen(data: &[u8]) -> Result<(), Broken> {
    let mut b = Bytes::new(data);
    let flags = b.byte();
    let locale = b.pick(Locale::ALL).unwrap_or_default();
    let utf16 = flags & 1 != 0;
    let mut parts = b.rest().split(|&x| x == 0xFF);
    let title = text(parts.next().unwrap_or_default(), utf16);
    let description = parts.next().map(|d| text(d, utf16));
    let category: Vec<String> = parts.map(|c| text(c, utf16)).collect();
    let mut listing = Listing::titled("f1", &title);
    if flags & 2 != 0 {
        listing.description = description;
    }
    if flags & 4 != 0 {
        listing.category_code = category.last().cloned();
    }
    listing.category = category;
    listing.condition = match (flags >> 3) & 3 {
        1 => Some(Condition::New),
        2 => Some(Condition::SecondHand),
        _ => None,
    };
    listing.marketplace = MARKETPLACES.get(usize::from(flags >> 5)).copied();
    check_fold(&listing.title)?;
    if let Some(d) = &listing.description {
        check_fold(d)?;
    }
    check_screen(shipped(), &listing, locale)
}

/// Folding agrees with its own map: `fold` and `Folded` give the same text, and every folded
/// range maps to an ordered range inside the original.
pub(crate) fn check_fold(original: &str) -> Result<(), Broken> {
    let folded = Folded::new(original);
    ensure(fold(original) == folded.as_str(), || {
        format!("fold and Folded disagree on {original:?}")
    })?;
    let utf16_len = original.encode_utf16().count();
    let boundaries: Vec<usize> = folded
        .as_str()
        .char_indices()
        .map(|(i, _)| i)
        .chain([folded.as_str().len()])
        .collect();
    let step = (boundaries.len() / 64).max(1);
    let mut last_start = 0;
    for (k, &start) in boundaries.iter().enumerate().step_by(step) {
        let end = boundaries.get(k + 1).copied().unwrap_or(start);
        let span = folded.original_utf16(start..end);
        let bytes = folded.original_bytes(start..end);
        ensure(
            span.start <= span.end && span.end <= utf16_len && span.start >= last_start,
            || format!("folded {start}..{end} of {original:?} maps to {span:?}"),
        )?;
        ensure(original.get(bytes.clone()).is_some(), || {
            format!("folded {start}..{end} of {original:?} maps to bytes {bytes:?}")
        })?;
        last_start = span.start;
    }
    Ok(())
}

/// Screens a listing and checks the answer.
pub(crate) fn check_screen(
    checker: &Checker,
    listing: &Listing,
    locale: Locale,
) -> Result<(), Broken> {
    let screening = match checker.screen(listing, locale) {
        Ok(s) => s,
        Err(e) => {
            check_error(&e)?;
            return ensure(e.code() == "too_large", || {
                format!("a listing was refused with `{e}`")
            });
        }
    };
    check_screening(listing, &screening)?;
    let pair = [listing.clone(), listing.clone()];
    match checker.screen_batch(&pair, locale) {
        Ok(batch) => ensure(batch.iter().all(|s| *s == screening), || {
            "screen_batch disagrees with screen".to_owned()
        })?,
        Err(e) => {
            return Err(Broken(format!(
                "screen_batch failed where screen did not: {e}"
            )))
        }
    }
    let json = serde_json::to_string(&screening)
        .map_err(|e| Broken(format!("a screening does not serialize: {e}")))?;
    let back: Screening = serde_json::from_str(&json)
        .map_err(|e| Broken(format!("a screening does not read back: {e}")))?;
    ensure(back == screening, || {
        "a screening changed in JSON".to_owned()
    })
}

/// The invariants of one screening.
pub fn check_screening(listing: &Listing, s: &Screening) -> Result<(), Broken> {
    ensure(s.id == listing.id, || "the id changed".to_owned())?;
    let flagged = |c: ItemClass| s.flags.iter().any(|f| f.class == c);
    ensure(s.fragile == flagged(ItemClass::Fragile), || {
        "`fragile` disagrees with the flags".to_owned()
    })?;
    ensure(
        s.non_compensable == (flagged(ItemClass::CdDvdBd) || flagged(ItemClass::PaperProduct)),
        || "`non_compensable` disagrees with the flags".to_owned(),
    )?;
    let class = [
        ItemClass::Fragile,
        ItemClass::CdDvdBd,
        ItemClass::PaperProduct,
    ]
    .into_iter()
    .find(|c| flagged(*c))
    .unwrap_or(ItemClass::Ordinary);
    ensure(s.class == class, || {
        format!("class `{}` but the flags say `{class}`", s.class)
    })?;
    for (i, f) in s.flags.iter().enumerate() {
        ensure(f.class != ItemClass::Ordinary, || {
            "an ordinary flag".to_owned()
        })?;
        ensure(
            !s.flags.iter().skip(i + 1).any(|g| g.class == f.class),
            || format!("`{}` is flagged twice", f.class),
        )?;
        ensure(!f.message.is_empty() && !f.clause.is_empty(), || {
            format!("flag `{}` has no message or clause", f.class)
        })?;
    }
    for field in [Field::Title, Field::Description, Field::Category] {
        let n = s.findings.iter().filter(|f| f.field == field).count();
        ensure(n <= limits::MAX_FINDINGS_PER_FIELD, || {
            format!("{n} findings in one field")
        })?;
    }
    for f in &s.findings {
        ensure(flagged(f.class), || {
            format!("a `{}` finding without its flag", f.class)
        })?;
        let field: &str = match f.field {
            Field::Title => &listing.title,
            Field::Description => listing.description.as_deref().unwrap_or_default(),
            Field::Category => {
                return Err(Broken(
                    "a finding in the category, which is not scanned for terms".to_owned(),
                ))
            }
        };
        let units: Vec<u16> = field.encode_utf16().collect();
        let (start, end) = (f.start as usize, f.end as usize);
        ensure(start <= end && end <= units.len(), || {
            format!(
                "span {start}..{end} outside a field of {} units",
                units.len()
            )
        })?;
        let at: Vec<u16> = units.get(start..end).unwrap_or_default().to_vec();
        let text: Vec<u16> = f.text.encode_utf16().collect();
        ensure(at == text, || {
            format!(
                "span {start}..{end} is {:?}, the finding says {:?}",
                String::from_utf16_lossy(&at),
                f.text
            )
        })?;
        ensure(start < end, || format!("empty finding of `{}`", f.term))?;
    }
    let has = |n: Notice| s.notices.iter().any(|x| x.notice == n);
    ensure(
        has(Notice::SecondHandWear) == (listing.condition == Some(Condition::SecondHand))
            && has(Notice::MayBeUnsealed) == (listing.condition == Some(Condition::New)),
        || "the condition notices disagree with the condition".to_owned(),
    )
}
