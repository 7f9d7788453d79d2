//! CoNLL `TOKEN TAG` files (ANERcorp style), BIO chunking, and entity-level exact-match scoring
//! of rasd's output against them. Shared by the `evaluate` example and `tests/evaluate.rs`.
//!
//! Each sentence goes to the extractor as its tokens joined by single spaces. A token takes the
//! type of the first entity overlapping it; consecutive tokens of one entity form one chunk.
//! Only PERS, LOC and ORG are scored; MISC and nationalities are left out on both sides.

use rasd::{Entity, Kind};
use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

/// A scored entity type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Type {
    /// People (rasd `Person`).
    Pers,
    /// Places (rasd `Place`).
    Loc,
    /// Organizations (rasd `ArmedGroup` and `Organization`).
    Org,
}

/// The scored types, in table order.
pub const TYPES: [Type; 3] = [Type::Pers, Type::Loc, Type::Org];

impl Type {
    /// The CoNLL name (`PERS`, `LOC`, `ORG`).
    pub fn as_str(self) -> &'static str {
        match self {
            Type::Pers => "PERS",
            Type::Loc => "LOC",
            Type::Org => "ORG",
        }
    }

    /// Index into [`TYPES`].
    pub fn index(self) -> usize {
        self as usize
    }

    /// The scored type of a rasd kind; `None` for nationalities.
    pub fn of_kind(k: Kind) -> Option<Type> {
        match k {
            Kind::Person => Some(Type::Pers),
            Kind::Place => Some(Type::Loc),
            Kind::ArmedGroup | Kind::Organization => Some(Type::Org),
            _ => None,
        }
    }

    /// The scored type of a CoNLL type name; `None` for MISC and anything else.
    pub fn of_name(s: &str) -> Option<Type> {
        match s {
            "PERS" | "PER" => Some(Type::Pers),
            "LOC" => Some(Type::Loc),
            "ORG" => Some(Type::Org),
            _ => None,
        }
    }
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A BIO tag. `ty` is the type name as written (`PERS`, `MISC`, ...).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(String),
    /// Inside an entity.
    I(String),
}

impl Tag {
    /// Parses `O`, `B-X` or `I-X` (X non-empty).
    pub fn parse(s: &str) -> Option<Tag> {
        match s.split_once('-') {
            _ if s == "O" => Some(Tag::O),
            Some(("B", t)) if !t.is_empty() => Some(Tag::B(t.to_string())),
            Some(("I", t)) if !t.is_empty() => Some(Tag::I(t.to_string())),
            _ => None,
        }
    }
}

/// One sentence: its tokens and gold tags, and the line of its first token (1-based).
#[derive(Clone, Debug, Default)]
pub struct Sentence {
    pub tokens: Vec<String>,
    pub tags: Vec<Tag>,
    pub line: usize,
}

/// A bad line in a CoNLL file.
#[derive(Debug)]
pub struct ParseError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Reads a CoNLL file's contents: `TOKEN TAG` lines, blank lines between sentences. Several blank
/// lines in a row make no empty sentence. `file` names the file in errors.
///
/// # Errors
/// A line that is not exactly two whitespace-separated fields, or whose tag is not `O`, `B-X` or
/// `I-X`.
pub fn parse(file: &str, contents: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, raw) in contents.lines().enumerate() {
        let line = raw.trim_start_matches('\u{feff}');
        let fields: Vec<&str> = line.split_whitespace().collect();
        let err = |message: String| ParseError {
            file: file.to_string(),
            line: i + 1,
            message,
        };
        match fields[..] {
            [] => {
                if !cur.tokens.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            [token, tag] => {
                let tag = Tag::parse(tag).ok_or_else(|| err(format!("bad tag `{tag}`")))?;
                if cur.tokens.is_empty() {
                    cur.line = i + 1;
                }
                cur.tokens.push(token.to_string());
                cur.tags.push(tag);
            }
            _ => {
                let n = fields.len();
                return Err(err(format!("expected `TOKEN TAG`, found {n} fields")));
            }
        }
    }
    if !cur.tokens.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// A chunk: tokens `start..end` of a sentence, of one type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Chunk {
    pub start: usize,
    pub end: usize,
    pub ty: Type,
}

/// A gold chunk of any type, as written (MISC included), for classifying errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawChunk {
    pub start: usize,
    pub end: usize,
    pub ty: String,
}

/// Standard BIO chunking of all types: `B-X` starts a chunk, `I-X` continues a chunk of type X
/// and starts one after `O` or after another type.
pub fn raw_chunks(tags: &[Tag]) -> Vec<RawChunk> {
    let mut out: Vec<RawChunk> = Vec::new();
    let mut open = false;
    for (i, tag) in tags.iter().enumerate() {
        match tag {
            Tag::O => open = false,
            Tag::I(t) if open && out.last().is_some_and(|c| &c.ty == t) => {
                out.last_mut().unwrap().end = i + 1;
            }
            Tag::B(t) | Tag::I(t) => {
                out.push(RawChunk {
                    start: i,
                    end: i + 1,
                    ty: t.clone(),
                });
                open = true;
            }
        }
    }
    out
}

/// The scored gold chunks (PERS, LOC, ORG) of a sentence.
pub fn gold_chunks(tags: &[Tag]) -> Vec<Chunk> {
    raw_chunks(tags)
        .into_iter()
        .filter_map(|c| {
            Type::of_name(&c.ty).map(|ty| Chunk {
                start: c.start,
                end: c.end,
                ty,
            })
        })
        .collect()
}

