//! The validator of a policy document: every rule a document must keep beyond its shape.
//!
//! [`validate`] checks a parsed [`PolicyDocument`] as a whole — every clause a rule cites
//! exists, every reason, evidence, next step and notice has a message in every locale, the
//! window is sane, terms are not empty, category codes and ranges are well formed — and names
//! the field of each problem (`claims.incidents.damaged.required_evidence[0].any_of`). Like
//! [`super::document`] it depends on nothing but `serde` and [`super::vocabulary`], so
//! `build.rs` runs it too and a malformed shipped policy fails the build before any test runs.

use super::document::{
    code_number, PolicyDocument, ScreeningRules, TermLists, LOCALES, SCHEMA, TERM_LANGUAGES,
};
use super::map::Map;
use super::vocabulary::{Evidence, Incident, ItemClass, NextStep, Notice, Outcome, ReasonCode};
/// One problem found in a policy document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The field, e.g. `claims.window.days_after_signing`.
    pub path: String,
    /// What is wrong, lowercase, no final period.
    pub message: String,
}

/// The message keys every document must define, in every locale.
pub fn required_message_keys() -> Vec<String> {
    let mut keys = Vec::new();
    keys.extend(ReasonCode::ALL.iter().map(|c| format!("reason.{c}")));
    keys.extend(Outcome::ALL.iter().map(|c| format!("outcome.{c}")));
    keys.extend(Evidence::ALL.iter().map(|c| format!("evidence.{c}")));
    keys.extend(NextStep::ALL.iter().map(|c| format!("next_step.{c}")));
    keys.extend(Notice::ALL.iter().map(|c| format!("notice.{c}")));
    keys.extend(
        ItemClass::ALL
            .iter()
            .filter(|c| **c != ItemClass::Ordinary)
            .map(|c| format!("class.{c}")),
    );
    keys
}

/// Checks a parsed document; returns every problem found (empty when valid).
pub fn validate(doc: &PolicyDocument) -> Vec<Problem> {
    let mut v = Validator::default();
    v.document(doc);
    v.problems
}

#[derive(Default)]
struct Validator {
    problems: Vec<Problem>,
}

