//! The category rule a listing is filed under: its marketplace's code or path looked up in the
//! index built from the policy's category rules when the first listing with a category is
//! screened. The rule found outweighs the words of the title and description (`scan.rs`).

use crate::policy::document::code_number;
use crate::screen::spans::WordSet;
use crate::screen::{path_key, scope_key, CategoryIndex, CompiledCategoryRule, Listing, Screener};
use crate::text::fold;

impl Screener {
    /// The category rule that decides a listing's classes, if any.
    ///
    /// A rule matches by the listing's `category_code` (exactly, or by a prefix the rule writes
    /// as `001*`) or by its `category` path (the rule's path is a prefix of it), unless one of its `unless` words was `seen` in the
    /// title (`seen`: the title's context words); the most specific match wins: a code, else the longest path. Codes are read in
    /// the listing's marketplace's taxonomy when the policy has rules for it (a Rakuten genre id
    /// is not a Mercari code), else in Mercari's; a path no rule of the marketplace's own matches
    /// is tried against Mercari's paths as well, since marketplaces name their tops alike.
    pub(super) fn category_rule(
        &self,
        listing: &Listing,
        seen: &WordSet,
    ) -> Option<&CompiledCategoryRule> {
        if listing.category_code.is_none() && listing.category.is_empty() {
            return None;
        }
        // Indexed when the first listing with a category is screened: a page of titles alone
        // never pays for folding and sorting the rules' paths.
        let index = self
            .index
            .get_or_init(|| CategoryIndex::new(self.categories(), fold));
        // Of the rules `index` files under `key`, the first in document order that no `unless`
        // word sets aside.
        let first_kept = |index: &[(String, usize)], key: &str| {
            let from = index.partition_point(|(k, _)| k.as_str() < key);
            index
                .get(from..)
                .unwrap_or_default()
                .iter()
                .take_while(|(k, _)| k == key)
                .filter_map(|&(_, i)| self.categories().get(i))
                .find(|r| !self.set_aside(r.unless, |w| seen.contains(w)))
        };
        let own = listing.marketplace.filter(|m| index.scoped.contains(m));
        let scope = scope_key(own);
        if let Some(code) = &listing.category_code {
            // The code itself, else the longest prefix a rule names with `*` (a Rakuten Books
            // genre id carries its ancestors' ids as prefixes: 001001 is under 001).
            let exact = format!("{scope}{code}");
            if let Some(rule) = first_kept(&index.by_code, &exact) {
                return Some(rule);
            }
            // Then a range that holds it, the first in document order.
            if let Some(n) = code_number(code) {
                let in_range = index
                    .by_range
                    .iter()
                    .filter(|&&(s, lo, hi, _)| s == scope && (lo..=hi).contains(&n))
                    .filter_map(|&(_, _, _, i)| self.categories().get(i))
                    .find(|r| !self.set_aside(r.unless, |w| seen.contains(w)));
                if in_range.is_some() {
                    return in_range;
                }
            }
            let mut key = String::with_capacity(exact.len() + 1);
            for end in (1..=code.len()).rev().filter(|&e| code.is_char_boundary(e)) {
                key.clear();
                key.push_str(scope);
                key.push_str(code.get(..end).unwrap_or_default());
                key.push('*');
                if let Some(rule) = first_kept(&index.by_code, &key) {
                    return Some(rule);
                }
            }
        }
        if listing.category.is_empty() {
            return None;
        }
        let depth = listing.category.len().min(index.max_path_len);
        let mut tail = String::new();
        let mut ends = Vec::with_capacity(depth);
        for written in listing.category.iter().take(depth) {
            let known = index
                .segment_folds
                .binary_search_by(|(w, _)| w.as_str().cmp(written))
                .ok()
                .and_then(|at| index.segment_folds.get(at))
                .and_then(|&(_, i)| index.folded_segments.get(i));
            match known {
                Some(folded) => path_key(&mut tail, folded),
                None => path_key(&mut tail, &fold(written)),
            }
            ends.push(tail.len());
        }
        let longest = |scope: &str| {
            let key = format!("{scope}{tail}");
            ends.iter()
                .rev()
                .find_map(|&end| first_kept(&index.by_path, key.get(..scope.len() + end)?))
        };
        longest(scope).or_else(|| own.and_then(|_| longest(scope_key(None))))
    }
}
