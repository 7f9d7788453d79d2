//! Stage 6: the actors, places and interactions of a document, read from its entities.
//!
//! [`Extractor::analyze`] runs [`Extractor::extract`] and then:
//!
//! * **places** — every place mention gets one gazetteer reading, chosen among the entity's
//!   alternatives by the countries of the document's other places and actors, with its admin
//!   chain (district → governorate → country) and its region phrase;
//! * **actors** — armed groups, organizations, people and countries acting as states, one record
//!   per actor with all its mentions: acronyms and surnames (linked by the extractor), and
//!   anaphora such as التنظيم or الميليشيات, linked here to the most recent fitting actor and
//!   marked inferred;
//! * **interactions** — two actors joined in one sentence by a trigger word (مفاوضات بين X و Y،
//!   قصف X على Y، بدعم من X), with the trigger, the sentence and the place.
//!
//! The anaphora, triggers, connector words and role names are data under
//! `gazetteers/actor-rules/`; [`ActorRules::add_str`] adds more.

mod coref;
mod data;
mod doc;
mod interactions;
mod places;
mod serialize;

use crate::entity::{Entity, Region, Span};
use crate::error::LoadError;
use crate::extractor::Extractor;
use crate::gazetteer::{Category, Entry};
use serde::Serialize;
use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::OnceLock;

/// The rule files embedded from `gazetteers/actor-rules/`.
const EMBEDDED: [(&str, &str); 4] = [
    (
        "actor-rules/anaphora.txt",
        include_str!("../../gazetteers/actor-rules/anaphora.txt"),
    ),
    (
        "actor-rules/interactions.txt",
        include_str!("../../gazetteers/actor-rules/interactions.txt"),
    ),
    (
        "actor-rules/connectors.txt",
        include_str!("../../gazetteers/actor-rules/connectors.txt"),
    ),
    (
        "actor-rules/roles.txt",
        include_str!("../../gazetteers/actor-rules/roles.txt"),
    ),
];

/// What sort of actor an [`Actor`] is.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActorKind {
    /// An armed group or a state's forces (see [`Actor::category`]).
    ArmedGroup,
    /// A country named as an actor (تقوده الولايات المتحدة), not as a location (في سوريا).
    State,
    /// Media, governments as bodies, UN agencies, NGOs, parties, companies.
    Organization,
    /// A person.
    Person,
}

impl ActorKind {
    /// The snake-case name used in rule files and JSON (`armed_group`).
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::ArmedGroup => "armed_group",
            ActorKind::State => "state",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
        }
    }

    /// Parses the snake-case name.
    pub fn parse(s: &str) -> Option<ActorKind> {
        Some(match s {
            "armed_group" => ActorKind::ArmedGroup,
            "state" => ActorKind::State,
            "organization" => ActorKind::Organization,
            "person" => ActorKind::Person,
            _ => return None,
        })
    }
}

impl fmt::Display for ActorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything [`Extractor::analyze`] finds in one document.
#[derive(Clone, Debug, Serialize)]
pub struct Analysis<'a> {
    /// The entities, as [`Extractor::extract`] returns them.
    pub entities: Vec<Entity<'a>>,
    /// One record per distinct actor, in order of first mention.
    pub actors: Vec<Actor<'a>>,
    /// One record per place mention, in text order.
    pub places: Vec<PlaceMention<'a>>,
    /// Interactions between actors, in text order.
    pub interactions: Vec<Interaction<'a>>,
}

/// One actor of a document with all its mentions.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct Actor<'a> {
    /// The gazetteer id (`sdf`), or `local:N` for a name no gazetteer knows, shared by its
    /// mentions in this document only.
    pub id: Cow<'a, str>,
    /// The canonical name: the entry's, or the longest mention of an unknown name.
    pub name: &'a str,
    /// The actor kind.
    pub kind: ActorKind,
    /// The gazetteer entry, when known.
    pub entry: Option<&'a Entry>,
    /// Titles written before the person's mentions, as written (الناشط والباحث), each once.
    pub titles: Vec<&'a str>,
    /// The roles those titles name, in English (`activist`, `researcher`), each once.
    pub roles: Vec<&'a str>,
    /// Every mention, in text order; inferred ones are anaphora.
    pub mentions: Vec<ActorMention<'a>>,
}

impl<'a> Actor<'a> {
    /// The actor or organization category of the entry.
    pub fn category(&self) -> Option<Category> {
        self.entry.and_then(Entry::category)
    }

