//! Stage 4: pick one reading where candidates overlap, then link mentions within the document.
//!
//! The longest candidate wins (قوات سوريا الديمقراطية over the سوريا inside it); at equal length a
//! gazetteer reading beats a rule's. Then names found once are found again: an acronym in quotes or
//! brackets right after a linked name is that entity, so is a name in Latin letters in brackets
//! right after any name (its original spelling), and later mentions of an unknown person's
//! surname, or of any acronym or unknown name seen earlier, link to the first mention.

use crate::entity::Source;
use crate::gazetteer::Kind;
use crate::matcher::{find_at_word_starts, WordStart};
use crate::normalize::{is_word, QUOTE, SPACE};
use crate::rules::{Candidate, Entries, Token};
use crate::trie::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::triggers::Lexicon;

fn rank(s: Source) -> u8 {
    match s {
        Source::Gazetteer | Source::Context => 3,
        Source::Title | Source::SpeechVerb | Source::Acronym | Source::Document => 2,
        Source::NamePattern => 0,
        _ => 1,
    }
}

/// Non-overlapping intervals, for greedy selection: one bit a folded byte, set where an interval
/// is taken. Candidates are short and never empty, so this is cheaper than an ordered map.
#[derive(Default)]
struct Taken(Vec<u64>);

/// The words of a bitset that hold the bits of `s..e`, each with the mask of those bits.
fn bit_words(s: u32, e: u32) -> impl Iterator<Item = (usize, u64)> {
    let (mut s, e) = (s as usize, e as usize);
    std::iter::from_fn(move || {
        if s >= e {
            return None;
        }
        let (w, b) = (s / 64, s % 64);
        let n = (e - s).min(64 - b);
        s += n;
        Some((
            w,
            if n == 64 {
                u64::MAX
            } else {
                ((1u64 << n) - 1) << b
            },
        ))
    })
}

impl Taken {
    /// A set with room for intervals ending by `len`, allocated once.
    fn with_len(len: u32) -> Taken {
        Taken(vec![0; (len as usize).div_ceil(64)])
    }

    /// True when no byte of `s..e` is taken.
    fn free(&self, s: u32, e: u32) -> bool {
        bit_words(s, e).all(|(w, bits)| self.0.get(w).is_none_or(|x| x & bits == 0))
    }
    fn take(&mut self, s: u32, e: u32) {
        let words = (e as usize).div_ceil(64);
        if self.0.len() < words {
            self.0.resize(words, 0);
        }
        for (w, bits) in bit_words(s, e) {
            self.0[w] |= bits;
        }
    }
}

/// Keeps the best non-overlapping candidates, sorted by start.
pub(crate) fn select(cands: &mut Vec<Candidate>) {
    // Longest first, then the longer alias behind the span, then the better source, then
    // leftmost, packed into one number so that nearly every comparison is one compare; equal
    // keys fall back to the entries and then to the input order (the order of a stable sort).
    let key = |c: &Candidate| {
        (u128::from(!(c.end - c.start)) << 96)
            | (u128::from(!c.reach) << 64)
            | (u128::from(3 - rank(c.source)) << 32)
            | u128::from(c.start)
    };
    let mut order: Vec<(u128, u32)> = (cands.iter().enumerate())
        .map(|(i, c)| (key(c), i as u32))
        .collect();
    order.sort_unstable_by(|a, b| {
        (a.0.cmp(&b.0))
            .then_with(|| {
                cands[a.1 as usize]
                    .entries
                    .cmp(&cands[b.1 as usize].entries)
            })
            .then(a.1.cmp(&b.1))
    });
    let mut keep = vec![false; cands.len()];
    let mut taken = Taken::with_len(cands.iter().map(|c| c.end).max().unwrap_or(0));
    for &(_, i) in &order {
        let c = &cands[i as usize];
        if taken.free(c.start, c.end) {
            taken.take(c.start, c.end);
            keep[i as usize] = true;
        }
    }
    let mut kept = keep.iter();
    cands.retain(|_| kept.next() == Some(&true));
    // Candidates come in a few runs sorted by start (one a rule): the stable sort merges runs.
    cands.sort_by_key(|c| c.start);
}

