//! The claim window: "within 5 days after signing for the delivery", as arithmetic.
//!
//! By default the window closes at the end of the 5th calendar day after the day of signing,
//! counted in the UTC offset of the signing timestamp: signed 1 March 18:00+09:00, the last
//! moment is 6 March 23:59:59.999999999+09:00. The policy document can instead count in UTC or
//! close exactly `days × 24 h` after signing ([`WindowRule`]). Offsets are fixed (RFC 3339 gives
//! one), so there is no daylight-saving ambiguity; chrono's calendar handles month ends and leap
//! days. Every operation is checked: a timestamp near the end of chrono's range is an error,
//! never a panic.

use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, NaiveTime, TimeDelta};

use crate::error::{Error, ErrorKind};
use crate::policy::document::{Reckoning, WindowClose, WindowRule};

/// The window in which a claim must reach customer service.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimWindow {
    signed_at: DateTime<FixedOffset>,
    last_moment: DateTime<FixedOffset>,
}

impl ClaimWindow {
    /// The window for a parcel signed for at `signed_at`.
    ///
    /// ```
    /// use aftersales::claim::ClaimWindow;
    /// use aftersales::Policy;
    /// let policy = Policy::shipped();
    /// let signed = chrono::DateTime::parse_from_rfc3339("2024-03-01T18:00:00+09:00").unwrap();
    /// let w = ClaimWindow::new(&policy.document().claims.window, signed).unwrap();
    /// assert_eq!(w.deadline_rfc3339(), "2024-03-06T23:59:59.999+09:00");
    /// ```
    pub fn new(rule: &WindowRule, signed_at: DateTime<FixedOffset>) -> Result<ClaimWindow, Error> {
        // Formats the UTC reading: a `DateTime` near the end of chrono's range may have no local
        // reading at all (its `Display` would panic).
        let out_of_range = || {
            Error::new(
                ErrorKind::InvalidTimestamp,
                "signed_at",
                format!(
                    "`{} UTC` is too near the end of time to reckon a claim window",
                    signed_at.naive_utc()
                ),
            )
        };
        local(signed_at).ok_or_else(out_of_range)?;
        let days =
            TimeDelta::try_days(i64::from(rule.days_after_signing)).ok_or_else(out_of_range)?;
        let last_moment = match rule.closes {
            WindowClose::Exact => signed_at
                .checked_add_signed(days)
                .filter(|t| local(*t).is_some())
                .ok_or_else(out_of_range)?,
            WindowClose::EndOfDay => {
                let offset = match rule.reckoned_in {
                    Reckoning::SigningOffset => *signed_at.offset(),
                    Reckoning::Utc => FixedOffset::east_opt(0).ok_or_else(out_of_range)?,
                };
                let signed_local = signed_at
                    .naive_utc()
                    .checked_add_offset(offset)
                    .ok_or_else(out_of_range)?;
                // The first day after the window: its midnight, minus one nanosecond.
                let after = signed_local
                    .date()
                    .checked_add_signed(days)
                    .and_then(|d| d.succ_opt())
                    .ok_or_else(out_of_range)?;
                let last_utc = after
                    .and_time(NaiveTime::MIN)
                    .checked_sub_offset(offset)
                    .and_then(|midnight| midnight.checked_sub_signed(Duration::nanoseconds(1)))
                    .ok_or_else(out_of_range)?;
                DateTime::from_naive_utc_and_offset(last_utc, offset)
            }
        };
        Ok(ClaimWindow {
            signed_at,
            last_moment,
        })
    }

    /// When the parcel was signed for.
    pub fn signed_at(&self) -> DateTime<FixedOffset> {
        self.signed_at
    }

    /// The last instant at which a report is still in time (inclusive).
    pub fn last_moment(&self) -> DateTime<FixedOffset> {
        self.last_moment
    }

    /// The deadline as RFC 3339 with milliseconds, in the offset it was reckoned in.
    pub fn deadline_rfc3339(&self) -> String {
        self.last_moment
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, false)
    }

    /// Whether an instant is inside the window (signing itself included).
    pub fn contains(&self, at: DateTime<FixedOffset>) -> bool {
        at >= self.signed_at && at <= self.last_moment
    }

    /// Milliseconds left at `now` (0 once closed), rounded down.
    pub fn remaining_ms(&self, now: DateTime<FixedOffset>) -> i64 {
        let left = self.last_moment.signed_duration_since(now);
        left.num_milliseconds().max(0)
    }
}

