//! The compiled pattern set of [`crate::matcher`]: every alias and trigger word, folded, in a
//! double-array trie, with what each pattern stands for.
//!
//! This module depends only on [`crate::normalize`], so `build.rs` compiles it too: the trie of
//! the embedded gazetteers is built when the crate is, and [`Compiled::from_bytes`] loads it in a
//! few milliseconds. The gazetteer files stay the only source: the runtime checks that the
//! aliases it loaded hash to the ones the trie was built from ([`items_hash`]) and compiles them
//! itself otherwise.

use crate::normalize::{fold_str_into, is_word, ALEF, LAM, QUOTE, SPACE};
use std::collections::HashMap;
use std::hash::Hasher as _;

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// An alias of entry number `entry`; `context` when it only fires after a trigger.
    Alias { entry: u32, context: bool },
    /// Trigger number `.0` of the lexicon.
    Trigger(u32),
}

/// One pattern of the automaton.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Pattern {
    /// Range into `Compiled::targets`.
    pub(crate) targets: (u32, u32),
    /// The pattern is an ال-alias with its alef dropped, as after the preposition ل (للرقة): it
    /// only counts right after a proclitic ending in ل.
    pub(crate) fused: bool,
}

/// The text of a pattern: an alias as written (folded here), or already folded.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Text<'a> {
    Raw(&'a str),
    Folded(&'a [u8]),
}

/// The compiled patterns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Compiled {
    pub(crate) trie: Trie,
    /// The first words of the patterns: a walk from a text word that is none of them finds
    /// nothing, so it is not started.
    pub(crate) first_words: Bloom,
    /// The state each first word leads to.
    pub(crate) word_states: WordStates,
    /// The second words of the patterns, each with its first word ([`pair_hash`]): a walk that
    /// goes on past a first word finds nothing unless the next word of the text is one of them,
    /// so it is not started.
    pub(crate) second_words: Bloom,
    pub(crate) patterns: Vec<Pattern>,
    pub(crate) targets: Vec<Target>,
}

/// A hash of the items [`Compiled::compile`] would compile, to check that precompiled data was
/// built from the same aliases.
pub(crate) fn items_hash<'a>(items: impl Iterator<Item = (Text<'a>, Target)>) -> u64 {
    let mut h = FxHasher::default();
    for (text, target) in items {
        match text {
            Text::Raw(s) => {
                h.write_u8(0);
                h.write(s.as_bytes());
            }
            Text::Folded(b) => {
                h.write_u8(1);
                h.write(b);
            }
        }
        h.write_usize(usize::MAX);
        h.write_u32(target.encode());
    }
    h.finish()
}

impl Target {
    fn encode(self) -> u32 {
        match self {
            Target::Alias { entry, context } => entry << 2 | (context as u32) << 1,
            Target::Trigger(i) => i << 2 | 1,
        }
    }

    fn decode(x: u32) -> Target {
        if x & 1 == 1 {
            Target::Trigger(x >> 2)
        } else {
            Target::Alias {
                entry: x >> 2,
                context: x & 2 != 0,
            }
        }
    }
}