/// What a document-level alias refers to.
#[derive(Clone)]
struct Referent {
    kind: Kind,
    entries: Entries,
    local: Option<u32>,
    /// Only mentions after this folded offset link.
    after: u32,
}

/// Links acronyms and later mentions within the document; `cands` must come from [`select`].
pub(crate) fn link_document(
    hay: &[u8],
    tokens: &[Token],
    starts: &[WordStart],
    lexicon: &Lexicon,
    cands: &mut Vec<Candidate>,
) {
    let mut next_local = 0;
    let mut aliases = DocAliases::default();
    let mut acronyms = Vec::new();
    // Unknown names seen so far, with their local id: the same name again is the same entity.
    let mut unknown_names: HashMap<(&[u8], Kind), u32> = HashMap::default();
    for c in cands.iter_mut() {
        if c.entries.is_empty() {
            let name = &hay[c.start as usize..c.end as usize];
            // The same unknown name again (a surname after a speech verb) is the same entity.
            let known = unknown_names.get(&(name, c.kind)).copied();
            let local = known.unwrap_or_else(|| {
                next_local += 1;
                next_local - 1
            });
            c.local = Some(local);
            unknown_names.entry((name, c.kind)).or_insert(local);
        }
        // Built only for the candidates that define a document alias.
        let referent = || Referent {
            kind: c.kind,
            entries: c.entries.clone(),
            local: c.local,
            after: c.end,
        };
        if c.kind == Kind::Person && !c.entries.is_empty() {
            // A known person's surname alone, later in the document (رايس after كوندوليزا رايس).
            let name = &hay[c.start as usize..c.end as usize];
            if let Some(i) = name.iter().rposition(|&b| !is_word(b)) {
                let surname = &name[i + 1..];
                if surname.len() >= 3 && !lexicon.is_stopword(surname) {
                    aliases.add(surname, &referent());
                }
            }
        }
        if c.entries.is_empty() {
            let name = &hay[c.start as usize..c.end as usize];
            aliases.add(name, &referent());
            let last = name.iter().rposition(|&b| !is_word(b)).map_or(0, |i| i + 1);
            let surname = &name[last..];
            if c.kind == Kind::Person
                && last > 0
                && surname.len() >= 3
                && !lexicon.is_stopword(surname)
            {
                if let Some(local) = c.local {
                    unknown_names
                        .entry((surname, Kind::Person))
                        .or_insert(local);
                }
                aliases.add(surname, &referent());
            }
        }
        if matches!(c.kind, Kind::ArmedGroup | Kind::Organization) {
            if let Some((s, e)) = acronym_after(hay, tokens, c.end) {
                acronyms.push((s, e, referent()));
            }
        }
        if c.kind != Kind::Nationality {
            if let Some((s, e)) = latin_after(hay, tokens, c.end) {
                acronyms.push((s, e, referent()));
            }
        }
    }
    let mut taken = Taken::with_len(hay.len() as u32);
    for c in cands.iter() {
        taken.take(c.start, c.end);
    }
    for (s, e, referent) in acronyms {
        if taken.free(s, e) {
            taken.take(s, e);
            cands.push(new_mention(s, e, Source::Acronym, &referent));
        }
        aliases.add(&hay[s as usize..e as usize], &referent);
    }
    if !aliases.list.is_empty() {
        find_again(hay, starts, &aliases.list, &mut taken, cands);
    }
    // The selected candidates are sorted, the new mentions follow: the stable sort merges runs.
    cands.sort_by_key(|c| c.start);
}

