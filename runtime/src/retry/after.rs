//! Reading a `Retry-After` header: a number of seconds or an HTTP date.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderValue;

/// The wait a `Retry-After` value asks for, measured from `now`.
///
/// `120` means two minutes; `Wed, 21 Oct 2015 07:28:00 GMT` means until that
/// moment (no wait when it has passed). A number too large to represent
/// gives [`Duration::MAX`]; anything else that is not one of the two forms
/// gives `None`.
pub(crate) fn parse(value: &HeaderValue, now: SystemTime) -> Option<Duration> {
    let text = value.to_str().ok()?.trim();
    if !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()) {
        return Some(
            text.parse::<u64>()
                .map_or(Duration::MAX, Duration::from_secs),
        );
    }
    let moment = httpdate::parse_http_date(text).ok()?;
    Some(moment.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str, now: SystemTime) -> Option<Duration> {
        parse(&HeaderValue::from_str(text).unwrap(), now)
    }

    #[test]
    fn seconds_are_read_as_a_delay() {
        let now = SystemTime::now();
        assert_eq!(parse_text("0", now), Some(Duration::ZERO));
        assert_eq!(parse_text(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(
            parse_text("99999999999999999999999", now),
            Some(Duration::MAX)
        );
    }

    #[test]
    fn a_date_is_read_as_the_time_until_it() {
        let now = httpdate::parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT").unwrap();
        assert_eq!(
            parse_text("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_text("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
    }

    #[test]
    fn other_values_are_ignored() {
        let now = SystemTime::now();
        for text in [
            "",
            "-1",
            "+5",
            "1.5",
            "soon",
            "Wed, 32 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(parse_text(text, now), None, "{text:?}");
        }
    }
}
