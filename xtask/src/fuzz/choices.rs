//! Where the engine's decisions come from: the [`Choices`] trait, the seeded PRNG behind
//! `cargo xtask fuzz` ([`case_choices`]), and the clamped picks every mutation makes with them.

/// Where the mutation engine takes its decisions from: a seeded PRNG, or a fuzzer's input bytes.
///
/// An implementation may return anything; the engine clamps what it gets, so a source that runs
/// dry (returning 0) only makes the remaining decisions the first option.
pub trait Choices {
    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;

    /// A coin toss.
    fn bool(&mut self) -> bool {
        self.below(2) == 1
    }

    /// True `percent` times in a hundred.
    fn percent(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

impl Choices for fastrand::Rng {
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.usize(..n) }
    }
}

/// An index into a collection of `len` items (`len` > 0), whatever the source returns.
pub(super) fn index(c: &mut impl Choices, len: usize) -> usize {
    c.below(len).min(len.saturating_sub(1))
}

/// One item of a non-empty list.
pub(super) fn one<T: Copy>(c: &mut impl Choices, items: &[T]) -> T {
    items[index(c, items.len())]
}

/// A count in `1..=max`, small more often than large.
pub(super) fn count(c: &mut impl Choices, max: usize) -> usize {
    let bound = 1 + c.below(max);
    1 + c.below(bound).min(max - 1)
}

/// The choices of case `index` of `seed`.
pub fn case_choices(seed: u64, index: u64) -> fastrand::Rng {
    // SplitMix64 of the pair, so that neighbouring cases do not start alike.
    let mut z = seed ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    fastrand::Rng::with_seed(z ^ (z >> 31))
}
