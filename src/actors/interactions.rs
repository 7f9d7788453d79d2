//! Interactions: two actors (or an actor and a place) joined by a trigger word in one sentence.
//!
//! Each trigger of `actor-rules/interactions.txt` has a shape that says where its sides stand
//! (see that file); sides are looked for at most [`WINDOW`] words from the trigger or from each
//! other, so a trigger never reaches across a long clause.

use super::data::{Role, Rules, Shape, Trigger};
use super::doc::{after_clitic, Clitics, Doc};
use super::{Actor, ActorRef, Interaction, Item, PlaceMention, PlaceRef, Site};
use crate::gazetteer::Entry;
use std::ops::Range;

/// Words at most between a trigger and a side, or between the two sides.
const WINDOW: usize = 6;

/// One sentence's actor mentions and places.
struct Sentence<'s> {
    words: Range<usize>,
    mentions: &'s [Item],
    /// Places that are not acting as states: (index, words).
    places: Vec<(usize, Range<usize>)>,
}

/// Finds the interactions of every sentence.
pub(super) fn find<'a>(
    rules: &'a Rules,
    doc: &Doc<'a>,
    actors: &[Actor<'a>],
    items: &[Item],
    places: &[PlaceMention<'a>],
    sites: &[Site],
) -> Vec<Interaction<'a>> {
    let mut out: Vec<Interaction<'a>> = Vec::new();
    for span in doc.sentences() {
        let words = doc.words_of(span);
        let inside = |r: &Range<usize>| words.contains(&r.start);
        let a = items.partition_point(|m| m.words.start < words.start);
        let b = items.partition_point(|m| m.words.start < words.end);
        let s = Sentence {
            words: words.clone(),
            mentions: &items[a..b],
            places: (sites.partition_point(|p| p.words.start < words.start)..sites.len())
                .take_while(|&k| inside(&sites[k].words))
                .filter(|&k| !sites[k].actor)
                .map(|k| (k, sites[k].words.clone()))
                .collect(),
        };
        if s.mentions.is_empty() {
            continue;
        }
        let first = out.len();
        for w in words.clone() {
            for t in &rules.triggers {
                let Some(skip) = after_clitic(doc.word(w), &t.words[0], Clitics::Conjunction)
                else {
                    continue;
                };
                let end = w + t.words.len();
                if end > words.end || (1..t.words.len()).any(|k| doc.word(w + k) != t.words[k]) {
                    continue;
                }
                let Some((a1, a2, object)) = sides(rules, doc, actors, &s, t, w, end) else {
                    continue;
                };
                let duplicate = out[first..].iter().any(|i| {
                    let pair = (i.actor1.index, i.actor2.as_ref().map(|r| r.index));
                    *i.kind == *t.label
                        && (pair == (a1, a2)
                            || (t.shape == Shape::Between
                                && a2.is_some_and(|b| pair == (b, Some(a1)))))
                });
                if duplicate {
                    continue;
                }
                let place = object.or_else(|| nearest_place(&s, w));
                let trigger_span = doc.words_span(w..end, skip);
                out.push(Interaction {
                    kind: &t.label,
                    trigger: &doc.text[trigger_span.range()],
                    trigger_span,
                    trigger_char_span: doc.char_span(trigger_span),
                    sentence: span,
                    sentence_char_span: doc.char_span(span),
                    actor1: actor_ref(actors, a1),
                    actor2: a2.map(|i| actor_ref(actors, i)),
                    directed: t.shape != Shape::Between,
                    place: place.map(|k| PlaceRef {
                        index: k,
                        id: places[k].entry.map(Entry::id),
                        text: places[k].text,
                    }),
                });
            }
        }
    }
    out
}

fn actor_ref<'a>(actors: &[Actor<'a>], i: usize) -> ActorRef<'a> {
    ActorRef {
        index: i,
        id: actors[i].id.clone(),
        name: actors[i].name,
    }
}

/// The two sides of the trigger at words `w..te`: actor1, actor2, and a place as the object.
fn sides(
    rules: &Rules,
    doc: &Doc<'_>,
    actors: &[Actor<'_>],
    s: &Sentence<'_>,
    t: &Trigger,
    w: usize,
    te: usize,
) -> Option<(usize, Option<usize>, Option<usize>)> {
    let allowed = |m: &&Item| t.actors.contains(&actors[m.index].kind);
    let after = |from: usize, to: usize| {
        s.mentions
            .iter()
            .filter(allowed)
            .find(move |m| (from..=to).contains(&m.words.start))
    };
    let before = |not: usize| {
        s.mentions
            .iter()
            .filter(allowed)
            .filter(move |m| m.words.end <= w && m.index != not)
    };
    match t.shape {
        Shape::Between => {
            let a1 = after(te, te + WINDOW)?;
            let mut last = a1.words.end;
            let rest = s.mentions.iter().filter(|m| m.span.start >= a1.span.end);
            for m in rest {
                if m.index == a1.index && m.words.start <= last + WINDOW {
                    last = last.max(m.words.end);
                    continue;
                }
                if allowed(&m) && m.words.start <= last + WINDOW && joined(rules, doc, last, m) {
                    return Some((a1.index, Some(m.index), None));
                }
                break;
            }
            // X trigger مع Y: the other side stands before the trigger.
            let other = before(a1.index).next_back()?;
            joined(rules, doc, te, a1).then_some((other.index, Some(a1.index), None))
        }
        Shape::On => {
            let end = s.words.end.min(te + WINDOW + 1);
            let on = (te..end).find(|&k| rules.is_connector(doc.word(k), Role::On))?;
            let agent = after(te, on.saturating_sub(1))
                .filter(|m| m.words.start < on)
                .or_else(|| before(usize::MAX).next_back())?;
            // The target is what comes first after على: an actor, or a place.
            let reach = on + 1..=on + 1 + WINDOW;
            let target = s
                .mentions
                .iter()
                .filter(allowed)
                .find(|m| reach.contains(&m.words.start) && m.index != agent.index);
            let place = s.places.iter().find(|p| reach.contains(&p.1.start));
            match (target, place) {
                (Some(m), p) if p.is_none_or(|p| m.words.start < p.1.start) => {
                    Some((agent.index, Some(m.index), None))
                }
                (_, Some(p)) => Some((agent.index, None, Some(p.0))),
                _ => None,
            }
        }
        Shape::From => {
            let giver = after(te, te + WINDOW)?;
            let taker = before(giver.index).next()?;
            Some((giver.index, Some(taker.index), None))
        }
    }
}

/// True when an `and` connector stands between word `from` and the mention `m`: a word (مع،
/// ضد), or و glued to a word between (وعناصر) or to the mention itself (وقسد).
fn joined(rules: &Rules, doc: &Doc<'_>, from: usize, m: &Item) -> bool {
    let between = (from..m.words.start).any(|k| {
        let w = doc.word(k);
        rules.is_connector(w, Role::And) || rules.glued_connector(w, Role::And, false)
    });
    between
        || rules.glued_connector(
            doc.prefix_before(m.words.start, m.span.start),
            Role::And,
            true,
        )
}

/// The place of the sentence after the trigger word `w` (اشتباكات بين X و Y في PLACE), or else
/// the nearest before it.
fn nearest_place(s: &Sentence<'_>, w: usize) -> Option<usize> {
    let after = s.places.iter().find(|(_, r)| r.start > w);
    let before = || s.places.iter().rev().find(|(_, r)| r.start < w);
    after.or_else(before).map(|p| p.0)
}
