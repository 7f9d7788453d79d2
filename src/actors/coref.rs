//! Actors: the entities grouped into one record per actor, plus anaphora.
//!
//! The extractor already links acronyms, surnames and repeated names (same entry, or same local
//! id). Here countries that are not locations become state actors, titles give roles, and each
//! anaphor (التنظيم) is linked to the most recent actor headed by its noun (تنظيم "الدولة",
//! ميليشيات "قسد"), or else to the most recent actor of a kind it may stand for.

use super::data::{Anaphor, Rules};
use super::doc::{after_clitic, Clitics, Doc};
use super::{Actor, ActorKind, ActorMention, Item, PlaceMention, Site};
use crate::entity::Entity;
use crate::gazetteer::{Entry, Feature, Kind};
use crate::normalize::{fold_str, SPACE};
use std::borrow::Cow;
use std::collections::HashMap;

/// What makes mentions one actor.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Key<'a> {
    Entry(&'a str),
    Local(u32),
}

/// The actors of the document and their mentions located in words, in text order.
pub(super) fn actors<'a>(
    rules: &'a Rules,
    doc: &Doc<'a>,
    entities: &[Entity<'a>],
    places: &[PlaceMention<'a>],
    sites: &mut [Site],
) -> (Vec<Actor<'a>>, Vec<Item>) {
    let mut actors: Vec<Actor<'a>> = Vec::new();
    let mut keys: HashMap<Key<'a>, usize> = HashMap::new();
    let mut named = Vec::new();
    let mut next_site = 0;
    for (i, e) in entities.iter().enumerate() {
        let (kind, entry, rule) = match e.kind() {
            Kind::ArmedGroup => (ActorKind::ArmedGroup, e.entry(), e.source().as_str()),
            Kind::Organization => (ActorKind::Organization, e.entry(), e.source().as_str()),
            Kind::Person => (ActorKind::Person, e.entry(), e.source().as_str()),
            Kind::Place => {
                let Some(k) = (next_site..sites.len()).find(|&k| sites[k].entity == i) else {
                    continue;
                };
                next_site = k + 1;
                let place = &places[k];
                let state = place
                    .entry
                    .filter(|p| p.feature() == Some(Feature::Country) && place.region.is_none());
                if state.is_none() || sites[k].located {
                    continue;
                }
                sites[k].actor = true;
                (ActorKind::State, state, "state")
            }
            _ => continue,
        };
        let key = match (entry, e.local_id()) {
            (Some(x), _) => Key::Entry(x.id()),
            (None, Some(l)) => Key::Local(l),
            (None, None) => continue,
        };
        let a = *keys.entry(key).or_insert_with(|| {
            actors.push(new_actor(key, kind, entry, e.as_str()));
            actors.len() - 1
        });
        let actor = &mut actors[a];
        actor.mentions.push(ActorMention {
            span: e.span(),
            char_span: e.char_span(),
            text: e.as_str(),
            inferred: false,
            rule,
        });
        if entry.is_none() && e.as_str().len() > actor.name.len() {
            actor.name = e.as_str();
        }
        if let Some(t) = e.title() {
            if !actor.titles.contains(&t) {
                actor.titles.push(t);
            }
            for r in roles(rules, t) {
                if !actor.roles.contains(&r) {
                    actor.roles.push(r);
                }
            }
        }
        named.push(Item {
            index: a,
            words: doc.words_of(e.span()),
            span: e.span(),
        });
    }
    let inferred = anaphora(rules, doc, entities, &mut actors, &named);
    for a in &mut actors {
        a.mentions.sort_by_key(|m| m.span.start);
    }
    let mut items = named;
    items.extend(inferred);
    items.sort_by_key(|m| m.span.start);
    (actors, items)
}

fn new_actor<'a>(
    key: Key<'a>,
    kind: ActorKind,
    entry: Option<&'a Entry>,
    text: &'a str,
) -> Actor<'a> {
    Actor {
        id: match key {
            Key::Entry(id) => Cow::Borrowed(id),
            Key::Local(n) => Cow::Owned(format!("local:{n}")),
        },
        name: entry.map_or(text, Entry::name),
        kind,
        entry,
        titles: Vec::new(),
        roles: Vec::new(),
        mentions: Vec::new(),
    }
}

