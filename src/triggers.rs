//! The rule layer's word lists: trigger words (`rules/triggers.tsv`), stop words
//! (`rules/stopwords.txt`) and given and family names (`names/*.txt`).

use crate::error::{LoadError, LoadErrorKind, Location};
use crate::gazetteer::{tsv_rows, Kind};
use crate::normalize::{fold_str, is_proclitic};
use crate::trie::{tail, word_hash, Bloom, FxHashMap as HashMap};

/// What a trigger word announces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Class {
    /// مدينة، قرية، حي ...: a place name follows.
    PlaceNoun,
    /// ريف، شمال ...: a region of the place that follows.
    RegionNoun,
    /// الشرقي، الغربي ...: the direction of a region phrase.
    Direction,
    /// تنظيم، حركة، ميليشيات ...: an armed group (or organization) name follows.
    GroupNoun,
    /// وزارة، شركة، وكالة ...: an organization name follows.
    OrgNoun,
    /// الناشط، الرئيس ...: a person's name follows.
    PersonTitle,
    /// الخارجية، الدفاع ...: words that complete a title (وزير الخارجية) before the name.
    TitleComplement,
    /// قال، أضاف ...: a speaker's name may follow.
    SpeechVerb,
    /// أبو، عبد، تل، دير ...: the first word of a compound name.
    NamePrefix,
    /// المكرمة، المنورة ...: an honorific after a place's name, outside its span.
    Epithet,
    /// مباراة، الدوري، مدرب ...: a word of sports reporting. Cues weighing two in a sentence
    /// make it a sports sentence, where clubs' context aliases fire; after a cue whose `names`
    /// is `any` (مضيفه، فريق), a city names a team.
    SportCue,
}

impl Class {
    fn parse(s: &str) -> Option<Class> {
        Some(match s {
            "place_noun" => Class::PlaceNoun,
            "region_noun" => Class::RegionNoun,
            "direction" => Class::Direction,
            "group_noun" => Class::GroupNoun,
            "org_noun" => Class::OrgNoun,
            "person_title" => Class::PersonTitle,
            "title_complement" => Class::TitleComplement,
            "speech_verb" => Class::SpeechVerb,
            "name_prefix" => Class::NamePrefix,
            "epithet" => Class::Epithet,
            "sport_cue" => Class::SportCue,
            _ => return None,
        })
    }

    /// The kind of entity an unknown name after this trigger becomes, by default.
    fn default_kind(self) -> Option<Kind> {
        match self {
            Class::PlaceNoun | Class::RegionNoun => Some(Kind::Place),
            Class::GroupNoun => Some(Kind::ArmedGroup),
            Class::OrgNoun => Some(Kind::Organization),
            Class::PersonTitle | Class::SpeechVerb => Some(Kind::Person),
            _ => None,
        }
    }
}

/// What a word does in names (`rules/name_words.txt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameRole {
    /// أبو، أبي: a word before a name that belongs to it.
    Kunya,
    /// بن، ابن: a link between a given name and the next name.
    Nasab,
    /// الثاني، عشر: an ordinal after a ruler's name.
    Regnal,
    /// شهر: no given-name pattern starts right after it.
    NoPersonAfter,
    /// المجموعة: a definite organization head that starts no name by itself.
    NoHead,
    /// الضيف، المنافس: a definite word after a team cue that describes the team, not names it.
    NotTeam,
    /// الفريق: a person's title (a rank) that names the team in a sports sentence.
    TeamTitle,
}

impl NameRole {
    fn parse(s: &str) -> Option<NameRole> {
        Some(match s {
            "kunya" => NameRole::Kunya,
            "nasab" => NameRole::Nasab,
            "regnal" => NameRole::Regnal,
            "no_person_after" => NameRole::NoPersonAfter,
            "no_head" => NameRole::NoHead,
            "not_team" => NameRole::NotTeam,
            "team_title" => NameRole::TeamTitle,
            _ => return None,
        })
    }
}

/// Which unknown names a trigger may introduce.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Names {
    /// Quoted names, and unquoted names that look like names.
    Any,
    /// Like `Any`, but an unquoted name starts with an indefinite word: the definite words
    /// right after the head say what the body does (شركة الغاز، شركة السيارات الصينية).
    Proper,
    /// Only names in quotes.
    Quoted,
    /// None: the trigger only licenses context aliases of known entries.
    None,
    /// Not even that: the word only stays outside a name's span (قطاع غزة → غزة).
    Trim,
}