impl Compiled {
    /// Compiles `items`, aliases and trigger words with what each stands for.
    pub(crate) fn compile<'a>(items: impl Iterator<Item = (Text<'a>, Target)>) -> Compiled {
        // Every folded alias goes into one arena; `items` are the (pattern, target) pairs in
        // the order they are added. An ال-alias also gets its fused form (the alias without its
        // alef, only after the preposition ل), added first.
        let mut arena: Vec<u8> = Vec::new();
        let mut pairs: Vec<(u32, u32, bool, Target)> = Vec::new();
        for (text, target) in items {
            let start = arena.len();
            match text {
                Text::Raw(s) => fold_str_into(s, &mut arena),
                Text::Folded(b) => arena.extend_from_slice(b),
            }
            let (s, n) = (start as u32, (arena.len() - start) as u32);
            if n > 3 && arena[start] == ALEF && arena[start + 1] == LAM {
                pairs.push((s + 1, n - 1, true, target));
            }
            pairs.push((s, n, false, target));
        }
        let items = pairs;
        // Distinct (bytes, fused) keys get pattern ids in the order they first appear.
        let mut index: HashMap<(&[u8], bool), u32, FxBuild> =
            HashMap::with_capacity_and_hasher(items.len(), FxBuild::default());
        let mut keys: Vec<(&[u8], bool)> = Vec::new();
        let mut item_pattern = Vec::with_capacity(items.len());
        for &(s, n, fused, _) in &items {
            let key = (&arena[s as usize..(s + n) as usize], fused);
            let pid = *index.entry(key).or_insert_with(|| {
                keys.push(key);
                keys.len() as u32 - 1
            });
            item_pattern.push(pid);
        }
        drop(index);
        // Each pattern's targets, in the order added, without repeats.
        let mut first = vec![0u32; keys.len() + 1];
        for &p in &item_pattern {
            first[p as usize + 1] += 1;
        }
        for i in 1..first.len() {
            first[i] += first[i - 1];
        }
        let mut filled = vec![0u32; keys.len()];
        let mut slots = vec![Target::Trigger(0); items.len()];
        for (&(_, _, _, target), &p) in items.iter().zip(&item_pattern) {
            let (s, n) = (first[p as usize] as usize, filled[p as usize] as usize);
            if !slots[s..s + n].contains(&target) {
                slots[s + n] = target;
                filled[p as usize] += 1;
            }
        }
        let mut patterns = Vec::with_capacity(keys.len());
        let mut targets = Vec::with_capacity(items.len());
        for (p, &(_, fused)) in keys.iter().enumerate() {
            let s = first[p] as usize;
            let start = targets.len() as u32;
            targets.extend_from_slice(&slots[s..s + filled[p] as usize]);
            patterns.push(Pattern {
                targets: (start, targets.len() as u32),
                fused,
            });
        }
        targets.shrink_to_fit();
        let trie = Trie::build(&keys);
        let mut firsts: Vec<&[u8]> = keys.iter().map(|(k, _)| first_word(k)).collect();
        firsts.sort_unstable();
        firsts.dedup();
        let first_words = Bloom::new(firsts.iter().copied());
        // What follows each first word (of a table-sized one, whose walks start at its state):
        // the next word, or, for a pattern with no other word, nothing.
        let mut seconds = Vec::new();
        let mut bare = std::collections::HashSet::new();
        for (k, _) in &keys {
            let first = first_word(k);
            if first.is_empty() || first.len() > MAX_STATE_WORD || first.len() == k.len() {
                continue;
            }
            let Some(cell) = trie.state(first) else {
                continue;
            };
            let rest = &k[first.len()..];
            match rest.iter().position(|&b| is_word(b)) {
                Some(at) => {
                    let second = first_word(&rest[at..]);
                    seconds.push(pair_hash(
                        word_hash(first, 0, first.len()),
                        word_hash(second, 0, second.len()),
                    ));
                }
                None => {
                    bare.insert(cell >> SHIFT);
                }
            }
        }
        seconds.sort_unstable();
        seconds.dedup();
        let second_words = Bloom::from_hashes(&seconds);
        let word_states = WordStates::new(&trie, &firsts, &bare);
        Compiled {
            trie,
            first_words,
            word_states,
            second_words,
            patterns,
            targets,
        }
    }

    /// The compiled data as bytes, for [`Compiled::from_bytes`] (`build.rs` writes them).
    #[allow(dead_code)]
    pub(crate) fn to_bytes(&self, hash: u64) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&hash.to_le_bytes());
        out.extend_from_slice(&self.trie.classes);
        let put = |out: &mut Vec<u8>, v: &mut dyn Iterator<Item = u32>| {
            let at = out.len();
            out.extend_from_slice(&[0; 4]);
            let mut n = 0u32;
            for x in v {
                out.extend_from_slice(&x.to_le_bytes());
                n += 1;
            }
            out[at..at + 4].copy_from_slice(&n.to_le_bytes());
        };
        put(&mut out, &mut self.trie.cells.iter().copied());
        put(
            &mut out,
            &mut self.trie.groups.iter().flat_map(|&(a, b)| [a, b]),
        );
        put(&mut out, &mut self.trie.outputs.iter().copied());
        put(&mut out, &mut self.first_words.to_u32s());
        put(&mut out, &mut self.second_words.to_u32s());
        put(
            &mut out,
            &mut (self.word_states.slots.iter())
                .flat_map(|&s| [0, 32, 64, 96].map(|k| (s >> k) as u32)),
        );
        put(
            &mut out,
            &mut self
                .patterns
                .iter()
                .flat_map(|p| [p.targets.0, p.targets.1, p.fused as u32]),
        );
        put(&mut out, &mut self.targets.iter().map(|t| t.encode()));
        out
    }

    /// Loads what [`Compiled::to_bytes`] wrote, if it was built from items with this hash.
    pub(crate) fn from_bytes(bytes: &[u8], hash: u64) -> Option<Compiled> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let (h, rest) = rest.split_at_checked(8)?;
        if u64::from_le_bytes(h.try_into().ok()?) != hash {
            return None;
        }
        let (classes, mut rest) = rest.split_at_checked(256)?;
        let mut get = || -> Option<Vec<u32>> {
            let (n, r) = rest.split_at_checked(4)?;
            let n = u32::from_le_bytes(n.try_into().ok()?) as usize;
            let (data, r) = r.split_at_checked(n.checked_mul(4)?)?;
            rest = r;
            Some(
                data.chunks_exact(4)
                    .map(|c| u32::from_le_bytes(c.try_into().expect("four bytes")))
                    .collect(),
            )
        };
        let cells = get()?;
        let groups = get()?.chunks_exact(2).map(|c| (c[0], c[1])).collect();
        let outputs = get()?;
        let first_words = Bloom::from_u32s(&get()?)?;
        let second_words = Bloom::from_u32s(&get()?)?;
        let slots: Vec<u128> = get()?
            .chunks_exact(4)
            .map(|c| c.iter().rev().fold(0, |a, &x| a << 32 | x as u128))
            .collect();
        let patterns = get()?
            .chunks_exact(3)
            .map(|c| Pattern {
                targets: (c[0], c[1]),
                fused: c[2] != 0,
            })
            .collect();
        let targets = get()?.into_iter().map(Target::decode).collect();
        if !slots.len().is_power_of_two() {
            return None;
        }
        Some(Compiled {
            trie: Trie {
                classes: classes.try_into().ok()?,
                cells,
                groups,
                outputs,
            },
            first_words,
            word_states: WordStates {
                mask: slots.len() - 1,
                slots,
            },
            second_words,
            patterns,
            targets,
        })
    }
}

