//! The public entry point: [`Extractor`], built once by [`ExtractorBuilder`] and shared.

use crate::entity::{Entity, Region, Span};
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::gazetteer::{parse_entries, Brief, Entry};
use crate::matcher::{Hit, Matcher, ScanBuffers};
use crate::normalize::{fold_str, Folded};
use crate::resolve::{link_document, select};
use crate::rules::{Candidate, Marks, Rules, Token};
use crate::trie::FxBuild;
use crate::triggers::Lexicon;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Texts longer than this are cut at a line or space boundary and extracted piece by piece, so
/// folded offsets always fit in a `u32`.
const MAX_PIECE: usize = (u32::MAX / 2) as usize;

/// The entity extractor: gazetteers and trigger lists compiled into one automaton.
///
/// Build it once (it is cheap to [`Clone`]: clones share the compiled data) and use it from any
/// number of threads.
#[derive(Clone, Debug)]
pub struct Extractor {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    entries: Vec<Entry>,
    /// [`Entry::brief`] of each entry, for the rules.
    briefs: Vec<Brief>,
    ids: HashMap<Box<str>, u32, FxBuild>,
    lexicon: Lexicon,
    matcher: Matcher,
}

/// A data source given to the builder.
#[derive(Clone, Debug)]
enum Data {
    Entries(String, String),
    EntryFile(PathBuf),
    Triggers(String, String),
    TriggerFile(PathBuf),
}

/// Builds an [`Extractor`]: the embedded gazetteers, plus user files.
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    defaults: bool,
    data: Vec<Data>,
}

impl Default for ExtractorBuilder {
    fn default() -> Self {
        ExtractorBuilder::new()
    }
}

impl ExtractorBuilder {
    /// A builder that starts from the embedded gazetteers and trigger lists.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            defaults: true,
            data: Vec::new(),
        }
    }

    /// Whether to load the embedded gazetteer entry files (default `true`). The embedded trigger
    /// words, stop words and name lists are always loaded.
    pub fn default_gazetteers(&mut self, yes: bool) -> &mut Self {
        self.defaults = yes;
        self
    }

    /// Adds a gazetteer entry file in the format of `gazetteers/README.md`, read at
    /// [`build`](Self::build) time.
    pub fn add_gazetteer_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.data.push(Data::EntryFile(path.as_ref().to_path_buf()));
        self
    }

    /// Adds gazetteer entries from a string in the entry-file format; `name` appears in errors.
    pub fn add_gazetteer_str(&mut self, name: &str, contents: &str) -> &mut Self {
        self.data
            .push(Data::Entries(name.to_string(), contents.to_string()));
        self
    }

    /// Adds a trigger file in the format of `gazetteers/rules/triggers.tsv`.
    pub fn add_trigger_file(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.data
            .push(Data::TriggerFile(path.as_ref().to_path_buf()));
        self
    }

    /// Adds trigger rows from a string; `name` appears in errors.
    pub fn add_trigger_str(&mut self, name: &str, contents: &str) -> &mut Self {
        self.data
            .push(Data::Triggers(name.to_string(), contents.to_string()));
        self
    }

    /// Loads everything and compiles the automaton.
    ///
    /// # Errors
    /// A [`LoadError`] naming file, line and column for an unreadable file, a malformed row, an
    /// unknown kind, category or feature, an empty alias or one that folds to nothing, a duplicate
    /// id or a parent id that no entry has. Nothing is dropped silently.
    pub fn build(&self) -> Result<Extractor, LoadError> {
        let mut entries = Vec::new();
        let mut lexicon = Lexicon::default();
        if self.defaults {
            // Rows are longer than 64 bytes; unused capacity is never touched.
            entries.reserve(embedded::ENTRY_FILES.iter().map(|f| f.1.len() / 64).sum());
            for (name, contents) in embedded::ENTRY_FILES {
                entries.extend(parse_entries(name, contents)?);
            }
        }
        for (name, contents) in embedded::TRIGGER_FILES {
            lexicon.add_triggers(name, contents)?;
        }
        for (_, contents) in embedded::STOPWORD_FILES {
            Lexicon::add_words(&mut lexicon.stopwords, contents);
        }
        for (_, contents) in embedded::CLAUSE_OPENER_FILES {
            Lexicon::add_words(&mut lexicon.clause_openers, contents);
        }
        for (name, contents) in embedded::NAME_WORD_FILES {
            lexicon.add_name_words(name, contents)?;
        }
        for (_, contents) in embedded::GIVEN_NAME_FILES {
            Lexicon::add_words(&mut lexicon.given, contents);
        }
        for (_, contents) in embedded::FAMILY_NAME_FILES {
            Lexicon::add_words(&mut lexicon.family, contents);
        }
        for (_, contents) in embedded::FOREIGN_GIVEN_FILES {
            Lexicon::add_words(&mut lexicon.foreign_given, contents);
        }
        for d in &self.data {
            match d {
                Data::Entries(name, contents) => entries.extend(parse_entries(name, contents)?),
                Data::EntryFile(path) => {
                    let (name, contents) = read(path)?;
                    entries.extend(parse_entries(&name, &contents)?);
                }
                Data::Triggers(name, contents) => lexicon.add_triggers(name, contents)?,
                Data::TriggerFile(path) => {
                    let (name, contents) = read(path)?;
                    lexicon.add_triggers(&name, &contents)?;
                }
            }
        }
        let ids = check_ids(&entries)?;
        // The embedded data alone comes with its automaton, built by build.rs.
        let precompiled = (self.defaults && self.data.is_empty()).then_some(embedded::MATCHER);
        let matcher = Matcher::build(&entries, &lexicon, precompiled);
        Ok(Extractor {
            inner: Arc::new(Inner {
                briefs: entries.iter().map(Entry::brief).collect(),
                entries,
                ids,
                lexicon,
                matcher,
            }),
        })
    }
}

