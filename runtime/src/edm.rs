//! Edm primitive types that JSON carries as text (dates, times, durations, GUIDs, binary).
//!
//! Each keeps the exact text the service sent, so that decoding then encoding a model gives back
//! the same JSON; `as_str` hands the text to the date or UUID crate of the caller's choice.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The text as the service wrote it.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                Self(text)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                Self(text.to_owned())
            }
        }
    };
}

text_type!(
    /// `Edm.DateTimeOffset`: an ISO 8601 date and time with offset (`2014-01-01T00:00:00Z`).
    DateTimeOffset
);
text_type!(
    /// `Edm.Date`: an ISO 8601 date (`2014-01-01`).
    Date
);
text_type!(
    /// `Edm.TimeOfDay`: a time of day (`08:30:00.0000000`).
    TimeOfDay
);
text_type!(
    /// `Edm.Duration`: an ISO 8601 duration (`PT1H30M`).
    Duration
);
text_type!(
    /// `Edm.Guid`: a GUID in its text form.
    Guid
);
text_type!(
    /// `Edm.Binary`: base64 text.
    Binary
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_kept_exactly() {
        let json = "\"2015-11-09T02:14:32.000Z\"";
        let value: DateTimeOffset = serde_json::from_str(json).unwrap();
        assert_eq!(value.as_str(), "2015-11-09T02:14:32.000Z");
        assert_eq!(serde_json::to_string(&value).unwrap(), json);
    }
}
