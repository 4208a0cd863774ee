//! Screening one listing: the scan of each field over the compiled automaton (boundaries,
//! exclusions, senses, context words, a description read sentence by sentence) and the answer
//! with its flags, findings and notices; the category rule that outweighs the words is looked
//! up in `category.rs`.

use crate::error::Error;
use crate::i18n::Locale;
use crate::limits;
use crate::policy::vocabulary::{Basis, Condition, ItemClass, Notice};
use crate::policy::Policy;
use crate::screen::matcher::Matcher;
use crate::screen::shapes::shape_span;
use crate::screen::spans::{inside_katakana_word, mixes_kana, Covers, Sentences, WordSet};
use crate::screen::{
    slot, word_run_len, Field, Finding, Flag, Listing, NoticeItem, Role, Screener, Screening,
    FLAGGED,
};
use crate::text::{is_word_char, Folded};

/// A flagging match: its class, term and folded byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hit {
    class: ItemClass,
    term: usize,
    start: usize,
    end: usize,
    /// Found by a title shape rather than by a term's needle.
    shape: bool,
    /// In a description sentence that neither states the item's material or kind nor is
    /// boilerplate: read as a hint.
    weak: bool,
}

impl Screener {
    /// Finds the flagging terms and outer-box terms of one field.
    ///
    /// In a description, only the matches in a sentence that states the item's material or kind
    /// (a `statements` phrase, and no `boilerplate` one) are kept as statements, and those in the
    /// first sentence (no boilerplate either) as hints: the rest of a real description is
    /// shipping, packing, photo and cross-selling talk. A match rests on a statement unless its
    /// term is a hint or it is such a first-sentence match.
    fn scan(&self, automaton: &Matcher, field: Field, text: &str, found: &mut Scan) {
        let folded = Folded::new(text);
        let hay = folded.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        let mut excludes: [Vec<(usize, usize)>; 4] = Default::default();
        let mut senses: Vec<(usize, usize)> = Vec::new();
        let mut outer_box: Vec<(usize, usize)> = Vec::new();
        let mut boilerplate: Vec<(usize, usize)> = Vec::new();
        let mut statements: Vec<usize> = Vec::new();
        let mut digital_only = false;
        // Context words with their spans, read once the parts and `with` words are known.
        let mut context: Vec<(usize, usize, usize)> = Vec::new();
        let mut parts: Vec<usize> = Vec::new();
        let mut withs: Vec<usize> = Vec::new();
        let mut attached: Vec<usize> = Vec::new();
        let mut serves: Vec<usize> = Vec::new();
        let mut closing: Vec<usize> = Vec::new();
        let mut matches = Vec::new();
        automaton.find_overlapping(hay, &mut matches);
        for m in matches {
            let patterns = match (self.starts.get(m.needle), self.starts.get(m.needle + 1)) {
                (Some(&from), Some(&to)) => self.patterns.get(from..to).unwrap_or_default(),
                _ => continue,
            };
            let head = hay.get(..m.start).unwrap_or_default();
            let tail = hay.get(m.end..).unwrap_or_default();
            let word_before = head.chars().next_back().is_some_and(is_word_char);
            let word_after = tail.chars().next().is_some_and(is_word_char);
            for p in patterns {
                if (p.bound_start && word_before) || (p.bound_end && word_after) {
                    continue;
                }
                let start = if p.open_start {
                    m.start - word_run_len(head.chars().rev())
                } else {
                    m.start
                };
                let end = if p.open_end {
                    m.end + word_run_len(tail.chars())
                } else {
                    m.end
                };
                match p.role {
                    Role::Flag { term } => hits.push(Hit {
                        class: p.class,
                        term,
                        start,
                        end,
                        shape: false,
                        weak: false,
                    }),
                    Role::Exclude => {
                        if let Some(list) = excludes.get_mut(slot(p.class)) {
                            list.push((start, end));
                        }
                    }
                    Role::OuterBox => outer_box.push((start, end)),
                    Role::OuterBoxExclude => {
                        if let Some(list) = excludes.get_mut(slot(ItemClass::Ordinary)) {
                            list.push((start, end));
                        }
                    }
                    Role::Context { word } => context.push((word, start, end)),
                    Role::Part => parts.push(start),
                    Role::With => withs.push(end),
                    Role::Attached => attached.push(start),
                    Role::Serves => serves.push(end),
                    Role::Closing => closing.push(end),
                    Role::Sense => senses.push((start, end)),
                    Role::Boilerplate => boilerplate.push((start, end)),
                    Role::Statement => statements.push(end),
                    Role::DigitalOnly => digital_only = true,
                }
            }
        }
        // "No physical item will be sent" is read in any sentence: sellers write it beside the
        // shipping words that would make it boilerplate.
        if field == Field::Description && digital_only {
            found.digital_only = true;
        }
        if field == Field::Title {
            for shape in &self.shapes {
                if let Some((start, end)) = shape_span(shape.shape, &folded, text) {
                    hits.push(Hit {
                        class: shape.class,
                        term: shape.term,
                        start,
                        end,
                        shape: true,
                        weak: false,
                    });
                }
            }
        }
        // Sentences are cut in the original text, where the seller's line breaks still are.
        let sentences = if field == Field::Description {
            Sentences::new(text)
        } else {
            Sentences::default()
        };
        let sentence_of = |folded_at: usize| {
            sentences.index_of(folded.original_bytes(folded_at..folded_at).start)
        };
        // A boilerplate word inside another word is not that word: 「ペット」 in 「ペットボトル」,
        // 「のし」 in 「陶器のしっかり」.
        let original = |start: usize, end: usize| {
            let bytes = folded.original_bytes(start..end);
            (
                text.get(..bytes.start).unwrap_or_default(),
                text.get(bytes.clone()).unwrap_or_default(),
                text.get(bytes.end..).unwrap_or_default(),
            )
        };
        let mut boilerplate: Vec<usize> = boilerplate
            .into_iter()
            .filter(|&(start, end)| {
                let (before, word, after) = original(start, end);
                !mixes_kana(word) && !inside_katakana_word(before, word, after)
            })
            .map(|(start, _)| sentence_of(start))
            .collect();
        crate::sort::sort(&mut boilerplate);
        // A statement phrase's value starts after the separators that follow it, which may end
        // a sentence: 「【材質】ガラス」, 「材質｜ガラス」, 「■素材■陶器」, "Material | Glass".
        let values: Vec<(usize, usize)> = {
            let mut v: Vec<(usize, usize)> = statements
                .iter()
                .map(|&end| {
                    let gap: usize = hay
                        .get(end..)
                        .unwrap_or_default()
                        .chars()
                        .take_while(|c| !c.is_alphanumeric())
                        .map(char::len_utf8)
                        .sum();
                    (end, end + gap.min(STATEMENT_REACH))
                })
                .collect();
            crate::sort::sort(&mut v);
            v
        };
        // A description's match is read when it follows a statement phrase closely, in the same
        // sentence: 「材質：陶器」, 「素材 ガラス」, "Material: porcelain". The nearest phrase before
        // it decides: any other is further away.
        let stated = |at: usize| {
            let before = values.partition_point(|&(end, _)| end <= at);
            before
                .checked_sub(1)
                .and_then(|i| values.get(i))
                .is_some_and(|&(end, value)| {
                    at - end <= STATEMENT_REACH && sentence_of(value.min(at)) == sentence_of(at)
                })
        };
        let in_boilerplate = |at: usize| boilerplate.binary_search(&sentence_of(at)).is_ok();
        // A context word that describes an accessory or a part cancels nothing: 「シリコン蓋」,
        // "aluminum lid", "with silicone sleeve".
        crate::sort::sort(&mut parts);
        crate::sort::sort(&mut withs);
        crate::sort::sort(&mut attached);
        crate::sort::sort(&mut serves);
        let near = |list: &[usize], from: usize, to: usize| {
            let i = list.partition_point(|&at| at < from);
            list.get(i).is_some_and(|&at| at <= to)
        };
        let seen = &mut found.in_field;
        seen.clear();
        for &(word, start, end) in &context {
            let part_after = near(&parts, end, end + ACCESSORY_REACH);
            let with_before = near(&withs, start.saturating_sub(ACCESSORY_REACH), start);
            if !part_after && !with_before {
                seen.insert(word);
                if field == Field::Description && !in_boilerplate(start) {
                    found.described.insert(word);
                }
            }
        }
        found.seen.union_with(&found.in_field);
        let seen = &found.in_field;
        // The title says what the item is: its context words cancel what the description only
        // mentions ("Thumbstick grips" over "fits PS4"), not what it states ("Material: glass").
        let title_seen = &found.seen;
        let covers: Vec<Covers> = excludes.into_iter().map(Covers::new).collect();
        let senses = Covers::new(senses);
        let covered = |class: ItemClass, start: usize, end: usize| {
            covers
                .get(slot(class))
                .is_some_and(|c| c.covers(start, end))
        };
        if outer_box
            .iter()
            .any(|&(s, e)| !covered(ItemClass::Ordinary, s, e))
        {
            found.outer_box = true;
        }
        // A class term that names an accessory or what the item serves ("with mirror",
        // 「ミラー付き」, "for Wine Glasses", 「CD用」) takes along the terms written right beside
        // it: not 「Glasses」 alone, nor 「ワイン」 of 「ワイングラス用」 or 「бокалов」 of
        // 「для стеклянных бокалов」. Runs of touching hits, in one pass.
        // 「ガラスフィルム対応」, 「ガラス製哺乳びん専用」: a closing word ends within the word (the
        // Japanese run of kanji and kana, up to a particle, as written) the class term begins.
        crate::sort::sort(&mut closing);
        let closes_compound = |end: usize| {
            let mut at = end;
            for c in hay
                .get(end..)
                .unwrap_or_default()
                .chars()
                .take(COMPOUND_MAX_CHARS)
            {
                let written = text.get(folded.original_bytes(at..at + c.len_utf8()));
                if !written
                    .and_then(|w| w.chars().next())
                    .is_some_and(is_compound_char)
                {
                    break;
                }
                at += c.len_utf8();
            }
            let i = closing.partition_point(|&e| e <= end);
            closing.get(i).is_some_and(|&e| e <= at)
        };
        // What marks a run: a word before it (`with`, `serves`: 1) or after it (`attached`,
        // `closing`: 2), which says the item is for the class word, not a part of it.
        let mut order: Vec<(usize, usize, u8)> = hits
            .iter()
            .map(|h| {
                let before = h.start.saturating_sub(ACCESSORY_REACH);
                let led = near(&withs, before, h.start) || near(&serves, before, h.start);
                let closed =
                    near(&attached, h.end, h.end + ACCESSORY_REACH) || closes_compound(h.end);
                (h.start, h.end, u8::from(led) | u8::from(closed) << 1)
            })
            .collect();
        crate::sort::sort(&mut order);
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut closed_spans: Vec<(usize, usize)> = Vec::new();
        let mut run: Option<(usize, usize, u8)> = None;
        let mut close = |(s, e, m): (usize, usize, u8)| {
            if m != 0 {
                spans.push((s, e));
            }
            if m & 2 != 0 {
                closed_spans.push((s, e));
            }
        };
        for (start, end, marked) in order {
            run = match run {
                Some((s, e, m)) if start <= e + ACCESSORY_REACH => {
                    Some((s, e.max(end), m | marked))
                }
                Some(done) => {
                    close(done);
                    Some((start, end, marked))
                }
                None => Some((start, end, marked)),
            };
        }
        if let Some(done) = run {
            close(done);
        }
        let accessory = Covers::new(spans);
        // A term written with its accessory word (「DVD付」, 「CD付き」) says the item comes with
        // the class's thing: the policy listed it to flag, not to set aside.
        let names_its_accessory =
            |h: &Hit| !h.shape && near(&attached, h.start + 1, h.end.saturating_sub(1));
        let closed = Covers::new(closed_spans);
        if field == Field::Description {
            for h in &hits {
                let vessel = !h.shape && self.terms.get(h.term).is_some_and(|t| t.vessel);
                if !vessel
                    && !covered(h.class, h.start, h.end)
                    && !senses.covers(h.start, h.end)
                    && !found.described_classes.contains(&h.class)
                {
                    found.described_classes.push(h.class);
                }
            }
        }
        // Beyond the statements, a description's first sentence usually says what the item is
        // ("Paperback book written by …", "Clean discs, some jewel case cracks"): a match there
        // is read too, as a hint. Anywhere else it is not read at all.
        if field == Field::Description {
            for h in &mut hits {
                h.weak = !stated(h.start);
            }
            hits.retain(|h| !h.weak || sentence_of(h.start) == sentence_of(0));
            // A hint in the description yields to a title that set the same word aside:
            // "Fashion Glasses" with "glasses" in its first sentence is eyewear still.
            let title_set_aside = &found.title_set_aside;
            hits.retain(|h| {
                let hint = h.weak || self.terms.get(h.term).is_some_and(|t| t.hint);
                !hint || !title_set_aside.contains(&h.class)
            });
        }
        let set_aside_alone = |h: &Hit| {
            let seen = if field == Field::Description && h.weak {
                title_seen
            } else {
                seen
            };
            self.terms
                .get(h.term)
                .is_some_and(|t| self.set_aside(t.unless, |w| seen.contains(w)))
                || covered(h.class, h.start, h.end)
                || senses.covers(h.start, h.end)
                || (accessory.covers(h.start, h.end) && !names_its_accessory(h))
        };
        // The most specific term decides its place: "wine glass" set aside as a charm takes
        // along the "glass" inside it, which by itself knows nothing of charms. One flag per
        // hit, in `hits`' order.
        let alone: Vec<bool> = hits.iter().map(set_aside_alone).collect();
        let aside: Vec<bool> = if alone.contains(&true) {
            let outer: Vec<(ItemClass, usize, usize)> = hits
                .iter()
                .zip(&alone)
                .filter(|&(_, &a)| a)
                .map(|(h, _)| (h.class, h.start, h.end))
                .collect();
            hits.iter()
                .zip(&alone)
                .map(|(h, &a)| {
                    a || outer.iter().any(|&(class, start, end)| {
                        class == h.class
                            && start <= h.start
                            && h.end <= end
                            && end - start > h.end - h.start
                    })
                })
                .collect()
        } else {
            alone
        };
        if field == Field::Title {
            for class in FLAGGED {
                let mine = || {
                    hits.iter()
                        .zip(&aside)
                        .filter(|(h, _)| h.class == class && !h.shape)
                };
                // An accessory's word ("for Rosenthal", "with mirror") is set aside as the
                // item's but still says what the accessory is: it does not count here. A word
                // the item is named after ("Glass Cleaner", 「ガラスフィルム対応」) does.
                let said_not = |(h, &a): (&Hit, &bool)| {
                    a && (!accessory.covers(h.start, h.end) || closed.covers(h.start, h.end))
                };
                if mine().next().is_some() && mine().all(said_not) {
                    found.title_set_aside.push(class);
                }
            }
        }
        // `retain` visits each hit once, in order: the flags follow along.
        let mut flags = aside.iter();
        hits.retain(|h| {
            let set_aside = flags.next().copied().unwrap_or(false);
            !set_aside
                && (field != Field::Description || !in_boilerplate(h.start))
                // 「がラス」 mixes kana and is no word; a term written in both (「シュリンクなし」)
                // is matched as written.
                && (h.shape
                    || self
                        .terms
                        .get(h.term)
                        .is_some_and(|t| mixes_kana(self.written(t)))
                    || !mixes_kana(
                        text.get(folded.original_bytes(h.start..h.end))
                            .unwrap_or_default(),
                    ))
        });
        // A hint yields to a statement of another class in the same field: 「小猪口(2)」 is a
        // cup, and its (2) no volume number.
        let is_hint = |h: &Hit| h.weak || self.terms.get(h.term).is_some_and(|t| t.hint);
        let stated: Vec<ItemClass> = hits
            .iter()
            .filter(|h| !is_hint(h))
            .map(|h| h.class)
            .collect();
        hits.retain(|h| !is_hint(h) || !stated.iter().any(|c| *c != h.class));
        // A class yields to another found in the same field (a CD's title may say 「Glass」).
        let present: Vec<ItemClass> = FLAGGED
            .into_iter()
            .filter(|c| hits.iter().any(|h| h.class == *c))
            .collect();
        hits.retain(|h| {
            self.yields
                .get(slot(h.class))
                .is_none_or(|to| !to.iter().any(|c| present.contains(c)))
        });
        // A shape holding a statement of its class gives way to it: 「(大学入試シリーズ)」 is
        // the term, said outright, not the series shape around it.
        let hidden: Vec<bool> = hits
            .iter()
            .map(|h| {
                h.shape
                    && hits.iter().any(|o| {
                        !o.shape
                            && !is_hint(o)
                            && o.class == h.class
                            && o.start < h.end
                            && h.start < o.end
                    })
            })
            .collect();
        let mut hidden = hidden.into_iter();
        hits.retain(|_| !hidden.next().unwrap_or(false));
        // Keep the outermost match of a class: 「ワイングラス」, not also 「グラス」 inside it; the
        // same span from two languages' terms is one finding.
        crate::sort::sort_by_key(&mut hits, |h| {
            (slot(h.class), h.start, core::cmp::Reverse(h.end), h.term)
        });
        let mut reach: [Option<usize>; 4] = [None; 4];
        for h in hits {
            let Some(r) = reach.get_mut(slot(h.class)) else {
                continue;
            };
            if r.is_some_and(|r| r >= h.end) {
                continue;
            }
            *r = Some(h.end);
            let term = self.terms.get(h.term);
            let basis = if h.weak || term.is_some_and(|t| t.hint) {
                Basis::Hint
            } else {
                Basis::Statement
            };
            found.classes_hit.push((field, h.class, basis));
            if field == Field::Title {
                found.title_terms.push((h.class, h.term, h.shape));
            }
            if found.listed_in_field >= limits::MAX_FINDINGS_PER_FIELD {
                found.omitted = found.omitted.saturating_add(1);
                continue;
            }
            found.listed_in_field += 1;
            let span = folded.original_utf16(h.start..h.end);
            let bytes = folded.original_bytes(h.start..h.end);
            found.findings.push(Finding {
                class: h.class,
                field,
                term: term.map(|t| self.written(t).to_owned()).unwrap_or_default(),
                text: text.get(bytes).unwrap_or_default().to_owned(),
                start: u32::try_from(span.start).unwrap_or(u32::MAX),
                end: u32::try_from(span.end).unwrap_or(u32::MAX),
            });
        }
        found.listed_in_field = 0;
    }