/// Marks the start of [`Compiled::to_bytes`] (and its format version).
const MAGIC: &[u8; 8] = b"rasdtr04";

/// A fast hasher for byte-string keys built once (FxHash, as in rustc): no protection against
/// chosen collisions is needed for the embedded and user gazetteers.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        for &b in chunks.remainder() {
            self.add(b as u64);
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i as u64);
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// Builds [`FxHasher`]s.
pub(crate) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
/// A `HashMap` with [`FxHasher`]: for the small maps and word sets of the rules, hashed for
/// every word of every document.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuild>;
/// A `HashSet` with [`FxHasher`].
pub(crate) type FxHashSet<T> = std::collections::HashSet<T, FxBuild>;

/// The first word of a folded pattern: its bytes up to the first that is not a word byte.
///
/// A walk from `at` finds a pattern only if the text from `at` to its word end is the pattern's
/// first word: a pattern with a non-word byte has the text's word end there, and one without
/// must end at a word end, so it is the whole text word.
pub(crate) fn first_word(p: &[u8]) -> &[u8] {
    &p[..p.iter().position(|&b| !is_word(b)).unwrap_or(p.len())]
}

/// A Bloom filter of byte strings, two bits each in one 64-bit word (so a test is one read):
/// answers "maybe" for every string added and for a few in a hundred others.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Bloom {
    words: Vec<u64>,
    /// Number of words minus one (a power of two minus one).
    mask: u64,
}

