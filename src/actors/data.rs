//! The word lists of the actor stage (`gazetteers/actor-rules/*.txt`), folded for matching.
//!
//! Four TAB-separated formats, told apart by their header: anaphora (`word heads refers_to`),
//! interaction triggers (`trigger type shape actors`), connectors (`word role`) and role names
//! of titles (`title role`).

use super::doc::{after_clitic, Clitics};
use super::ActorKind;
use crate::error::{LoadError, LoadErrorKind, Location};
use crate::gazetteer::{tsv_rows, Category};
use crate::normalize::{fold_str, SPACE};

/// A definite noun standing for an actor named earlier (التنظيم).
#[derive(Clone, Debug)]
pub(super) struct Anaphor {
    pub(super) word: Vec<u8>,
    /// Head nouns of the names it stands for, folded.
    pub(super) heads: Vec<Vec<u8>>,
    /// Kinds, with an optional category, it may stand for without a head.
    pub(super) refers_to: Vec<(ActorKind, Option<Category>)>,
}

/// How the two sides of an interaction are read around its trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// بين X و Y: two actors after the trigger, joined by an `and` connector.
    Between,
    /// X ... على Y: the actor or place after an `on` connector is the target.
    On,
    /// بدعم من Y: the actor after the trigger supports the sentence's first actor.
    From,
}

/// An interaction trigger word or phrase.
#[derive(Clone, Debug)]
pub(super) struct Trigger {
    /// Folded words.
    pub(super) words: Vec<Vec<u8>>,
    pub(super) label: Box<str>,
    pub(super) shape: Shape,
    pub(super) actors: Vec<ActorKind>,
}

/// What a connector word does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    /// Joins the two sides of an interaction.
    And,
    /// Introduces the target of an `on` trigger.
    On,
    /// Makes the place after it a location.
    In,
}

/// All the word lists.
#[derive(Clone, Debug, Default)]
pub(super) struct Rules {
    pub(super) anaphora: Vec<Anaphor>,
    pub(super) triggers: Vec<Trigger>,
    pub(super) connectors: Vec<(Vec<u8>, Role)>,
    /// Title phrases (folded words) and the role each names.
    pub(super) roles: Vec<(Vec<Vec<u8>>, Box<str>)>,
}

/// The formats, by their columns: required first, then optional.
const FORMATS: [(&str, &[&str], &[&str]); 4] = [
    ("anaphora", &["word", "heads", "refers_to"], &["note"]),
    (
        "interactions",
        &["trigger", "type", "shape", "actors"],
        &["note"],
    ),
    ("connectors", &["word", "role"], &["note"]),
    ("roles", &["title", "role"], &["note"]),
];

