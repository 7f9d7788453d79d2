//! Stage 2: every alias and trigger word, folded, in one Aho-Corasick automaton; a scan walks it
//! anchored from each word start (and from just after a proclitic), keeping hits that end on a
//! word boundary.
//!
//! Anchored walks from word starts are both the word-boundary rule and the speed trick: the
//! automaton is only entered where a name may begin, and each walk dies after a few bytes.

use crate::gazetteer::Entry;
use crate::normalize::{is_clitic_letter, is_proclitic, is_word, LAM};
use crate::rules::Token;
pub(crate) use crate::trie::Target;
use crate::trie::{
    first_word, items_hash, pair_hash, short_word_hash, tail, word_hash, Bloom, Compiled,
    FxHashMap, Pattern, Patterns, Text, Trie, WordStates, BARE, GOES_ON, LABEL, LEAF,
    MAX_STATE_WORD, ROOT, SHIFT, VALUE,
};
use crate::triggers::Lexicon;

/// Every alias of `entries` and trigger word of `lexicon`, in order, with what it stands for.
pub(crate) fn items<'a>(
    entries: &'a [Entry],
    lexicon: &'a Lexicon,
) -> impl Iterator<Item = (Text<'a>, Target)> + 'a {
    let aliases = entries.iter().enumerate().flat_map(|(i, e)| {
        let entry = i as u32;
        let plain = std::iter::once(&e.name).chain(&e.aliases).map(move |a| {
            let context = false;
            (Text::Raw(a), Target::Alias { entry, context })
        });
        let context = e.context_aliases.iter().map(move |a| {
            let context = true;
            (Text::Raw(a), Target::Alias { entry, context })
        });
        plain.chain(context)
    });
    let triggers = lexicon
        .triggers
        .iter()
        .enumerate()
        .map(|(i, (folded, _))| (Text::Folded(folded), Target::Trigger(i as u32)));
    aliases.chain(triggers)
}

/// A pattern found in folded text: `start..end` in folded bytes, after `prefix` clitic bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// The pattern's range of `Matcher::targets`, read once here rather than by every rule.
    targets: (u32, u32),
    pattern: u32,
    pub(crate) prefix: u8,
}

/// The compiled automaton with its pattern payloads.
#[derive(Clone, Debug)]
pub(crate) struct Matcher {
    /// The trie was loaded from `build.rs`'s output rather than compiled here (checked by a test).
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) precompiled: bool,
    trie: Trie,
    /// The first words of the patterns: a walk from a text word that is none of them finds
    /// nothing, so it is not started.
    first_words: Bloom,
    /// The state each first word leads to: walks start after their first word.
    word_states: WordStates,
    /// The pairs of first and second words of the patterns ([`pair_hash`]): a walk goes on past
    /// a first word only if the next text word may be a second word after it.
    second_words: Bloom,
    patterns: Vec<Pattern>,
    targets: Vec<Target>,
}

impl Matcher {
    /// Compiles the aliases of `entries` and the triggers of `lexicon`; the embedded ones come
    /// precompiled (see [`crate::trie`]).
    pub(crate) fn build(
        entries: &[Entry],
        lexicon: &Lexicon,
        precompiled: Option<&[u8]>,
    ) -> Matcher {
        let hash = items_hash(items(entries, lexicon));
        let pre = precompiled.and_then(|b| Compiled::from_bytes(b, hash));
        let was = pre.is_some();
        let compiled = pre.unwrap_or_else(|| Compiled::compile(items(entries, lexicon)));
        Matcher {
            precompiled: was,
            trie: compiled.trie,
            first_words: compiled.first_words,
            word_states: compiled.word_states,
            second_words: compiled.second_words,
            patterns: compiled.patterns,
            targets: compiled.targets,
        }
    }

    /// What the hit's pattern stands for.
    pub(crate) fn targets(&self, hit: &Hit) -> &[Target] {
        &self.targets[hit.targets.0 as usize..hit.targets.1 as usize]
    }

    /// Heap bytes used by the automaton and its payloads.
    pub(crate) fn memory_usage(&self) -> usize {
        self.trie.memory_usage()
            + self.first_words.memory_usage()
            + self.word_states.memory_usage()
            + self.second_words.memory_usage()
            + self.patterns.capacity() * std::mem::size_of::<Pattern>()
            + self.targets.capacity() * std::mem::size_of::<Target>()
    }

