//! Gazetteer entries and the TSV entry-file format of `gazetteers/README.md`.

use crate::error::{LoadError, LoadErrorKind, Location};
use crate::normalize::folds_to_nothing;
use serde::Serialize;
use std::fmt;

/// The type of an entity.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A person.
    Person,
    /// A place: country, admin unit, town, neighbourhood, facility or region.
    Place,
    /// Any organised armed actor: non-state groups, state forces, coalitions.
    ArmedGroup,
    /// Media, governments as bodies, UN agencies, NGOs, parties, companies.
    Organization,
    /// A nationality or ethnic adjective (السوري, الأكراد).
    Nationality,
}

impl Kind {
    /// The snake-case name used in files and JSON (`armed_group`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::ArmedGroup => "armed_group",
            Kind::Organization => "organization",
            Kind::Nationality => "nationality",
        }
    }

    /// Parses the snake-case name.
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "person" => Kind::Person,
            "place" => Kind::Place,
            "armed_group" => Kind::ArmedGroup,
            "organization" => Kind::Organization,
            "nationality" => Kind::Nationality,
            _ => return None,
        })
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Declares a string-valued enum with its file names, parser and the kinds it applies to.
macro_rules! named_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal $(for $($k:ident)|+)?,)* }) => {
        $(#[$m])*
        #[non_exhaustive]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* $v,)* }

        impl $name {
            /// The snake-case name used in files and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$v => $s,)* }
            }

            /// Parses the snake-case name.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$v),)* _ => None }
            }

            #[allow(unused_variables)]
            fn applies_to(self, kind: Kind) -> bool {
                match self { $($name::$v => true $(&& matches!(kind, $(Kind::$k)|+))?,)* }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named_enum! {
    /// What sort of actor an entry is: ACLED actor types for armed groups, a type for organizations
    /// and people.
    Category {
        /// Government armies, police, intelligence and other forces of a state at home.
        StateForces = "state_forces" for ArmedGroup,
        /// Organised non-state groups fighting a government.
        RebelGroup = "rebel_group" for ArmedGroup,
        /// Armed groups serving a political elite or party, often pro-government.
        PoliticalMilitia = "political_militia" for ArmedGroup,
        /// Armed groups organised around an ethnic, tribal, religious or local identity.
        IdentityMilitia = "identity_militia" for ArmedGroup,
        /// Foreign forces, international coalitions and peacekeepers.
        ExternalForce = "external_force" for ArmedGroup,
        /// News agencies, channels, papers and websites.
        Media = "media" for Organization,
        /// Governments, ministries and other state bodies as institutions.
        Government = "government" for Organization,
        /// United Nations bodies.
        UnAgency = "un_agency" for Organization,
        /// Other international and regional organisations.
        InternationalOrg = "international_org" for Organization,
        /// Non-governmental and humanitarian organisations.
        Ngo = "ngo" for Organization,
        /// Political parties and movements.
        Party = "party" for Organization,
        /// Companies.
        Company = "company" for Organization,
        /// Religious institutions, and clerics (for people).
        Religious = "religious" for Organization | Person,
        /// Universities and schools.
        Education = "education" for Organization,
        /// Clubs and sports bodies.
        Sports = "sports" for Organization,
        /// Heads of state and government.
        HeadOfState = "head_of_state" for Person,
        /// Politicians and ministers.
        Politician = "politician" for Person,
        /// Officers of state forces.
        Military = "military" for Person,
        /// Leaders and commanders of non-state armed groups.
        Militant = "militant" for Person,
        /// Activists.
        Activist = "activist" for Person,
        /// Journalists.
        Journalist = "journalist" for Person,
        /// Officials and diplomats.
        Official = "official" for Person,
        /// Anything else.
        Other = "other",
    }
}

named_enum! {
    /// The feature type of a place.
    Feature {
        /// A country.
        Country = "country" for Place,
        /// First-level administrative unit (governorate, province).
        Admin1 = "admin1" for Place,
        /// Second-level administrative unit (district).
        Admin2 = "admin2" for Place,
        /// Third-level administrative unit (subdistrict).
        Admin3 = "admin3" for Place,
        /// A city (about 100,000 people or more, or a capital).
        City = "city" for Place,
        /// A town.
        Town = "town" for Place,
        /// A village.
        Village = "village" for Place,
        /// A neighbourhood of a city.
        Neighbourhood = "neighbourhood" for Place,
        /// An airport, base, border crossing, dam, prison, camp or other facility.
        Facility = "facility" for Place,
        /// A region that is not an administrative unit.
        Region = "region" for Place,
    }
}

/// One gazetteer entry: an actor, place, organization, person or nationality with its aliases.
#[derive(Clone, Debug)]
pub struct Entry {
    pub(crate) id: Box<str>,
    pub(crate) kind: Kind,
    pub(crate) name: Box<str>,
    pub(crate) aliases: Vec<Box<str>>,
    pub(crate) context_aliases: Vec<Box<str>>,
    pub(crate) category: Option<Category>,
    pub(crate) feature: Option<Feature>,
    pub(crate) country: Option<Box<str>>,
    pub(crate) parent: Option<Box<str>>,
    pub(crate) coordinates: Option<(f64, f64)>,
    pub(crate) population: Option<u64>,
    pub(crate) wikidata: Option<Box<str>>,
    pub(crate) geonames: Option<u64>,
    pub(crate) pcode: Option<Box<str>>,
    pub(crate) name_en: Option<Box<str>>,
    pub(crate) role: Option<Box<str>>,
    pub(crate) active: Option<Box<str>>,
    pub(crate) priority: i32,
    pub(crate) location: Location,
    pub(crate) id_column: usize,
    pub(crate) parent_column: usize,
}

/// The fields of an entry the rules read for every alias hit, packed (eight bytes): an array of
/// them stays in cache where the entries themselves, with their strings, do not.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Brief {
    pub(crate) kind: Kind,
    pub(crate) category: Option<Category>,
    pub(crate) feature: Option<Feature>,
    pub(crate) priority: i32,
}

impl Entry {
    /// The fields the rules read, packed.
    pub(crate) fn brief(&self) -> Brief {
        Brief {
            kind: self.kind,
            category: self.category,
            feature: self.feature,
            priority: self.priority,
        }
    }

    /// Unique id (`sdf`, `sy-raqqa`).
    pub fn id(&self) -> &str {
        &self.id
    }
    /// The entity kind.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// Canonical Arabic name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Aliases that match anywhere (the canonical name is matched too).
    pub fn aliases(&self) -> impl Iterator<Item = &str> {
        self.aliases.iter().map(|a| &**a)
    }
    /// Aliases that are also common words and match only after a fitting trigger word.
    pub fn context_aliases(&self) -> impl Iterator<Item = &str> {
        self.context_aliases.iter().map(|a| &**a)
    }
    /// Actor or organization type.
    pub fn category(&self) -> Option<Category> {
        self.category
    }
    /// Feature type of a place.
    pub fn feature(&self) -> Option<Feature> {
        self.feature
    }
    /// ISO 3166-1 alpha-2 codes of the entry's countries.
    pub fn countries(&self) -> impl Iterator<Item = &str> {
        self.country.iter().flat_map(|c| c.split('|'))
    }
    /// Id of the parent entry (admin parent, parent group, affiliation).
    pub fn parent(&self) -> Option<&str> {
        self.parent.as_deref()
    }
    /// Latitude and longitude.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        self.coordinates
    }
    /// Population of a place.
    pub fn population(&self) -> Option<u64> {
        self.population
    }
    /// Wikidata Q-id.
    pub fn wikidata(&self) -> Option<&str> {
        self.wikidata.as_deref()
    }
    /// GeoNames id.
    pub fn geonames(&self) -> Option<u64> {
        self.geonames
    }
    /// OCHA P-code.
    pub fn pcode(&self) -> Option<&str> {
        self.pcode.as_deref()
    }
    /// English name.
    pub fn name_en(&self) -> Option<&str> {
        self.name_en.as_deref()
    }
    /// A person's role, in words.
    pub fn role(&self) -> Option<&str> {
        self.role.as_deref()
    }
    /// Years active.
    pub fn active(&self) -> Option<&str> {
        self.active.as_deref()
    }
    /// Priority among entries that share an alias (higher wins).
    pub fn priority(&self) -> i32 {
        self.priority
    }
    /// The file and line the entry was loaded from.
    pub fn location(&self) -> &Location {
        &self.location
    }
}