impl Rules {
    /// Adds the rows of one file; its format is told by its header.
    pub(super) fn add(&mut self, file: &str, contents: &str) -> Result<(), LoadError> {
        let at = |line, column| Location::at(file, line, column);
        let mut rows = tsv_rows(contents);
        let Some((hline, header)) = rows.next() else {
            return Ok(());
        };
        let names: Vec<&str> = header.iter().map(|f| f.1).collect();
        let Some(&(format, required, optional)) = FORMATS
            .iter()
            .find(|(_, req, _)| req.iter().all(|r| names.contains(r)))
        else {
            return Err(LoadError::new(
                LoadErrorKind::MissingColumn,
                at(hline, 0),
                "the header is none of the actor-rule formats: `word heads refers_to`, \
                 `trigger type shape actors`, `word role`, `title role`",
            ));
        };
        if let Some(&(col, n)) = header
            .iter()
            .find(|(_, n)| !required.contains(n) && !optional.contains(n))
        {
            return Err(LoadError::new(
                LoadErrorKind::UnknownColumn,
                at(hline, col),
                format!("unknown column `{n}` in a {format} file"),
            ));
        }
        let col = |n: &str| names.iter().position(|x| *x == n).unwrap_or(usize::MAX);
        for (line, fields) in rows {
            if fields.len() > names.len() {
                return Err(LoadError::new(
                    LoadErrorKind::ExtraField,
                    at(line, fields[names.len()].0),
                    "more fields than the header",
                ));
            }
            let get = |n: &str| fields.get(col(n)).copied().unwrap_or((0, ""));
            let words = |n: &str| -> Result<Vec<Vec<u8>>, LoadError> {
                let (c, v) = get(n);
                let f = fold_str(v);
                if f.is_empty() {
                    return Err(LoadError::new(
                        LoadErrorKind::AliasFoldsToNothing,
                        at(line, c.max(1)),
                        format!("`{n}` `{v}` has no letters"),
                    ));
                }
                Ok(f.split(|&b| b == SPACE).map(<[u8]>::to_vec).collect())
            };
            match format {
                "anaphora" => {
                    let word = words("word")?.concat();
                    let (hc, h) = get("heads");
                    let mut heads = Vec::new();
                    for head in h.split('|') {
                        let f = fold_str(head);
                        if f.is_empty() {
                            return Err(LoadError::new(
                                LoadErrorKind::EmptyAlias,
                                at(line, hc.max(1)),
                                format!("head `{head}` has no letters"),
                            ));
                        }
                        heads.push(f);
                    }
                    let (rc, r) = get("refers_to");
                    let refers_to = if r == "-" {
                        Vec::new()
                    } else {
                        r.split('|')
                            .map(|k| kind_category(k).ok_or(k))
                            .collect::<Result<_, _>>()
                            .map_err(|k| {
                                LoadError::new(
                                    LoadErrorKind::UnknownKind,
                                    at(line, rc.max(1)),
                                    format!("`{k}` is not an actor kind or kind:category"),
                                )
                            })?
                    };
                    self.anaphora.push(Anaphor {
                        word,
                        heads,
                        refers_to,
                    });
                }
                "interactions" => {
                    let (tc, label) = get("type");
                    let label_ok = !label.is_empty()
                        && label.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
                    if !label_ok {
                        return Err(LoadError::new(
                            LoadErrorKind::BadValue,
                            at(line, tc.max(1)),
                            format!("type `{label}` is not a lowercase label"),
                        ));
                    }
                    let (sc, s) = get("shape");
                    let shape = match s {
                        "between" => Shape::Between,
                        "on" => Shape::On,
                        "from" => Shape::From,
                        _ => {
                            return Err(LoadError::new(
                                LoadErrorKind::BadValue,
                                at(line, sc.max(1)),
                                format!("`shape` is `between`, `on` or `from`, not `{s}`"),
                            ))
                        }
                    };
                    let (ac, a) = get("actors");
                    let actors = a
                        .split('|')
                        .map(|k| ActorKind::parse(k).ok_or(k))
                        .collect::<Result<_, _>>()
                        .map_err(|k| {
                            LoadError::new(
                                LoadErrorKind::UnknownKind,
                                at(line, ac.max(1)),
                                format!("`{k}` is not an actor kind"),
                            )
                        })?;
                    self.triggers.push(Trigger {
                        words: words("trigger")?,
                        label: label.into(),
                        shape,
                        actors,
                    });
                }
                "connectors" => {
                    let (rc, r) = get("role");
                    let role = match r {
                        "and" => Role::And,
                        "on" => Role::On,
                        "in" => Role::In,
                        _ => {
                            return Err(LoadError::new(
                                LoadErrorKind::BadValue,
                                at(line, rc.max(1)),
                                format!("`role` is `and`, `on` or `in`, not `{r}`"),
                            ))
                        }
                    };
                    self.connectors.push((words("word")?.concat(), role));
                }
                _ => {
                    let (rc, r) = get("role");
                    if r.is_empty() {
                        return Err(LoadError::new(
                            LoadErrorKind::EmptyField,
                            at(line, rc),
                            "empty role",
                        ));
                    }
                    self.roles.push((words("title")?, r.into()));
                }
            }
        }
        Ok(())
    }
}

impl Rules {
    /// True when the folded word is a connector of this role, alone or after a conjunction
    /// (في، وفي).
    pub(super) fn is_connector(&self, word: &[u8], role: Role) -> bool {
        self.connectors
            .iter()
            .any(|(w, r)| *r == role && after_clitic(word, w, Clitics::Conjunction).is_some())
    }

    /// True when a one-letter connector of this role is glued to the start of a longer word
    /// (وعناصر), or is one of the letters of a bare proclitic (`prefix` = وب).
    pub(super) fn glued_connector(&self, word: &[u8], role: Role, bare: bool) -> bool {
        let glued = |b: u8| {
            self.connectors
                .iter()
                .any(|(w, r)| *r == role && w.len() == 1 && w[0] == b)
        };
        if bare {
            word.iter().any(|&b| glued(b))
        } else {
            word.len() > 2 && glued(word[0])
        }
    }
}

/// Parses `kind` or `kind:category`.
fn kind_category(s: &str) -> Option<(ActorKind, Option<Category>)> {
    match s.split_once(':') {
        Some((k, c)) => Some((ActorKind::parse(k)?, Some(Category::parse(c)?))),
        None => Some((ActorKind::parse(s)?, None)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_header_and_errors_located() {
        let mut r = Rules::default();
        r.add(
            "a",
            "word\theads\trefers_to\nالتنظيم\tتنظيم\tarmed_group:rebel_group\n",
        )
        .unwrap();
        assert_eq!(r.anaphora.len(), 1);
        let e = r
            .add(
                "t",
                "trigger\ttype\tshape\tactors\nقصف\tattack\tover\tstate\n",
            )
            .unwrap_err();
        assert_eq!(e.location().to_string(), "t:2:12");
        let e = r.add("x", "word\tcolour\n").unwrap_err();
        assert_eq!(e.kind(), LoadErrorKind::MissingColumn);
        let e = r
            .add("y", "word\theads\trefers_to\nالحركة\tحركة\tarmy\n")
            .unwrap_err();
        assert_eq!(e.kind(), LoadErrorKind::UnknownKind);
    }
}
