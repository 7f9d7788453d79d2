//! Errors of loading gazetteer and trigger files.

use std::fmt;

/// Where in which file something went wrong. Lines and columns count from 1; columns count
/// characters, not bytes. A column of 0 means "the whole line".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The file name (for embedded data, its path under `gazetteers/`).
    pub file: String,
    /// 1-based line number; 0 when the error concerns the whole file.
    pub line: usize,
    /// 1-based character column; 0 when the error concerns the whole line.
    pub column: usize,
}

impl Location {
    /// The location `file:line:column`.
    pub(crate) fn at(file: &str, line: usize, column: usize) -> Location {
        Location {
            file: file.to_string(),
            line,
            column,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// What kind of problem a [`LoadError`] reports.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be read (or is not UTF-8).
    Io,
    /// The header lacks a required column.
    MissingColumn,
    /// The header names a column this format does not have.
    UnknownColumn,
    /// A row has more fields than the header.
    ExtraField,
    /// A required field is empty.
    EmptyField,
    /// The `kind` is not one of the known kinds.
    UnknownKind,
    /// The `category` does not exist, or does not fit the entry's kind.
    UnknownCategory,
    /// The `feature` is not one of the known feature types.
    UnknownFeature,
    /// A value is malformed (an id with bad characters, a number that does not parse, ...).
    BadValue,
    /// The id was already used by another entry.
    DuplicateId,
    /// An alias is empty (`a||b`, or a trailing `|`).
    EmptyAlias,
    /// An alias folds to nothing (only marks, quotes or spaces).
    AliasFoldsToNothing,
    /// `parent` names an id that no loaded entry has.
    UnknownParent,
    /// A trigger row names an unknown class or value.
    UnknownTriggerClass,
}

/// An error while loading gazetteer or trigger data: what went wrong and where.
#[derive(Clone, Debug)]
pub struct LoadError {
    kind: LoadErrorKind,
    location: Location,
    message: String,
}

impl LoadError {
    pub(crate) fn new(kind: LoadErrorKind, location: Location, message: impl Into<String>) -> Self {
        LoadError {
            kind,
            location,
            message: message.into(),
        }
    }

    /// The kind of problem.
    pub fn kind(&self) -> LoadErrorKind {
        self.kind
    }

    /// The file, line and column of the problem.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// A description of the problem, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

impl std::error::Error for LoadError {}