/// Reads a user file; an error names the file, and for text that is not UTF-8 the line and
/// column of the first bad byte.
fn read(path: &Path) -> Result<(String, String), LoadError> {
    let name = path.display().to_string();
    let at = |line, column| Location {
        file: name.clone(),
        line,
        column,
    };
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::new(LoadErrorKind::Io, at(0, 0), format!("cannot read: {e}")))?;
    let contents = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let valid = std::str::from_utf8(&e.as_bytes()[..offset]).unwrap_or_default();
        let line_start = valid.rfind('\n').map_or(0, |i| i + 1);
        let line = &valid[line_start..];
        let column = line.trim_start_matches('\u{feff}').chars().count() + 1;
        let line = valid.matches('\n').count() + 1;
        let msg = format!("not UTF-8: invalid byte at byte offset {offset}");
        LoadError::new(LoadErrorKind::Io, at(line, column), msg)
    })?;
    Ok((name, contents))
}

/// Indexes ids; rejects duplicates and parents that do not exist.
fn check_ids(entries: &[Entry]) -> Result<HashMap<Box<str>, u32, FxBuild>, LoadError> {
    let mut ids: HashMap<Box<str>, u32, FxBuild> =
        HashMap::with_capacity_and_hasher(entries.len(), FxBuild::default());
    for (i, e) in entries.iter().enumerate() {
        if let Some(&first) = ids.get(&e.id) {
            let mut loc = e.location.clone();
            loc.column = e.id_column;
            let msg = format!(
                "duplicate id `{}`, first used at {}",
                e.id, entries[first as usize].location
            );
            return Err(LoadError::new(LoadErrorKind::DuplicateId, loc, msg));
        }
        ids.insert(e.id.clone(), i as u32);
    }
    for e in entries {
        if let Some(p) = &e.parent {
            if !ids.contains_key(p) {
                let mut loc = e.location.clone();
                loc.column = e.parent_column;
                let msg = format!("parent `{p}` is not the id of any entry");
                return Err(LoadError::new(LoadErrorKind::UnknownParent, loc, msg));
            }
        }
    }
    Ok(ids)
}

impl Default for Extractor {
    fn default() -> Self {
        Extractor::new()
    }
}

/// Per-call buffers, kept per thread between calls so that extraction does not allocate them
/// again for every document.
#[derive(Default)]
struct Scratch {
    folded: Folded,
    hits: Vec<Hit>,
    tokens: Vec<Token>,
    cands: Vec<Candidate>,
    scan: ScanBuffers,
}

/// Buffers bigger than this many bytes are freed after the call rather than kept, so one huge
/// document does not hold its memory for the life of the thread. In bytes, not elements: a
/// limit in elements kept a buffer of 16-byte word starts up to 64 MiB, and freed the folded
/// offsets of a 4 MB text (four bytes a folded byte), which every call then grew again.
const KEEP: usize = 32 << 20;