impl Bloom {
    /// A filter of `items` at 16 bits an item.
    pub(crate) fn new<'a>(items: impl Iterator<Item = &'a [u8]> + Clone) -> Bloom {
        Bloom::with_bits(items, 16)
    }

    /// A filter of `items` at `bits` bits an item (rounded up to a power of two of words).
    pub(crate) fn with_bits<'a>(
        items: impl Iterator<Item = &'a [u8]> + Clone,
        bits: usize,
    ) -> Bloom {
        let mut bloom = Bloom::empty(items.clone().count(), bits);
        for item in items {
            bloom.insert(item);
        }
        bloom
    }

    /// A filter of the items with these hashes, at 8 bits an item: for the pair filter, where
    /// a false positive costs only a short walk, and a smaller filter misses the cache less
    /// (16 bits an item measured about 1% slower).
    pub(crate) fn from_hashes(hashes: &[u64]) -> Bloom {
        let mut bloom = Bloom::empty(hashes.len(), 8);
        for &h in hashes {
            bloom.insert_hash(h);
        }
        bloom
    }

    /// A filter with room for `items` at `bits` bits an item, a power of two of words.
    fn empty(items: usize, bits: usize) -> Bloom {
        let n = (items.max(1) * bits / 64).next_power_of_two();
        Bloom {
            words: vec![0; n],
            mask: n as u64 - 1,
        }
    }

    /// Adds `item`.
    pub(crate) fn insert(&mut self, item: &[u8]) {
        self.insert_hash(word_hash(item, 0, item.len()));
    }

    /// Adds the item with this [`word_hash`].
    fn insert_hash(&mut self, h: u64) {
        let (w, bits) = self.bits(h);
        self.words[w] |= bits;
    }

    /// The filter's words as `u32`s, low half first, for [`Compiled::to_bytes`].
    fn to_u32s(&self) -> impl Iterator<Item = u32> + '_ {
        self.words
            .iter()
            .flat_map(|&w| [w as u32, (w >> 32) as u32])
    }

    /// What [`Bloom::to_u32s`] wrote, if it is a power of two of words.
    fn from_u32s(x: &[u32]) -> Option<Bloom> {
        let words: Vec<u64> = (x.chunks_exact(2))
            .map(|c| c[0] as u64 | (c[1] as u64) << 32)
            .collect();
        words.len().is_power_of_two().then(|| Bloom {
            mask: words.len() as u64 - 1,
            words,
        })
    }

    /// The word and the two bits of a [`word_hash`].
    #[inline]
    fn bits(&self, h: u64) -> (usize, u64) {
        let bits = 1 << (h >> 52 & 63) | 1 << (h >> 58);
        ((h & self.mask) as usize, bits)
    }

    #[cfg(test)]
    pub(crate) fn may_contain(&self, buf: &[u8], start: usize, end: usize) -> bool {
        self.may_contain_hash(word_hash(buf, start, end))
    }

    /// Whether the string with this [`word_hash`] may be in the filter.
    #[inline]
    pub(crate) fn may_contain_hash(&self, h: u64) -> bool {
        let (w, bits) = self.bits(h);
        self.words[w] & bits == bits
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.words.capacity() * 8
    }
}

/// The longest first word, in bytes, that [`WordStates`] holds.
pub(crate) const MAX_STATE_WORD: usize = 12;
/// Bit of a cell from [`WordStates::get`]: its state has a child by a byte that is not a word
/// byte, so a walk may go on past the word. (The bit is in the label, which is not needed once
/// the state is known.)
pub(crate) const GOES_ON: u32 = 1;
/// Bit of a cell from [`WordStates::get`] of a match state that does not go on: the cell holds
/// the state's value (its base is of no use), so its patterns are found without reading the
/// value cell ([`Trie::patterns_of_value`] of the cell shifted by [`SHIFT`]).
pub(crate) const VALUE: u32 = 2;
/// Bit of a [`GOES_ON`] cell from [`WordStates::get`]: some pattern goes on from its state with
/// no other word (only separators and punctuation), so [`Compiled::second_words`] does not
/// decide whether to walk on.
pub(crate) const BARE: u32 = 4;

/// The hash of two words, from their [`word_hash`]es, for [`Compiled::second_words`].
#[inline]
pub(crate) fn pair_hash(first: u64, second: u64) -> u64 {
    let h =
        (second ^ first.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ h >> 31
}

/// The trie state that each first word of a pattern leads to, for words of up to
/// [`MAX_STATE_WORD`] bytes: a hash table keyed by the word's [`word_hash`], holding the word
/// itself (so a lookup is exact) and the state's cell. A walk from a word start can then start
/// after the word, with one lookup instead of a step a letter, and does not start at all when
/// the state has no way on past the word (most words: في is the first word of some patterns
/// but is mostly followed by words none of them has).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct WordStates {
    /// Open addressing, linear probing: the word's bytes in the low 96 bits (zero-padded; word
    /// bytes are never zero, so an empty slot is zero there), the cell in the high 32.
    slots: Vec<u128>,
    /// Number of slots minus one (a power of two minus one).
    mask: usize,
}

