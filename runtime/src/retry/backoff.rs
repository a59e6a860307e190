//! Exponential backoff with jitter, for retries without `Retry-After`.

use std::time::Duration;

/// The wait before retry number `retry` (1 for the first): `base` doubled
/// for each earlier retry, of which a random half is dropped ("equal
/// jitter"), so clients that failed together do not retry together.
///
/// The result lies between half the doubled delay and all of it.
pub(crate) fn delay(base: Duration, retry: u32) -> Duration {
    let doubled = base.saturating_mul(2u32.saturating_pow(retry.saturating_sub(1)));
    let half = doubled / 2;
    let spread = u64::try_from((doubled - half).as_nanos()).unwrap_or(u64::MAX);
    half.saturating_add(Duration::from_nanos(fastrand::u64(0..=spread)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_within_their_jitter() {
        let base = Duration::from_millis(100);
        for _ in 0..100 {
            for (retry, full) in [(1, 100), (2, 200), (3, 400), (4, 800)] {
                let full = Duration::from_millis(full);
                let wait = delay(base, retry);
                assert!(wait >= full / 2 && wait <= full, "retry {retry}: {wait:?}");
            }
        }
    }

    #[test]
    fn huge_retry_numbers_saturate_without_panicking() {
        assert!(delay(Duration::from_secs(1), u32::MAX) >= Duration::from_secs(1));
        assert!(delay(Duration::MAX, 40) >= Duration::MAX / 2);
        assert_eq!(delay(Duration::ZERO, 3), Duration::ZERO);
    }
}