/// The columns of an entry file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Id,
    Kind,
    Name,
    Aliases,
    ContextAliases,
    Category,
    Feature,
    Country,
    Parent,
    Lat,
    Lon,
    Population,
    Wikidata,
    Geonames,
    Pcode,
    NameEn,
    Role,
    Active,
    Priority,
}

const COLUMNS: [(&str, Column); 19] = [
    ("id", Column::Id),
    ("kind", Column::Kind),
    ("name", Column::Name),
    ("aliases", Column::Aliases),
    ("context_aliases", Column::ContextAliases),
    ("category", Column::Category),
    ("feature", Column::Feature),
    ("country", Column::Country),
    ("parent", Column::Parent),
    ("lat", Column::Lat),
    ("lon", Column::Lon),
    ("population", Column::Population),
    ("wikidata", Column::Wikidata),
    ("geonames", Column::Geonames),
    ("pcode", Column::Pcode),
    ("name_en", Column::NameEn),
    ("role", Column::Role),
    ("active", Column::Active),
    ("priority", Column::Priority),
];

/// Splits the non-comment, non-blank lines of a TSV file: `(line number, fields with their
/// 1-based character columns)`. Fields are trimmed; a field's column is where its text starts.
pub(crate) fn tsv_rows(contents: &str) -> impl Iterator<Item = (usize, Vec<(usize, &str)>)> {
    contents
        .lines()
        .map(|line| line.strip_prefix('\u{feff}').unwrap_or(line))
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, line)| {
            let mut col = 1;
            let fields = line
                .split('\t')
                .map(|f| {
                    // The column of the cell's text, after any leading blanks (of a blank
                    // cell, its start).
                    let text = f.trim();
                    let lead = f.chars().take_while(|c| c.is_whitespace()).count();
                    let at = col + if text.is_empty() { 0 } else { lead };
                    col += f.chars().count() + 1;
                    (at, text)
                })
                .collect();
            (i + 1, fields)
        })
}