    /// Number of distinct folded patterns.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Finds every alias and trigger in `hay` that starts at a word start, or right after a
    /// proclitic at a word start, and ends at a word end. Hits come out sorted by start (and by
    /// end for one start). Also splits `hay` into `tokens`, its words (maximal runs of word
    /// bytes), and lists in `scan.starts` every start it considered with the hash of its word,
    /// for [`find_at_word_starts`], and in `scan.token_hashes` the [`word_hash`] of each token.
    pub(crate) fn scan(
        &self,
        hay: &[u8],
        tokens: &mut Vec<Token>,
        hits: &mut Vec<Hit>,
        scan: &mut ScanBuffers,
    ) {
        hits.clear();
        tokens.clear();
        scan.walks.clear();
        scan.starts.clear();
        scan.token_hashes.clear();
        // Word starts and ends are where `is_word` changes: found 64 bytes at a time from a bit
        // mask, without a branch a byte.
        let mut start = 0;
        let mut prev = 0u64;
        for (c, chunk) in hay.chunks(64).enumerate() {
            let mask = word_mask(chunk);
            let mut edges = mask ^ (mask << 1 | prev >> 63);
            if chunk.len() < 64 {
                // A word that runs to the end of `hay` ends after the loop.
                edges &= (1 << chunk.len()) - 1;
            }
            prev = mask;
            while edges != 0 {
                let i = c * 64 + edges.trailing_zeros() as usize;
                edges &= edges - 1;
                if mask >> (i % 64) & 1 != 0 {
                    start = i;
                } else {
                    Self::word_starts(hay, start, i, tokens, scan);
                }
            }
        }
        if hay.last().is_some_and(|&b| is_word(b)) {
            Self::word_starts(hay, start, hay.len(), tokens, scan);
        }
        // The first-word filter for every start, without a branch on its answer: the reads are
        // independent, so their cache misses overlap.
        let passing = &mut scan.passing;
        passing.clear();
        passing.resize(scan.starts.len(), Passing::default());
        let (mut n, mut prefix, mut end, mut token) = (0, 0u8, u32::MAX, u32::MAX);
        for (i, s) in scan.starts.iter().enumerate() {
            // A word's starts are listed together, the start of the word first.
            let same = s.end == end;
            prefix = if same { prefix + 1 } else { 0 };
            token = token.wrapping_add(!same as u32);
            end = s.end;
            passing[n] = Passing {
                start: i as u32,
                token,
                prefix,
                cell: None,
                second: false,
            };
            n += self.first_words.may_contain_hash(s.hash) as usize;
        }
        passing.truncate(n);
        // The states of the first words, and whether the next word may be a second word after
        // them, looked up together for the same reason.
        for p in passing.iter_mut() {
            let s = scan.starts[p.start as usize];
            p.cell = self
                .word_states
                .get(hay, s.at as usize, s.end as usize, s.hash);
            let next = scan.token_hashes.get(p.token as usize + 1);
            p.second =
                next.is_some_and(|&h| self.second_words.may_contain_hash(pair_hash(s.hash, h)));
        }
        for p in passing.iter() {
            self.add_start(hay, scan.starts[p.start as usize], p, &mut scan.walks, hits);
        }
        self.walk_all(hay, &scan.walks, hits);
        self.finish_hits(hay, hits);
    }

    /// Lists the word `start..end` as a token, with its hash, and its starts: the word's start,
    /// and the starts after a proclitic, each with the hash of the rest of the word.
    #[inline(always)]
    fn word_starts(
        hay: &[u8],
        start: usize,
        end: usize,
        tokens: &mut Vec<Token>,
        scan: &mut ScanBuffers,
    ) {
        // A word of at most eight bytes (most words) is read once, and it and its rests after
        // a proclitic are hashed from that read.
        let short = (hay.get(start..start + 8))
            .filter(|_| end - start <= 8)
            .and_then(|b| b.first_chunk::<8>())
            .map(|&b| u64::from_le_bytes(b));
        let hash_from = |at: usize| match short {
            Some(v) => short_word_hash(v >> (8 * (at - start)), end - at),
            None => word_hash(hay, at, end),
        };
        let hash = hash_from(start);
        tokens.push(Token {
            start: start as u32,
            end: end as u32,
        });
        scan.token_hashes.push(hash);
        let mut push = |at: usize, hash: u64| {
            scan.starts.push(WordStart {
                at: at as u32,
                end: end as u32,
                hash,
            })
        };
        push(start, hash);
        if is_clitic_letter(hay[start]) && start + 1 < hay.len() {
            // Past a one-letter word the rest is empty.
            push(start + 1, hash_from((start + 1).min(end)));
            if start + 2 < hay.len() && is_proclitic(&hay[start..start + 2]) {
                push(start + 2, hash_from(start + 2));
            }
        }
    }

