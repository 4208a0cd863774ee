//! Property tests of the claim window arithmetic ("within 5 days after signing for the delivery").
//!
//! For signing instants anywhere in 1970–2400, every UTC offset from -23:59 to +23:59 (minute
//! granularity), windows of 1 to 365 days, both ways of closing (end of day, exact) and both
//! reckonings (the signing offset, UTC): the deadline is never before signing; its calendar date
//! in the reckoning offset is the signing date plus the days; an end-of-day deadline is
//! 23:59:59.999999999 local; `contains` is exactly the closed interval from signing to the
//! deadline (in at the deadline, out one nanosecond later); the time left never grows as `now`
//! advances and is zero once closed. And no `DateTime` at all — near chrono's minimum and
//! maximum included — makes the window panic.

#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use aftersales::claim::ClaimWindow;
use aftersales::policy::document::{Reckoning, WindowClose, WindowRule};
use chrono::{DateTime, Duration, FixedOffset, NaiveTime, Utc};
use proptest::prelude::*;

/// 1970-01-01T00:00:00Z and 2400-12-31T23:59:59Z.
const FROM: i64 = 0;
const TO: i64 = 13_601_548_799;
/// ±23:59 in seconds.
const MAX_OFFSET_MIN: i32 = 23 * 60 + 59;

fn rule(days: u32, closes: WindowClose, reckoned_in: Reckoning) -> WindowRule {
    WindowRule {
        days_after_signing: days,
        closes,
        reckoned_in,
        clause: "signing.report_within_5_days".into(),
        refusal_clause: "damaged_lost.2".into(),
    }
}

fn instant(secs: i64, nanos: u32, offset_min: i32) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_min * 60).unwrap();
    DateTime::from_timestamp(secs, nanos)
        .unwrap()
        .with_timezone(&offset)
}

fn closes() -> impl Strategy<Value = WindowClose> {
    prop_oneof![Just(WindowClose::EndOfDay), Just(WindowClose::Exact)]
}

fn reckonings() -> impl Strategy<Value = Reckoning> {
    prop_oneof![Just(Reckoning::SigningOffset), Just(Reckoning::Utc)]
}

fn reckoning_offset(r: Reckoning, signed: DateTime<FixedOffset>) -> FixedOffset {
    match r {
        Reckoning::SigningOffset => *signed.offset(),
        Reckoning::Utc => FixedOffset::east_opt(0).unwrap(),
    }
}