/// The local reading of `t` in its own offset; `None` when it falls outside chrono's range (a
/// `DateTime` built near the end of time with a large offset, whose `naive_local` would panic).
pub(crate) fn local(t: DateTime<FixedOffset>) -> Option<NaiveDateTime> {
    t.naive_utc().checked_add_offset(*t.offset())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn rule(closes: WindowClose, reckoned_in: Reckoning) -> WindowRule {
        WindowRule {
            days_after_signing: 5,
            closes,
            reckoned_in,
            clause: "signing.report_within_5_days".into(),
            refusal_clause: "damaged_lost.2".into(),
        }
    }

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn end_of_day_window_closes_at_the_end_of_the_fifth_day_in_the_signing_offset() {
        let w = ClaimWindow::new(
            &rule(WindowClose::EndOfDay, Reckoning::SigningOffset),
            t("2024-03-01T18:00:00+09:00"),
        )
        .unwrap();
        assert_eq!(w.deadline_rfc3339(), "2024-03-06T23:59:59.999+09:00");
        assert!(w.contains(t("2024-03-06T23:59:59.999999999+09:00")));
        assert!(!w.contains(t("2024-03-07T00:00:00+09:00")));
    }

    #[test]
    fn utc_reckoning_counts_days_in_utc() {
        // 1 March 02:00+09:00 is 29 Feb 17:00 UTC (2024 is a leap year).
        let w = ClaimWindow::new(
            &rule(WindowClose::EndOfDay, Reckoning::Utc),
            t("2024-03-01T02:00:00+09:00"),
        )
        .unwrap();
        assert_eq!(w.deadline_rfc3339(), "2024-03-05T23:59:59.999+00:00");
    }

    #[test]
    fn exact_window_closes_five_times_24_hours_after_signing() {
        let w = ClaimWindow::new(
            &rule(WindowClose::Exact, Reckoning::SigningOffset),
            t("2024-03-01T18:00:00-05:00"),
        )
        .unwrap();
        assert_eq!(w.deadline_rfc3339(), "2024-03-06T18:00:00.000-05:00");
    }

    #[test]
    fn a_timestamp_at_the_end_of_time_is_an_error_not_a_panic() {
        let r = rule(WindowClose::EndOfDay, Reckoning::SigningOffset);
        let end = DateTime::<FixedOffset>::MAX_UTC.fixed_offset();
        assert_eq!(
            ClaimWindow::new(&r, end).unwrap_err().kind(),
            ErrorKind::InvalidTimestamp
        );
    }

    #[test]
    fn an_instant_with_no_local_reading_is_an_error_not_a_panic() {
        let east = FixedOffset::east_opt(23 * 3600 + 59 * 60).unwrap();
        let west = FixedOffset::west_opt(23 * 3600 + 59 * 60).unwrap();
        let max = DateTime::<chrono::Utc>::MAX_UTC.with_timezone(&east);
        let min = DateTime::<chrono::Utc>::MIN_UTC.with_timezone(&west);
        for closes in [WindowClose::EndOfDay, WindowClose::Exact] {
            for t in [max, min] {
                let r = rule(closes, Reckoning::SigningOffset);
                assert_eq!(
                    ClaimWindow::new(&r, t).unwrap_err().kind(),
                    ErrorKind::InvalidTimestamp
                );
            }
        }
        assert!(local(max).is_none());
        assert!(local(t("2024-03-01T18:00:00+09:00")).is_some());
    }

    #[test]
    fn remaining_is_zero_once_closed() {
        let w = ClaimWindow::new(
            &rule(WindowClose::EndOfDay, Reckoning::SigningOffset),
            t("2024-03-01T18:00:00+09:00"),
        )
        .unwrap();
        assert_eq!(w.remaining_ms(t("2024-03-08T00:00:00+09:00")), 0);
        assert_eq!(w.remaining_ms(t("2024-03-06T23:59:58.999+09:00")), 1000);
    }
}