impl WordStates {
    /// The states of `words` (first words; the longer ones and the empty one are left out).
    /// `bare` holds the bases of the states from which a pattern goes on without another word.
    fn new(trie: &Trie, words: &[&[u8]], bare: &std::collections::HashSet<u32>) -> WordStates {
        let n = (words.len() * 2).max(2).next_power_of_two();
        let mut t = WordStates {
            slots: vec![0; n],
            mask: n - 1,
        };
        for w in words {
            if w.is_empty() || w.len() > MAX_STATE_WORD || !w.iter().all(|&b| is_word(b)) {
                continue;
            }
            let Some(cell) = trie.state(w) else { continue };
            let base = cell >> SHIFT;
            let goes_on = (0..=255u8).any(|b| {
                let c = trie.classes[b as usize] as u32;
                !is_word(b)
                    && c != 0
                    && trie
                        .cells
                        .get((base + c) as usize)
                        .is_some_and(|&x| x & LABEL == c)
            });
            let cell = if goes_on && bare.contains(&base) {
                (cell & !LABEL) | GOES_ON | BARE
            } else if goes_on {
                (cell & !LABEL) | GOES_ON
            } else if cell & LEAF != 0 {
                trie.cells[(cell >> SHIFT) as usize] & !LABEL | LEAF | VALUE
            } else {
                cell & !LABEL
            };
            let key = Self::key(w, 0, w.len());
            let mut i = Self::slot(word_hash(w, 0, w.len())) & t.mask;
            while t.slots[i] & KEY_BITS != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = key | (cell as u128) << 96;
        }
        t
    }

    /// `buf[start..end]` (at most [`MAX_STATE_WORD`] bytes) as a key.
    #[inline]
    fn key(buf: &[u8], start: usize, end: usize) -> u128 {
        let n = end - start;
        match buf.get(start..start + 16) {
            Some(b) => {
                u128::from_le_bytes(b.try_into().expect("sixteen bytes")) & ((1 << (8 * n)) - 1)
            }
            None => {
                let mut k = [0u8; 16];
                k[..n].copy_from_slice(&buf[start..end]);
                u128::from_le_bytes(k)
            }
        }
    }

    #[inline]
    fn slot(hash: u64) -> usize {
        (hash >> 24) as usize
    }

    /// The cell of the state that the first word `buf[start..end]`, whose [`word_hash`] is
    /// `hash`, leads to, with [`GOES_ON`] or [`VALUE`] in place of its label; `None` when the word is no
    /// first word of at most [`MAX_STATE_WORD`] bytes.
    #[inline]
    pub(crate) fn get(&self, buf: &[u8], start: usize, end: usize, hash: u64) -> Option<u32> {
        if start >= end || end - start > MAX_STATE_WORD {
            return None;
        }
        let key = Self::key(buf, start, end);
        let mut i = Self::slot(hash) & self.mask;
        loop {
            let s = self.slots[i];
            if s & KEY_BITS == key {
                return Some((s >> 96) as u32);
            }
            if s & KEY_BITS == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.slots.capacity() * 16
    }
}

/// The key bits of a [`WordStates`] slot.
const KEY_BITS: u128 = (1 << 96) - 1;

/// The hash of `buf[start..end]` for [`Bloom`]. It mixes the string eight bytes at a time (read
/// straight from `buf` when it has eight bytes there), so its cost hardly depends on the length
/// of a word.
#[inline]
pub(crate) fn word_hash(buf: &[u8], start: usize, end: usize) -> u64 {
    let mut h = (end - start) as u64;
    let mut at = start;
    while at < end {
        let n = (end - at).min(8);
        let v = match buf.get(at..at + 8) {
            Some(b) => u64::from_le_bytes(b.try_into().expect("eight bytes")),
            None => tail(&buf[at..at + n]),
        };
        let v = if n == 8 { v } else { v & ((1 << (8 * n)) - 1) };
        h = (h ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^= h >> 29;
        at += 8;
    }
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ h >> 32
}

/// [`word_hash`] of a string of `n <= 8` bytes held in the low bytes of `v` (the bytes above
/// them are ignored). The scan reads a short word once and hashes the word and its rests after a
/// proclitic from that one read.
#[inline]
pub(crate) fn short_word_hash(v: u64, n: usize) -> u64 {
    const LOW_BYTES: [u64; 9] = {
        let mut t = [u64::MAX; 9];
        let mut i = 0;
        while i < 8 {
            t[i] = (1 << (8 * i)) - 1;
            i += 1;
        }
        t
    };
    let mut h = (n as u64 ^ (v & LOW_BYTES[n.min(8)])).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 29;
    h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h ^ h >> 32
}

/// The bytes of `b` (at most eight) as a little-endian number, from two overlapping reads
/// rather than a copy: the tail of a word that ends its buffer (and every word of a word list).
#[inline]
pub(crate) fn tail(b: &[u8]) -> u64 {
    let n = b.len();
    let read4 = |i: usize| u32::from_le_bytes(b[i..i + 4].try_into().expect("four bytes")) as u64;
    match n {
        0 => 0,
        1..=3 => {
            b[0] as u64 | (b[n / 2] as u64) << (8 * (n / 2)) | (b[n - 1] as u64) << (8 * (n - 1))
        }
        4..=7 => read4(0) | read4(n - 4) << (8 * (n - 4)),
        _ => u64::from_le_bytes(b[..8].try_into().expect("eight bytes")),
    }
}

/// The root state of [`Trie`].
pub(crate) const ROOT: u32 = 0;
/// Bits of a cell holding the label: the class of the byte that leads to the state stored there.
pub(crate) const LABEL: u32 = 0xFF;
/// The label of cells that hold no state: free cells and the value cells of match states. No
/// byte class has it, so no walk ever steps onto them.
pub(crate) const NO_LABEL: u32 = 0xFF;
/// Bit of a cell set on states where a pattern ends.
pub(crate) const LEAF: u32 = 1 << 8;
/// A cell's base (or a value cell's value) is the cell shifted right by this.
pub(crate) const SHIFT: u32 = 9;
/// Bit of a value cell's value when it is the one pattern id of its state; without it, the
/// value is an index into `Trie::groups`.
const ONE: u32 = 1 << 22;

/// The patterns of a match state.
pub(crate) enum Patterns<'a> {
    One([u32; 1]),
    Many(&'a [u32]),
}

impl Patterns<'_> {
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u32] {
        match self {
            Patterns::One(p) => p,
            Patterns::Many(p) => p,
        }
    }
}

