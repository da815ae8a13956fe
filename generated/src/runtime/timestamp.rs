//! Times in Stripe's API.

use serde::{Deserialize, Serialize};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// A time as Stripe sends it: whole seconds since the Unix epoch (`format: unix-time`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.0
    }

    /// The time as a [`SystemTime`].
    pub fn to_system_time(self) -> SystemTime {
        let magnitude = Duration::from_secs(self.0.unsigned_abs());
        if self.0 >= 0 {
            UNIX_EPOCH + magnitude
        } else {
            UNIX_EPOCH - magnitude
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Timestamp;
    use std::time::{Duration, UNIX_EPOCH};

    #[test]
    fn seconds_on_the_wire() {
        let t: Timestamp = serde_json::from_str("1234567890").unwrap();
        assert_eq!(
            t.to_system_time(),
            UNIX_EPOCH + Duration::from_secs(1_234_567_890)
        );
        assert_eq!(serde_json::to_string(&t).unwrap(), "1234567890");
        assert_eq!(
            Timestamp(-1).to_system_time(),
            UNIX_EPOCH - Duration::from_secs(1)
        );
    }
}
