//! Stage 3: turn automaton hits into candidate entities.
//!
//! * Aliases become candidates; context aliases only after a trigger that fits the entry's kind.
//! * Trigger words introduce names no gazetteer knows: titles and speech verbs before people,
//!   group and organization nouns before groups, place nouns before places. A quoted name runs to
//!   its closing quote; an unquoted one is read with the name lists and stop words.
//! * Region words (ريف, شمال) widen a place into a region phrase with its direction.
//!
//! Candidates may overlap; [`crate::resolve`] picks among them.

use crate::entity::Source;
use crate::gazetteer::{Entry, Kind};
use crate::matcher::{Hit, Matcher, Target};
use crate::normalize::{code, is_separator, is_word, ALEF, ARABIC_BASE, LAM, QUOTE, SPACE};

const YA: u8 = code('ي');
const WAW: u8 = code('و');
const MIM: u8 = code('م');
/// Gazetteer places below this priority (all but countries, admin1 units, capitals and cities of
/// a million) with short names do not match after a proclitic.
const MIN_CLITIC_PRIORITY: i32 = 40;
/// At most this many words (titles, complements, known names) chain after a title's head.
const MAX_TITLE_CHAIN: usize = 6;
const HA: u8 = code('ه');
use crate::trie::FxHashMap as HashMap;
use crate::triggers::{Class, Lexicon, Names, Trigger};

/// A candidate entity, in folded offsets.
#[derive(Clone, Debug)]
pub(crate) struct Candidate {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) kind: Kind,
    /// Linked entries, best first; empty for names no gazetteer knows.
    pub(crate) entries: Vec<u32>,
    pub(crate) source: Source,
    /// Folded span of the title words before a person.
    pub(crate) title: Option<(u32, u32)>,
    pub(crate) region: Option<RegionCandidate>,
    /// Document-local id shared by the mentions of one unknown name.
    pub(crate) local: Option<u32>,
}

/// A region phrase: the region word, its direction trigger if any, and the whole phrase.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RegionCandidate {
    pub(crate) modifier: (u32, u32),
    /// Index of the trigger that gives the direction.
    pub(crate) direction: Option<u32>,
    /// The whole phrase.
    pub(crate) phrase: (u32, u32),
}

/// True for a word with the article ال and at least two more letters.
fn definite(w: &[u8]) -> bool {
    w.len() > 3 && w[0] == ALEF && w[1] == LAM
}

/// True for an indefinite word ending like a nisba adjective (سورية، عسكري).
fn nisba(w: &[u8]) -> bool {
    !definite(w) && w.len() > 3 && (w.ends_with(&[YA]) || w.ends_with(&[YA, HA]))
}

/// A word of folded text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// Splits folded text into words.
pub(crate) fn tokenize(hay: &[u8], out: &mut Vec<Token>) {
    out.clear();
    let mut start = None;
    for (i, &b) in hay.iter().enumerate() {
        match (is_word(b), start) {
            (true, None) => start = Some(i as u32),
            (false, Some(s)) => {
                out.push(Token {
                    start: s,
                    end: i as u32,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: hay.len() as u32,
        });
    }
}

/// Trigger indices by an offset (where they start or end), in index order for one offset: a
/// sorted array, one allocation rather than a map of vectors.
struct Index {
    keys: Vec<u32>,
    items: Vec<usize>,
}

impl Index {
    fn new(pairs: impl Iterator<Item = (u32, usize)>) -> Index {
        let mut pairs: Vec<(u32, usize)> = pairs.collect();
        pairs.sort_unstable();
        Index {
            keys: pairs.iter().map(|p| p.0).collect(),
            items: pairs.iter().map(|p| p.1).collect(),
        }
    }

    /// The indices at `key`, if any.
    fn get(&self, key: &u32) -> Option<&[usize]> {
        let from = self.keys.partition_point(|k| k < key);
        let to = from + self.keys[from..].iter().take_while(|k| *k == key).count();
        (to > from).then(|| &self.items[from..to])
    }
}

/// Everything the rules look at for one text.
pub(crate) struct Rules<'x> {
    pub(crate) hay: &'x [u8],
    pub(crate) hits: &'x [Hit],
    pub(crate) tokens: &'x [Token],
    /// The hash of each token for the word lists (`WordSet::contains_hashed`), from the scan.
    pub(crate) token_hashes: &'x [u64],
    pub(crate) matcher: &'x Matcher,
    pub(crate) entries: &'x [Entry],
    pub(crate) lexicon: &'x Lexicon,
}

/// A trigger hit with its trigger.
#[derive(Clone, Copy)]
struct TriggerHit<'x> {
    hit: Hit,
    index: u32,
    trigger: &'x Trigger,
}