/// One trigger word or phrase.
#[derive(Clone, Debug)]
pub(crate) struct Trigger {
    pub(crate) class: Class,
    /// Kind of the entity an unknown name after it becomes.
    pub(crate) creates: Option<Kind>,
    pub(crate) names: Names,
    /// Free value (the direction of a `direction` or directional `region_noun` trigger).
    pub(crate) value: Option<Box<str>>,
    /// The trigger word belongs to the name it introduces (مطار كويرس, وزارة الخارجية).
    pub(crate) whole: bool,
}

impl Trigger {
    /// The weight of a sport cue toward a sports sentence: its `value`, 1 by default.
    pub(crate) fn weight(&self) -> u32 {
        match self.class {
            Class::SportCue => self.value.as_deref().map_or(1, |v| v.parse().unwrap_or(1)),
            _ => 0,
        }
    }

    /// True when this trigger licenses the context aliases of an entry of `kind`.
    pub(crate) fn licenses(&self, kind: Kind) -> bool {
        if self.names == Names::Trim {
            return false;
        }
        match self.class {
            Class::GroupNoun => matches!(kind, Kind::ArmedGroup | Kind::Organization),
            Class::OrgNoun => kind == Kind::Organization,
            // Region words do not: شمال البلاد is "the country's north", not a village البلاد.
            Class::PlaceNoun => kind == Kind::Place,
            Class::PersonTitle | Class::SpeechVerb => kind == Kind::Person,
            _ => false,
        }
    }
}

/// All the word lists of the rule layer, folded for matching.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    pub(crate) triggers: Vec<(Vec<u8>, Trigger)>,
    pub(crate) stopwords: WordSet,
    pub(crate) given: WordSet,
    pub(crate) family: WordSet,
    /// Given names of other languages (ألكسندر، فرانشيسكا): such a name may take one unlisted
    /// word as its surname with no trigger (`names/foreign_given.txt`).
    pub(crate) foreign_given: WordSet,
    /// Words that open the reported clause after a speaker's name (أن، إن).
    pub(crate) clause_openers: WordSet,
    /// Words with a role in names (`rules/name_words.txt`: أبو، بن، الثاني، شهر).
    pub(crate) name_words: WordMap<NameRole>,
    /// Definite organization heads (الاتحاد، البنك) and the kind they name.
    pub(crate) definite_heads: WordMap<Kind>,
}

/// A set of folded words, asked about nearly every word of every text: a Bloom filter (64 bits a
/// word, tens of kilobytes for the longest list) answers "no" for most words with one read,
/// before the table is probed.
#[derive(Clone, Debug, Default)]
pub(crate) struct WordSet(WordMap<()>);

impl WordSet {
    /// True when `w` is in the set.
    #[inline]
    pub(crate) fn contains(&self, w: &[u8]) -> bool {
        self.contains_hashed(w, word_hash(w, 0, w.len()))
    }

    /// [`WordSet::contains`] for a word whose [`word_hash`] is known.
    #[inline]
    pub(crate) fn contains_hashed(&self, w: &[u8], hash: u64) -> bool {
        self.0.get_hashed(w, hash).is_some()
    }

    /// False when no word with this [`word_hash`] is in the set; true for every word that is
    /// (and for a few that are not).
    #[inline]
    pub(crate) fn may_contain_hash(&self, hash: u64) -> bool {
        self.0.may_contain_hash(hash)
    }

    /// Adds words.
    fn extend(&mut self, words: impl Iterator<Item = Vec<u8>>) {
        for w in words {
            self.0.insert(w, ());
        }
    }
}

/// A map from folded words, behind a Bloom filter: asked about every word of every text, it
/// answers most with one read of the filter, by the word's hash from the scan, and the rest
/// with one probe of a table that holds the words of up to sixteen bytes in place (a hash set
/// of vectors would hash the word again and follow a pointer to compare it).
#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    /// Open addressing, linear probing from the word's [`word_hash`]: the word's bytes,
    /// zero-padded (folded words have no zero byte, so an empty slot is all zeros), and its
    /// value.
    slots: Vec<([u64; 2], Option<V>)>,
    /// Number of words in `slots`.
    len: usize,
    /// Words over sixteen bytes.
    long: HashMap<Vec<u8>, V>,
    bloom: Bloom,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            slots: Vec::new(),
            len: 0,
            long: HashMap::default(),
            bloom: Bloom::new(std::iter::empty()),
        }
    }
}

/// A word of one to sixteen bytes as a [`WordMap`] key.
#[inline]
fn word_key(w: &[u8]) -> Option<[u64; 2]> {
    match w.len() {
        0 => None,
        1..=8 => Some([tail(w), 0]),
        9..=16 => Some([
            u64::from_le_bytes(w[..8].try_into().expect("eight bytes")),
            tail(&w[8..]),
        ]),
        _ => None,
    }
}

