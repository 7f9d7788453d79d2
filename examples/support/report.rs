//! The error report of the `evaluate` example: missed and spurious strings per type, counted,
//! with the first context each was seen in and a class saying what went wrong.

use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

/// Which side of the comparison an error is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    /// A gold mention no prediction matches.
    Missed,
    /// A prediction that matches no gold mention.
    Spurious,
}

impl Side {
    fn as_str(self) -> &'static str {
        match self {
            Side::Missed => "missed",
            Side::Spurious => "spurious",
        }
    }
}

/// One error string: how often, where first, what rasd did or said there.
#[derive(Clone, Debug)]
pub struct Item {
    pub text: String,
    pub count: usize,
    pub context: String,
    pub detail: String,
}

/// The errors of one type and side: items by string, and counts by class.
#[derive(Debug, Default)]
struct Group {
    total: usize,
    items: HashMap<String, Item>,
    classes: BTreeMap<&'static str, usize>,
}

/// Errors by (type label, side).
#[derive(Debug, Default)]
pub struct Report {
    groups: BTreeMap<(String, Side), Group>,
}

impl Report {
    /// Records one error. `context` and `detail` are computed only the first time a string is
    /// seen for its type and side.
    pub fn add(
        &mut self,
        side: Side,
        label: &str,
        text: String,
        class: &'static str,
        context: impl FnOnce() -> String,
        detail: impl FnOnce() -> String,
    ) {
        let g = self.groups.entry((label.to_string(), side)).or_default();
        g.total += 1;
        *g.classes.entry(class).or_default() += 1;
        g.items
            .entry(text)
            .or_insert_with_key(|t| Item {
                text: t.clone(),
                count: 0,
                context: context(),
                detail: detail(),
            })
            .count += 1;
    }

    /// Total errors of a type and side.
    pub fn total(&self, label: &str, side: Side) -> usize {
        self.group(label, side).map_or(0, |g| g.total)
    }

    /// Error counts by class for a type and side, e.g. `[("boundary", 3), ("none", 12)]`.
    pub fn classes(&self, label: &str, side: Side) -> Vec<(&'static str, usize)> {
        self.group(label, side)
            .map(|g| g.classes.iter().map(|(c, n)| (*c, *n)).collect())
            .unwrap_or_default()
    }

    /// The `n` most frequent strings of a type and side, most frequent first (ties by string).
    pub fn top(&self, label: &str, side: Side, n: usize) -> Vec<&Item> {
        let Some(g) = self.group(label, side) else {
            return Vec::new();
        };
        let mut v: Vec<&Item> = g.items.values().collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.text.cmp(&b.text)));
        v.truncate(n);
        v
    }

    fn group(&self, label: &str, side: Side) -> Option<&Group> {
        self.groups.get(&(label.to_string(), side))
    }

    /// Writes the report for `labels`, `n` strings per type and side.
    pub fn print(&self, out: &mut impl Write, labels: &[&str], n: usize) -> io::Result<()> {
        for label in labels {
            for side in [Side::Missed, Side::Spurious] {
                let total = self.total(label, side);
                if total == 0 {
                    continue;
                }
                let classes: Vec<String> = self
                    .classes(label, side)
                    .iter()
                    .map(|(c, k)| format!("{c} {k}"))
                    .collect();
                let top = if n > 0 {
                    format!("; top {n}:")
                } else {
                    String::new()
                };
                let (name, classes) = (side.as_str(), classes.join(", "));
                writeln!(out, "\n{label} {name} {total} ({classes}){top}")?;
                for it in self.top(label, side, n) {
                    writeln!(
                        out,
                        "{:>6}  {}  ({})\n        {}",
                        it.count, it.text, it.detail, it.context
                    )?;
                }
            }
        }
        Ok(())
    }

    /// The report as JSON: `{label: {missed|spurious: {total, classes, top: [...]}}}`.
    pub fn to_json(&self, labels: &[&str], n: usize) -> Value {
        let mut m = serde_json::Map::new();
        for label in labels {
            let mut sides = serde_json::Map::new();
            for side in [Side::Missed, Side::Spurious] {
                let classes: serde_json::Map<String, Value> = self
                    .classes(label, side)
                    .into_iter()
                    .map(|(c, k)| (c.to_string(), json!(k)))
                    .collect();
                let top: Vec<Value> = self
                    .top(label, side, n)
                    .into_iter()
                    .map(|it| {
                        json!({"text": it.text, "count": it.count, "context": it.context,
                               "detail": it.detail})
                    })
                    .collect();
                sides.insert(
                    side.as_str().to_string(),
                    json!({"total": self.total(label, side), "classes": classes, "top": top}),
                );
            }
            m.insert(label.to_string(), Value::Object(sides));
        }
        Value::Object(m)
    }
}