impl<'x> Rules<'x> {
    /// Produces all candidates, in no particular order.
    pub(crate) fn candidates(&self, out: &mut Vec<Candidate>) {
        out.clear();
        let mut triggers = Vec::with_capacity(self.hits.len());
        for hit in self.hits {
            for t in self.matcher.targets(hit) {
                if let Target::Trigger(i) = *t {
                    triggers.push(TriggerHit {
                        hit: *hit,
                        index: i,
                        trigger: &self.lexicon.triggers[i as usize].1,
                    });
                }
            }
        }
        let by_end = Index::new(triggers.iter().enumerate().map(|(i, t)| (t.hit.end, i)));
        let before = |word_start: u32| -> Option<&TriggerHit> {
            let e = word_start.checked_sub(1)?;
            if !is_separator(self.hay[e as usize]) {
                return None;
            }
            by_end
                .get(&e)?
                .iter()
                .map(|&i| &triggers[i])
                .min_by_key(|t| t.hit.start)
        };
        let by_start = Index::new(triggers.iter().enumerate().map(|(i, t)| (t.hit.start, i)));
        // The end of a place noun (not part of the name) at the start of a hit, before its end.
        let lead_noun = |hit: &Hit| -> Option<(u32, Class)> {
            by_start
                .get(&hit.start)?
                .iter()
                .map(|&i| &triggers[i])
                .find_map(|t| {
                    let ok = matches!(t.trigger.class, Class::PlaceNoun | Class::OrgNoun)
                        && !t.trigger.whole
                        && t.hit.end < hit.end
                        && is_separator(self.hay[t.hit.end as usize]);
                    ok.then_some((t.hit.end, t.trigger.class))
                })
        };
        let by_trigger_end = Index::new(
            (triggers.iter().enumerate())
                .filter(|(_, t)| t.trigger.class == Class::Epithet && t.hit.prefix == 0)
                .map(|(i, t)| (t.hit.end, i)),
        );
        // The start of an honorific ending a hit, after its first word.
        let epithet = |hit: &Hit| -> Option<u32> {
            by_trigger_end
                .get(&hit.end)?
                .iter()
                .map(|&i| triggers[i].hit.start)
                .find(|&s| s > hit.start && is_separator(self.hay[s as usize - 1]))
        };
        for hit in self.hits {
            if let Some(c) = self.alias_candidate(
                hit,
                before(hit.start - hit.prefix as u32),
                lead_noun,
                epithet,
            ) {
                out.push(c);
            }
        }
        self.name_patterns(&triggers, out);
        let mut titles = Vec::new();
        for t in &triggers {
            self.trigger_rule(t, &triggers, &by_end, out, &mut titles);
        }
        if !titles.is_empty() {
            // The people at each start, in candidate order (a scan of `out` per title would be
            // quadratic in a long document).
            let mut people: Vec<(u32, usize)> = (out.iter().enumerate())
                .filter(|(_, c)| c.kind == Kind::Person)
                .map(|(i, c)| (c.start, i))
                .collect();
            people.sort_unstable();
            for (start, title) in titles {
                let from = people.partition_point(|p| p.0 < start);
                for &(_, i) in people[from..].iter().take_while(|p| p.0 == start) {
                    out[i].title.get_or_insert(title);
                }
            }
        }
        self.regions(&triggers, out);
        self.nationality_titles(&triggers, &by_end, out);
    }