    /// Screens one listing; `policy` gives the clauses and messages.
    pub fn screen(
        &self,
        policy: &Policy,
        listing: &Listing,
        locale: Locale,
    ) -> Result<Screening, Error> {
        self.screen_worded(policy, listing, Some(locale))
    }

    /// Screens one listing with its flags and notices worded in `texts`, or with codes only
    /// (`None`: every `message` left empty, for a page that words them from its messages table).
    pub fn screen_worded(
        &self,
        policy: &Policy,
        listing: &Listing,
        texts: Option<Locale>,
    ) -> Result<Screening, Error> {
        let word = |prefix: &str, word: &str| {
            texts.map_or_else(String::new, |locale| {
                policy.messages().word(prefix, word, locale)
            })
        };
        listing.check()?;
        let automaton = &self.automaton;
        let mut found = Scan {
            seen: WordSet::new(self.context_words),
            in_field: WordSet::new(self.context_words),
            described: WordSet::new(self.context_words),
            ..Scan::default()
        };
        self.scan(automaton, Field::Title, &listing.title, &mut found);
        // A category rule's `unless` words are read in the title only; copied only when a
        // category will be looked up.
        let filed = listing.category_code.is_some() || !listing.category.is_empty();
        let title_seen = filed.then(|| found.seen.clone());
        if let Some(d) = &listing.description {
            self.scan(automaton, Field::Description, d, &mut found);
        }
        self.vessels_yield_to_materials(&mut found);
        let category = title_seen
            .as_ref()
            .and_then(|seen| self.category_rule(listing, seen));
        let clause_of = |class: ItemClass| {
            self.class_clauses
                .iter()
                .find(|(c, _)| *c == class)
                .map(|(_, k)| k.clone())
                .unwrap_or_default()
        };
        // The title outweighs the description: the seller's free text ("kept in a glass case",
        // "with a bonus poster") is read only when the title names no class.
        // A title word of a class the category rules out outweighs nothing.
        let title_names_a_class = found.classes_hit.iter().any(|(f, c, b)| {
            *f == Field::Title
                && *b == Basis::Statement
                && category.is_none_or(|r| !r.is_not.contains(c))
        });
        let counts = |field: Field| field == Field::Title || !title_names_a_class;
        let mut flags = Vec::new();
        // A file sold for download ships nothing a class could cover, whatever its title or
        // category names.
        for class in FLAGGED.into_iter().filter(|_| !found.digital_only) {
            let (decided_by, basis, rule) = match category {
                Some(r) if r.is_not.contains(&class) => continue,
                Some(r) if r.is.contains(&class) => {
                    (Field::Category, Basis::Category, r.id.clone())
                }
                _ => {
                    // The strongest finding of the class decides: the title's before the
                    // description's, a statement before a hint.
                    let best = found
                        .classes_hit
                        .iter()
                        .filter(|(f, c, _)| *c == class && counts(*f))
                        .min_by_key(|(f, _, b)| (*b, *f != Field::Title));
                    match best {
                        Some((field, _, basis)) => (*field, *basis, "terms".to_owned()),
                        None => continue,
                    }
                }
            };
            flags.push(Flag {
                class,
                decided_by,
                basis,
                rule,
                clause: clause_of(class),
                message: word("class", class.as_str()),
            });
        }
        // Findings of a class the category rules out, or of a description the title outweighs,
        // are not shown as reasons.
        let findings: Vec<Finding> = found
            .findings
            .into_iter()
            .filter(|f| counts(f.field) && flags.iter().any(|fl| fl.class == f.class))
            .collect();
        let has = |c: ItemClass| flags.iter().any(|f| f.class == c);
        let class = FLAGGED
            .into_iter()
            .find(|c| has(*c))
            .unwrap_or(ItemClass::Ordinary);
        let notice_clause = |n: Notice| {
            self.notice_clauses
                .iter()
                .find(|(c, _)| *c == n)
                .map(|(_, k)| k.clone())
                .unwrap_or_default()
        };
        let mut notices = Vec::new();
        let mut notice = |n: Notice| {
            notices.push(NoticeItem {
                notice: n,
                clause: notice_clause(n),
                message: word("notice", n.as_str()),
            })
        };
        match listing.condition {
            Some(Condition::SecondHand) => notice(Notice::SecondHandWear),
            Some(Condition::New) => notice(Notice::MayBeUnsealed),
            None => {}
        }
        if found.outer_box {
            notice(Notice::OuterBoxNotCompensable);
        }
        Ok(Screening {
            id: listing.id.clone(),
            class,
            fragile: has(ItemClass::Fragile),
            non_compensable: has(ItemClass::CdDvdBd) || has(ItemClass::PaperProduct),
            flags,
            findings,
            findings_omitted: found.omitted,
            notices,
        })
    }
}