/// The sentence text given to the extractor (tokens joined by single spaces) and each token's
/// byte range in it.
pub fn join(tokens: &[String]) -> (String, Vec<Range<usize>>) {
    let mut text = String::with_capacity(tokens.iter().map(|t| t.len() + 1).sum());
    let mut ranges = Vec::with_capacity(tokens.len());
    for t in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        ranges.push(text.len()..text.len() + t.len());
        text.push_str(t);
    }
    (text, ranges)
}

/// A predicted chunk and the index of the entity that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Predicted {
    pub chunk: Chunk,
    pub entity: usize,
}

/// Predicted chunks: each token takes the first entity (sorted by position) that overlaps its
/// byte range; runs of tokens taking the same entity of a scored type form one chunk.
pub fn predicted_chunks(tokens: &[Range<usize>], entities: &[Entity<'_>]) -> Vec<Predicted> {
    let mut out: Vec<Predicted> = Vec::new();
    let mut next = 0;
    for (i, t) in tokens.iter().enumerate() {
        while next < entities.len() && entities[next].span().end <= t.start {
            next += 1;
        }
        let hit = entities
            .get(next)
            .filter(|e| e.span().start < t.end && t.start < e.span().end);
        let typed = hit
            .and_then(|e| Type::of_kind(e.kind()))
            .map(|ty| (next, ty));
        match (typed, out.last_mut()) {
            (Some((e, _)), Some(p)) if p.entity == e && p.chunk.end == i => p.chunk.end = i + 1,
            (Some((e, ty)), _) => out.push(Predicted {
                chunk: Chunk {
                    start: i,
                    end: i + 1,
                    ty,
                },
                entity: e,
            }),
            (None, _) => {}
        }
    }
    out
}

/// Gold, predicted and correct counts of one type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    /// Adds another count.
    pub fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.correct += o.correct;
    }

    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Recall (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// F1, the harmonic mean of precision and recall (0 when both are 0).
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Per-type counts, indexed by [`Type::index`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    pub types: [Counts; 3],
}

impl Score {
    /// The counts of one type.
    pub fn of(&self, t: Type) -> Counts {
        self.types[t.index()]
    }

    /// The sum over PERS, LOC and ORG, for micro-averaged P, R and F1.
    pub fn micro(&self) -> Counts {
        let mut c = Counts::default();
        self.types.iter().for_each(|t| c.add(*t));
        c
    }
}

/// The chunks of one sentence that did not match exactly.
#[derive(Debug, Default)]
pub struct Errors {
    pub missed: Vec<Chunk>,
    pub spurious: Vec<Predicted>,
}

/// Adds one sentence to `score` (exact match: same token range and type) and returns its errors.
pub fn score_sentence(gold: &[Chunk], predicted: &[Predicted], score: &mut Score) -> Errors {
    let g: HashSet<Chunk> = gold.iter().copied().collect();
    let p: HashSet<Chunk> = predicted.iter().map(|p| p.chunk).collect();
    for c in gold {
        score.types[c.ty.index()].gold += 1;
    }
    for c in predicted {
        let counts = &mut score.types[c.chunk.ty.index()];
        counts.predicted += 1;
        counts.correct += usize::from(g.contains(&c.chunk));
    }
    Errors {
        missed: gold.iter().filter(|c| !p.contains(c)).copied().collect(),
        spurious: predicted
            .iter()
            .filter(|c| !g.contains(&c.chunk))
            .copied()
            .collect(),
    }
}

/// True when token ranges `a` and `b` share a token.
pub fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Why a gold chunk was missed: `boundary` (a prediction of its type overlaps it), `type` (only
/// predictions of another type overlap it) or `none` (nothing overlaps it).
pub fn miss_class(c: &Chunk, predicted: &[Predicted]) -> &'static str {
    let over: Vec<&Chunk> = predicted
        .iter()
        .map(|p| &p.chunk)
        .filter(|p| overlaps((p.start, p.end), (c.start, c.end)))
        .collect();
    if over.iter().any(|p| p.ty == c.ty) {
        "boundary"
    } else if !over.is_empty() {
        "type"
    } else {
        "none"
    }
}

/// Why a predicted chunk is spurious: `boundary` (it overlaps a gold chunk of its type), `type`
/// (another scored type), `misc` (a MISC or other unscored gold chunk) or `none` (gold says O).
pub fn spurious_class(c: &Chunk, gold: &[RawChunk]) -> &'static str {
    let over: Vec<&RawChunk> = gold
        .iter()
        .filter(|g| overlaps((g.start, g.end), (c.start, c.end)))
        .collect();
    if over.iter().any(|g| Type::of_name(&g.ty) == Some(c.ty)) {
        "boundary"
    } else if over.iter().any(|g| Type::of_name(&g.ty).is_some()) {
        "type"
    } else if !over.is_empty() {
        "misc"
    } else {
        "none"
    }
}

/// Tokens `start..end` joined by spaces.
pub fn chunk_text(tokens: &[String], start: usize, end: usize) -> String {
    tokens[start..end].join(" ")
}

/// The chunk in brackets with up to `width` tokens either side: `… في [ألمانيا] امس …`.
pub fn context(tokens: &[String], start: usize, end: usize, width: usize) -> String {
    let a = start.saturating_sub(width);
    let b = (end + width).min(tokens.len());
    let mut s = String::new();
    if a > 0 {
        s.push_str("… ");
    }
    for (i, t) in tokens.iter().enumerate().take(b).skip(a) {
        if i > a {
            s.push(' ');
        }
        if i == start {
            s.push('[');
        }
        s.push_str(t);
        if i + 1 == end {
            s.push(']');
        }
    }
    if b < tokens.len() {
        s.push_str(" …");
    }
    s
}
