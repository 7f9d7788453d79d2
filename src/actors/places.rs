//! Places: one gazetteer reading per place mention, its admin chain and region.
//!
//! The extractor ranks the entries that share a name by priority; a town name shared by two
//! countries keeps both. Here the document decides: every mention whose readings all lie in the
//! same countries votes for them (a place with weight 1, an actor or nationality with weight ½),
//! and an ambiguous place takes its first reading in the best-voted country.

use super::data::{Role, Rules};
use super::doc::Doc;
use super::{PlaceMention, Site};
use crate::entity::Entity;
use crate::extractor::Extractor;
use crate::gazetteer::{Entry, Kind};
use std::collections::HashMap;

/// Weight of a place's vote for its country; other entities vote with half of it.
const PLACE_VOTE: f64 = 1.0;
/// Parents followed at most, against a cycle in user data.
const MAX_ADMIN_DEPTH: usize = 8;

/// Resolves the place entities: a record each, and where it stands.
pub(super) fn resolve<'a>(
    x: &'a Extractor,
    rules: &Rules,
    doc: &Doc<'a>,
    entities: &[Entity<'a>],
) -> (Vec<PlaceMention<'a>>, Vec<Site>) {
    let votes = country_votes(entities);
    let mut places = Vec::new();
    let mut sites: Vec<Site> = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        if e.kind() != Kind::Place {
            continue;
        }
        let chosen = choose(e, &votes);
        // A region phrase stands where its first word stands (في ريف حمص).
        let outer = e.region().map_or(e.span(), |r| r.phrase);
        let words = doc.words_of(outer);
        let located = located(rules, doc, outer.start, &words, sites.last());
        places.push(PlaceMention {
            span: e.span(),
            char_span: e.char_span(),
            text: e.as_str(),
            entry: chosen,
            admin: chosen.map_or(Vec::new(), |c| admin_chain(x, c)),
            region: e.region().copied(),
            region_text: e.region().map(|r| &doc.text[r.phrase.range()]),
            disambiguated: chosen.map(Entry::id) != e.entry().map(Entry::id),
        });
        sites.push(Site {
            entity: i,
            words,
            located,
            actor: false,
        });
    }
    (places, sites)
}

/// Votes per country from the mentions that are unambiguous about their country.
fn country_votes<'a>(entities: &[Entity<'a>]) -> HashMap<&'a str, f64> {
    let mut votes = HashMap::new();
    for e in entities {
        let Some(first) = e.entry() else { continue };
        let shared: Vec<&str> = first
            .countries()
            .filter(|c| {
                e.alternatives()
                    .iter()
                    .all(|a| a.countries().any(|x| x == *c))
            })
            .collect();
        if shared.is_empty() {
            continue;
        }
        let weight = if e.kind() == Kind::Place {
            PLACE_VOTE
        } else {
            PLACE_VOTE / 2.0
        };
        for c in &shared {
            *votes.entry(*c).or_insert(0.0) += weight / shared.len() as f64;
        }
    }
    votes
}

/// The first reading in the best-voted country; the extractor's first when no reading has votes.
fn choose<'a>(e: &Entity<'a>, votes: &HashMap<&str, f64>) -> Option<&'a Entry> {
    let first = e.entry()?;
    let score = |r: &Entry| {
        r.countries()
            .map(|c| votes.get(c).copied().unwrap_or(0.0))
            .fold(0.0, f64::max)
    };
    let mut best = (first, score(first));
    for &r in e.alternatives() {
        let s = score(r);
        if s > best.1 {
            best = (r, s);
        }
    }
    Some(best.0)
}

/// The entry's parents, nearest first.
fn admin_chain<'a>(x: &'a Extractor, entry: &'a Entry) -> Vec<&'a Entry> {
    let mut chain = Vec::new();
    let mut at = entry;
    while let Some(p) = at.parent().and_then(|id| x.entry(id)) {
        if chain.len() == MAX_ADMIN_DEPTH || p.id() == entry.id() {
            break;
        }
        chain.push(p);
        at = p;
    }
    chain
}

/// True when a location word stands before the place: a word (في سوريا، وفي سوريا), a glued
/// proclitic (بسوريا), or a conjunction after a located place right before (في سوريا والعراق).
fn located(
    rules: &Rules,
    doc: &Doc<'_>,
    start: usize,
    words: &std::ops::Range<usize>,
    prev: Option<&Site>,
) -> bool {
    if words.is_empty() {
        return false;
    }
    let prefix = doc.prefix_before(words.start, start);
    if rules.glued_connector(prefix, Role::In, true) {
        return true;
    }
    let joined = if prefix.is_empty() {
        words.start > 0 && rules.is_connector(doc.word(words.start - 1), Role::And)
    } else {
        rules.glued_connector(prefix, Role::And, true)
    };
    if joined {
        let gap = usize::from(prefix.is_empty());
        return prev.is_some_and(|p| p.located && p.words.end + gap == words.start);
    }
    prefix.is_empty() && words.start > 0 && rules.is_connector(doc.word(words.start - 1), Role::In)
}