impl Validator {
    fn problem(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn non_empty(&mut self, path: &str, value: &str) {
        if value.trim().is_empty() {
            self.problem(path, "must not be empty");
        }
    }

    fn clause(&mut self, doc: &PolicyDocument, path: &str, id: &str) {
        if !doc.clauses.contains_key(id) {
            self.problem(
                path,
                format!("cites clause `{id}`, which `clauses` does not define"),
            );
        }
    }

    fn document(&mut self, doc: &PolicyDocument) {
        if doc.schema != SCHEMA {
            self.problem(
                "schema",
                format!("is `{}`, this crate reads schema `{SCHEMA}`", doc.schema),
            );
        }
        self.non_empty("id", &doc.id);
        self.non_empty("version", &doc.version);
        self.non_empty("source", &doc.source);
        if !is_iso_date(&doc.effective_from) {
            self.problem(
                "effective_from",
                format!(
                    "`{}` is not a date of the form YYYY-MM-DD",
                    doc.effective_from
                ),
            );
        }
        for (id, clause) in &doc.clauses {
            self.non_empty(&format!("clauses.{id}.quote"), &clause.quote);
        }
        self.claims(doc);
        self.screening(doc);
        self.messages(doc);
    }

    fn claims(&mut self, doc: &PolicyDocument) {
        let claims = &doc.claims;
        let w = &claims.window;
        if !(1..=365).contains(&w.days_after_signing) {
            self.problem(
                "claims.window.days_after_signing",
                format!("is `{}`, must be between 1 and 365", w.days_after_signing),
            );
        }
        self.clause(doc, "claims.window.clause", &w.clause);
        self.clause(doc, "claims.window.refusal_clause", &w.refusal_clause);
        for incident in Incident::ALL {
            let Some(rule) = claims.incidents.get(incident) else {
                self.problem(
                    format!("claims.incidents.{incident}"),
                    "is missing: every incident needs a rule",
                );
                continue;
            };
            let base = format!("claims.incidents.{incident}");
            self.clause(doc, &format!("{base}.clause"), &rule.clause);
            if rule.required_evidence.is_empty() {
                self.problem(
                    format!("{base}.required_evidence"),
                    "must list at least one evidence group",
                );
            }
            for (i, group) in rule.required_evidence.iter().enumerate() {
                let path = format!("{base}.required_evidence[{i}]");
                if group.any_of.is_empty() {
                    self.problem(format!("{path}.any_of"), "must not be empty");
                }
                self.no_duplicates(&format!("{path}.any_of"), &group.any_of);
                self.clause(doc, &format!("{path}.clause"), &group.clause);
            }
            self.no_duplicates(&format!("{base}.covered_causes"), &rule.covered_causes);
            self.no_duplicates(&format!("{base}.next_steps"), &rule.next_steps);
            self.no_duplicates(
                &format!("{base}.urgent_next_steps"),
                &rule.urgent_next_steps,
            );
        }
        for step in NextStep::ALL {
            let path = format!("claims.steps.{step}");
            match claims.steps.get(step) {
                Some(rule) => {
                    self.clause(doc, &format!("{path}.clause"), &rule.clause);
                    self.no_duplicates(&format!("{path}.done_by"), &rule.done_by);
                }
                None => self.problem(path, "is missing: every next step needs a clause"),
            }
        }
        let mut ids = super::map::Map::new();
        for (i, rule) in claims.item_rules.iter().enumerate() {
            let base = format!("claims.item_rules[{i}]");
            self.non_empty(&format!("{base}.id"), &rule.id);
            if ids.insert(rule.id.as_str(), ()).is_some() {
                self.problem(format!("{base}.id"), format!("`{}` is used twice", rule.id));
            }
            self.clause(doc, &format!("{base}.clause"), &rule.clause);
            let w = &rule.when;
            if w.incident.is_empty()
                && w.cause.is_empty()
                && w.class.is_empty()
                && w.condition.is_empty()
                && w.damage.is_empty()
            {
                self.problem(
                    format!("{base}.when"),
                    "matches every item: name at least one condition",
                );
            }
            // The claim-level reasons (window, evidence) are decided once per claim, from the
            // window and the incident's evidence; an item rule can only exclude an item.
            if !matches!(
                rule.reason,
                ReasonCode::FragileItem
                    | ReasonCode::NonCompensablePart
                    | ReasonCode::NotADefect
                    | ReasonCode::CauseNotCovered
            ) {
                self.problem(
                    format!("{base}.reason"),
                    format!("`{}` is not a reason to exclude an item", rule.reason),
                );
            }
        }
    }

    fn screening(&mut self, doc: &PolicyDocument) {
        let s = &doc.screening;
        for class in [
            ItemClass::Fragile,
            ItemClass::CdDvdBd,
            ItemClass::PaperProduct,
        ] {
            let base = format!("screening.classes.{class}");
            let Some(terms) = s.classes.get(&class) else {
                self.problem(base, "is missing: every flagged class needs terms");
                continue;
            };
            self.clause(doc, &format!("{base}.clause"), &terms.clause);
            self.term_lists(&format!("{base}.terms"), &terms.terms, true, s);
            self.term_lists(&format!("{base}.hints"), &terms.hints, false, s);
            self.term_lists(&format!("{base}.vessels"), &terms.vessels, false, s);
            // A vessel yields to a material its `unless` names: without one it never would.
            for (lang, list) in &terms.vessels {
                for (i, term) in list.iter().enumerate() {
                    if term.unless().is_empty() {
                        self.problem(
                            format!("{base}.vessels.{lang}[{i}]"),
                            format!(
                                "`{}` names no material in its `unless`: a vessel yields to a description's material, so list it under `terms`",
                                term.text()
                            ),
                        );
                    }
                }
            }
            for (i, rule) in terms.shapes.iter().enumerate() {
                let path = format!("{base}.shapes[{i}]");
                if terms
                    .shapes
                    .get(..i)
                    .is_some_and(|before| before.iter().any(|r| r.shape == rule.shape))
                {
                    self.problem(&path, format!("`{}` is listed twice", rule.shape));
                }
                for (j, word) in rule.unless.iter().enumerate() {
                    self.context_word(&format!("{path}.unless[{j}]"), word, s);
                }
            }
            for (j, word) in terms.unless.iter().enumerate() {
                self.context_word(&format!("{base}.unless[{j}]"), word, s);
            }
            self.term_lists(&format!("{base}.exclude"), &terms.exclude, false, s);
            for (i, other) in terms.yields_to.iter().enumerate() {
                if *other == class || *other == ItemClass::Ordinary {
                    self.problem(
                        format!("{base}.yields_to[{i}]"),
                        format!("`{other}` is not another flagged class"),
                    );
                }
            }
        }
        if s.classes.contains_key(&ItemClass::Ordinary) {
            self.problem(
                "screening.classes.ordinary",
                "ordinary is what no term flags: it cannot have terms",
            );
        }
        self.term_lists("screening.outer_box_terms", &s.outer_box_terms, true, s);
        self.term_lists(
            "screening.outer_box_exclude",
            &s.outer_box_exclude,
            false,
            s,
        );
        for (name, lists) in &s.senses {
            self.non_empty(&format!("screening.senses.{name}"), name);
            self.term_lists(&format!("screening.senses.{name}"), lists, true, s);
        }
        self.rules_that_hide_terms(s);
        self.terms_written_twice(s);
        self.term_lists(
            "screening.description.boilerplate",
            &s.description.boilerplate,
            false,
            s,
        );
        self.term_lists(
            "screening.description.digital_only",
            &s.description.digital_only,
            false,
            s,
        );
        self.term_lists(
            "screening.accessories.parts",
            &s.accessories.parts,
            false,
            s,
        );
        self.term_lists("screening.accessories.with", &s.accessories.with, false, s);
        self.term_lists(
            "screening.accessories.attached",
            &s.accessories.attached,
            false,
            s,
        );
        self.term_lists(
            "screening.accessories.serves",
            &s.accessories.serves,
            false,
            s,
        );
        self.term_lists(
            "screening.accessories.closing",
            &s.accessories.closing,
            false,
            s,
        );
        self.term_lists(
            "screening.description.statements",
            &s.description.statements,
            false,
            s,
        );
        for (name, words) in &s.context_lists {
            let base = format!("screening.context_lists.{name}");
            if words.is_empty() {
                self.problem(&base, "must list at least one word");
            }
            for (j, word) in words.iter().enumerate() {
                let path = format!("{base}[{j}]");
                self.non_empty(&path, word);
                if word.starts_with('@') {
                    self.problem(path, "a context list cannot cite another list");
                }
            }
        }
        for notice in Notice::ALL {
            match s.notice_clauses.get(notice) {
                Some(id) => self.clause(doc, &format!("screening.notice_clauses.{notice}"), id),
                None => self.problem(format!("screening.notice_clauses.{notice}"), "is missing"),
            }
        }
        let mut ids = super::map::Map::new();
        for (i, rule) in s.categories.iter().enumerate() {
            let base = format!("screening.categories[{i}]");
            self.non_empty(&format!("{base}.id"), &rule.id);
            if ids.insert(rule.id.as_str(), ()).is_some() {
                self.problem(format!("{base}.id"), format!("`{}` is used twice", rule.id));
            }
            if rule.path.is_empty() && rule.codes.is_empty() {
                self.problem(format!("{base}.path"), "needs a path or codes");
            }
            for (j, name) in rule.path.iter().enumerate() {
                self.non_empty(&format!("{base}.path[{j}]"), name);
            }
            for (j, code) in rule.codes.iter().enumerate() {
                let digits = code.strip_suffix('*').unwrap_or(code);
                let problem = if let Some((lo, hi)) = code.split_once('-') {
                    match (code_number(lo), code_number(hi)) {
                        (Some(lo), Some(hi)) if lo < hi => None,
                        _ => Some(format!(
                            "`{code}` is no range: two numbers without leading zeros, the first smaller"
                        )),
                    }
                } else if digits.is_empty() || digits.contains('*') {
                    Some(format!(
                        "`{code}` is not a code, or a code prefix ended by one `*`"
                    ))
                } else {
                    None
                };
                if let Some(problem) = problem {
                    self.problem(format!("{base}.codes[{j}]"), problem);
                }
            }
            if rule.is.is_empty() && rule.is_not.is_empty() {
                self.problem(format!("{base}.is"), "says nothing: give `is` or `is_not`");
            }
            for (j, word) in rule.unless.iter().enumerate() {
                self.context_word(&format!("{base}.unless[{j}]"), word, s);
            }
            if let Some(c) = rule.is.iter().find(|c| rule.is_not.contains(c)) {
                self.problem(
                    format!("{base}.is_not"),
                    format!("contradicts `is` on `{c}`"),
                );
            }
        }
    }

    /// A sense sets aside every match it covers, and a class's exclusion every match of the
    /// class it overlaps, so one written as a flagging term (its `*` and ASCII case aside) keeps
    /// that term from ever flagging: a brand sense `Frame` once silenced the term `frame`, and
    /// the exclusion `glass beads` the term `glass beads`. (Keys go through [`Map`], not a sort
    /// or `str::to_lowercase`: std's sorts and Unicode case tables would add ~17 KB gzipped to
    /// the module that loads policies.)
    fn rules_that_hide_terms(&mut self, s: &ScreeningRules) {
        let key = |written: &str| written.trim_matches('*').trim().to_ascii_lowercase();
        let mut flagging: Map<String, Vec<(ItemClass, String)>> = Map::new();
        for (class, rules) in &s.classes {
            for (kind, lists) in [
                ("terms", &rules.terms),
                ("hints", &rules.hints),
                ("vessels", &rules.vessels),
            ] {
                for (lang, terms) in lists {
                    for (i, term) in terms.iter().enumerate() {
                        let path = format!("screening.classes.{class}.{kind}.{lang}[{i}]");
                        let k = key(term.text());
                        match flagging.get_mut(&k) {
                            Some(found) => found.push((*class, path)),
                            None => {
                                flagging.insert(k, vec![(*class, path)]);
                            }
                        }
                    }
                }
            }
        }
        let mut hiders: Vec<(String, Option<ItemClass>, &TermLists)> = Vec::new();
        for (name, lists) in &s.senses {
            hiders.push((format!("screening.senses.{name}"), None, lists));
        }
        for (class, rules) in &s.classes {
            hiders.push((
                format!("screening.classes.{class}.exclude"),
                Some(*class),
                &rules.exclude,
            ));
        }
        for (base, only, lists) in hiders {
            for (lang, written) in lists {
                for (i, hider) in written.iter().enumerate() {
                    let hidden = flagging.get(&key(hider.text())).and_then(|terms| {
                        terms
                            .iter()
                            .find(|(class, _)| only.is_none_or(|c| c == *class))
                    });
                    if let Some((_, term)) = hidden {
                        self.problem(
                            format!("{base}.{lang}[{i}]"),
                            format!(
                                "`{}` is also the term `{term}`, which it would keep from ever flagging",
                                hider.text()
                            ),
                        );
                    }
                }
            }
        }
    }

    /// One class's term written twice (in two language lists, or as a term and a hint) is one
    /// needle with two readings: the copy with fewer context words flags what the other lets
    /// through (the Chinese `梅酒` once flagged the Japanese one's paper packs), and a hint
    /// beside a term never decides. Both copies must read the same, and a term is no hint.
    fn terms_written_twice(&mut self, s: &ScreeningRules) {
        let key = |written: &str| written.trim().to_ascii_lowercase();
        // The same words, in any order and counted once.
        let same = |a: &[String], b: &[String]| {
            a.iter().all(|w| b.contains(w)) && b.iter().all(|w| a.contains(w))
        };
        for (class, rules) in &s.classes {
            let mut seen: Map<String, (&str, &[String], String)> = Map::new();
            for (kind, lists) in [
                ("terms", &rules.terms),
                ("hints", &rules.hints),
                ("vessels", &rules.vessels),
            ] {
                for (lang, terms) in lists {
                    for (i, term) in terms.iter().enumerate() {
                        let path = format!("screening.classes.{class}.{kind}.{lang}[{i}]");
                        let k = key(term.text());
                        match seen.get(&k) {
                            Some((was, _, first)) if *was != kind => self.problem(
                                &path,
                                format!(
                                    "`{}` is also `{first}`: one needle read two ways in one class (a hint beside a term never decides; a vessel beside a term never yields)",
                                    term.text()
                                ),
                            ),
                            Some((_, words, first)) if !same(words, term.unless()) => self
                                .problem(
                                    &path,
                                    format!(
                                        "`{}` is also `{first}` with other context words: the copy with fewer flags what the other lets through; give both the same",
                                        term.text()
                                    ),
                                ),
                            Some(_) => {}
                            None => {
                                seen.insert(k, (kind, term.unless(), path));
                            }
                        }
                    }
                }
            }
        }
    }

    /// An `unless` word: not empty, `*` only at its ends, and a `@name` must name a context list.
    fn context_word(&mut self, path: &str, word: &str, s: &ScreeningRules) {
        self.non_empty(path, word);
        if word.trim_matches('*').contains('*') {
            self.problem(path, format!("`{word}`: `*` may only open or close a word"));
        }
        if let Some(name) = word.strip_prefix('@') {
            if !s.context_lists.contains_key(name) {
                self.problem(
                    path,
                    format!("cites `{word}`, which `screening.context_lists` does not define"),
                );
            }
        }
    }

    fn term_lists(&mut self, base: &str, lists: &TermLists, need_some: bool, s: &ScreeningRules) {
        if need_some && lists.values().all(Vec::is_empty) {
            self.problem(base, "must list at least one term");
        }
        for (lang, terms) in lists {
            if !TERM_LANGUAGES.contains(&lang.as_str()) {
                self.problem(
                    format!("{base}.{lang}"),
                    format!("`{lang}` is not a term language (one of {TERM_LANGUAGES:?})"),
                );
            }
            for (i, term) in terms.iter().enumerate() {
                let path = format!("{base}.{lang}[{i}]");
                let text = term.text().trim_matches('*');
                if text.trim().is_empty() {
                    self.problem(&path, "term must not be empty");
                }
                if term.text().matches('#').count() > 2 {
                    self.problem(&path, "at most two `#` digit wildcards per term");
                }
                if text.contains('*') {
                    self.problem(
                        &path,
                        format!("`{}`: `*` may only open or close a term", term.text()),
                    );
                }
                for (j, word) in term.unless().iter().enumerate() {
                    self.context_word(&format!("{path}.unless[{j}]"), word, s);
                }
            }
        }
    }

    fn messages(&mut self, doc: &PolicyDocument) {
        for key in required_message_keys() {
            let Some(by_locale) = doc.messages.get(&key) else {
                self.problem(format!("messages.{key}"), "is missing");
                continue;
            };
            for locale in LOCALES {
                match by_locale.get(*locale) {
                    Some(text) if !text.trim().is_empty() => {}
                    _ => self.problem(
                        format!("messages.{key}.{locale}"),
                        "is missing: every message needs every locale",
                    ),
                }
            }
            for locale in by_locale.keys() {
                if !LOCALES.contains(&locale.as_str()) {
                    self.problem(
                        format!("messages.{key}.{locale}"),
                        format!("`{locale}` is not a supported locale ({LOCALES:?})"),
                    );
                }
            }
        }
    }

    /// A short list (evidence, causes, steps: a few entries each) that names an entry twice.
    fn no_duplicates<T: PartialEq + core::fmt::Display>(&mut self, path: &str, items: &[T]) {
        for (i, item) in items.iter().enumerate() {
            if items.iter().take(i).any(|earlier| earlier == item) {
                self.problem(path, format!("lists `{item}` twice"));
            }
        }
    }
}

/// `YYYY-MM-DD` with a real day of month (leap years included).
pub fn is_iso_date(s: &str) -> bool {
    iso_date_parts(s).is_some()
}

/// The year, month and day of a `YYYY-MM-DD` date (ASCII digits, a real day of a real month).
pub fn iso_date_parts(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let num = |r: core::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_need_a_real_day_of_a_real_month() {
        assert!(is_iso_date("2024-02-29"));
        assert!(is_iso_date("2000-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("1900-02-29"));
        assert!(!is_iso_date("2024-04-31"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("2024-00-10"));
        assert!(!is_iso_date("2024-1-01"));
        assert!(!is_iso_date("2024/01/01"));
        assert!(!is_iso_date("２０２４-01-01"));
        assert!(!is_iso_date(""));
    }

    #[test]
    fn only_exclusions_can_be_item_rule_reasons() {
        let mut doc: PolicyDocument =
            serde_json::from_str(include_str!("after-sales.policy.json")).unwrap();
        if let Some(rule) = doc.claims.item_rules.first_mut() {
            rule.reason = ReasonCode::Covered;
        }
        let problems = validate(&doc);
        assert_eq!(problems.len(), 1);
        assert!(problems
            .iter()
            .all(|p| p.path == "claims.item_rules[0].reason"));
    }
}