    /// ISO codes of the entry's countries.
    pub fn countries(&self) -> Vec<&'a str> {
        self.entry.map_or(Vec::new(), |e| e.countries().collect())
    }

    /// The id of the group, organization or body the entry belongs to (YPG → `sdf`).
    pub fn affiliation(&self) -> Option<&'a str> {
        self.entry
            .filter(|_| self.kind != ActorKind::State)
            .and_then(Entry::parent)
    }
}

/// One mention of an actor.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct ActorMention<'a> {
    /// Byte span in the original text.
    pub span: Span,
    /// Span in characters.
    pub char_span: Span,
    /// The mention as written.
    pub text: &'a str,
    /// True for an anaphor (التنظيم) linked to the actor by this stage.
    pub inferred: bool,
    /// What found it: an entity [`Source`](crate::Source) name (`gazetteer`, `acronym`,
    /// `document`, ...), `state` for a country acting as an actor, or `anaphora`.
    pub rule: &'static str,
}

/// One place mention, resolved to one gazetteer reading.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct PlaceMention<'a> {
    /// Byte span of the place name (الرقة in ريف الرقة الشرقي), as in [`Entity::span`].
    pub span: Span,
    /// Span in characters.
    pub char_span: Span,
    /// The mention as written.
    pub text: &'a str,
    /// The chosen reading; `None` for a place name no gazetteer knows (قرية X).
    pub entry: Option<&'a Entry>,
    /// The chosen reading's parents, nearest first (governorate, then country).
    pub admin: Vec<&'a Entry>,
    /// The region phrase around the place (ريف الرقة الشرقي: `ريف`, `east`).
    pub region: Option<Region<'a>>,
    /// The region phrase as written.
    pub region_text: Option<&'a str>,
    /// True when the document's countries chose another reading than the extractor's first.
    pub disambiguated: bool,
}

impl<'a> PlaceMention<'a> {
    /// Latitude and longitude of the chosen reading.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        self.entry.and_then(Entry::coordinates)
    }

    /// The ISO code of the chosen reading's (first) country.
    pub fn country(&self) -> Option<&'a str> {
        self.entry.and_then(|e| e.countries().next())
    }
}

/// An actor taking part in an interaction.
#[non_exhaustive]
#[derive(Clone, Debug, Serialize)]
pub struct ActorRef<'a> {
    /// Index in [`Analysis::actors`].
    #[serde(skip)]
    pub index: usize,
    /// The actor's id.
    pub id: Cow<'a, str>,
    /// The actor's canonical name.
    pub name: &'a str,
}

/// The place of an interaction.
#[non_exhaustive]
#[derive(Clone, Debug, Serialize)]
pub struct PlaceRef<'a> {
    /// Index in [`Analysis::places`].
    #[serde(skip)]
    pub index: usize,
    /// The chosen entry's id, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    /// The place as written.
    pub text: &'a str,
}

/// Two actors (or an actor and a place) joined by a trigger word in one sentence.
#[non_exhaustive]
#[derive(Clone, Debug)]
pub struct Interaction<'a> {
    /// The type from the trigger file: `negotiation`, `attack`, `clashes`, `control`,
    /// `support`, ...
    pub kind: &'a str,
    /// The trigger as written.
    pub trigger: &'a str,
    /// Byte span of the trigger.
    pub trigger_span: Span,
    /// The trigger in characters.
    pub trigger_char_span: Span,
    /// Byte span of the sentence.
    pub sentence: Span,
    /// The sentence in characters.
    pub sentence_char_span: Span,
    /// The first side: the attacker, controller or supporter of a directed interaction.
    pub actor1: ActorRef<'a>,
    /// The other side: the target or the supported actor; `None` when the target is a place.
    pub actor2: Option<ActorRef<'a>>,
    /// True when `actor1` acts on `actor2` (or the place); false for negotiation and clashes.
    pub directed: bool,
    /// The place: the target of an `on` trigger, or else the place nearest the trigger in the
    /// sentence.
    pub place: Option<PlaceRef<'a>>,
}

