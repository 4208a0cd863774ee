//! Unicode's lowercase mapping without `std`'s table: the runs `build.rs` writes from this
//! compiler's `char::to_lowercase` (so the two agree char for char, which a test checks over
//! every char), searched by binary search. `std`'s table lists every mapped char with its
//! lowercase and was 12 KB of the WebAssembly module (5 KB gzipped); the runs are about a tenth.

include!(concat!(env!("OUT_DIR"), "/lowercase.rs"));

/// The lowercase of `c`: one char, or several (`İ` → `i̇`), as `char::to_lowercase` gives it.
pub(crate) enum Lower {
    One(char),
    Several(&'static str),
}

/// `c`'s lowercase.
pub(crate) fn lower(c: char) -> Lower {
    let cp = u32::from(c);
    let at = RUNS.partition_point(|&(first, ..)| first <= cp);
    if let Some(&(first, last, offset, stride)) = at.checked_sub(1).and_then(|i| RUNS.get(i)) {
        if cp <= last && (cp - first) % u32::from(stride) == 0 {
            let mapped = i64::from(cp) + i64::from(offset);
            if let Some(one) = u32::try_from(mapped).ok().and_then(char::from_u32) {
                return Lower::One(one);
            }
        }
    }
    match SEVERAL.iter().find(|&&(from, _)| from == cp) {
        Some(&(_, several)) => Lower::Several(several),
        None => Lower::One(c),
    }
}

#[cfg(test)]
mod tests {
    use super::{lower, Lower};

    #[test]
    fn every_char_lowercases_as_std_does() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let ours: String = match lower(c) {
                Lower::One(one) => one.into(),
                Lower::Several(s) => s.to_owned(),
            };
            assert_eq!(
                ours,
                c.to_lowercase().collect::<String>(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn the_runs_are_a_small_fraction_of_the_mapped_chars() {
        assert!(super::RUNS.len() < 400, "{} runs", super::RUNS.len());
        assert_eq!(
            super::SEVERAL.len(),
            1,
            "only İ lowercases to several chars"
        );
    }
}