/// The patterns as a double-array trie over byte classes, four bytes a state.
///
/// Cell `t` holds a state as `base << SHIFT | LEAF? | label`: the child of the state in cell `s`
/// by class `c` sits in cell `base(s) + c` and is there exactly when that cell's label is `c`
/// (every state has its own base, so a label identifies the parent). A step is one table read and
/// a compare, and a walk dies at the first byte no pattern continues with; the walks are anchored,
/// so the trie needs no failure links. A match state keeps its output in the value cell
/// `base + 0` (class 0 stands for bytes in no pattern, so no step leads there): its pattern id,
/// or where its pattern ids are when it has several.
///
/// The states are placed breadth-first, so the states near the root, which every walk visits,
/// share a few cache lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Trie {
    /// Class of each folded byte, 1 to 254; 0 for bytes that occur in no pattern. [`QUOTE`] is
    /// read as [`SPACE`].
    pub(crate) classes: [u8; 256],
    pub(crate) cells: Vec<u32>,
    /// Range of `outputs` of each value cell's value.
    groups: Vec<(u32, u32)>,
    /// Pattern ids of the match states, ascending within a state.
    outputs: Vec<u32>,
}

impl Trie {
    /// Builds the trie of `keys` (pattern `i` is `keys[i].0`; several patterns may share bytes).
    ///
    /// # Panics
    /// If the trie needs more than 2^23 cells (some million aliases).
    fn build(keys: &[(&[u8], bool)]) -> Trie {
        let mut classes = [0u8; 256];
        let mut used = [false; 256];
        for (k, _) in keys {
            for &b in *k {
                used[b as usize] = true;
            }
        }
        used[QUOTE as usize] = false;
        let mut n = 0u32;
        for b in 0..256 {
            if used[b] {
                n += 1;
                classes[b] = n as u8;
            }
        }
        assert!(
            n < NO_LABEL,
            "folded patterns use at most 254 distinct bytes"
        );
        classes[QUOTE as usize] = classes[SPACE as usize];
        // Sorted distinct keys, each with its pattern ids. Classes number the bytes in order, so
        // the byte order is the class order.
        let mut order: Vec<(&[u8], u32)> = keys
            .iter()
            .enumerate()
            .map(|(p, k)| (k.0, p as u32))
            .collect();
        order.sort_unstable();
        let mut words: Vec<&[u8]> = Vec::new();
        let mut groups: Vec<(u32, u32)> = Vec::new();
        let mut outputs: Vec<u32> = Vec::with_capacity(keys.len());
        for &(w, p) in &order {
            if words.last() != Some(&w) {
                words.push(w);
                groups.push((outputs.len() as u32, outputs.len() as u32));
            }
            outputs.push(p);
            groups.last_mut().expect("pushed above").1 += 1;
        }
        let mut b = DoubleArrayBuilder::new(n as usize);
        // (state, range of words sharing its prefix, depth), breadth-first.
        let mut queue = std::collections::VecDeque::from([(ROOT, 0, words.len(), 0)]);
        let mut labels: Vec<(u8, usize, usize)> = Vec::new();
        while let Some((state, lo, hi, depth)) = queue.pop_front() {
            labels.clear();
            let mut i = lo;
            let leaf = words[lo].len() == depth;
            if leaf {
                // The value cell, at label 0; words are sorted, so the word that ends here is
                // the first of its range.
                labels.push((0, lo, lo + 1));
                i += 1;
            }
            while i < hi {
                let c = words[i][depth];
                let mut j = i + 1;
                while j < hi && words[j][depth] == c {
                    j += 1;
                }
                labels.push((classes[c as usize], i, j));
                i = j;
            }
            let base = b.place(labels.iter().map(|l| l.0));
            b.cells[state as usize] |= base << SHIFT | if leaf { LEAF } else { 0 };
            for &(c, i, j) in &labels {
                let t = base + c as u32;
                if c == 0 {
                    // One pattern (the usual case) sits in the value cell itself.
                    let (s, e) = groups[i];
                    let value = if e - s == 1 && outputs[s as usize] < ONE {
                        ONE | outputs[s as usize]
                    } else {
                        assert!((i as u32) < ONE, "the alias trie has over 2^22 patterns");
                        i as u32
                    };
                    b.cells[t as usize] = value << SHIFT | NO_LABEL;
                } else {
                    b.cells[t as usize] = c as u32;
                    queue.push_back((t, i, j, depth + 1));
                }
            }
        }
        let mut cells = b.finish();
        cells.shrink_to_fit();
        outputs.shrink_to_fit();
        groups.shrink_to_fit();
        Trie {
            classes,
            cells,
            groups,
            outputs,
        }
    }

