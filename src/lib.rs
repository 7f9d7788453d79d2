//! rasd (رصد, "monitoring") finds the named entities and conflict actors of Arabic news: armed
//! groups, state forces, people, places, organizations and nationalities, typed, linked to one
//! canonical gazetteer entry, with exact offsets into the text you gave.
//!
//! ```
//! use rasd::{Extractor, Kind};
//!
//! let extractor = Extractor::new();
//! let text = "بدأت مفاوضات بين ميليشيات \"قسد\" وعناصر تنظيم \"الدولة\" في مدينة الرقة.";
//! let entities = extractor.extract(text);
//!
//! let found: Vec<(&str, Kind, Option<&str>)> = entities
//!     .iter()
//!     .map(|e| (e.as_str(), e.kind(), e.entry().map(|x| x.id())))
//!     .collect();
//! assert!(found.contains(&("قسد", Kind::ArmedGroup, Some("sdf"))));
//! assert!(found.iter().any(|f| f.0 == "الرقة" && f.1 == Kind::Place));
//! // The bare word الدولة ("the state") is ISIS only after تنظيم.
//! assert!(found.iter().any(|f| f.0.ends_with("الدولة") && f.2 == Some("isis")));
//!
//! // Spans index the original text, in bytes and in characters.
//! let e = &entities[0];
//! assert_eq!(&text[e.span().range()], e.as_str());
//! assert_eq!(text.chars().skip(e.char_span().start).take(e.char_span().len()).collect::<String>(), e.as_str());
//! ```
//!
//! The pipeline, one module a stage (see `DESIGN.md`): `normalize` folds the text and keeps an
//! offset map, `matcher` walks one Aho-Corasick automaton of every alias and trigger word, `rules`
//! turns hits into candidates, `resolve` settles overlaps and links mentions within the document,
//! and [`Extractor`] maps the result back to the original text.
#![deny(missing_docs)]
#![deny(unsafe_code)]

/// The README's code blocks run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

mod actors;
mod entity;
mod error;
mod extractor;
mod gazetteer;
mod matcher;
mod normalize;
mod resolve;
mod rules;
mod trie;
mod triggers;

pub use actors::{
    Actor, ActorKind, ActorMention, ActorRef, ActorRules, Analysis, Interaction, PlaceMention,
    PlaceRef,
};
pub use entity::{Entity, Region, Source, Span};
pub use error::{LoadError, LoadErrorKind, Location};
pub use extractor::{Extractor, ExtractorBuilder};
pub use gazetteer::{Category, Entry, Feature, Kind};
