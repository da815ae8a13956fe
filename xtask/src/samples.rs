//! Statistics of timed samples, shared by the measuring tasks (`bench`, `build-cost`).

use std::time::Duration;

/// The middle value (the mean of the two middle ones for an even count); zero for none.
pub fn median(values: &[Duration]) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let mid = sorted.len() / 2;
    match sorted.len() {
        0 => Duration::ZERO,
        n if n % 2 == 1 => sorted[mid],
        _ => (sorted[mid - 1] + sorted[mid]) / 2,
    }
}

/// The smallest value; zero for none.
pub fn fastest(values: &[Duration]) -> Duration {
    values.iter().copied().min().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_even_and_no_values() {
        let ms = Duration::from_millis;
        assert_eq!(median(&[ms(30), ms(10), ms(20)]), ms(20));
        assert_eq!(median(&[ms(40), ms(10), ms(20), ms(30)]), ms(25));
        assert_eq!(median(&[ms(7)]), ms(7));
        assert_eq!(median(&[]), Duration::ZERO);
    }

    #[test]
    fn fastest_of_some_and_no_values() {
        let ms = Duration::from_millis;
        assert_eq!(fastest(&[ms(30), ms(10), ms(20)]), ms(10));
        assert_eq!(fastest(&[]), Duration::ZERO);
    }
}