/// Parses one entry file. `file` is the name used in error locations.
pub(crate) fn parse_entries(file: &str, contents: &str) -> Result<Vec<Entry>, LoadError> {
    let at = |line, column| Location::at(file, line, column);
    let mut rows = tsv_rows(contents);
    let Some((hline, header)) = rows.next() else {
        return Ok(Vec::new());
    };
    let mut columns = Vec::with_capacity(header.len());
    for &(col, name) in &header {
        let Some(&(_, c)) = COLUMNS.iter().find(|(n, _)| *n == name) else {
            return Err(LoadError::new(
                LoadErrorKind::UnknownColumn,
                at(hline, col),
                format!("unknown column `{name}`"),
            ));
        };
        columns.push(c);
    }
    for (required, name) in [
        (Column::Id, "id"),
        (Column::Kind, "kind"),
        (Column::Name, "name"),
    ] {
        if !columns.contains(&required) {
            return Err(LoadError::new(
                LoadErrorKind::MissingColumn,
                at(hline, 0),
                format!("the header has no `{name}` column"),
            ));
        }
    }
    // Rows are longer than 64 bytes; unused capacity is never touched.
    let mut entries = Vec::with_capacity(contents.len() / 64);
    let mut row = at(0, 0);
    for (line, fields) in rows {
        if fields.len() > columns.len() {
            let (col, _) = fields[columns.len()];
            return Err(LoadError::new(
                LoadErrorKind::ExtraField,
                at(line, col),
                format!(
                    "{} fields, but the header has {}",
                    fields.len(),
                    columns.len()
                ),
            ));
        }
        row.line = line;
        entries.push(parse_row(&columns, &fields, &row)?);
    }
    Ok(entries)
}