    /// The cell of the state that `w` leads to from the root, if any.
    fn state(&self, w: &[u8]) -> Option<u32> {
        let mut cell = self.cells[ROOT as usize];
        for &b in w {
            let c = self.classes[b as usize] as u32;
            let next = *self.cells.get(((cell >> SHIFT) + c) as usize)?;
            if c == 0 || next & LABEL != c {
                return None;
            }
            cell = next;
        }
        Some(cell)
    }

    /// The pattern ids that end at the match state whose cell is `cell`, ascending.
    #[inline]
    pub(crate) fn patterns(&self, cell: u32) -> Patterns<'_> {
        self.patterns_of_value(self.cells[(cell >> SHIFT) as usize] >> SHIFT)
    }

    /// The pattern ids of a match state whose value cell holds `value`, ascending.
    #[inline]
    pub(crate) fn patterns_of_value(&self, value: u32) -> Patterns<'_> {
        if value & ONE != 0 {
            return Patterns::One([value & !ONE]);
        }
        let (s, e) = self.groups[value as usize];
        Patterns::Many(&self.outputs[s as usize..e as usize])
    }

    pub(crate) fn memory_usage(&self) -> usize {
        self.cells.capacity() * std::mem::size_of::<u32>()
            + self.groups.capacity() * std::mem::size_of::<(u32, u32)>()
            + self.outputs.capacity() * std::mem::size_of::<u32>()
    }
}

/// Places states in a double array, keeping the free cells in a doubly linked list so that a
/// search for room only visits free cells.
struct DoubleArrayBuilder {
    cells: Vec<u32>,
    free: Vec<bool>,
    /// Bases already given to a state: each state has its own.
    used_base: Vec<bool>,
    /// Next and previous free cell of each free cell, in a circular list through the root cell,
    /// which is never free. A free cell that failed to start a placement too often leaves the
    /// list (it stays free), so that searches do not keep visiting the holes of a full region.
    links: Vec<(u32, u32)>,
    /// Failed placements that started at each cell.
    fails: Vec<u8>,
    /// Number of classes: a state's cells are `base ..= base + classes`.
    classes: usize,
}