/// The word of a [`WordMap`] key: its bytes up to the zero padding.
fn key_word(key: [u64; 2]) -> Vec<u8> {
    (key.iter().flat_map(|x| x.to_le_bytes()))
        .take_while(|&b| b != 0)
        .collect()
}

impl<V: Copy> WordMap<V> {
    /// The value of `w`, whose [`word_hash`] is `hash`. Words are folded, and folded text has
    /// no zero byte (the table pads keys with zeros).
    #[inline]
    pub(crate) fn get_hashed(&self, w: &[u8], hash: u64) -> Option<V> {
        if !self.bloom.may_contain_hash(hash) {
            return None;
        }
        let Some(key) = word_key(w) else {
            return self.long.get(w).copied();
        };
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 24) as usize & mask;
        loop {
            let (k, v) = self.slots[i];
            if k == key {
                return v;
            }
            if k == [0, 0] {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The value of `w`.
    #[inline]
    pub(crate) fn get(&self, w: &[u8]) -> Option<V> {
        self.get_hashed(w, word_hash(w, 0, w.len()))
    }

    /// [`WordSet::may_contain_hash`] for the words of the map.
    #[inline]
    pub(crate) fn may_contain_hash(&self, hash: u64) -> bool {
        self.bloom.may_contain_hash(hash)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0 && self.long.is_empty()
    }

    /// Maps `w` to `v` unless it has a value already.
    fn insert_new(&mut self, w: Vec<u8>, v: V) {
        if self.get(&w).is_none() {
            self.insert(w, v);
        }
    }

    /// Maps `w` to `v`; returns the value it had. The table and the filter are sized again
    /// whenever the map doubles, so inserting stays linear however many words come.
    fn insert(&mut self, w: Vec<u8>, v: V) -> Option<V> {
        debug_assert!(!w.contains(&0), "folded words have no zero byte");
        let hash = word_hash(&w, 0, w.len());
        let Some(key) = word_key(&w) else {
            let old = self.long.insert(w.clone(), v);
            if old.is_none() {
                self.grown(&w);
            }
            return old;
        };
        if self.slots.len() < 2 * (self.len + 1) {
            let old = std::mem::take(&mut self.slots);
            self.slots = vec![([0, 0], None); (4 * (self.len + 1)).next_power_of_two()];
            for (k, v) in old.into_iter().filter(|s| s.0 != [0, 0]) {
                let word = key_word(k);
                self.put(word_hash(&word, 0, word.len()), k, v);
            }
        }
        let old = self.put(hash, key, Some(v));
        if old.is_none() {
            self.len += 1;
            self.grown(&w);
        }
        old
    }

    /// Writes `v` at `key`'s slot; returns what was there.
    fn put(&mut self, hash: u64, key: [u64; 2], v: Option<V>) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut i = (hash >> 24) as usize & mask;
        while self.slots[i].0 != [0, 0] && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        let old = self.slots[i].1;
        self.slots[i] = (key, v);
        old
    }

    /// Adds a new word `w` to the filter, and rebuilds the filter when the map has doubled.
    fn grown(&mut self, w: &[u8]) {
        self.bloom.insert(w);
        let n = self.len + self.long.len();
        if n.is_power_of_two() {
            let short = (self.slots.iter().filter(|s| s.0 != [0, 0])).map(|s| key_word(s.0));
            let words: Vec<Vec<u8>> = short.chain(self.long.keys().cloned()).collect();
            // The lists hold up to a few thousand words, and the filter is asked about every word
            // of every text, where common words weigh most: at 64 bits a word (32 to 64 until
            // the next rebuild) the filter stays small, and far fewer text words get past it
            // to a table probe than at 16 (tokens past the given-name filter on the news
            // corpus: 140,000 at 16 bits, 55,000 at 64, of which 50,000 are given names).
            self.bloom = Bloom::with_bits(words.iter().map(|w| &w[..]), 64);
        }
    }
}

impl Lexicon {
    /// Adds the rows of a trigger file.
    pub(crate) fn add_triggers(&mut self, file: &str, contents: &str) -> Result<(), LoadError> {
        let at = |line, column| Location::at(file, line, column);
        let mut rows = tsv_rows(contents);
        let Some((hline, header)) = rows.next() else {
            return Ok(());
        };
        let names: Vec<&str> = header.iter().map(|f| f.1).collect();
        for (i, n) in names.iter().enumerate() {
            if ![
                "trigger", "class", "creates", "names", "value", "span", "note",
            ]
            .contains(n)
            {
                return Err(LoadError::new(
                    LoadErrorKind::UnknownColumn,
                    at(hline, header[i].0),
                    format!("unknown column `{n}`"),
                ));
            }
        }
        let col = |n: &str| names.iter().position(|x| *x == n);
        let (Some(tc), Some(cc)) = (col("trigger"), col("class")) else {
            return Err(LoadError::new(
                LoadErrorKind::MissingColumn,
                at(hline, 0),
                "a trigger file needs `trigger` and `class` columns",
            ));
        };
        for (line, fields) in rows {
            if fields.len() > names.len() {
                return Err(LoadError::new(
                    LoadErrorKind::ExtraField,
                    at(line, fields[names.len()].0),
                    "more fields than the header",
                ));
            }
            // A cell the row does not reach is empty, at the column after the row's last text.
            let end = fields.last().map_or(1, |&(c, v)| c + v.chars().count());
            let get = |c: Option<usize>| c.and_then(|c| fields.get(c)).map_or((end, ""), |f| *f);
            let (tcol, text) = get(Some(tc));
            let folded = fold_str(text);
            if folded.is_empty() {
                return Err(LoadError::new(
                    LoadErrorKind::AliasFoldsToNothing,
                    at(line, tcol.max(1)),
                    format!("trigger `{text}` has no letters"),
                ));
            }
            let (ccol, class) = get(Some(cc));
            if class.is_empty() {
                return Err(LoadError::new(
                    LoadErrorKind::EmptyField,
                    at(line, ccol),
                    "empty trigger class",
                ));
            }
            let class = Class::parse(class).ok_or_else(|| {
                LoadError::new(
                    LoadErrorKind::UnknownTriggerClass,
                    at(line, ccol),
                    format!("unknown trigger class `{class}`"),
                )
            })?;
            let (kcol, creates) = get(col("creates"));
            let creates = match creates {
                "" => class.default_kind(),
                k => Some(Kind::parse(k).ok_or_else(|| {
                    LoadError::new(
                        LoadErrorKind::UnknownKind,
                        at(line, kcol),
                        format!("unknown kind `{k}`"),
                    )
                })?),
            };
            let (ncol, n) = get(col("names"));
            let names = match n {
                "" | "any" => Names::Any,
                "proper" => Names::Proper,
                "quoted" => Names::Quoted,
                "none" => Names::None,
                "trim" => Names::Trim,
                _ => {
                    return Err(LoadError::new(
                        LoadErrorKind::BadValue,
                        at(line, ncol),
                        format!(
                            "`names` is `any`, `proper`, `quoted`, `none` or `trim`, not `{n}`"
                        ),
                    ))
                }
            };
            let value = get(col("value")).1;
            let (scol, span) = get(col("span"));
            let whole = match span {
                "" | "name" => false,
                "whole" => true,
                _ => {
                    return Err(LoadError::new(
                        LoadErrorKind::BadValue,
                        at(line, scol),
                        format!("`span` is `name` or `whole`, not `{span}`"),
                    ))
                }
            };
            let trigger = Trigger {
                class,
                creates,
                names,
                value: (!value.is_empty()).then(|| value.into()),
                whole,
            };
            // The definite form of a one-word organization head that reads unquoted names
            // (الاتحاد، البنك) starts names of its own (البنك الآسيوي للتنمية). Not group nouns:
            // الجيش العراقي للرمادي is the army and a place.
            if trigger.class == Class::OrgNoun
                && matches!(trigger.names, Names::Any | Names::Proper)
                && !folded.contains(&b' ')
            {
                if let Some(kind) = trigger.creates {
                    let mut definite = fold_str("ال");
                    definite.extend_from_slice(&folded);
                    self.definite_heads.insert_new(definite, kind);
                }
            }
            self.triggers.push((folded, trigger));
        }
        Ok(())
    }

