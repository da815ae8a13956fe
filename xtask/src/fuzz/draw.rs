//! Drawing a case from the corpus ([`Corpus::case`]): a seed picked, then structure-aware
//! mutations of its JSON value or byte-level mutations of its text; and case N of a seed
//! ([`case_at`]).

use super::cases::{Case, Corpus, Input};
use super::choices::{Choices, case_choices, index, one};
use super::vocabulary::EXTENSIONS;

/// Cases whose seed has a JSON value become byte-level cases this often (percent).
const TEXT_PERCENT: usize = 15;

impl Corpus {
    /// Makes one case: a seed, then structure-aware mutations of its value or byte-level
    /// mutations of its text.
    pub fn case(&self, c: &mut impl Choices) -> Case {
        let seed = &self.seeds[index(c, self.seeds.len())];
        if let Some(value) = &seed.value
            && !c.percent(TEXT_PERCENT)
        {
            let (doc, mutations) = self.mutate(value, c);
            return Case {
                seed: seed.name.clone(),
                mutations,
                input: Input::Document(doc),
            };
        }
        let (mut bytes, mut mutations) = match &seed.value {
            Some(value) if c.bool() => {
                let (doc, mutations) = self.mutate(value, c);
                let text = if c.bool() {
                    serde_json::to_vec_pretty(&doc)
                } else {
                    serde_json::to_vec(&doc)
                };
                (text.unwrap_or_default(), mutations)
            }
            _ => (seed.bytes.clone(), Vec::new()),
        };
        let mut file_name = seed.name.rsplit('/').next().unwrap_or("spec").to_owned();
        if c.percent(20) {
            let stem = file_name.split('.').next().unwrap_or("spec").to_owned();
            file_name = format!("{stem}.{}", one(c, EXTENSIONS));
            mutations.push(format!("read as {file_name}"));
        }
        mutations.extend(self.mutate_bytes(&mut bytes, c));
        Case {
            seed: seed.name.clone(),
            mutations,
            input: Input::Text { file_name, bytes },
        }
    }
}

/// Case `index` of `seed`.
pub fn case_at(corpus: &Corpus, seed: u64, index: u64) -> Case {
    corpus.case(&mut case_choices(seed, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fuzz::cases::tests::corpus;
    use crate::fuzz::mutate::MAX_DEPTH;
    use crate::fuzz::tree::depth;
    use serde_json::Value;

    #[test]
    fn cases_are_deterministic_per_seed_and_index() {
        let corpus = corpus();
        for index in 0..30 {
            let a = case_at(&corpus, 42, index);
            let b = case_at(&corpus, 42, index);
            assert_eq!(a.input.bytes(), b.input.bytes());
            assert_eq!(a.mutations, b.mutations);
        }
        let differ = (0..30)
            .filter(|&i| {
                case_at(&corpus, 42, i).input.bytes() != case_at(&corpus, 43, i).input.bytes()
            })
            .count();
        assert!(differ > 20);
    }

    /// Any source of choices works, even one that runs dry or answers out of range.
    #[test]
    fn the_engine_takes_any_choices() {
        struct Dry;
        impl Choices for Dry {
            fn below(&mut self, _: usize) -> usize {
                0
            }
        }
        struct Wild(u64);
        impl Choices for Wild {
            fn below(&mut self, _: usize) -> usize {
                self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1);
                (self.0 >> 33) as usize
            }
        }
        let corpus = corpus();
        let _ = corpus.case(&mut Dry);
        let mut wild = Wild(3);
        for _ in 0..200 {
            let _ = corpus.case(&mut wild);
        }
    }

    #[test]
    fn mutated_documents_stay_readable() {
        let corpus = corpus();
        let mut deep = 0;
        for index in 0..400 {
            let case = case_at(&corpus, 9, index);
            if let Input::Document(doc) = &case.input {
                let d = depth(doc);
                assert!(d <= MAX_DEPTH, "{d}: {:?}", case.mutations);
                deep = deep.max(d);
                // A saved document reads back as the same value.
                let back: Value = serde_json::from_slice(&case.input.bytes()).unwrap();
                assert_eq!(&back, doc);
            }
        }
        assert!(deep > 40, "no deep document in 400 cases ({deep})");
    }
}