impl Screener {
    /// A title whose every match of a class is a vessel word (「皿」, "mug") yields that class
    /// to a description that states a material from those terms' `unless` (「木製」, "melamine")
    /// outside its shipping talk and names nothing of the class itself: the title said what
    /// the item is, the description what it is made of.
    fn vessels_yield_to_materials(&self, found: &mut Scan) {
        for class in FLAGGED {
            if found.described_classes.contains(&class) {
                continue;
            }
            let mut mine = found
                .title_terms
                .iter()
                .filter(|&&(c, _, _)| c == class)
                .peekable();
            if mine.peek().is_none() {
                continue;
            }
            let described = &found.described;
            let yields = mine.all(|&(_, term, shape)| {
                !shape
                    && self.terms.get(term).is_some_and(|t| {
                        t.vessel && self.set_aside(t.unless, |w| described.contains(w))
                    })
            });
            if yields {
                found
                    .classes_hit
                    .retain(|&(f, c, _)| f != Field::Title || c != class);
                found
                    .findings
                    .retain(|f| f.field != Field::Title || f.class != class);
            }
        }
    }
}

#[derive(Default)]
struct Scan {
    findings: Vec<Finding>,
    /// Every class kept in a field, listed or not, with what it rests on.
    classes_hit: Vec<(Field, ItemClass, Basis)>,
    omitted: u32,
    outer_box: bool,
    /// Findings listed for the field being scanned.
    listed_in_field: usize,
    /// Context words seen in any field.
    seen: WordSet,
    /// Context words seen in the field being scanned.
    in_field: WordSet,
    /// Classes whose every title match was set aside by a context word, an exclusion or a
    /// sense: the title has said what its word is not.
    title_set_aside: Vec<ItemClass>,
    /// The description says the listing ships nothing (`screening.description.digital_only`).
    digital_only: bool,
    /// The title's kept matches: class, term and whether a title shape found it.
    title_terms: Vec<(ItemClass, usize, bool)>,
    /// Context words in the description outside its shipping and packing talk.
    described: WordSet,
    /// Classes the description names at all (read or not, cancelled or not) by a word other
    /// than a vessel's, but for words an exclusion or a sense covers.
    described_classes: Vec<ItemClass>,
}

/// How far (in folded bytes, about twenty Japanese characters) a description's match may follow
/// the statement phrase it is read under.
const STATEMENT_REACH: usize = 60;

/// How far into a compound, in chars after its class term, a closing word may end
/// (「フィルム対応」, 「製哺乳びん専用」).
const COMPOUND_MAX_CHARS: usize = 8;

/// A char of a Japanese compound word, as written: an ideograph, a katakana, the prolonged
/// sound or iteration mark, or a hiragana other than the particles that join words (に, の,
/// を, は, が, で, と, へ, も, や).
fn is_compound_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{30A1}'..='\u{30FA}' | 'ー' | '々')
        || (('\u{3041}'..='\u{3096}').contains(&c)
            && !matches!(
                c,
                'に' | 'の' | 'を' | 'は' | 'が' | 'で' | 'と' | 'へ' | 'も' | 'や'
            ))
}

/// How close (in folded bytes) a part must follow, or a `with` word precede, a context word for
/// it to describe an accessory: right beside it, or one space away (folding turns any run of
/// whitespace into one space byte).
const ACCESSORY_REACH: usize = 1;
