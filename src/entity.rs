//! The output of extraction: typed entity spans in offsets of the original text.

use crate::gazetteer::{Entry, Kind};
use std::fmt;
use std::ops::Range;

/// A half-open range `start..end`. In [`Entity::span`] it counts UTF-8 bytes and can index the
/// original `&str`; in [`Entity::char_span`] it counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// Start offset (inclusive).
    pub start: usize,
    /// End offset (exclusive).
    pub end: usize,
}

impl Span {
    /// The span as a range, e.g. to slice the text: `&text[span.range()]`.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Length in the span's unit.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span is empty.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span {
            start: r.start,
            end: r.end,
        }
    }
}

/// What produced an entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// An alias of a gazetteer entry.
    Gazetteer,
    /// A context alias of a gazetteer entry, licensed by the trigger word before it
    /// (تنظيم "الدولة").
    Context,
    /// An unknown name after a place noun (قرية X).
    PlaceNoun,
    /// An unknown name after a group noun (لواء X).
    GroupNoun,
    /// An unknown name after an organization noun (وزارة X).
    OrgNoun,
    /// An unknown name after a person's title or role (الناشط X).
    Title,
    /// An unknown name after a speech verb (قال X).
    SpeechVerb,
    /// An unknown person's name made of a known given name followed by known names
    /// (given or family), without a trigger word.
    NamePattern,
    /// An acronym in quotes or brackets right after a linked name (قوات سوريا الديمقراطية "قسد").
    Acronym,
    /// A later mention of a name found earlier in the same document: a person's surname, an
    /// acronym, or the full name again.
    Document,
}

impl Source {
    /// The snake-case name used in JSON (`gazetteer`, `title`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Gazetteer => "gazetteer",
            Source::Context => "context",
            Source::PlaceNoun => "place_noun",
            Source::GroupNoun => "group_noun",
            Source::OrgNoun => "org_noun",
            Source::Title => "title",
            Source::SpeechVerb => "speech_verb",
            Source::NamePattern => "name_pattern",
            Source::Acronym => "acronym",
            Source::Document => "document",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A region phrase around a place: ريف الرقة الشرقي, شمال حلب. The entity's span is the bare
/// place (الرقة); the phrase is kept here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region<'a> {
    /// The region word as written (ريف, شمال).
    pub modifier: &'a str,
    /// The direction, in English (`east`, `north-west`), when the phrase gives one.
    pub direction: Option<&'a str>,
    /// Byte span of the bare place name inside the phrase (the entity's own span).
    pub place: Span,
    /// Byte span of the whole phrase, region word and direction included.
    pub phrase: Span,
}

/// One entity found in a text.
#[derive(Clone, Debug)]
pub struct Entity<'a> {
    pub(crate) text: &'a str,
    pub(crate) span: Span,
    pub(crate) char_span: Span,
    pub(crate) kind: Kind,
    pub(crate) entry: Option<&'a Entry>,
    pub(crate) alternatives: Vec<&'a Entry>,
    pub(crate) source: Source,
    pub(crate) title: Option<Span>,
    pub(crate) region: Option<Region<'a>>,
    pub(crate) local_id: Option<u32>,
}

impl<'a> Entity<'a> {
    /// Byte span in the original text.
    pub fn span(&self) -> Span {
        self.span
    }

    /// Span in Unicode scalar values (characters) of the original text.
    pub fn char_span(&self) -> Span {
        self.char_span
    }

    /// The entity's text, exactly as it stands in the original.
    pub fn as_str(&self) -> &'a str {
        &self.text[self.span.range()]
    }

    /// The entity kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The gazetteer entry the entity links to, when known.
    pub fn entry(&self) -> Option<&'a Entry> {
        self.entry
    }

    /// Other entries sharing the matched alias that context could not rule out, best first after
    /// [`Entity::entry`].
    pub fn alternatives(&self) -> &[&'a Entry] {
        &self.alternatives
    }

    /// What produced the entity.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The title or role words before a person's name (الناشط والباحث), as written.
    pub fn title(&self) -> Option<&'a str> {
        self.title.map(|s| &self.text[s.range()])
    }

    /// Byte span of the title words.
    pub fn title_span(&self) -> Option<Span> {
        self.title
    }

    /// The region phrase, when the entity is a region of a place.
    pub fn region(&self) -> Option<&Region<'a>> {
        self.region.as_ref()
    }

    /// For an entity no gazetteer knows, a number shared by all its mentions in the document
    /// (the person of "أيهم الأحمد" and the later "الأحمد"); `None` for linked entities.
    pub fn local_id(&self) -> Option<u32> {
        self.local_id
    }
}

impl serde::Serialize for Entity<'_> {
    /// The JSON form of the `extract` example: byte and char offsets, the exact text, the kind,
    /// and when known the linked entry (`id`, `canonical`, `category`, `feature`, `country`),
    /// the producing `rule`, `title`, `region` and `alternatives`.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("start", &self.span.start)?;
        m.serialize_entry("end", &self.span.end)?;
        m.serialize_entry("char_start", &self.char_span.start)?;
        m.serialize_entry("char_end", &self.char_span.end)?;
        m.serialize_entry("text", self.as_str())?;
        m.serialize_entry("kind", &self.kind)?;
        if let Some(e) = self.entry {
            m.serialize_entry("id", e.id())?;
            m.serialize_entry("canonical", e.name())?;
            if let Some(c) = e.category() {
                m.serialize_entry("category", &c)?;
            }
            if let Some(f) = e.feature() {
                m.serialize_entry("feature", &f)?;
            }
            if let Some(c) = &e.country {
                m.serialize_entry("country", c)?;
            }
        }
        if let Some(l) = self.local_id {
            m.serialize_entry("local_id", &l)?;
        }
        m.serialize_entry("rule", self.source.as_str())?;
        if let Some(t) = self.title() {
            m.serialize_entry("title", t)?;
        }
        if let Some(r) = &self.region {
            m.serialize_entry(
                "region",
                &json::Region {
                    modifier: r.modifier,
                    direction: r.direction,
                    text: &self.text[r.phrase.range()],
                    start: r.phrase.start,
                    end: r.phrase.end,
                },
            )?;
        }
        if !self.alternatives.is_empty() {
            let ids: Vec<&str> = self.alternatives.iter().map(|e| e.id()).collect();
            m.serialize_entry("alternatives", &ids)?;
        }
        m.end()
    }
}

/// Shapes of nested JSON values.
mod json {
    /// A region phrase: its words, direction, and byte span in the original text.
    #[derive(serde::Serialize)]
    pub(super) struct Region<'a> {
        pub(super) modifier: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        pub(super) direction: Option<&'a str>,
        pub(super) text: &'a str,
        pub(super) start: usize,
        pub(super) end: usize,
    }
}
