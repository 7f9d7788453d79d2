//! Span-level gold files in the format of `baladi-raqqa-2017.expected.json`, and how entities are
//! scored against them. Shared by the `evaluate` example and the seed-article test.

use rasd::{Entity, Kind};
use serde::Deserialize;

/// A gold file: the mentions of one document.
#[derive(Debug, Deserialize)]
pub struct GoldFile {
    pub mentions: Vec<Mention>,
}

/// One gold mention: the core span (`start..end`) and the longest acceptable span
/// (`max_start..max_end`), in UTF-8 bytes.
#[derive(Debug, Deserialize)]
pub struct Mention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub max_start: usize,
    pub max_end: usize,
    pub kind: String,
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub note: Option<String>,
}

fn yes() -> bool {
    true
}

/// The rasd kind of a gold kind name (`PLACE`, `ARMED_GROUP`, `PERS`, ...).
pub fn kind_of(gold: &str) -> Option<Kind> {
    Some(match gold {
        "PERSON" | "PERS" | "PER" => Kind::Person,
        "PLACE" | "LOC" => Kind::Place,
        "ARMED_GROUP" => Kind::ArmedGroup,
        "ORGANIZATION" | "ORG" => Kind::Organization,
        "NATIONALITY" => Kind::Nationality,
        _ => return None,
    })
}

/// True when `e` finds mention `m`: same kind (the note may accept ORGANIZATION for an armed
/// group), inside the max span, overlapping the core.
pub fn finds(e: &Entity<'_>, m: &Mention) -> bool {
    let s = e.span();
    let kind_ok = kind_of(&m.kind) == Some(e.kind())
        || (e.kind() == Kind::Organization
            && m.kind == "ARMED_GROUP"
            && m.note
                .as_deref()
                .is_some_and(|n| n.contains("ORGANIZATION also accepted")));
    kind_ok && s.start >= m.max_start && s.end <= m.max_end && s.start < m.end && m.start < s.end
}

/// The outcome of scoring one document.
#[derive(Debug, Default)]
pub struct SpanScore {
    /// Indexes of required mentions no entity finds.
    pub missed: Vec<usize>,
    /// Indexes of entities that find no mention, required or optional.
    pub spurious: Vec<usize>,
    /// Required mentions, and how many were found.
    pub required: usize,
    pub found: usize,
    /// Entities, and how many find some mention.
    pub entities: usize,
    pub correct: usize,
}

/// Scores entities against gold mentions.
pub fn score(entities: &[Entity<'_>], mentions: &[Mention]) -> SpanScore {
    let mut out = SpanScore {
        entities: entities.len(),
        ..SpanScore::default()
    };
    for (i, m) in mentions.iter().enumerate().filter(|(_, m)| m.required) {
        out.required += 1;
        if entities.iter().any(|e| finds(e, m)) {
            out.found += 1;
        } else {
            out.missed.push(i);
        }
    }
    for (i, e) in entities.iter().enumerate() {
        if mentions.iter().any(|m| finds(e, m)) {
            out.correct += 1;
        } else {
            out.spurious.push(i);
        }
    }
    out
}