/// The roles named by the words of a title (الناشط والباحث → activist, researcher), longest
/// phrase first, a leading و dropped.
fn roles<'r>(rules: &'r Rules, title: &str) -> Vec<&'r str> {
    let words: Vec<Vec<u8>> = fold_str(title)
        .split(|&b| b == SPACE)
        .map(<[u8]>::to_vec)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let found = rules
            .roles
            .iter()
            .filter(|(p, _)| {
                i + p.len() <= words.len()
                    && after_clitic(&words[i], &p[0], Clitics::Conjunction).is_some()
                    && words[i + 1..i + p.len()] == p[1..]
            })
            .max_by_key(|(p, _)| p.len());
        match found {
            Some((p, r)) => {
                out.push(&**r);
                i += p.len();
            }
            None => i += 1,
        }
    }
    out
}

/// Finds the anaphora, adds them to their actors' mentions, and returns them located.
fn anaphora<'a>(
    rules: &Rules,
    doc: &Doc<'a>,
    entities: &[Entity<'a>],
    actors: &mut [Actor<'a>],
    named: &[Item],
) -> Vec<Item> {
    let mut covered = vec![false; doc.len()];
    // Words that begin with a name (no proclitic before it).
    let mut name_starts = vec![false; doc.len() + 1];
    for e in entities {
        let words = doc.words_of(e.span());
        if let Some(first) = words.clone().next() {
            name_starts[first] = doc.prefix_before(first, e.span().start).is_empty();
        }
        for w in words {
            covered[w] = true;
        }
    }
    let entry_heads: Vec<Vec<Vec<u8>>> = actors.iter().map(entry_heads).collect();
    let mut out = Vec::new();
    for w in 0..doc.len() {
        // A noun right before a name describes it (التنظيم "X"); it does not refer back.
        if covered[w] || name_starts[w + 1] {
            continue;
        }
        let word = doc.word(w);
        let Some((an, skip)) = rules
            .anaphora
            .iter()
            .find_map(|an| Some((an, after_clitic(word, &an.word, Clitics::Any)?)))
        else {
            continue;
        };
        let span = doc.word_span(w, skip);
        let before = &named[..named.partition_point(|m| m.span.end <= span.start)];
        let headed = |m: &&Item| {
            let first = doc.word(m.words.start);
            let prev = m.words.start.checked_sub(1).map(|p| doc.word(p));
            heads(an).any(|h| {
                after_clitic(first, h, Clitics::Any).is_some()
                    || prev.is_some_and(|p| after_clitic(p, h, Clitics::Any).is_some())
                    || entry_heads[m.index].iter().any(|x| x == h)
            })
        };
        let fits = |m: &&Item| {
            let a = &actors[m.index];
            an.refers_to
                .iter()
                .any(|(k, c)| a.kind == *k && c.is_none_or(|c| a.category() == Some(c)))
        };
        let referent = before
            .iter()
            .rev()
            .find(headed)
            .or_else(|| before.iter().rev().find(fits));
        if let Some(m) = referent {
            actors[m.index].mentions.push(ActorMention {
                span,
                char_span: doc.char_span(span),
                text: &doc.text[span.range()],
                inferred: true,
                rule: "anaphora",
            });
            out.push(Item {
                index: m.index,
                words: w..w + 1,
                span,
            });
        }
    }
    out
}

/// The anaphor's head nouns and the anaphor itself (التحالف for التحالف الدولي).
fn heads(an: &Anaphor) -> impl Iterator<Item = &[u8]> {
    an.heads
        .iter()
        .map(Vec::as_slice)
        .chain(std::iter::once(an.word.as_slice()))
}

/// The first words of the entry's name and aliases, folded.
fn entry_heads(a: &Actor<'_>) -> Vec<Vec<u8>> {
    let Some(e) = a.entry else { return Vec::new() };
    std::iter::once(e.name())
        .chain(e.aliases())
        .filter_map(|n| {
            let f = fold_str(n);
            f.split(|&b| b == SPACE).next().map(<[u8]>::to_vec)
        })
        .collect()
}