    /// Reads a name-word file (`word<TAB>role` lines); an unknown role, or a word given a second
    /// role (one would silently replace the other), is an error at its line and column.
    pub(crate) fn add_name_words(&mut self, file: &str, contents: &str) -> Result<(), LoadError> {
        for (line, fields) in tsv_rows(contents) {
            let (_, word) = fields[0];
            let (col, role) = fields
                .get(1)
                .copied()
                .unwrap_or((word.chars().count() + 2, ""));
            let role = NameRole::parse(role).ok_or_else(|| {
                LoadError::new(
                    LoadErrorKind::BadValue,
                    Location::at(file, line, col),
                    format!("unknown name-word role `{role}`"),
                )
            })?;
            let folded = fold_str(word);
            if folded.is_empty() {
                continue;
            }
            if let Some(old) = self.name_words.insert(folded, role) {
                if old != role {
                    return Err(LoadError::new(
                        LoadErrorKind::BadValue,
                        Location::at(file, line, 1),
                        format!("`{word}` already has the role {old:?}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The role of a folded word in names, if it has one.
    pub(crate) fn name_role(&self, w: &[u8]) -> Option<NameRole> {
        self.name_words.get(w)
    }

    /// Adds a word list (one word per line, `#` comments) to `set`.
    pub(crate) fn add_words(set: &mut WordSet, contents: &str) {
        let words = (contents.lines())
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .map(fold_str)
            .filter(|f| !f.is_empty());
        set.extend(words);
    }

    /// True when the folded word is a stop word.
    pub(crate) fn is_stopword(&self, w: &[u8]) -> bool {
        self.stopwords.contains(w)
    }

    /// True when the folded word is a stop word, alone or after a proclitic (وهو, بين).
    pub(crate) fn is_stopword_with_clitic(&self, w: &[u8]) -> bool {
        self.is_stopword(w)
            || (1..=2)
                .any(|k| w.len() > k + 1 && is_proclitic(&w[..k]) && self.is_stopword(&w[k..]))
    }

    /// True when the folded word is a known given or family name.
    pub(crate) fn is_name(&self, w: &[u8]) -> bool {
        self.given.contains(w) || self.family.contains(w)
    }
}

#[cfg(test)]
mod name_word_tests {
    use super::*;

    #[test]
    fn a_word_map_finds_every_word_inserted_and_keeps_the_first_value() {
        let mut m = WordMap::default();
        let words: Vec<Vec<u8>> = (0..300u32).map(|i| format!("w{i}").into_bytes()).collect();
        for (i, w) in words.iter().enumerate() {
            m.insert_new(w.clone(), i);
            m.insert_new(w.clone(), usize::MAX);
            for (j, v) in words[..=i].iter().enumerate() {
                assert_eq!(m.get_hashed(v, word_hash(v, 0, v.len())), Some(j));
            }
        }
        let other = b"x1".to_vec();
        assert_eq!(m.get_hashed(&other, word_hash(&other, 0, 2)), None);
    }

    /// Words of every length from one byte to past the sixteen held in place, in a map and a
    /// set: each is found with its value, and words that differ only by length or by their
    /// last byte are not confused.
    #[test]
    fn words_of_every_length_are_found_in_place_and_past_it() {
        let mut m = WordMap::default();
        let mut set = WordSet::default();
        let words: Vec<Vec<u8>> = (1..=24).map(|n| vec![0x90u8; n]).collect();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.insert(w.clone(), i), None);
            set.extend(std::iter::once(w.clone()));
        }
        assert_eq!(m.insert(words[3].clone(), 99), Some(3));
        for (i, w) in words.iter().enumerate() {
            let want = if i == 3 { 99 } else { i };
            assert_eq!(m.get(w), Some(want), "{} bytes", w.len());
            assert!(set.contains(w), "{} bytes", w.len());
            let mut other = w.clone();
            *other.last_mut().unwrap() = 0x91;
            assert_eq!(m.get(&other), None);
            assert!(!set.contains(&other));
        }
        assert_eq!(m.get(&[0x90; 25]), None);
        assert_eq!(m.get(b""), None);
        // Only long words: no table, and a short word is not found.
        let mut long = WordMap::default();
        long.insert(vec![0x90; 20], 1);
        assert_eq!(long.get(&[0x90]), None);
        assert_eq!(long.get(&[0x90; 20]), Some(1));
    }

    #[test]
    fn name_words_are_read_and_an_unknown_role_is_located() {
        let mut lex = Lexicon::default();
        lex.add_name_words("w.txt", "# roles\nأبو\tkunya\nشهر\tno_person_after\n")
            .unwrap();
        assert_eq!(lex.name_role(&fold_str("ابو")), Some(NameRole::Kunya));
        assert_eq!(
            lex.name_role(&fold_str("شهر")),
            Some(NameRole::NoPersonAfter)
        );
        let e = lex.add_name_words("w.txt", "بن\tlink\n").unwrap_err();
        assert!(e.to_string().contains("w.txt:1:"), "{e}");
        // الأول is an ordinal; listing it again as a team word would drop that role.
        let e = (lex.add_name_words("w.txt", "الأول\tregnal\n# x\nالأول\tnot_team\n")).unwrap_err();
        assert!(e.to_string().contains("w.txt:3:1"), "{e}");
    }
}