    /// An alias hit as a candidate, if any of its entries may fire here.
    fn alias_candidate(
        &self,
        hit: &Hit,
        before: Option<&TriggerHit>,
        lead_noun: impl Fn(&Hit) -> Option<(u32, Class)>,
        epithet: impl Fn(&Hit) -> Option<u32>,
    ) -> Option<Candidate> {
        let mut entries: Vec<u32> = Vec::new();
        let mut context = false;
        // A trigger word is never a context alias itself (أحياء مدينة الرقة: مدينة is a noun).
        let is_trigger = self
            .matcher
            .targets(hit)
            .iter()
            .any(|t| matches!(t, Target::Trigger(_)));
        for t in self.matcher.targets(hit) {
            if let Target::Alias {
                entry,
                context: ctx,
            } = *t
            {
                let e = &self.entries[entry as usize];
                let licensed = before.is_some_and(|b| b.trigger.licenses(e.kind));
                if ctx && (!licensed || is_trigger) {
                    continue;
                }
                // Splitting a proclitic off a word is only believable for names worth the risk:
                // كبيرا is not ك + بيرا, nor وكالات و + ك + الات, whatever town is so called.
                // Gazetteer places below the big cities (by feature and priority) with short
                // names do not match after a proclitic; entries without a feature always do.
                if hit.prefix > 0
                    && e.kind == Kind::Place
                    && e.feature.is_some()
                    && e.priority < MIN_CLITIC_PRIORITY
                    && hit.end - hit.start < 6
                {
                    continue;
                }
                context |= ctx;
                if !entries.contains(&entry) {
                    entries.push(entry);
                }
            }
        }
        if entries.is_empty() {
            return None;
        }
        // After a place noun, an indefinite nisba word is an adjective: مدينة سورية is "a Syrian
        // city", not "the city of Syria".
        let word = &self.hay[hit.start as usize..hit.end as usize];
        if hit.prefix == 0
            && before.is_some_and(|b| b.trigger.class == Class::PlaceNoun)
            && nisba(word)
        {
            return None;
        }
        let licensed =
            |e: u32| before.is_some_and(|b| b.trigger.licenses(self.entries[e as usize].kind));
        entries.sort_by_key(|&e| (!licensed(e), -self.entries[e as usize].priority, e));
        let kind = self.entries[entries[0] as usize].kind;
        // An alias that starts with a descriptor noun (مدينة مشهد, محافظة حلب, وكالة فرانس برس)
        // names the entity after the noun, like the rules for unknown names do.
        let start = match lead_noun(hit) {
            Some((end, Class::PlaceNoun)) if kind == Kind::Place => end + 1,
            Some((end, Class::OrgNoun)) if kind == Kind::Organization => end + 1,
            _ => hit.start,
        };
        // An honorific after a place's name (مكة المكرمة) is not part of it either.
        let end = match epithet(hit) {
            Some(s) if kind == Kind::Place && s > start + 1 => s - 1,
            _ => hit.end,
        };
        // An alias that wraps a shorter alias of the same entry in a descriptor or a nationality
        // (حركة حماس, النادي الأهلي, ريال مدريد الإسباني) names it by the shorter one.
        // Not for places: الولايات المتحدة الأمريكية is one name.
        let (start, end) = match kind {
            Kind::Place => (start, end),
            _ => self.inner_name(hit, entries[0]).unwrap_or((start, end)),
        };
        Some(Candidate {
            start,
            end,
            kind,
            source: if context
                && self
                    .matcher
                    .targets(hit)
                    .iter()
                    .all(|t| !matches!(t, Target::Alias { context: false, .. }))
            {
                Source::Context
            } else {
                Source::Gazetteer
            },
            entries,
            title: None,
            region: None,
            local: None,
        })
    }

    /// The span of a shorter plain alias of `entry` inside `hit` when what is left around it is
    /// only a trigger word before it (حركة, النادي) or a nationality after it (الإسباني).
    fn inner_name(&self, hit: &Hit, entry: u32) -> Option<(u32, u32)> {
        let of_entry = |h: &Hit| {
            self.matcher.targets(h).iter().any(|t| {
                *t == Target::Alias {
                    entry,
                    context: false,
                }
            })
        };
        let is_trigger = |s: u32, e: u32| {
            self.hits
                .iter()
                .skip(self.hits.partition_point(|h| h.start < s))
                .take_while(|h| h.start == s)
                .any(|h| {
                    h.end == e
                        && h.prefix == 0
                        && self
                            .matcher
                            .targets(h)
                            .iter()
                            .any(|t| matches!(t, Target::Trigger(_)))
                })
        };
        let is_nationality = |s: u32, e: u32| {
            self.hits.iter().skip(self.hits.partition_point(|h| h.start < s)).take_while(|h| h.start == s).any(|h| {
                h.end == e
                    && self.matcher.targets(h).iter().any(|t| {
                        matches!(*t, Target::Alias { entry, .. } if self.entries[entry as usize].kind == Kind::Nationality)
                    })
            })
        };
        let from = self.hits.partition_point(|h| h.start < hit.start);
        self.hits[from..]
            .iter()
            .take_while(|h| h.start < hit.end)
            .filter(|h| {
                h.prefix == 0 && h.end <= hit.end && (h.start, h.end) != (hit.start, hit.end)
            })
            .filter(|h| of_entry(h))
            .find(|h| {
                let before = h.start == hit.start
                    || (h.start > hit.start + 1 && is_trigger(hit.start, h.start - 1));
                let after =
                    h.end == hit.end || (h.end + 1 < hit.end && is_nationality(h.end + 1, hit.end));
                before && after
            })
            .map(|h| (h.start, h.end))
    }