    /// Walks from the start `s`, which passed the first-word filter, if the rest of its word is
    /// the first word of a pattern: `p.cell` is its state from [`WordStates`], the hits that end
    /// with the word are pushed here, and a walk is added only if the state goes on past the
    /// word, with a second word after it (`p.second`: the pair filter passed) or with none
    /// ([`BARE`]). Words too long for the table (and the empty rest after a one-letter word) are
    /// walked from the root.
    #[inline(always)]
    fn add_start(
        &self,
        hay: &[u8],
        s: WordStart,
        p: &Passing,
        walks: &mut Vec<Walk>,
        hits: &mut Vec<Hit>,
    ) {
        let (at, end, prefix) = (s.at as usize, s.end as usize, p.prefix);
        if at < end && end - at <= MAX_STATE_WORD {
            if let Some(cell) = p.cell {
                let walk = Walk {
                    at: at as u32,
                    prefix,
                    pos: end as u32,
                    cell,
                };
                if cell & VALUE != 0 {
                    let patterns = self.trie.patterns_of_value(cell >> SHIFT);
                    self.push_hits(at, prefix, end, patterns, hits);
                } else if cell & LEAF != 0 {
                    self.leaf(hay, &Lane::new(&walk), hits);
                }
                // A pattern that goes on has another word, which must be the next one of the
                // text, or none (BARE).
                if cell & GOES_ON != 0 && end < hay.len() && (cell & BARE != 0 || p.second) {
                    walks.push(walk);
                }
            }
        } else {
            walks.push(Walk::new(at, prefix, self.trie.cells[ROOT as usize]));
        }
    }

    /// Runs the walks, [`LANES`] at a time: a step of a walk waits for one table read, and the
    /// reads of independent walks overlap. A round steps every lane without branching on what
    /// it read, then handles the lanes that reached a match state or died. Walks end in any
    /// order, so the hits are sorted by start at the end (each walk has its own start, and its
    /// hits come out by end).
    fn walk_all(&self, hay: &[u8], walks: &[Walk], hits: &mut Vec<Hit>) {
        let trie = &self.trie;
        let root = trie.cells[ROOT as usize];
        // A parked lane reads past the end: byte 0, which no pattern has, so it never moves.
        let parked = Lane {
            at: 0,
            prefix: 0,
            pos: hay.len() as u32,
            cell: root,
        };
        let mut lanes = [parked; LANES];
        let mut next = 0;
        let mut live: u32 = 0;
        for (k, lane) in lanes.iter_mut().enumerate() {
            if let Some(w) = walks.get(next) {
                *lane = Lane::new(w);
                next += 1;
                live |= 1 << k;
            }
        }
        let mut sorted = true;
        // The hits of first words are in already, by start: the walks' go after them, and
        // everything is sorted by start at the end (stably: for one start, by end).
        let mut last = hits.last().map_or(0, |h| h.start);
        while live != 0 {
            let mut moved: u32 = 0;
            let mut leaves: u32 = 0;
            for (k, lane) in lanes.iter_mut().enumerate() {
                let b = hay.get(lane.pos as usize).copied().unwrap_or(0);
                let c = trie.classes[b as usize] as u32;
                let cell = trie.cells[((lane.cell >> SHIFT) + c) as usize];
                let ok = cell & LABEL == c;
                lane.cell = if ok { cell } else { lane.cell };
                lane.pos += ok as u32;
                moved |= (ok as u32) << k;
                leaves |= ((ok && cell & LEAF != 0) as u32) << k;
            }
            while leaves != 0 {
                let k = leaves.trailing_zeros() as usize;
                leaves &= leaves - 1;
                sorted &= last <= lanes[k].at;
                last = lanes[k].at;
                self.leaf(hay, &lanes[k], hits);
            }
            let mut dead = live & !moved;
            while dead != 0 {
                let k = dead.trailing_zeros() as usize;
                dead &= dead - 1;
                match walks.get(next) {
                    Some(w) => {
                        lanes[k] = Lane::new(w);
                        next += 1;
                    }
                    None => {
                        lanes[k] = parked;
                        live &= !(1 << k);
                    }
                }
            }
        }
        if !sorted {
            hits.sort_by_key(|h| h.start);
        }
    }