fn parse_row(
    columns: &[Column],
    fields: &[(usize, &str)],
    row: &Location,
) -> Result<Entry, LoadError> {
    let mut e = Entry {
        id: "".into(),
        kind: Kind::Place,
        name: "".into(),
        aliases: Vec::new(),
        context_aliases: Vec::new(),
        category: None,
        feature: None,
        country: None,
        parent: None,
        coordinates: None,
        population: None,
        wikidata: None,
        geonames: None,
        pcode: None,
        name_en: None,
        role: None,
        active: None,
        priority: 0,
        location: row.clone(),
        id_column: 0,
        parent_column: 0,
    };
    let err = |kind, col: usize, msg: String| {
        let mut loc = row.clone();
        loc.column = col;
        LoadError::new(kind, loc, msg)
    };
    let mut kind = None;
    let (mut category, mut feature, mut lat, mut lon) = (None, None, None, None);
    let opt = |s: &str| (!s.is_empty()).then(|| Box::<str>::from(s));
    for (&column, &(col, value)) in columns.iter().zip(fields) {
        let number = |what: &str| {
            value
                .parse::<f64>()
                .ok()
                .filter(|v| v.is_finite())
                .ok_or_else(|| {
                    err(
                        LoadErrorKind::BadValue,
                        col,
                        format!("{what} `{value}` is not a number"),
                    )
                })
        };
        match column {
            Column::Id => {
                if value.is_empty() {
                    return Err(err(LoadErrorKind::EmptyField, col, "empty id".into()));
                }
                let ok = value.bytes().all(|b| {
                    b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || matches!(b, b'-' | b'_' | b'.' | b':')
                });
                if !ok {
                    return Err(err(
                        LoadErrorKind::BadValue,
                        col,
                        format!("id `{value}` may only hold a-z, 0-9, '-', '_', '.' and ':'"),
                    ));
                }
                e.id = value.into();
                e.id_column = col;
            }
            Column::Kind if !value.is_empty() => {
                kind = Some(Kind::parse(value).ok_or_else(|| {
                    err(
                        LoadErrorKind::UnknownKind,
                        col,
                        format!("unknown kind `{value}`"),
                    )
                })?);
            }
            Column::Name => e.name = value.into(),
            Column::Aliases => e.aliases = split_aliases(value, col, &err)?,
            Column::ContextAliases => e.context_aliases = split_aliases(value, col, &err)?,
            Column::Category if !value.is_empty() => category = Some((col, value)),
            Column::Feature if !value.is_empty() => feature = Some((col, value)),
            Column::Country => e.country = opt(value),
            Column::Parent => {
                e.parent = opt(value);
                e.parent_column = col;
            }
            Column::Lat if !value.is_empty() => lat = Some((col, number("latitude")?)),
            Column::Lon if !value.is_empty() => lon = Some((col, number("longitude")?)),
            Column::Population if !value.is_empty() => {
                e.population = Some(value.parse().map_err(|_| {
                    err(
                        LoadErrorKind::BadValue,
                        col,
                        format!("population `{value}` is not a whole number"),
                    )
                })?)
            }
            Column::Geonames if !value.is_empty() => {
                e.geonames = Some(value.parse().map_err(|_| {
                    err(
                        LoadErrorKind::BadValue,
                        col,
                        format!("geonames id `{value}` is not a number"),
                    )
                })?)
            }
            Column::Priority if !value.is_empty() => {
                e.priority = value.parse().map_err(|_| {
                    err(
                        LoadErrorKind::BadValue,
                        col,
                        format!("priority `{value}` is not an integer"),
                    )
                })?
            }
            Column::Wikidata => e.wikidata = opt(value),
            Column::Pcode => e.pcode = opt(value),
            Column::NameEn => e.name_en = opt(value),
            Column::Role => e.role = opt(value),
            Column::Active => e.active = opt(value),
            _ => {}
        }
    }
    // The column of a cell; for a cell the row does not reach, the column after its last text.
    let end = fields.last().map_or(1, |&(c, v)| c + v.chars().count());
    let col_of = |c: Column| {
        columns
            .iter()
            .position(|&x| x == c)
            .and_then(|i| fields.get(i))
            .map_or(end, |f| f.0)
    };
    if e.id.is_empty() {
        return Err(err(
            LoadErrorKind::EmptyField,
            col_of(Column::Id),
            "empty id".into(),
        ));
    }
    e.kind = kind.ok_or_else(|| {
        err(
            LoadErrorKind::EmptyField,
            col_of(Column::Kind),
            "empty kind".into(),
        )
    })?;
    if e.name.is_empty() {
        return Err(err(
            LoadErrorKind::EmptyField,
            col_of(Column::Name),
            "empty name".into(),
        ));
    }
    if folds_to_nothing(&e.name) {
        return Err(err(
            LoadErrorKind::AliasFoldsToNothing,
            col_of(Column::Name),
            format!("name `{}` has no letters or digits", e.name),
        ));
    }
    if let Some((col, v)) = category {
        e.category = Some(
            Category::parse(v)
                .filter(|c| c.applies_to(e.kind))
                .ok_or_else(|| {
                    err(
                        LoadErrorKind::UnknownCategory,
                        col,
                        format!("category `{v}` does not exist for kind {}", e.kind),
                    )
                })?,
        );
    }
    if let Some((col, v)) = feature {
        e.feature = Some(
            Feature::parse(v)
                .filter(|f| f.applies_to(e.kind))
                .ok_or_else(|| {
                    err(
                        LoadErrorKind::UnknownFeature,
                        col,
                        format!("feature `{v}` does not exist for kind {}", e.kind),
                    )
                })?,
        );
    }
    match (lat, lon) {
        (Some((_, la)), Some((_, lo)))
            if (-90.0..=90.0).contains(&la) && (-180.0..=180.0).contains(&lo) =>
        {
            e.coordinates = Some((la, lo))
        }
        (None, None) => {}
        (Some((col, _)), _) | (None, Some((col, _))) => {
            return Err(err(
                LoadErrorKind::BadValue,
                col,
                "lat and lon must both be given, within [-90, 90] and [-180, 180]".into(),
            ))
        }
    }
    Ok(e)
}

