//! Calendar dates, as the engine needs them: parsed from `YYYY-MM-DD`, ordered,
//! moved by whole months.
//!
//! The core never reads a clock: "now" is always a date the caller passes (a
//! learner record's `now`). Dates carry no time zone because training records are
//! kept by day.

use std::fmt;
use std::str::FromStr;

/// A date of the proleptic Gregorian calendar, years 1 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    #[error("expected a date written YYYY-MM-DD")]
    Format,
    /// Of that form, but no such day (for example `2026-02-30`).
    #[error("no such day in the calendar")]
    NoSuchDay,
}

fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// A date, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `months` months later, clamped to the end of a shorter month
    /// (31 January + 1 month = 28 or 29 February), as people count validity periods.
    /// Past year 9999, the last day of the calendar (a validity that never ends in
    /// practice), never a date that wrapped around.
    pub fn add_months(self, months: u32) -> Date {
        let total = u64::from(self.year) * 12 + u64::from(self.month) - 1 + u64::from(months);
        if total / 12 > 9999 {
            return Date {
                year: 9999,
                month: 12,
                day: 31,
            };
        }
        let year = (total / 12) as u16;
        let month = (total % 12 + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The day after (the same day at the end of the calendar): a validity that ends
    /// on a day has lapsed from the next.
    pub fn next_day(self) -> Date {
        let epoch = Date {
            year: 1970,
            month: 1,
            day: 1,
        }
        .day_number();
        Date::from_unix_days(self.day_number() + 1 - epoch).unwrap_or(self)
    }

    /// Days since 0001-01-01 (for differences between dates).
    pub fn day_number(self) -> i64 {
        // Days before this year, this month, then the day.
        let y = i64::from(self.year) - 1;
        let mut days = y * 365 + y / 4 - y / 100 + y / 400;
        for m in 1..self.month {
            days += i64::from(days_in_month(self.year, m));
        }
        days + i64::from(self.day) - 1
    }

    /// The day that is `days` days after 1970-01-01, as a host's clock counts
    /// (seconds since the Unix epoch divided by 86,400); `None` outside years 1 to
    /// 9999. The core reads no clock: a command line or a page calls this with its
    /// own.
    pub fn from_unix_days(days: i64) -> Option<Date> {
        // Civil date from a day count (Howard Hinnant's algorithm), on days since
        // 0000-03-01 so that the leap day ends each cycle's year.
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Whole months from `self` to `later` (0 when `later` is not after `self`).
    pub fn months_until(self, later: Date) -> u32 {
        if later <= self {
            return 0;
        }
        let mut months = (u32::from(later.year) * 12 + u32::from(later.month))
            - (u32::from(self.year) * 12 + u32::from(self.month));
        if self.add_months(months) > later {
            months -= 1;
        }
        months
    }
}

impl Date {
    /// A date as French form tools and spreadsheets export it: `JJ/MM/AAAA` (also
    /// with `-` or `.`, day and month on one or two digits) or `AAAA-MM-JJ`, either
    /// optionally followed by a time (`10:30`, `10:30:14`, `T10:30:14Z`,
    /// `10:30:14+01:00`), which is dropped: answers are dated by day. `None` for
    /// anything else (a month name, a two-digit year, a day that does not exist),
    /// rather than a guess.
    pub fn parse_form(text: &str) -> Option<Date> {
        let text = text.trim();
        let split = text
            .char_indices()
            .find(|&(i, c)| c.is_whitespace() || (c == 'T' && i == 10))
            .map_or(text.len(), |(i, _)| i);
        let (day_part, time) = text.split_at(split);
        let time = time.trim_start_matches(|c: char| c.is_whitespace() || c == 'T');
        let time_ok = time.is_empty()
            || (time.starts_with(|c: char| c.is_ascii_digit())
                && time.contains(':')
                && time
                    .chars()
                    .all(|c| c.is_ascii_digit() || ":.,+-Z".contains(c)));
        if !time_ok {
            return None;
        }
        if let Ok(date) = day_part.parse::<Date>() {
            return Some(date);
        }
        let parts: Vec<&str> = day_part.split(['/', '-', '.']).collect();
        let [d, m, y] = parts.as_slice() else {
            return None;
        };
        let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u16>().ok())
                .flatten()
        };
        let (d, m, y) = (number(d, 1..=2)?, number(m, 1..=2)?, number(y, 4..=4)?);
        Date::new(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?)
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = bytes.get(range)?;
            if part.iter().all(u8::is_ascii_digit) {
                Some(part.iter().fold(0, |n, b| n * 10 + u32::from(b - b'0')))
            } else {
                None
            }
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(DateError::Format);
        };
        Date::new(y as u16, m as u8, d as u8).ok_or(DateError::NoSuchDay)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Written `YYYY-MM-DD`, as output gives dates (JSON Schema's `date` format). Named
/// `IsoDate` in the schemas: the TypeScript types made from them would otherwise
/// hide JavaScript's `Date`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "IsoDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date, `YYYY-MM-DD`.",
            "type": "string",
            "format": "date",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Date {
        text.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        assert_eq!(d("2026-02-28").to_string(), "2026-02-28");
        assert_eq!("2026-02-29".parse::<Date>(), Err(DateError::NoSuchDay));
        assert_eq!("2024-02-29".parse::<Date>().map(|d| d.day()), Ok(29));
        for bad in [
            "2026-2-28",
            "26-02-28",
            "2026/02/28",
            "",
            "2026-02-2x",
            "２０２６-02-28",
        ] {
            assert_eq!(bad.parse::<Date>(), Err(DateError::Format), "{bad}");
        }
    }

    #[test]
    fn reads_dates_as_french_forms_export_them() {
        for (text, date) in [
            ("02/03/2026 10:30:14", "2026-03-02"),
            ("2/3/2026", "2026-03-02"),
            ("02-03-2026", "2026-03-02"),
            ("02.03.2026 9:05", "2026-03-02"),
            ("  2026-03-02  ", "2026-03-02"),
            ("2026-03-02T10:30:14Z", "2026-03-02"),
            ("2026-03-02 10:30:14+01:00", "2026-03-02"),
            ("29/02/2024", "2024-02-29"),
        ] {
            assert_eq!(Date::parse_form(text), Some(d(date)), "{text}");
        }
        for bad in [
            "",
            "2 mars 2026",
            "02/03/26",
            "03/02/2026/1",
            "29/02/2026",
            "32/01/2026",
            "02/13/2026",
            "02/03/2026 midi",
            "2026-03-02Tmidi",
            "１２/03/2026",
        ] {
            assert_eq!(Date::parse_form(bad), None, "{bad}");
        }
    }

    #[test]
    fn adds_months_clamping_to_month_end() {
        assert_eq!(d("2026-01-31").add_months(1), d("2026-02-28"));
        assert_eq!(d("2024-01-31").add_months(1), d("2024-02-29"));
        assert_eq!(d("2025-11-15").add_months(14), d("2027-01-15"));
        assert_eq!(d("2026-03-10").add_months(0), d("2026-03-10"));
    }

    #[test]
    fn counts_whole_months_and_days() {
        assert_eq!(d("2026-01-31").months_until(d("2026-02-28")), 1);
        assert_eq!(d("2026-01-15").months_until(d("2026-02-14")), 0);
        assert_eq!(d("2026-01-15").months_until(d("2029-01-15")), 36);
        assert_eq!(d("2026-01-15").months_until(d("2025-01-15")), 0);
        assert_eq!(
            d("2026-03-01").day_number() - d("2026-02-28").day_number(),
            1
        );
        assert_eq!(
            d("2024-03-01").day_number() - d("2024-02-28").day_number(),
            2
        );
        assert_eq!(d("0001-01-01").day_number(), 0);
        assert_eq!(Date::from_unix_days(0), Some(d("1970-01-01")));
        assert_eq!(Date::from_unix_days(20_789), Some(d("2026-12-02")));
        assert_eq!(Date::from_unix_days(-719_162), Some(d("0001-01-01")));
        assert_eq!(Date::from_unix_days(-719_163), None);
        assert_eq!(Date::from_unix_days(i64::MAX), None);
        let mut previous = Date::from_unix_days(-1);
        for n in 0..1_000 {
            let day = Date::from_unix_days(n * 37);
            assert!(day > previous);
            assert_eq!(
                day.map(|x| x.day_number() - d("1970-01-01").day_number()),
                Some(n * 37)
            );
            previous = day;
        }
    }
}