/// Names to find again in the document, each (text, kind) once: the first mention's referent
/// wins, and a name repeated a thousand times is still one pattern.
#[derive(Default)]
struct DocAliases<'h> {
    list: Vec<(&'h [u8], Referent)>,
    seen: HashSet<(&'h [u8], Kind)>,
}

impl<'h> DocAliases<'h> {
    fn add(&mut self, name: &'h [u8], referent: &Referent) {
        if self.seen.insert((name, referent.kind)) {
            self.list.push((name, referent.clone()));
        }
    }
}

fn new_mention(s: u32, e: u32, source: Source, r: &Referent) -> Candidate {
    Candidate {
        start: s,
        end: e,
        kind: r.kind,
        entries: r.entries.clone(),
        source,
        title: None,
        region: None,
        local: r.local,
        reach: 0,
    }
}

/// A one-word acronym in quotes or brackets right after `end`: `X "قسد"`, `X (قسد)`.
fn acronym_after(hay: &[u8], tokens: &[Token], end: u32) -> Option<(u32, u32)> {
    let mut i = end as usize;
    let quoted = match hay.get(i)? {
        &QUOTE => true,
        &SPACE if hay.get(i + 1) == Some(&b'(') => {
            i += 1;
            false
        }
        b'(' => false,
        _ => return None,
    };
    i += 1;
    let t = &tokens[token_at(tokens, i)?];
    let close = hay.get(t.end as usize);
    let closed = if quoted {
        close == Some(&QUOTE)
    } else {
        close == Some(&b')')
    };
    let len = (t.end - t.start) as usize;
    (closed && (2..=8).contains(&len)).then_some((t.start, t.end))
}

/// The index of the token that starts at folded offset `i`, if one does.
fn token_at(tokens: &[Token], i: usize) -> Option<usize> {
    let k = tokens.partition_point(|t| (t.start as usize) < i);
    tokens.get(k).filter(|t| t.start as usize == i).map(|_| k)
}

/// The name in Latin letters in brackets right after `end`, as news gives a foreign name's
/// original spelling: `جامعة آستون (Aston University)`, `هيئة الإذاعة البريطانية ( BBC )`. At
/// most six words of ASCII letters and digits, joined by spaces, dots, hyphens or `&`.
fn latin_after(hay: &[u8], tokens: &[Token], end: u32) -> Option<(u32, u32)> {
    const MAX_WORDS: usize = 6;
    let mut i = end as usize;
    // After a quoted name, past its closing quote: مؤسسة "سيمبيوسيس" (Symbiosis).
    if matches!(hay.get(i), Some(&SPACE | &QUOTE)) {
        i += 1;
    }
    if hay.get(i) != Some(&b'(') {
        return None;
    }
    i += 1;
    if hay.get(i) == Some(&SPACE) {
        i += 1;
    }
    let latin = |t: &Token| {
        let w = &hay[t.start as usize..t.end as usize];
        w.iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    let k = token_at(tokens, i)?;
    let first = Some(&tokens[k]).filter(|t| latin(t))?;
    let mut last = *first;
    for t in tokens[k + 1..].iter().take(MAX_WORDS - 1) {
        let gap = &hay[last.end as usize..t.start as usize];
        let joined = !gap.is_empty()
            && gap.len() <= 3
            && gap.iter().all(|&b| matches!(b, SPACE | b'.' | b'-' | b'&'));
        if !joined || !latin(t) {
            break;
        }
        last = *t;
    }
    let mut j = last.end as usize;
    if hay.get(j) == Some(&b'.') {
        j += 1;
    }
    if hay.get(j) == Some(&SPACE) {
        j += 1;
    }
    let letters = hay[first.start as usize..last.end as usize]
        .iter()
        .filter(|b| b.is_ascii_lowercase())
        .count();
    (hay.get(j) == Some(&b')') && letters >= 2).then_some((first.start, last.end))
}

/// Finds later mentions of document aliases: at a word start or after a proclitic, ending at a
/// word end, after the mention that defined them.
fn find_again(
    hay: &[u8],
    starts: &[WordStart],
    aliases: &[(&[u8], Referent)],
    taken: &mut Taken,
    cands: &mut Vec<Candidate>,
) {
    let patterns: Vec<&[u8]> = aliases.iter().map(|a| a.0).collect();
    let mut found: Vec<(usize, usize, usize)> = Vec::new();
    // No name links before its first mention: the starts before the earliest are not searched.
    let first = aliases.iter().map(|a| a.1.after).min().unwrap_or(0);
    let starts = &starts[starts.partition_point(|w| w.at < first)..];
    find_at_word_starts(hay, starts, &patterns, |s, e, p| {
        if (s as u32) >= aliases[p].1.after && (e == hay.len() || !is_word(hay[e])) {
            found.push((s, e, p));
        }
    });
    // Full names before the surnames inside them: longest first, then by start and pattern.
    // `found` comes by start and pattern, so a stable counting sort by length gives that order
    // in linear time (a long document finds its names again thousands of times).
    let longest = found.iter().map(|&(s, e, _)| e - s).max().unwrap_or(0);
    let mut at = vec![0usize; longest + 2];
    for &(s, e, _) in &found {
        at[longest - (e - s) + 1] += 1;
    }
    for i in 1..at.len() {
        at[i] += at[i - 1];
    }
    let mut by_length = vec![(0, 0, 0); found.len()];
    for &(s, e, p) in &found {
        let slot = &mut at[longest - (e - s)];
        by_length[*slot] = (s, e, p);
        *slot += 1;
    }
    for (s, e, p) in by_length {
        if taken.free(s as u32, e as u32) {
            taken.take(s as u32, e as u32);
            cands.push(new_mention(
                s as u32,
                e as u32,
                Source::Document,
                &aliases[p].1,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What `select` kept before its order was packed into keys: a stable sort of indices by
    /// the comparator, greedy selection, then a stable sort by start.
    fn select_reference(cands: &[Candidate]) -> Vec<(u32, u32, u32, Source, Vec<u32>)> {
        let mut order: Vec<usize> = (0..cands.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&cands[a], &cands[b]);
            (b.end - b.start)
                .cmp(&(a.end - a.start))
                .then(b.reach.cmp(&a.reach))
                .then(rank(b.source).cmp(&rank(a.source)))
                .then(a.start.cmp(&b.start))
                .then(a.entries.cmp(&b.entries))
        });
        let mut taken = Taken::default();
        let mut kept = Vec::new();
        for i in order {
            let c = &cands[i];
            if taken.free(c.start, c.end) {
                taken.take(c.start, c.end);
                kept.push(i);
            }
        }
        kept.sort_by_key(|&i| (cands[i].start, i));
        kept.iter()
            .map(|&i| {
                let c = &cands[i];
                (c.start, c.end, c.reach, c.source, c.entries.to_vec())
            })
            .collect()
    }

    proptest! {
        /// Equal spans, reaches and sources are common (one alias of several entries, a rule
        /// and a gazetteer on one name): the order of ties must be the stable sort's.
        #[test]
        fn select_keeps_what_the_comparator_and_a_stable_sort_keep(
            raw in prop::collection::vec(
                (0u32..12, 1u32..4, 0u32..2, 0usize..6, prop::collection::vec(0u32..2, 0..2)),
                0..40,
            )
        ) {
            // Pairs of sources with one rank, so the order of ties shows in the output.
            let sources = [
                Source::Gazetteer,
                Source::Context,
                Source::Title,
                Source::SpeechVerb,
                Source::NamePattern,
                Source::PlaceNoun,
            ];
            let cands: Vec<Candidate> = raw
                .iter()
                .map(|(s, len, reach, src, e)| Candidate {
                    start: *s,
                    end: s + len,
                    kind: Kind::Place,
                    entries: e.iter().copied().collect(),
                    source: sources[*src],
                    title: None,
                    region: None,
                    local: None,
                    reach: *reach,
                })
                .collect();
            let mut got = cands.clone();
            select(&mut got);
            let got: Vec<_> = got
                .iter()
                .map(|c| (c.start, c.end, c.reach, c.source, c.entries.to_vec()))
                .collect();
            prop_assert_eq!(got, select_reference(&cands));
        }
    }
}