    /// Pushes the hits of a walk that reached a match state, if the match ends at a word end.
    #[inline]
    fn leaf(&self, hay: &[u8], lane: &Lane, hits: &mut Vec<Hit>) {
        let end = lane.pos as usize;
        if end < hay.len() && is_word(hay[end]) {
            return;
        }
        let patterns = self.trie.patterns(lane.cell);
        self.push_hits(lane.at as usize, lane.prefix, end, patterns, hits);
    }

    /// Pushes a hit `at..end` after `prefix` proclitic bytes for each of `patterns`, without its
    /// targets: [`Matcher::finish_hits`] reads the patterns of all hits together.
    #[inline]
    fn push_hits(
        &self,
        at: usize,
        prefix: u8,
        end: usize,
        patterns: Patterns,
        hits: &mut Vec<Hit>,
    ) {
        for &pid in patterns.as_slice() {
            hits.push(Hit {
                start: at as u32,
                end: end as u32,
                targets: (0, 0),
                pattern: pid,
                prefix,
            });
        }
    }

    /// Gives each hit its pattern's targets and drops the hits of fused patterns (ال-aliases
    /// without their alef) that are not right after a proclitic ending in ل. The patterns are
    /// read in one pass over the hits, which does not branch on what it reads, so their cache
    /// misses overlap.
    fn finish_hits(&self, hay: &[u8], hits: &mut Vec<Hit>) {
        let mut n = 0;
        for i in 0..hits.len() {
            let h = hits[i];
            let p = &self.patterns[h.pattern as usize];
            let after_lam = h.prefix > 0 && hay[h.start as usize - 1] == LAM;
            hits[n] = Hit {
                targets: p.targets,
                ..h
            };
            n += (!p.fused | after_lam) as usize;
        }
        hits.truncate(n);
    }
}

/// Number of walks [`Matcher::scan`] runs side by side.
const LANES: usize = 8;

/// The buffers of [`Matcher::scan`]: the starts it considered, and the walks it ran.
#[derive(Default)]
pub(crate) struct ScanBuffers {
    pub(crate) starts: Vec<WordStart>,
    /// [`word_hash`] of each token, for the word lists of the rules.
    pub(crate) token_hashes: Vec<u64>,
    /// The starts that passed the first-word filter, with what the scan looked up for them.
    passing: Vec<Passing>,
    walks: Vec<Walk>,
}

impl ScanBuffers {
    /// Frees the buffers if one is over `keep` bytes.
    pub(crate) fn trim(&mut self, keep: usize) {
        fn bytes<T>(v: &Vec<T>) -> usize {
            v.capacity() * std::mem::size_of::<T>()
        }
        if bytes(&self.starts) > keep
            || bytes(&self.walks) > keep
            || bytes(&self.token_hashes) > keep
            || bytes(&self.passing) > keep
        {
            *self = ScanBuffers::default();
            return;
        }
        self.starts.clear();
        self.walks.clear();
        self.token_hashes.clear();
        self.passing.clear();
    }
}

/// A start that passed the first-word filter of [`Matcher::scan`].
#[derive(Clone, Copy, Debug, Default)]
struct Passing {
    /// Index into [`ScanBuffers::starts`].
    start: u32,
    /// Index of the start's word among the tokens.
    token: u32,
    /// Proclitic bytes before the start.
    prefix: u8,
    /// [`WordStates::get`] of the rest of the word.
    cell: Option<u32>,
    /// The next word may be the second word of a pattern after this rest of the word.
    second: bool,
}

/// A start [`Matcher::scan`] considered: a word start or a start after a proclitic, with the end
/// of its word and [`word_hash`] of the text between.
#[derive(Clone, Copy, Debug)]
pub(crate) struct WordStart {
    pub(crate) at: u32,
    end: u32,
    hash: u64,
}

/// A walk of [`Matcher::scan`]: from a word start or after a proclitic, at the root or at the
/// state after the first word.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Walk {
    at: u32,
    prefix: u8,
    /// The next byte to read.
    pos: u32,
    /// The cell of the state reached.
    cell: u32,
}

impl Walk {
    /// A walk from the root cell `root` at `at`.
    fn new(at: usize, prefix: u8, root: u32) -> Walk {
        Walk {
            at: at as u32,
            prefix,
            pos: at as u32,
            cell: root,
        }
    }
}