/// The word lists of the actor stage: anaphora, interaction triggers, connector words and the
/// roles of titles (the formats are in `gazetteers/README.md`, section "Actor rules").
///
/// [`Extractor::analyze`] uses the embedded lists; build your own to add rows:
///
/// ```
/// use rasd::{ActorRules, Extractor};
///
/// let mut rules = ActorRules::new();
/// rules
///     .add_str("mine.txt", "trigger\ttype\tshape\tactors\nحصار\tsiege\ton\tarmed_group|state\n")
///     .unwrap();
/// let x = Extractor::new();
/// let a = rules.analyze(&x, "فرض حصار قوات النظام على تنظيم \"داعش\" في دير الزور.");
/// assert_eq!(a.interactions[0].kind, "siege");
/// ```
#[derive(Clone, Debug)]
pub struct ActorRules {
    rules: data::Rules,
}

impl Default for ActorRules {
    fn default() -> Self {
        ActorRules::new()
    }
}

impl ActorRules {
    /// The embedded lists of `gazetteers/actor-rules/`.
    ///
    /// # Panics
    /// Only if the embedded data does not load, which the crate's tests rule out.
    pub fn new() -> ActorRules {
        let mut rules = data::Rules::default();
        for (name, contents) in EMBEDDED {
            rules
                .add(name, contents)
                .expect("the embedded actor rules load (checked by tests)");
        }
        ActorRules { rules }
    }

    /// Adds the rows of a rule file; its format (anaphora, interactions, connectors or roles) is
    /// told by its header. `name` appears in errors.
    ///
    /// # Errors
    /// A [`LoadError`] with line and column for a header of no known format, an unknown column,
    /// kind, category, shape or role, or a word with no letters.
    pub fn add_str(&mut self, name: &str, contents: &str) -> Result<&mut Self, LoadError> {
        self.rules.add(name, contents)?;
        Ok(self)
    }

    /// Extracts the entities of `text` with `x` and reads its actors, places and interactions.
    ///
    /// The text is read whole, so a text over 4 GiB gets its entities only.
    pub fn analyze<'a>(&'a self, x: &'a Extractor, text: &'a str) -> Analysis<'a> {
        let entities = x.extract(text);
        if u32::try_from(text.len()).is_err() {
            return Analysis {
                entities,
                actors: Vec::new(),
                places: Vec::new(),
                interactions: Vec::new(),
            };
        }
        let doc = doc::Doc::new(text);
        let (places, mut sites) = places::resolve(x, &self.rules, &doc, &entities);
        let (actors, items) = coref::actors(&self.rules, &doc, &entities, &places, &mut sites);
        let interactions = interactions::find(&self.rules, &doc, &actors, &items, &places, &sites);
        Analysis {
            entities,
            actors,
            places,
            interactions,
        }
    }
}

impl Extractor {
    /// Finds the entities of `text`, then its actors, places and interactions with the embedded
    /// [`ActorRules`].
    ///
    /// ```
    /// use rasd::Extractor;
    ///
    /// let x = Extractor::new();
    /// let a = x.analyze("بدأت مفاوضات بين ميليشيات \"قسد\" وعناصر تنظيم \"الدولة\" في مدينة الرقة. \
    ///                    وقال إن التنظيم انسحب.");
    /// let isis = a.actors.iter().find(|a| a.id == "isis").unwrap();
    /// assert!(isis.mentions.iter().any(|m| m.inferred && m.text == "التنظيم"));
    /// let i = &a.interactions[0];
    /// assert_eq!((i.kind, &*i.actor1.id), ("negotiation", "sdf"));
    /// assert_eq!(i.actor2.as_ref().map(|a| &*a.id), Some("isis"));
    /// ```
    pub fn analyze<'a>(&'a self, text: &'a str) -> Analysis<'a> {
        static RULES: OnceLock<ActorRules> = OnceLock::new();
        RULES.get_or_init(ActorRules::new).analyze(self, text)
    }
}

/// An actor mention or a place located in words, for the interaction stage.
#[derive(Clone, Debug)]
struct Item {
    /// Index of the actor (or of the place).
    index: usize,
    words: Range<usize>,
    span: Span,
}

/// A place mention's position, and how it reads.
#[derive(Clone, Debug)]
struct Site {
    /// Index of the entity.
    entity: usize,
    words: Range<usize>,
    /// A location word stands before it (في سوريا).
    located: bool,
    /// The place acts as a state actor.
    actor: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_rules_load_and_types_are_thread_safe() {
        let r = ActorRules::new();
        assert!(!r.rules.anaphora.is_empty() && !r.rules.triggers.is_empty());
        fn check<T: Send + Sync + std::panic::UnwindSafe>() {}
        check::<ActorRules>();
        check::<Analysis<'static>>();
    }
}