    /// The start of the word after a separator at `end`, if a word follows.
    fn next_word(&self, end: u32) -> Option<u32> {
        let e = end as usize;
        (e + 1 < self.hay.len() && is_separator(self.hay[e]) && is_word(self.hay[e + 1]))
            .then_some(end + 1)
    }

    /// Alias hits whose word starts at `word_start` (plain aliases only).
    fn aliases_at(&self, word_start: u32) -> impl Iterator<Item = (&Hit, Kind)> + '_ {
        self.any_aliases_at(word_start)
            .filter(|a| !a.2)
            .map(|a| (a.0, a.1))
    }

    /// Alias hits whose word starts at `word_start`, with their kind and whether the alias is a
    /// context alias.
    fn any_aliases_at(&self, word_start: u32) -> impl Iterator<Item = (&Hit, Kind, bool)> + '_ {
        let from = self.hits.partition_point(|h| h.start < word_start);
        self.hits[from..]
            .iter()
            .take_while(move |h| h.start <= word_start + 2)
            .filter(move |h| h.start - h.prefix as u32 == word_start)
            .flat_map(move |h| {
                self.matcher
                    .targets(h)
                    .iter()
                    .filter_map(move |t| match *t {
                        Target::Alias { entry, context } => {
                            Some((h, self.entries[entry as usize].kind, context))
                        }
                        _ => None,
                    })
            })
    }

    /// Trigger hits at the word starting at `word_start`. Triggers come in hit order, sorted by
    /// start, and a hit starts at most two clitic bytes after its word: a binary search.
    fn triggers_at<'t>(
        &self,
        triggers: &'t [TriggerHit<'x>],
        word_start: u32,
    ) -> impl Iterator<Item = &'t TriggerHit<'x>> {
        let from = triggers.partition_point(|t| t.hit.start < word_start);
        triggers[from..]
            .iter()
            .take_while(move |t| t.hit.start <= word_start + 2)
            .filter(move |t| t.hit.start - t.hit.prefix as u32 == word_start)
    }

    fn trigger_rule(
        &self,
        t: &TriggerHit,
        triggers: &[TriggerHit<'x>],
        by_end: &Index,
        out: &mut Vec<Candidate>,
        titles: &mut Vec<(u32, (u32, u32))>,
    ) {
        let trig = t.trigger;
        let Some(kind) = trig.creates else { return };
        if matches!(
            trig.class,
            Class::Direction | Class::NamePrefix | Class::TitleComplement
        ) {
            return;
        }
        let word_start = t.hit.start - t.hit.prefix as u32;
        // A longer alias starting with the trigger word (قوات سوريا الديمقراطية) is a name itself.
        if self.aliases_at(word_start).any(|(h, _)| h.end > t.hit.end) {
            return;
        }
        let is_title = trig.class == Class::PersonTitle;
        if is_title {
            // Only the head of a title chain (الناشط والباحث, الرئيس السوري السابق) reads the name.
            let prev = (word_start.checked_sub(1)).and_then(|e| by_end.get(&e));
            if prev.is_some_and(|v| {
                v.iter().any(|&i| {
                    matches!(
                        triggers[i].trigger.class,
                        Class::PersonTitle | Class::TitleComplement
                    )
                })
            }) {
                return;
            }
        }
        let mut end = t.hit.end;
        if is_title {
            let mut skipped = 0;
            // A chain is a few words; a cap keeps a text of endless titles linear.
            for _ in 0..MAX_TITLE_CHAIN {
                let Some(w) = self.next_word(end) else { break };
                if let Some(n) = self
                    .triggers_at(triggers, w)
                    .filter(|n| {
                        matches!(n.trigger.class, Class::PersonTitle | Class::TitleComplement)
                    })
                    .max_by_key(|n| n.hit.end)
                {
                    end = n.hit.end;
                } else if let Some((h, _)) = (skipped < 2)
                    .then(|| {
                        self.aliases_at(w)
                            .filter(|(_, k)| *k != Kind::Person)
                            .max_by_key(|(h, _)| h.end)
                    })
                    .flatten()
                {
                    skipped += 1;
                    end = h.end;
                } else {
                    break;
                }
            }
        }
        let Some(p) = self.next_word(end) else { return };
        let title = is_title.then_some((t.hit.start, end));
        let group = |k: Kind| matches!(k, Kind::ArmedGroup | Kind::Organization);
        let fits = |k: Kind| k == kind || (group(kind) && group(k));
        if self.any_aliases_at(p).any(|(_, k, _)| fits(k)) {
            if let Some(title) = title {
                titles.push((p, title));
            }
            return;
        }
        let quoted = self.hay[end as usize] == QUOTE;
        let name_end = if quoted {
            self.quoted_name(
                p,
                if trig.class == Class::SpeechVerb {
                    3
                } else {
                    5
                },
            )
        } else if trig.names == Names::Any {
            self.unquoted_name(p, kind, triggers)
                .or_else(|| match trig.class {
                    Class::PersonTitle | Class::SpeechVerb => {
                        self.lone_surname(p, trig.class, end > t.hit.end, triggers)
                    }
                    _ => None,
                })
        } else {
            None
        };
        let Some(name_end) = name_end else { return };
        let source = match trig.class {
            Class::PersonTitle => Source::Title,
            Class::SpeechVerb => Source::SpeechVerb,
            Class::GroupNoun => Source::GroupNoun,
            Class::OrgNoun => Source::OrgNoun,
            _ => Source::PlaceNoun,
        };
        out.push(Candidate {
            start: if trig.whole { t.hit.start } else { p },
            end: name_end,
            kind,
            entries: Vec::new(),
            source,
            title,
            region: None,
            local: None,
        });
    }

    /// The token starting at `start`.
    fn token_at(&self, start: u32) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.start < start);
        (self.tokens.get(i)?.start == start).then_some(i)
    }

    fn word(&self, t: Token) -> &[u8] {
        &self.hay[t.start as usize..t.end as usize]
    }

    /// A quoted name of at most `max` words starting at `p`: its end if the quote closes in time.
    fn quoted_name(&self, p: u32, max: usize) -> Option<u32> {
        let i = self.token_at(p)?;
        if self.lexicon.is_stopword(self.word(self.tokens[i])) {
            return None;
        }
        for t in self.tokens[i..].iter().take(max) {
            match self.hay.get(t.end as usize) {
                Some(&QUOTE) => return Some(t.end),
                Some(&SPACE) => continue,
                _ => return None,
            }
        }
        None
    }

    /// An unquoted name starting at `p`, read by the shape of names of `kind`:
    /// * people: known given or family names and name prefixes (أبو، عبد), up to four words;
    /// * places: one word, two after a prefix (تل، دير), not an indefinite nisba adjective
    ///   (مدينة سورية is "a Syrian city");
    /// * groups and organizations: up to two indefinite words then definite ones or known
    ///   places (جيش الإسلام، وزارة الخارجية الروسية، جامعة دمشق), up to four words.
    fn unquoted_name(&self, p: u32, kind: Kind, triggers: &[TriggerHit]) -> Option<u32> {
        let i = self.token_at(p)?;
        let lex = self.lexicon;
        let is_prefix = |t: Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.class == Class::NamePrefix)
        };
        let is_trigger = |t: Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.creates.is_some())
        };
        let is_place = |t: Token| {
            self.aliases_at(t.start)
                .any(|(h, k)| k == Kind::Place && h.end == t.end)
        };
        let first = self.tokens[i];
        if lex.is_stopword_with_clitic(self.word(first)) || is_trigger(first) {
            return None;
        }
        let max = match kind {
            Kind::Person => 4,
            Kind::Place => 2,
            _ => 4,
        };
        let mut end = first.end;
        let mut prev = first;
        let mut named = definite(self.word(first)) || is_place(first);
        let mut indefinite = usize::from(!named);
        match kind {
            Kind::Person if !(lex.is_name(self.word(first)) || is_prefix(first)) => return None,
            Kind::Place if !named && nisba(self.word(first)) => return None,
            // ولاية صالح is "Saleh's term", not a state: a bare given name is no place name.
            Kind::Place if !named && lex.given.contains(self.word(first)) => return None,
            _ => {}
        }
        for t in self.tokens[i + 1..].iter().take(max - 1) {
            if self.hay[end as usize] != SPACE || t.start != end + 1 {
                break;
            }
            let w = self.word(*t);
            if lex.is_stopword_with_clitic(w) || is_trigger(*t) {
                break;
            }
            let ok = match kind {
                // A known given name may take one surname no list knows (جورج بوش).
                Kind::Person => {
                    is_prefix(prev)
                        || lex.is_name(w)
                        || is_prefix(*t)
                        || (prev.start == first.start
                            && lex.given.contains(self.word(first))
                            && !self.aliases_at(t.start).any(|(_, k)| k != Kind::Person))
                }
                Kind::Place => is_prefix(prev),
                _ => {
                    let d = definite(w) || is_place(*t);
                    let ok = if named { d } else { d || indefinite < 2 };
                    named |= d;
                    indefinite += usize::from(!d);
                    ok
                }
            };
            if !ok {
                break;
            }
            prev = *t;
            end = t.end;
        }
        if matches!(kind, Kind::ArmedGroup | Kind::Organization) && !named {
            return None;
        }
        // Only generic words (وزارة الخارجية, مجلس الإدارة): a body of whoever the text is about,
        // not a name. A nationality or place after them makes one (وزارة الخارجية الروسية).
        let generic = |t: &Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.class == Class::TitleComplement && x.hit.end == t.end)
        };
        if kind == Kind::Organization
            && self.tokens[i..]
                .iter()
                .take_while(|t| t.end <= end)
                .all(generic)
        {
            return None;
        }
        Some(end)
    }

    /// One word taken as a surname: after a title, a known family name (الرئيس السنيورة); after a
    /// speech verb, also a word no list knows when a clause boundary follows it (وأوضح X أن).
    /// It must look like a name: not a stop word or trigger, not the start of a known entity of
    /// another kind, not definite, not a nisba adjective (عسكري), at least three letters.
    fn lone_surname(
        &self,
        p: u32,
        class: Class,
        chained: bool,
        triggers: &[TriggerHit],
    ) -> Option<u32> {
        let i = self.token_at(p)?;
        let t = self.tokens[i];
        let w = self.word(t);
        let lex = self.lexicon;
        // Unlisted words: no conjunction و in front, no article, no possessive suffix (خارجيتها).
        let shaped = |w: &[u8]| {
            w.len() >= 3
                && w.iter().all(|&b| b >= ARABIC_BASE)
                && w[0] != WAW
                && !definite(w)
                && !nisba(w)
                && !(w.ends_with(&[HA, ALEF]) || w.ends_with(&[HA, MIM]))
        };
        let free = |t: Token| {
            !lex.is_stopword(self.word(t))
                && !self
                    .triggers_at(triggers, t.start)
                    .any(|x| x.trigger.creates.is_some())
                && !self
                    .any_aliases_at(t.start)
                    .any(|(_, k, _)| k != Kind::Person)
        };
        let named = lex.family.contains(w);
        if !free(t) || !(named || shaped(w)) {
            return None;
        }
        if class == Class::PersonTitle {
            // After a bare title an unlisted word is as often a noun (رئيس وزراء, الرئيس ارتكب) as
            // a surname: measured on ANERcorp, taking it lowers PERS F1. After a title that a
            // nationality or complement qualified (الرئيس الباكستاني X) a name is due: take up to
            // two name-shaped words.
            if named {
                return Some(t.end);
            }
            if !chained {
                return None;
            }
            let second = self.tokens.get(i + 1).filter(|n| {
                n.start == t.end + 1
                    && self.hay[t.end as usize] == SPACE
                    && free(**n)
                    && (lex.is_name(self.word(**n)) || shaped(self.word(**n)))
            });
            return Some(second.map_or(t.end, |n| n.end));
        }
        if class == Class::SpeechVerb {
            let after = self.hay.get(t.end as usize).copied();
            let clause = match after {
                Some(b',' | b':' | b'.') => true,
                Some(SPACE) => self.tokens.get(i + 1).is_some_and(|n| {
                    n.start == t.end + 1 && lex.clause_openers.contains(self.word(*n))
                }),
                _ => false,
            };
            if !clause {
                return None;
            }
        }
        Some(t.end)
    }

    /// Marks places after a region word (ريف الرقة الشرقي, شمال حلب) as regions of that place,
    /// with the phrase and its direction. The entity stays the bare place.
    fn regions(&self, triggers: &[TriggerHit], out: &mut [Candidate]) {
        // The region word before each word start that follows one.
        let mut region_before: HashMap<u32, &TriggerHit> = HashMap::default();
        for r in triggers
            .iter()
            .filter(|t| t.trigger.class == Class::RegionNoun)
        {
            if let Some(p) = self.next_word(r.hit.end) {
                let longest = region_before.entry(p).or_insert(r);
                if r.hit.start < longest.hit.start {
                    *longest = r;
                }
            }
        }
        for place in out.iter_mut() {
            if place.kind != Kind::Place || place.region.is_some() {
                continue;
            }
            if let Some(r) = region_before.get(&place.start) {
                let mut end = place.end;
                let mut direction = r.trigger.value.is_some().then_some(r.index);
                if let Some(d) = self.next_word(place.end).and_then(|w| {
                    self.triggers_at(triggers, w)
                        .filter(|d| d.trigger.class == Class::Direction && d.hit.prefix == 0)
                        .max_by_key(|d| d.hit.end)
                }) {
                    end = d.hit.end;
                    direction = Some(d.index);
                }
                place.region = Some(RegionCandidate {
                    modifier: (r.hit.start, r.hit.end),
                    direction,
                    phrase: (r.hit.start, end),
                });
            }
        }
    }

    /// A definite nationality used as a noun before a name (التشيلي فرناندو غونزاليز, المغربي
    /// X) works as a title: a known given or family name after it starts a person. Not after a
    /// title, whose chain already read the nationality.
    fn nationality_titles(
        &self,
        triggers: &[TriggerHit],
        by_end: &Index,
        out: &mut Vec<Candidate>,
    ) {
        let mut people = Vec::new();
        for c in out.iter().filter(|c| c.kind == Kind::Nationality) {
            let word = &self.hay[c.start as usize..c.end as usize];
            // A trigger ends right before the nationality's word (one separator between).
            let after_trigger = c
                .start
                .checked_sub(1)
                .is_some_and(|e| by_end.get(&e).is_some_and(|v| !v.is_empty()));
            if !definite(word) || after_trigger {
                continue;
            }
            let Some(p) = self.next_word(c.end) else {
                continue;
            };
            if self.any_aliases_at(p).next().is_some() {
                continue;
            }
            if let Some(end) = self.unquoted_name(p, Kind::Person, triggers) {
                people.push(Candidate {
                    start: p,
                    end,
                    kind: Kind::Person,
                    entries: Vec::new(),
                    source: Source::Title,
                    title: Some((c.start, c.end)),
                    region: None,
                    local: None,
                });
            }
        }
        out.extend(people);
    }

    /// People no trigger announces: a known given name followed by known given or family names
    /// (فؤاد السنيورة), up to four words. Function words never count as names.
    fn name_patterns(&self, triggers: &[TriggerHit], out: &mut Vec<Candidate>) {
        let lex = self.lexicon;
        let is_trigger = |t: Token| {
            self.triggers_at(triggers, t.start)
                .any(|x| x.trigger.creates.is_some())
        };
        let mut i = 0;
        while i + 1 < self.tokens.len() {
            let first = self.tokens[i];
            let w = self.word(first);
            // A word that names a place or group (إسرائيل, also a given name) is not a person.
            let other = |t: Token| self.aliases_at(t.start).any(|(_, k)| k != Kind::Person);
            let given = lex.given.contains_hashed(w, self.token_hashes[i]);
            if !given || lex.is_stopword(w) || is_trigger(first) || other(first) {
                i += 1;
                continue;
            }
            let mut end = first.end;
            let mut n = 1;
            for t in &self.tokens[i + 1..] {
                let w = self.word(*t);
                if n == 4 || self.hay[end as usize] != SPACE || t.start != end + 1 {
                    break;
                }
                if lex.is_stopword_with_clitic(w) || is_trigger(*t) || !lex.is_name(w) || other(*t)
                {
                    break;
                }
                end = t.end;
                n += 1;
            }
            if n >= 2 {
                out.push(Candidate {
                    start: first.start,
                    end,
                    kind: Kind::Person,
                    entries: Vec::new(),
                    source: Source::NamePattern,
                    title: None,
                    region: None,
                    local: None,
                });
            }
            i += n;
        }
    }
}