/// A walk under way.
#[derive(Clone, Copy, Debug, Default)]
struct Lane {
    /// Where the walk started, and after how many proclitic bytes.
    at: u32,
    prefix: u8,
    /// The next byte to read.
    pos: u32,
    /// The cell of the current state.
    cell: u32,
}

impl Lane {
    fn new(w: &Walk) -> Lane {
        Lane {
            at: w.at,
            prefix: w.prefix,
            pos: w.pos,
            cell: w.cell,
        }
    }
}

/// Calls `f(start, end, pattern)` for every occurrence of one of `patterns` in `hay` that starts
/// at a word start or right after a proclitic at a word start (the starts [`Matcher::scan`] walks
/// from) and ends at a word end, by start and, for one start, by pattern index (when `starts`
/// are ascending, as the scan lists them).
///
/// This is an overlapping Aho-Corasick search filtered by those starts and ends, without
/// building an automaton for the names of one document. As in the scan, a pattern can only
/// match where the text word from the start is its first word, so each start looks up its word
/// among the patterns' first words (behind a Bloom filter): the work stays linear in the text,
/// however many names a long document has. `starts` are the starts [`Matcher::scan`] listed.
pub(crate) fn find_at_word_starts(
    hay: &[u8],
    starts: &[WordStart],
    patterns: &[&[u8]],
    mut f: impl FnMut(usize, usize, usize),
) {
    let mut try_at = |s: usize, p: &[u8], i: usize| {
        let e = s + p.len();
        if hay.get(s..e) == Some(p) && (e == hay.len() || !is_word(hay[e])) {
            f(s, e, i);
        }
    };
    if patterns.iter().any(|p| first_word(p).is_empty()) {
        // A pattern that is empty or starts with a non-word byte: try every start.
        let mut word_start = 0;
        for s in 0..=hay.len() {
            if s > 0 && !is_word(hay[s - 1]) {
                word_start = s;
            }
            if word_start == s || is_proclitic(&hay[word_start..s]) {
                for (i, p) in patterns.iter().enumerate() {
                    try_at(s, p, i);
                }
            }
        }
        return;
    }
    // The patterns grouped by first word.
    let mut order: Vec<u32> = (0..patterns.len() as u32).collect();
    order.sort_unstable_by_key(|&i| (first_word(patterns[i as usize]), i));
    let mut groups: FxHashMap<&[u8], (usize, usize)> = FxHashMap::default();
    for (k, &i) in order.iter().enumerate() {
        groups
            .entry(first_word(patterns[i as usize]))
            .and_modify(|g| g.1 = k + 1)
            .or_insert((k, k + 1));
    }
    let bloom = Bloom::new(groups.keys().copied());
    // The scan hashed the word of every start already. A start past its word end (after a
    // one-letter word that is a proclitic) has an empty word, which no first word is.
    for w in starts {
        let (s, end) = (w.at as usize, w.end as usize);
        if s >= end || !bloom.may_contain_hash(w.hash) {
            continue;
        }
        if let Some(&(a, b)) = groups.get(&hay[s..end]) {
            for &i in &order[a..b] {
                try_at(s, patterns[i as usize], i as usize);
            }
        }
    }
}

/// Bit `k` set when `chunk[k]` (of at most 64 bytes) is a word byte ([`is_word`]), eight bytes
/// at a time by [`word_bits`]; the last bytes are padded with zeros, which are no word bytes.
#[inline]
fn word_mask(chunk: &[u8]) -> u64 {
    let mut words = chunk.chunks_exact(8);
    let mut mask = 0;
    for (j, w) in (&mut words).enumerate() {
        mask |= word_bits(u64::from_le_bytes(w.try_into().expect("eight bytes"))) << (8 * j);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        mask |= word_bits(tail(rest)) << (chunk.len() / 8 * 8);
    }
    mask
}