impl Scratch {
    fn trim(&mut self) {
        fn trim<T>(v: &mut Vec<T>) {
            v.clear();
            if v.capacity() * std::mem::size_of::<T>() > KEEP {
                *v = Vec::new();
            }
        }
        trim(&mut self.folded.bytes);
        trim(&mut self.folded.src);
        trim(&mut self.hits);
        trim(&mut self.tokens);
        trim(&mut self.cands);
        self.scan.trim(KEEP);
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Extractor {
    /// An extractor with the embedded gazetteers and trigger lists.
    ///
    /// # Panics
    /// Only if the embedded data does not load, which the crate's tests rule out.
    pub fn new() -> Extractor {
        ExtractorBuilder::new()
            .build()
            .expect("the embedded gazetteers load (checked by tests)")
    }

    /// A builder, to add user gazetteers and triggers.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// Finds the entities of `text`, sorted by position, never overlapping.
    ///
    /// Spans are half-open byte ranges into `text`, on char boundaries and never cutting a letter
    /// from the combining marks after it, with the matching char ranges; the output depends only
    /// on the text and the loaded data. A text over 2 GiB is cut at a line or space boundary and
    /// extracted piece by piece (document linking then works within each piece).
    pub fn extract<'a>(&'a self, text: &'a str) -> Vec<Entity<'a>> {
        self.extract_in_pieces(text, MAX_PIECE)
    }

    /// [`Extractor::extract`] with pieces of at most `max` bytes, with this thread's buffers.
    fn extract_in_pieces<'a>(&'a self, text: &'a str, max: usize) -> Vec<Entity<'a>> {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let out = self.extract_with(text, max, &mut scratch);
                scratch.trim();
                out
            }
            // Only if `extract` ever ran inside itself on this thread.
            Err(_) => self.extract_with(text, max, &mut Scratch::default()),
        })
    }

    fn extract_with<'a>(
        &'a self,
        text: &'a str,
        max: usize,
        scratch: &mut Scratch,
    ) -> Vec<Entity<'a>> {
        let mut out = Vec::new();
        let (mut base, mut locals) = (0, 0);
        for piece in pieces(text, max) {
            let from = out.len();
            self.extract_piece(text, base, piece, scratch, &mut out);
            // Local ids count from 0 in each piece: shift them so pieces never share one.
            let mut next = locals;
            for l in out[from..].iter_mut().filter_map(|e| e.local_id.as_mut()) {
                *l += locals;
                next = next.max(*l + 1);
            }
            locals = next;
            base += piece.len();
        }
        set_char_spans(text, &mut out);
        out
    }

    fn extract_piece<'a>(
        &'a self,
        text: &'a str,
        base: usize,
        piece: &'a str,
        s: &mut Scratch,
        out: &mut Vec<Entity<'a>>,
    ) {
        let inner = &*self.inner;
        s.folded.fold_into(piece);
        inner
            .matcher
            .scan(&s.folded.bytes, &mut s.tokens, &mut s.hits, &mut s.scan);
        let rules = Rules {
            hay: &s.folded.bytes,
            hits: &s.hits,
            hit_words: Marks::hit_words(&s.hits, s.folded.bytes.len()),
            tokens: &s.tokens,
            token_hint: Default::default(),
            token_hashes: &s.scan.token_hashes,
            matcher: &inner.matcher,
            entries: &inner.briefs,
            full: &inner.entries,
            lexicon: &inner.lexicon,
        };
        rules.candidates(&mut s.cands);
        select(&mut s.cands);
        link_document(
            &s.folded.bytes,
            &s.tokens,
            &s.scan.starts,
            &inner.lexicon,
            &mut s.cands,
        );
        let span = |a: u32, b: u32| {
            let (x, y) = s.folded.original_span(piece, a as usize, b as usize);
            Span::from(base + x..base + y)
        };
        out.reserve(s.cands.len());
        for c in &s.cands {
            let entry = c.entries.first().map(|&i| &inner.entries[i as usize]);
            let alternatives = c
                .entries
                .iter()
                .skip(1)
                .map(|&i| &inner.entries[i as usize])
                .collect();
            let region = c.region.map(|r| Region {
                modifier: &text[span(r.modifier.0, r.modifier.1).range()],
                direction: r
                    .direction
                    .and_then(|d| inner.lexicon.triggers[d as usize].1.value.as_deref()),
                place: span(c.start, c.end),
                phrase: span(r.phrase.0, r.phrase.1),
            });
            out.push(Entity {
                text,
                span: span(c.start, c.end),
                char_span: Span::from(0..0),
                kind: c.kind,
                entry,
                alternatives,
                source: c.source,
                title: c.title.map(|(a, b)| span(a, b)),
                region,
                local_id: c.local,
            });
        }
    }

    /// All loaded entries, in load order.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.inner.entries.iter()
    }

    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.inner
            .ids
            .get(id)
            .map(|&i| &self.inner.entries[i as usize])
    }

    /// Every surface form compiled into the automaton with its entry: `(alias, entry, context)`,
    /// where `context` marks aliases that fire only after a trigger word.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &Entry, bool)> {
        self.inner.entries.iter().flat_map(|e| {
            std::iter::once((&*e.name, e, false))
                .chain(e.aliases.iter().map(move |a| (&**a, e, false)))
                .chain(e.context_aliases.iter().map(move |a| (&**a, e, true)))
        })
    }

    /// Number of distinct folded patterns (aliases and trigger words) in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.inner.matcher.pattern_count()
    }

    /// Heap bytes used by the compiled automaton and its payloads (not the entries' text).
    pub fn memory_usage(&self) -> usize {
        self.inner.matcher.memory_usage()
    }

    /// Folds a string the way the matcher does (for tools that want to compare aliases).
    pub fn fold(&self, s: &str) -> Vec<u8> {
        fold_str(s)
    }
}