prop_compose! {
    fn signing()(
        secs in FROM..=TO,
        nanos in 0u32..1_000_000_000,
        offset in -MAX_OFFSET_MIN..=MAX_OFFSET_MIN,
    ) -> DateTime<FixedOffset> {
        instant(secs, nanos, offset)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn the_deadline_is_never_before_signing(
        signed in signing(), days in 1u32..=365, c in closes(), r in reckonings(),
    ) {
        let w = ClaimWindow::new(&rule(days, c, r), signed).unwrap();
        prop_assert!(w.last_moment() >= signed);
        prop_assert_eq!(w.signed_at(), signed);
    }

    #[test]
    fn the_deadline_falls_on_the_signing_date_plus_the_days_in_the_reckoning_offset(
        signed in signing(), days in 1u32..=365, c in closes(), r in reckonings(),
    ) {
        let w = ClaimWindow::new(&rule(days, c, r), signed).unwrap();
        let offset = reckoning_offset(r, signed);
        let signed_date = signed.with_timezone(&offset).date_naive();
        let deadline_date = w.last_moment().with_timezone(&offset).date_naive();
        prop_assert_eq!(deadline_date, signed_date + Duration::days(i64::from(days)));
    }

    #[test]
    fn an_end_of_day_deadline_is_the_last_nanosecond_of_the_local_day(
        signed in signing(), days in 1u32..=365, r in reckonings(),
    ) {
        let w = ClaimWindow::new(&rule(days, WindowClose::EndOfDay, r), signed).unwrap();
        let local = w.last_moment().with_timezone(&reckoning_offset(r, signed));
        prop_assert_eq!(
            local.time(),
            NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap()
        );
        prop_assert_eq!(*w.last_moment().offset(), reckoning_offset(r, signed));
        // The millisecond deadline shows the same local day and 23:59:59.999.
        prop_assert!(w.deadline_rfc3339().contains("T23:59:59.999"));
    }

    #[test]
    fn an_exact_deadline_is_days_times_24_hours_after_signing(
        signed in signing(), days in 1u32..=365, r in reckonings(),
    ) {
        let w = ClaimWindow::new(&rule(days, WindowClose::Exact, r), signed).unwrap();
        prop_assert_eq!(w.last_moment() - signed, Duration::days(i64::from(days)));
    }

    #[test]
    fn the_window_is_in_at_the_deadline_and_out_one_nanosecond_later(
        signed in signing(), days in 1u32..=365, c in closes(), r in reckonings(),
    ) {
        let w = ClaimWindow::new(&rule(days, c, r), signed).unwrap();
        let one = Duration::nanoseconds(1);
        prop_assert!(w.contains(signed));
        prop_assert!(!w.contains(signed - one));
        prop_assert!(w.contains(w.last_moment()));
        prop_assert!(!w.contains(w.last_moment() + one));
        prop_assert_eq!(w.remaining_ms(w.last_moment() + one), 0);
    }

    #[test]
    fn contains_is_exactly_the_interval_from_signing_to_the_deadline(
        signed in signing(), days in 1u32..=365, c in closes(), r in reckonings(),
        // From a day before signing to two days after the longest window, to the nanosecond.
        probe in -86_400_000_000_000i64..=367 * 86_400_000_000_000,
        probe_offset in -MAX_OFFSET_MIN..=MAX_OFFSET_MIN,
    ) {
        let w = ClaimWindow::new(&rule(days, c, r), signed).unwrap();
        let at = (signed + Duration::nanoseconds(probe))
            .with_timezone(&FixedOffset::east_opt(probe_offset * 60).unwrap());
        prop_assert_eq!(w.contains(at), signed <= at && at <= w.last_moment());
    }

    #[test]
    fn time_left_never_grows_and_is_zero_once_closed(
        signed in signing(), days in 1u32..=365, c in closes(), r in reckonings(),
        a in -86_400_000_000_000i64..=367 * 86_400_000_000_000,
        b in -86_400_000_000_000i64..=367 * 86_400_000_000_000,
    ) {
        let w = ClaimWindow::new(&rule(days, c, r), signed).unwrap();
        let (early, late) = (a.min(b), a.max(b));
        let t1 = signed + Duration::nanoseconds(early);
        let t2 = signed + Duration::nanoseconds(late);
        prop_assert!(w.remaining_ms(t1) >= w.remaining_ms(t2));
        prop_assert!(w.remaining_ms(t2) >= 0);
        if t2 > w.last_moment() {
            prop_assert_eq!(w.remaining_ms(t2), 0);
        }
        if w.contains(t1) && t1 <= w.last_moment() - Duration::milliseconds(1) {
            prop_assert!(w.remaining_ms(t1) > 0);
        }
    }

    #[test]
    fn no_instant_in_chrono_s_range_makes_the_window_panic(
        secs in DateTime::<Utc>::MIN_UTC.timestamp()..=DateTime::<Utc>::MAX_UTC.timestamp(),
        nanos in 0u32..1_000_000_000,
        offset in -MAX_OFFSET_MIN..=MAX_OFFSET_MIN,
        days in 1u32..=365, c in closes(), r in reckonings(),
    ) {
        let Some(t) = DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
        let signed = t.with_timezone(&FixedOffset::east_opt(offset * 60).unwrap());
        exercise(signed, days, c, r);
    }

    #[test]
    fn instants_near_chrono_s_minimum_and_maximum_never_panic(
        near_max in any::<bool>(),
        back in 0i64..=400 * 86_400,
        nanos in 0u32..1_000_000_000,
        offset in -MAX_OFFSET_MIN..=MAX_OFFSET_MIN,
        days in 1u32..=365, c in closes(), r in reckonings(),
    ) {
        let secs = if near_max {
            DateTime::<Utc>::MAX_UTC.timestamp() - back
        } else {
            DateTime::<Utc>::MIN_UTC.timestamp() + back
        };
        let Some(t) = DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
        let signed = t.with_timezone(&FixedOffset::east_opt(offset * 60).unwrap());
        exercise(signed, days, c, r);
    }
}

/// Builds the window and uses every method; an error is fine, a panic is not.
fn exercise(signed: DateTime<FixedOffset>, days: u32, c: WindowClose, r: Reckoning) {
    if let Ok(w) = ClaimWindow::new(&rule(days, c, r), signed) {
        assert!(w.last_moment() >= signed);
        let _ = w.deadline_rfc3339();
        let _ = w.contains(signed);
        let _ = w.remaining_ms(signed);
        let _ = w.remaining_ms(DateTime::<Utc>::MIN_UTC.fixed_offset());
        let _ = w.remaining_ms(DateTime::<Utc>::MAX_UTC.fixed_offset());
    }
}

#[test]
fn the_first_and_last_instants_chrono_knows_never_panic() {
    let ends = [
        DateTime::<Utc>::MIN_UTC.fixed_offset(),
        DateTime::<Utc>::MAX_UTC.fixed_offset(),
    ];
    for t in ends {
        for offset in [-MAX_OFFSET_MIN, -1, 0, 1, MAX_OFFSET_MIN] {
            let t = t.with_timezone(&FixedOffset::east_opt(offset * 60).unwrap());
            for days in [1, 5, 365] {
                for c in [WindowClose::EndOfDay, WindowClose::Exact] {
                    for r in [Reckoning::SigningOffset, Reckoning::Utc] {
                        exercise(t, days, c, r);
                    }
                }
            }
        }
    }
}

#[test]
fn judging_at_an_instant_with_no_local_time_is_an_error_not_a_panic() {
    let checker = aftersales::Checker::shipped();
    let claim: aftersales::Claim = serde_json::from_str(
        r#"{"order_id": "A-1", "signed_at": "2024-03-01T18:00:00+09:00",
            "incident": "damaged", "cause": "unknown",
            "items": [{"id": "1", "class": "ordinary", "condition": "new"}]}"#,
    )
    .unwrap();
    let east = FixedOffset::east_opt(MAX_OFFSET_MIN * 60).unwrap();
    let now = DateTime::<Utc>::MAX_UTC.with_timezone(&east);
    let err = checker
        .judge(&claim, now, aftersales::Locale::En)
        .unwrap_err();
    assert_eq!(err.code(), "invalid_timestamp");
    assert_eq!(err.path(), "now");
}