/// [`is_word`] of the eight bytes of `v` (little-endian) as the low eight bits: bytes from
/// 0x80 up, digits, and ASCII letters of either case, tested on all eight bytes at once.
#[inline]
fn word_bits(v: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const EACH: u64 = 0x0101_0101_0101_0101;
    // Bit 7 of each byte of `x` (below 0x80) set when the byte is at least `lo`: adding
    // 0x80 - lo carries into bit 7 exactly then, and never out of the byte.
    let at_least = |x: u64, lo: u8| (x + (0x80 - lo as u64) * EACH) & HIGH;
    let within = |x: u64, lo: u8, hi: u8| at_least(x, lo) & !at_least(x, hi + 1);
    let low = v & !HIGH;
    // Setting bit 5 lower-cases a letter and moves no other byte into a..z.
    let word = (v & HIGH) | within(low, b'0', b'9') | within(low | (0x20 * EACH), b'a', b'z');
    // Bit 7 of byte k to bit k: the multiplier's terms put it at bit 56 + k, and no two terms
    // meet (so nothing carries).
    (word >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{fold_str, Folded, ALEF};
    use crate::rules::tokenize;
    use crate::trie::Compiled;
    use proptest::prelude::*;

    /// A matcher of `aliases` (as entries of one file) and no triggers.
    fn matcher(aliases: &[&str]) -> Matcher {
        let items = aliases.iter().enumerate().map(|(i, a)| {
            let target = Target::Alias {
                entry: i as u32,
                context: false,
            };
            (Text::Raw(a), target)
        });
        let c = Compiled::compile(items);
        Matcher {
            precompiled: false,
            trie: c.trie,
            first_words: c.first_words,
            word_states: c.word_states,
            second_words: c.second_words,
            patterns: c.patterns,
            targets: c.targets,
        }
    }

    /// The scan without the first-word filter and the lanes: one walk at a time from every word
    /// start and proclitic.
    fn scan_reference(m: &Matcher, hay: &[u8]) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut prev_word = false;
        for (i, &b) in hay.iter().enumerate() {
            let word = is_word(b);
            if word && !prev_word {
                for prefix in 0..=2u8 {
                    let at = i + prefix as usize;
                    if prefix > 0 && !(at < hay.len() && is_proclitic(&hay[i..at])) {
                        break;
                    }
                    let root = m.trie.cells[ROOT as usize];
                    let mut lane = Lane::new(&Walk::new(at, prefix, root));
                    for &b in &hay[at..] {
                        let c = m.trie.classes[b as usize] as u32;
                        let cell = m.trie.cells[((lane.cell >> SHIFT) + c) as usize];
                        if cell & LABEL != c {
                            break;
                        }
                        lane.cell = cell;
                        lane.pos += 1;
                        let end = lane.pos as usize;
                        if cell & LEAF == 0 || hay.get(end).is_some_and(|&b| is_word(b)) {
                            continue;
                        }
                        for &pid in m.trie.patterns(cell).as_slice() {
                            let p = m.patterns[pid as usize];
                            // A fused pattern (للرقة) only right after a proclitic ending in ل.
                            if p.fused && !(prefix > 0 && hay[at - 1] == LAM) {
                                continue;
                            }
                            hits.push(Hit {
                                start: at as u32,
                                end: end as u32,
                                targets: p.targets,
                                pattern: pid,
                                prefix,
                            });
                        }
                    }
                }
            }
            prev_word = word;
        }
        hits
    }

    fn check_scan(m: &Matcher, text: &str) -> Result<(), TestCaseError> {
        let mut f = Folded::default();
        f.fold_into(text);
        let (mut tokens, mut hits, mut scan) = (Vec::new(), Vec::new(), ScanBuffers::default());
        m.scan(&f.bytes, &mut tokens, &mut hits, &mut scan);
        prop_assert_eq!(&hits, &scan_reference(m, &f.bytes));
        let mut expected = Vec::new();
        tokenize(&f.bytes, &mut expected);
        let spans = |t: &[Token]| t.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>();
        prop_assert_eq!(spans(&tokens), spans(&expected));
        let words: Vec<u64> = (tokens.iter())
            .map(|t| {
                word_hash(
                    &f.bytes[t.start as usize..t.end as usize],
                    0,
                    (t.end - t.start) as usize,
                )
            })
            .collect();
        prop_assert_eq!(&scan.token_hashes, &words);
        Ok(())
    }

    const ALIASES: [&str; 17] = [
        "قسد",
        "قوات سوريا الديمقراطية",
        "سوريا",
        "الرقة",
        "ريف الرقة",
        "دير الزور",
        "تنظيم الدولة",
        "الدولة",
        "أبو محمد الجولاني",
        "ISIS",
        "حي-الشيخ",
        "(قسد)",
        // First words over `MAX_STATE_WORD` bytes, walked from the root.
        "الاستراتيجيةالكبرى",
        "الاستراتيجيةالكبرى سوريا",
        // A first word that is also a whole pattern, and goes on.
        "ريف",
        // Patterns that go on past their first word with no second word: their walks start
        // whatever word comes next.
        "ريف.",
        "دير-",
    ];

    #[test]
    fn scan_finds_what_one_walk_at_a_time_finds() {
        let m = matcher(&ALIASES);
        let text = "قالت «قسد» إن قوات سوريا الديمقراطية وصلت ريف الرقة، وللرقة وبالرقة \
                    والدولة و(قسد) حي-الشيخ ISIS isis وسوريا فسوريا ريف \
                    والاستراتيجيةالكبرى سوريا الاستراتيجيةالكبرى";
        check_scan(&m, text).unwrap();
        let hits = |t: &str| {
            let mut f = Folded::default();
            f.fold_into(t);
            let (mut tokens, mut hits, mut scan) = (Vec::new(), Vec::new(), ScanBuffers::default());
            m.scan(&f.bytes, &mut tokens, &mut hits, &mut scan);
            hits.len()
        };
        assert_eq!(hits("قسد"), 1);
        assert_eq!(hits("ومقسدة"), 0);
        assert_eq!(hits("وللرقة"), 1);
        assert_eq!(hits("سوريا الديمقراطية"), 1);
        assert_eq!(hits("ريف الرقة"), 3);
        assert_eq!(hits("الاستراتيجيةالكبرى سوريا"), 3);
        assert_eq!(hits("ريف."), 2);
        assert_eq!(hits("في ريف. الرقة"), 3);
        assert_eq!(hits("دير- الزور"), 1);
        // A walk past the first word only starts when the next word may be a second word.
        let walks = |t: &str| {
            let mut f = Folded::default();
            f.fold_into(t);
            let (mut tokens, mut hits, mut scan) = (Vec::new(), Vec::new(), ScanBuffers::default());
            m.scan(&f.bytes, &mut tokens, &mut hits, &mut scan);
            scan.walks.len()
        };
        assert_eq!(walks("قوات الأمن"), 0);
        assert_eq!(walks("قوات سوريا"), 1);
        assert_eq!(walks("ريف حلب"), 1);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Texts made of alias pieces, clitics, separators and noise.
        #[test]
        fn scan_agrees_with_the_reference(pieces in prop::collection::vec(prop_oneof![
            4 => prop::sample::select(ALIASES.to_vec()).prop_map(String::from),
            2 => prop::sample::select(vec!["و", "ف", "ب", "ل", "ك", "ال", "لل", "وب", "فل"])
                .prop_map(String::from),
            3 => prop::sample::select(vec![" ", "  ", "\n", "«", "»", "\"", "،", ".", "(", ")", "-"])
                .prop_map(String::from),
            1 => "[a-zA-Z0-9]{1,4}",
            1 => any::<char>().prop_map(String::from),
        ], 0..40)) {
            let m = matcher(&ALIASES);
            check_scan(&m, &pieces.concat())?;
        }

        /// `find_at_word_starts` finds what an overlapping Aho-Corasick search filtered by the
        /// same starts and word ends finds (document names are never empty).
        #[test]
        fn word_start_search_agrees_with_aho_corasick(
            hay in prop::collection::vec(prop::sample::select(
                vec![LAM, WAW_, BA_, ALEF, b'a', b' ', b'"', b'(', 0x90u8]), 0..60),
            patterns in prop::collection::vec(prop::collection::vec(prop::sample::select(
                vec![LAM, WAW_, BA_, ALEF, b'a', b' ', b'(', 0x90u8]), 1..4), 1..6),
        ) {
            use aho_corasick::{AhoCorasick, MatchKind};
            // The starts a scan lists (with the matcher of one pattern, which does not matter).
            let m = matcher(&["x"]);
            let (mut tokens, mut hits, mut scan) = (Vec::new(), Vec::new(), ScanBuffers::default());
            m.scan(&hay, &mut tokens, &mut hits, &mut scan);
            let pats: Vec<&[u8]> = patterns.iter().map(|p| &p[..]).collect();
            let mut found = Vec::new();
            find_at_word_starts(&hay, &scan.starts, &pats, |s, e, p| found.push((s, e, p)));
            // By start, then by pattern.
            prop_assert!(found.windows(2).all(|w| (w[0].0, w[0].2) < (w[1].0, w[1].2)));
            found.sort_unstable();
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&pats)
                .unwrap();
            let mut expected = Vec::new();
            for m in ac.find_overlapping_iter(&hay[..]) {
                let s = m.start();
                let ws = hay[..s].iter().rposition(|&b| !is_word(b)).map_or(0, |i| i + 1);
                let e = m.end();
                let word_end = e == hay.len() || !is_word(hay[e]);
                if (ws == s || is_proclitic(&hay[ws..s])) && word_end {
                    expected.push((s, e, m.pattern().as_usize()));
                }
            }
            expected.sort_unstable();
            prop_assert_eq!(found, expected);
        }
    }

    const WAW_: u8 = crate::normalize::WAW;
    const BA_: u8 = crate::normalize::BA;

    /// Every first word of at most `MAX_STATE_WORD` bytes has the state a walk from the root
    /// reaches, and says whether that state goes on past the word, and whether it goes on with
    /// no other word; other words have none.
    #[test]
    fn word_states_are_the_states_of_first_words() {
        let m = matcher(&ALIASES);
        let walk = |w: &[u8]| {
            let mut cell = m.trie.cells[ROOT as usize];
            for &b in w {
                let c = m.trie.classes[b as usize] as u32;
                let next = m.trie.cells[((cell >> SHIFT) + c) as usize];
                if c == 0 || next & LABEL != c {
                    return None;
                }
                cell = next;
            }
            Some(cell)
        };
        let mut words: Vec<Vec<u8>> = ALIASES
            .iter()
            .flat_map(|a| {
                let f = fold_str(a);
                (0..=f.len()).map(move |n| f[..n].to_vec())
            })
            .collect();
        words.push(fold_str("قسدد"));
        for w in &words {
            let got = m.word_states.get(w, 0, w.len(), word_hash(w, 0, w.len()));
            let first = ALIASES
                .iter()
                .any(|a| first_word(&fold_str(a)) == &w[..] && !w.is_empty());
            if !first || w.len() > MAX_STATE_WORD {
                assert_eq!(got, None, "{w:?}");
                continue;
            }
            let cell = walk(w).unwrap();
            let got = got.unwrap();
            if got & VALUE != 0 {
                // A match state that does not go on: its value instead of its base.
                assert!(cell & LEAF != 0);
                let value = m.trie.cells[(cell >> SHIFT) as usize] >> SHIFT;
                assert_eq!(got >> SHIFT, value, "{w:?}");
                assert_eq!(got & GOES_ON, 0);
                continue;
            }
            assert_eq!(got & !LABEL, cell & !LABEL, "{w:?}");
            let goes_on = ALIASES.iter().any(|a| {
                fold_str(a).get(w.len()).is_some_and(|&b| !is_word(b)) && fold_str(a).starts_with(w)
            });
            assert_eq!(got & GOES_ON != 0, goes_on, "{w:?}");
            // BARE: some pattern goes on with no other word after this one.
            let bare = ALIASES.iter().any(|a| {
                let f = fold_str(a);
                f.starts_with(w)
                    && f.get(w.len()).is_some_and(|&b| !is_word(b))
                    && !f[w.len()..].iter().any(|&b| is_word(b))
            });
            assert_eq!(got & BARE != 0, bare, "{w:?}");
        }
    }

    /// `word_bits` is `is_word` for every byte value in every position of the word, among
    /// word and non-word neighbours.
    #[test]
    fn word_bits_are_is_word_for_every_byte_in_every_place() {
        for fill in [0u8, b' ', b'a', 0x90, b'Z', 0x7F] {
            for k in 0..8 {
                for b in 0..=255u8 {
                    let mut bytes = [fill; 8];
                    bytes[k] = b;
                    let want = (0..8).fold(0, |m, j| m | (is_word(bytes[j]) as u64) << j);
                    assert_eq!(word_bits(u64::from_le_bytes(bytes)), want, "{bytes:?}");
                }
            }
        }
        let text: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for len in 0..=64 {
            let chunk = &text[100..100 + len];
            let want = (0..len).fold(0, |m, j| m | (is_word(chunk[j]) as u64) << j);
            assert_eq!(word_mask(chunk), want);
        }
    }

    #[test]
    fn first_words_and_the_bloom_filter() {
        assert_eq!(first_word(&fold_str("قوات سوريا")), &fold_str("قوات")[..]);
        assert_eq!(first_word(&fold_str("(قسد)")), b"");
        let words = [fold_str("قسد"), fold_str("الرقة"), Vec::new()];
        let bloom = Bloom::new(words.iter().map(|w| &w[..]));
        for w in &words {
            let mut padded = w.clone();
            padded.extend_from_slice(b" tail");
            assert!(bloom.may_contain(w, 0, w.len()));
            assert!(bloom.may_contain(&padded, 0, w.len()));
        }
    }
}