/// Cuts `text` into pieces of at most `max` bytes at a newline, else a space, else a char
/// boundary.
fn pieces(text: &str, max: usize) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut cut = rest.len();
        if cut > max {
            let window = &rest[..floor_char_boundary(rest, max)];
            cut = window
                .rfind('\n')
                .or_else(|| window.rfind(' '))
                .map(|i| i + 1)
                .unwrap_or(window.len())
                .max(1);
            cut = floor_char_boundary(rest, cut).max(rest.chars().next().map_or(1, char::len_utf8));
        }
        let (piece, r) = rest.split_at(cut);
        rest = r;
        Some(piece)
    })
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Fills the char spans of entities sorted by byte start, counting characters once.
fn set_char_spans(text: &str, entities: &mut [Entity<'_>]) {
    // Entities are sorted and do not overlap, so their offsets only grow and each character is
    // counted once; an offset behind the last one (never seen) is counted from the start.
    let b = text.as_bytes();
    let (mut byte, mut chars) = (0, 0);
    let mut chars_to = |at: usize| {
        if at < byte {
            return count_chars(&b[..at]);
        }
        chars += count_chars(&b[byte..at]);
        byte = at;
        chars
    };
    for e in entities {
        e.char_span = Span::from(chars_to(e.span.start)..chars_to(e.span.end));
    }
}

/// The characters of UTF-8 bytes cut on char boundaries: the bytes that are not continuation
/// bytes (`10xxxxxx`), eight at a time. The gaps between entities are a few hundred bytes,
/// where `str::chars().count()` spends much of its time getting to aligned words.
fn count_chars(b: &[u8]) -> usize {
    const LOW: u64 = 0x0101_0101_0101_0101;
    // The eight byte counts of a word of sums, added in 16-bit lanes.
    let total = |sums: u64| {
        let pairs = (sums & 0x00FF_00FF_00FF_00FF) + (sums >> 8 & 0x00FF_00FF_00FF_00FF);
        (pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48) as usize
    };
    let mut n = 0;
    // Per-byte counts, added up every 255 words (before a byte can overflow).
    let mut blocks = b.chunks_exact(8 * 255);
    let word = |c: &[u8]| {
        let v = u64::from_le_bytes(c.try_into().expect("eight bytes"));
        // Bit 0 of each byte: bit 7 clear, or bit 6 set.
        (!v >> 7 | v >> 6) & LOW
    };
    for block in &mut blocks {
        n += total(block.chunks_exact(8).map(word).sum());
    }
    let rest = blocks.remainder();
    let mut words = rest.chunks_exact(8);
    n += total((&mut words).map(word).sum());
    n + (words.remainder().iter())
        .filter(|&&x| x & 0xC0 != 0x80)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// build.rs and the runtime read the same aliases: the embedded extractor loads the
    /// precompiled trie, and compiling its aliases here gives the same trie.
    #[test]
    fn the_embedded_automaton_is_precompiled_from_the_same_aliases() {
        use crate::matcher::items;
        use crate::trie::{items_hash, Compiled};
        let x = Extractor::new();
        let inner = &*x.inner;
        assert!(
            inner.matcher.precompiled,
            "build.rs read other aliases than the extractor"
        );
        let hash = items_hash(items(&inner.entries, &inner.lexicon));
        let pre = Compiled::from_bytes(embedded::MATCHER, hash).expect("the hashes agree");
        assert!(pre == Compiled::compile(items(&inner.entries, &inner.lexicon)));
        let mut b = Extractor::builder();
        b.add_gazetteer_str("x.tsv", "id\tkind\tname\nx\tplace\tمكان");
        assert!(!b.build().unwrap().inner.matcher.precompiled);
    }

    #[test]
    fn pieces_cover_the_text_on_char_boundaries() {
        let text = "قسد في الرقة\nوداعش في دير الزور";
        for max in [1, 3, 7, 20, 1000] {
            let p: Vec<&str> = pieces(text, max).collect();
            assert_eq!(p.concat(), text);
            assert!(p.iter().all(|x| !x.is_empty()));
        }
    }

    /// What the 2 GiB limit does, at a small scale: pieces cut at line ends, else at spaces,
    /// give the entities of the whole text with offsets into the whole text.
    #[test]
    fn pieces_give_offsets_into_the_whole_text() {
        let x = Extractor::new();
        let describe = |v: &[Entity<'_>]| -> Vec<(Span, Span, String)> {
            v.iter()
                .map(|e| (e.span(), e.char_span(), e.as_str().to_string()))
                .collect()
        };
        let lines = "قسد في الرقة\nوداعش في دير الزور\n".repeat(20);
        let words = "قسد في «الرقة» ".repeat(40);
        for text in [&lines, &words] {
            let whole = describe(&x.extract(text));
            assert!(whole.len() >= 40);
            for max in [40, 64, 100, 333] {
                assert!(pieces(text, max).count() > 1);
                assert_eq!(
                    describe(&x.extract_in_pieces(text, max)),
                    whole,
                    "max {max}"
                );
            }
        }
    }

    /// Unknown names in different pieces never share a local id.
    #[test]
    fn local_ids_are_unique_across_pieces() {
        let x = Extractor::new();
        let text = "قال الناشط \"أيهم الأحمد\"\nقال الناشط \"سامر العلي\"\n".repeat(3);
        let ids = |max| -> Vec<(String, Option<u32>)> {
            x.extract_in_pieces(&text, max)
                .iter()
                .filter(|e| e.local_id().is_some())
                .map(|e| (e.as_str().to_string(), e.local_id()))
                .collect()
        };
        let whole = ids(MAX_PIECE);
        assert_eq!(whole.len(), 6);
        assert_eq!(whole[0].1, whole[2].1);
        assert_ne!(whole[0].1, whole[1].1);
        let lines = ids(50);
        assert_eq!(lines.len(), 6);
        let mut distinct: Vec<_> = lines.iter().map(|l| l.1).collect();
        distinct.dedup();
        assert_eq!(distinct.len(), 6, "{lines:?}");
    }

    proptest::proptest! {
        /// `count_chars` counts what `chars().count()` counts, over any text and any cut of it
        /// on char boundaries.
        #[test]
        fn count_chars_counts_chars(text in "\\PC{0,600}", cut in 0usize..700) {
            let cut = floor_char_boundary(&text, cut.min(text.len()));
            proptest::prop_assert_eq!(count_chars(text.as_bytes()), text.chars().count());
            proptest::prop_assert_eq!(count_chars(&text.as_bytes()[cut..]), text[cut..].chars().count());
        }
    }

    #[test]
    fn count_chars_sums_past_255_words() {
        let text = "ق".repeat(4000) + "a";
        assert_eq!(count_chars(text.as_bytes()), 4001);
    }

    /// A buffer is kept for the next call up to `KEEP` bytes, whatever its element size:
    /// the folded offsets of a 4 MB text stay, a buffer over the limit goes.
    #[test]
    fn scratch_keeps_buffers_up_to_a_size_in_bytes() {
        let mut s = Scratch::default();
        s.folded.src = Vec::with_capacity(5 << 20);
        s.folded.src.push(1);
        s.tokens = Vec::with_capacity(KEEP / std::mem::size_of::<Token>() + 1);
        s.trim();
        assert!(s.folded.src.is_empty() && s.folded.src.capacity() >= 5 << 20);
        assert_eq!(s.tokens.capacity(), 0);
    }

    #[test]
    fn public_types_are_thread_safe() {
        fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
        check::<Extractor>();
        check::<Entity<'static>>();
        check::<LoadError>();
    }
}
