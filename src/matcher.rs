//! Stage 2: every alias and trigger word, folded, in one Aho-Corasick automaton; a scan walks it
//! anchored from each word start (and from just after a proclitic), keeping hits that end on a
//! word boundary.
//!
//! Anchored walks from word starts are both the word-boundary rule and the speed trick: the
//! automaton is only entered where a name may begin, and each walk dies after a few bytes.

use crate::gazetteer::Entry;
use crate::normalize::{fold_str, is_proclitic, is_word, ALEF, LAM, QUOTE, SPACE};
use crate::triggers::Lexicon;
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};
use std::collections::HashMap;

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An alias of entry number `entry`; `context` when it only fires after a trigger.
    Alias { entry: u32, context: bool },
    /// Trigger number `0` of the lexicon.
    Trigger(u32),
}

/// One pattern of the automaton.
#[derive(Clone, Debug)]
struct Pattern {
    /// Range into `Matcher::targets`.
    targets: (u32, u32),
    /// The pattern is an ال-alias with its alef dropped, as after the preposition ل (للرقة): it
    /// only counts right after a proclitic ending in ل.
    fused: bool,
}

/// A pattern found in folded text: `start..end` in folded bytes, after `prefix` clitic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) prefix: u8,
    pattern: u32,
}

/// The compiled automaton with its pattern payloads.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    nfa: NFA,
    patterns: Vec<Pattern>,
    targets: Vec<Target>,
}

/// Collects the folded patterns and what each stands for before compiling.
#[derive(Default)]
struct PatternSet {
    index: HashMap<(Vec<u8>, bool), usize>,
    keys: Vec<(Vec<u8>, bool)>,
    targets: Vec<Vec<Target>>,
}

impl PatternSet {
    fn add(&mut self, folded: Vec<u8>, fused: bool, target: Target) {
        let key = (folded, fused);
        let i = match self.index.get(&key) {
            Some(&i) => i,
            None => {
                self.index.insert(key.clone(), self.keys.len());
                self.keys.push(key);
                self.targets.push(Vec::new());
                self.keys.len() - 1
            }
        };
        if !self.targets[i].contains(&target) {
            self.targets[i].push(target);
        }
    }

    /// Adds an alias and, for ال-words, its fused form after the preposition ل.
    fn add_alias(&mut self, folded: Vec<u8>, target: Target) {
        if folded.len() > 3 && folded[0] == ALEF && folded[1] == LAM {
            self.add(folded[1..].to_vec(), true, target);
        }
        self.add(folded, false, target);
    }
}

impl Matcher {
    /// Compiles the aliases of `entries` and the triggers of `lexicon`.
    pub(crate) fn build(entries: &[Entry], lexicon: &Lexicon) -> Matcher {
        let mut set = PatternSet::default();
        for (i, e) in entries.iter().enumerate() {
            let entry = i as u32;
            let plain = std::iter::once(&e.name).chain(&e.aliases);
            for alias in plain {
                set.add_alias(
                    fold_str(alias),
                    Target::Alias {
                        entry,
                        context: false,
                    },
                );
            }
            for alias in &e.context_aliases {
                set.add_alias(
                    fold_str(alias),
                    Target::Alias {
                        entry,
                        context: true,
                    },
                );
            }
        }
        for (i, (folded, _)) in lexicon.triggers.iter().enumerate() {
            set.add_alias(folded.clone(), Target::Trigger(i as u32));
        }
        let mut patterns = Vec::with_capacity(set.keys.len());
        let mut targets = Vec::new();
        for (t, (_, fused)) in set.targets.into_iter().zip(&set.keys) {
            let start = targets.len() as u32;
            targets.extend(t);
            patterns.push(Pattern {
                targets: (start, targets.len() as u32),
                fused: *fused,
            });
        }
        // A pattern set of folded non-empty byte strings always compiles; an error here would be
        // a bug in aho-corasick's limits (over 2^31 states), reported loudly rather than hidden.
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .dense_depth(3)
            .build(set.keys.iter().map(|k| &k.0))
            .expect("the alias automaton exceeds aho-corasick's size limits");
        Matcher {
            nfa,
            patterns,
            targets,
        }
    }

    /// What the hit's pattern stands for.
    pub(crate) fn targets(&self, hit: &Hit) -> &[Target] {
        let (s, e) = self.patterns[hit.pattern as usize].targets;
        &self.targets[s as usize..e as usize]
    }

    /// Heap bytes used by the automaton and its payloads.
    pub(crate) fn memory_usage(&self) -> usize {
        self.nfa.memory_usage()
            + self.patterns.capacity() * std::mem::size_of::<Pattern>()
            + self.targets.capacity() * std::mem::size_of::<Target>()
    }

    /// Number of distinct folded patterns.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds every alias and trigger in `hay` that starts at a word start, or right after a
    /// proclitic at a word start, and ends at a word end. Hits come out sorted by start.
    pub(crate) fn scan(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        hits.clear();
        let Ok(start) = self.nfa.start_state(Anchored::Yes) else {
            return;
        };
        let mut prev_word = false;
        for (i, &b) in hay.iter().enumerate() {
            let word = is_word(b);
            if word && !prev_word {
                for prefix in 0..=2usize {
                    if prefix > 0 && !(i + prefix < hay.len() && is_proclitic(&hay[i..i + prefix]))
                    {
                        break;
                    }
                    self.walk(hay, i, prefix, start, hits);
                }
            }
            prev_word = word;
        }
    }

    fn walk(
        &self,
        hay: &[u8],
        word_start: usize,
        prefix: usize,
        start: aho_corasick::automaton::StateID,
        hits: &mut Vec<Hit>,
    ) {
        let at = word_start + prefix;
        let mut sid = start;
        for (j, &b) in hay[at..].iter().enumerate() {
            sid = self
                .nfa
                .next_state(Anchored::Yes, sid, if b == QUOTE { SPACE } else { b });
            if self.nfa.is_dead(sid) {
                return;
            }
            if !self.nfa.is_match(sid) {
                continue;
            }
            let end = at + j + 1;
            if end < hay.len() && is_word(hay[end]) {
                continue;
            }
            for k in 0..self.nfa.match_len(sid) {
                let pid = self.nfa.match_pattern(sid, k);
                if self.nfa.pattern_len(pid) != end - at {
                    continue;
                }
                let fused = self.patterns[pid.as_usize()].fused;
                if fused && !(prefix > 0 && hay[at - 1] == LAM) {
                    continue;
                }
                hits.push(Hit {
                    start: at as u32,
                    end: end as u32,
                    prefix: prefix as u8,
                    pattern: pid.as_u32(),
                });
            }
        }
    }
}