fn split_aliases(
    value: &str,
    col: usize,
    err: &impl Fn(LoadErrorKind, usize, String) -> LoadError,
) -> Result<Vec<Box<str>>, LoadError> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut c = col;
    for alias in value.split('|') {
        let a = alias.trim();
        if a.is_empty() {
            return Err(err(LoadErrorKind::EmptyAlias, c, "empty alias".into()));
        }
        if folds_to_nothing(a) {
            return Err(err(
                LoadErrorKind::AliasFoldsToNothing,
                c,
                format!("alias `{a}` has no letters or digits"),
            ));
        }
        out.push(a.into());
        c += alias.chars().count() + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_row_with_columns_in_any_order() {
        let f = "# comment\nname\tid\tkind\taliases\tcategory\n\
                 قوات سوريا الديمقراطية\tsdf\tarmed_group\tقسد|قوات قسد\trebel_group\n";
        let e = parse_entries("t.tsv", f).unwrap();
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].id(), "sdf");
        assert_eq!(e[0].aliases().collect::<Vec<_>>(), ["قسد", "قوات قسد"]);
        assert_eq!(e[0].category(), Some(Category::RebelGroup));
        assert_eq!(e[0].location().line, 3);
    }

    #[test]
    fn empty_and_missing_cells() {
        let e = parse_entries("t", "id\tkind\tname\nx\t\tس\n").unwrap_err();
        assert_eq!(e.kind(), LoadErrorKind::EmptyField);
        assert_eq!(e.location().to_string(), "t:2:3");
        let e = parse_entries("t", "id\tkind\tname\nx\tplace\n").unwrap_err();
        assert_eq!(e.kind(), LoadErrorKind::EmptyField);
        assert_eq!(e.location().to_string(), "t:2:8");
    }

    #[test]
    fn a_byte_order_mark_before_a_comment() {
        let f = "\u{feff}# comment\r\nid\tkind\tname\r\nx\tplace\tس\r\n";
        let e = parse_entries("t.tsv", f).unwrap();
        assert_eq!((e[0].id(), e[0].location().line), ("x", 3));
    }

    #[test]
    fn errors_name_line_and_column() {
        let f = "id\tkind\tname\taliases\nx\tplace\tس\tا||ب\n";
        let e = parse_entries("t.tsv", f).unwrap_err();
        assert_eq!(e.kind(), LoadErrorKind::EmptyAlias);
        assert_eq!(e.location().to_string(), "t.tsv:2:13");
        let f = "id\tkind\tname\taliases\nx\tplace\tس\t  ا| |ب\n";
        let e = parse_entries("t.tsv", f).unwrap_err();
        assert_eq!(e.location().to_string(), "t.tsv:2:15");
        let f = "id\tkind\tname\tcategory\nx\tplace\tس\tmedia\n";
        assert_eq!(
            parse_entries("t", f).unwrap_err().kind(),
            LoadErrorKind::UnknownCategory
        );
        // `religious` is documented for organizations and people (gazetteers/README.md).
        let f = "id\tkind\tname\tcategory\nx\tperson\tس\treligious\n";
        assert_eq!(
            parse_entries("t", f).unwrap()[0].category(),
            Some(Category::Religious)
        );
    }
}
