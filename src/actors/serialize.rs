//! The JSON form of the actor stage's records (the `extract --actors` output): spans as
//! `start`/`end` bytes and `char_start`/`char_end` characters, like entities; unknown values
//! left out.

use super::{Actor, ActorMention, Interaction, PlaceMention};
use crate::entity::Span;
use crate::gazetteer::Entry;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

fn spans<M: SerializeMap>(m: &mut M, span: Span, chars: Span) -> Result<(), M::Error> {
    m.serialize_entry("start", &span.start)?;
    m.serialize_entry("end", &span.end)?;
    m.serialize_entry("char_start", &chars.start)?;
    m.serialize_entry("char_end", &chars.end)
}

fn some<M: SerializeMap, T: Serialize>(m: &mut M, k: &str, v: Option<T>) -> Result<(), M::Error> {
    match v {
        Some(v) => m.serialize_entry(k, &v),
        None => Ok(()),
    }
}

impl Serialize for Actor<'_> {
    /// `id`, `name`, `name_en`, `kind`, `category`, `countries`, `affiliation`, `titles`,
    /// `roles`, `count` (of mentions) and `mentions`.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("name", self.name)?;
        some(&mut m, "name_en", self.entry.and_then(Entry::name_en))?;
        m.serialize_entry("kind", &self.kind)?;
        some(&mut m, "category", self.category())?;
        let countries = self.countries();
        some(
            &mut m,
            "countries",
            (!countries.is_empty()).then_some(countries),
        )?;
        some(&mut m, "affiliation", self.affiliation())?;
        some(
            &mut m,
            "titles",
            (!self.titles.is_empty()).then_some(&self.titles),
        )?;
        some(
            &mut m,
            "roles",
            (!self.roles.is_empty()).then_some(&self.roles),
        )?;
        m.serialize_entry("count", &self.mentions.len())?;
        m.serialize_entry("mentions", &self.mentions)?;
        m.end()
    }
}

impl Serialize for ActorMention<'_> {
    /// Spans, `text`, `rule`, and `inferred: true` for anaphora.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        spans(&mut m, self.span, self.char_span)?;
        m.serialize_entry("text", self.text)?;
        m.serialize_entry("rule", self.rule)?;
        some(&mut m, "inferred", self.inferred.then_some(true))?;
        m.end()
    }
}

/// An entry of an admin chain.
#[derive(Serialize)]
struct Admin<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feature: Option<crate::gazetteer::Feature>,
}

/// A region phrase: its words, direction, and span in the original text.
#[derive(Serialize)]
struct RegionJson<'a> {
    modifier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'a str>,
    text: &'a str,
    start: usize,
    end: usize,
}

impl Serialize for PlaceMention<'_> {
    /// Spans, `text`, the chosen entry (`id`, `name`, `name_en`, `feature`, `country`, `lat`,
    /// `lon`), `admin` (nearest parent first), `region`, and `disambiguated: true` when the
    /// document's countries changed the reading.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        spans(&mut m, self.span, self.char_span)?;
        m.serialize_entry("text", self.text)?;
        if let Some(e) = self.entry {
            m.serialize_entry("id", e.id())?;
            m.serialize_entry("name", e.name())?;
            some(&mut m, "name_en", e.name_en())?;
            some(&mut m, "feature", e.feature())?;
            some(&mut m, "country", self.country())?;
            if let Some((lat, lon)) = e.coordinates() {
                m.serialize_entry("lat", &lat)?;
                m.serialize_entry("lon", &lon)?;
            }
        }
        if !self.admin.is_empty() {
            let admin: Vec<Admin> = self
                .admin
                .iter()
                .map(|e| Admin {
                    id: e.id(),
                    name: e.name(),
                    feature: e.feature(),
                })
                .collect();
            m.serialize_entry("admin", &admin)?;
        }
        if let Some(r) = &self.region {
            let r = RegionJson {
                modifier: r.modifier,
                direction: r.direction,
                text: self.region_text.unwrap_or(self.text),
                start: r.phrase.start,
                end: r.phrase.end,
            };
            m.serialize_entry("region", &r)?;
        }
        some(&mut m, "disambiguated", self.disambiguated.then_some(true))?;
        m.end()
    }
}

impl Serialize for Interaction<'_> {
    /// `type`, `trigger` (text and spans), `actor1`, `actor2`, `directed`, `place` and
    /// `sentence` (spans).
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("type", self.kind)?;
        let trigger = Located {
            text: Some(self.trigger),
            span: self.trigger_span,
            chars: self.trigger_char_span,
        };
        m.serialize_entry("trigger", &trigger)?;
        m.serialize_entry("actor1", &self.actor1)?;
        some(&mut m, "actor2", self.actor2.as_ref())?;
        m.serialize_entry("directed", &self.directed)?;
        some(&mut m, "place", self.place.as_ref())?;
        let sentence = Located {
            text: None,
            span: self.sentence,
            chars: self.sentence_char_span,
        };
        m.serialize_entry("sentence", &sentence)?;
        m.end()
    }
}

/// A span of text, with its text when short.
struct Located<'a> {
    text: Option<&'a str>,
    span: Span,
    chars: Span,
}

impl Serialize for Located<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        some(&mut m, "text", self.text)?;
        spans(&mut m, self.span, self.chars)?;
        m.end()
    }
}