/// `links` of a cell that is not in the free list.
const UNLINKED: u32 = u32::MAX;
/// Failed placements after which a free cell leaves the free list.
const MAX_FAILS: u8 = 16;

impl DoubleArrayBuilder {
    fn new(classes: usize) -> DoubleArrayBuilder {
        let mut b = DoubleArrayBuilder {
            cells: vec![NO_LABEL],
            free: vec![false],
            used_base: vec![false],
            links: vec![(ROOT, ROOT)],
            fails: vec![0],
            classes,
        };
        b.grow(1024);
        b
    }

    /// Adds `n` free cells at the end.
    fn grow(&mut self, n: usize) {
        for _ in 0..n {
            let i = self.cells.len() as u32;
            self.cells.push(NO_LABEL);
            self.free.push(true);
            self.used_base.push(false);
            self.fails.push(0);
            let last = self.links[ROOT as usize].1;
            self.links.push((ROOT, last));
            self.links[last as usize].0 = i;
            self.links[ROOT as usize].1 = i;
        }
        assert!(
            self.cells.len() < 1 << (32 - SHIFT),
            "the alias trie needs more than 2^23 cells"
        );
    }

    /// Marks cell `i` used.
    fn take(&mut self, i: u32) {
        self.free[i as usize] = false;
        self.unlink(i);
    }

    /// Takes cell `i` out of the free list, if it is there.
    fn unlink(&mut self, i: u32) {
        let (next, prev) = self.links[i as usize];
        if next == UNLINKED {
            return;
        }
        self.links[prev as usize].0 = next;
        self.links[next as usize].1 = prev;
        self.links[i as usize] = (UNLINKED, UNLINKED);
    }

    /// Finds an unused base where every label lands on a free cell, takes those cells and
    /// returns the base.
    fn place(&mut self, labels: impl Iterator<Item = u8> + Clone) -> u32 {
        let first = labels
            .clone()
            .next()
            .expect("a state has a child or a value") as u32;
        let mut p = self.links[ROOT as usize].0;
        loop {
            if p == ROOT {
                // No room: add cells and go on from the first new one.
                let from = self.cells.len() as u32;
                self.grow(self.cells.len() / 2 + self.classes + 1);
                p = from;
                continue;
            }
            if p >= first {
                let base = p - first;
                let end = base as usize + self.classes + 1;
                if end > self.cells.len() {
                    self.grow(end - self.cells.len());
                }
                if !self.used_base[base as usize]
                    && labels
                        .clone()
                        .all(|c| self.free[base as usize + c as usize])
                {
                    self.used_base[base as usize] = true;
                    for c in labels {
                        self.take(base + c as u32);
                    }
                    return base;
                }
            }
            let next = self.links[p as usize].0;
            self.fails[p as usize] += 1;
            if self.fails[p as usize] >= MAX_FAILS {
                self.unlink(p);
            }
            p = next;
        }
    }

    /// The cells, padded so that `base + class` is inside for every state and class.
    fn finish(mut self) -> Vec<u32> {
        let max = self
            .cells
            .iter()
            .filter(|&&c| c & LABEL != NO_LABEL)
            .map(|&c| c >> SHIFT)
            .max()
            .unwrap_or(0);
        let len = max as usize + NO_LABEL as usize + 1;
        self.cells.resize(len.max(self.cells.len()), NO_LABEL);
        while self.cells.len() > len && self.cells.last() == Some(&NO_LABEL) {
            self.cells.pop();
        }
        self.cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `tail` reads what a zero-padded copy would.
    #[test]
    fn tail_is_the_padded_little_endian_value() {
        let bytes: Vec<u8> = (1..=8).map(|i| i * 29).collect();
        for n in 0..=8 {
            let mut b = [0u8; 8];
            b[..n].copy_from_slice(&bytes[..n]);
            assert_eq!(tail(&bytes[..n]), u64::from_le_bytes(b), "{n}");
        }
    }

    proptest::proptest! {
        /// The hash of a short word from one read, whatever follows it, is its `word_hash`.
        #[test]
        fn a_short_word_hashes_from_one_read(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 8..12),
            n in 0usize..=8,
            skip in 0usize..3,
        ) {
            let v = u64::from_le_bytes(bytes[..8].try_into().expect("eight bytes"));
            let skip = skip.min(n);
            proptest::prop_assert_eq!(
                short_word_hash(v >> (8 * skip), n - skip),
                word_hash(&bytes, skip, n)
            );
        }
    }
}
