//! Stage 1: fold Arabic text into a compact one-byte-per-letter form, keeping a map back to the
//! original byte offsets.
//!
//! Matching happens on the folded bytes; every span is reported in offsets of the text the user
//! gave. The folded alphabet is small, so each letter becomes a single byte: Arabic letters (after
//! folding alef forms, ة→ه, ى→ي, ؤ→و, ئ→ي and Persian/Urdu letters) take codes from
//! [`ARABIC_BASE`] up, ASCII letters are lower-cased, digits of every script become ASCII digits.
//! Diacritics, tatweel and zero-width/bidi marks vanish; runs of white space and quotes collapse
//! into one separator byte ([`SPACE`] or, when the run held a quote, [`QUOTE`]). Arabic text is two
//! bytes a letter in UTF-8, so the automata scan half the bytes.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

#[path = "fold_simd.rs"]
mod simd;
use simd::{Avx512, BLOCK};

/// Separator byte for a run of white space (and removed marks between words).
pub(crate) const SPACE: u8 = b' ';
/// Separator byte for a run of white space that held at least one quote mark.
pub(crate) const QUOTE: u8 = b'"';
/// Any letter of another script.
pub(crate) const OTHER_LETTER: u8 = 0xFE;
/// Any symbol that is neither a letter, a digit, white space nor known punctuation.
pub(crate) const SYMBOL: u8 = 0x7F;
/// First code of the folded Arabic letters.
pub(crate) const ARABIC_BASE: u8 = 0x80;

/// The folded Arabic alphabet, in code order: `ARABIC_BASE + i` is `ALPHABET[i]`.
const ALPHABET: [char; 29] = [
    'ء', 'ا', 'ب', 'ت', 'ث', 'ج', 'ح', 'خ', 'د', 'ذ', 'ر', 'ز', 'س', 'ش', 'ص', 'ض', 'ط', 'ظ', 'ع',
    'غ', 'ف', 'ق', 'ك', 'ل', 'م', 'ن', 'ه', 'و', 'ي',
];

/// The folded code of an Arabic letter of [`ALPHABET`].
pub(crate) const fn code(c: char) -> u8 {
    let mut i = 0;
    while i < ALPHABET.len() {
        if ALPHABET[i] == c {
            return ARABIC_BASE + i as u8;
        }
        i += 1;
    }
    SYMBOL
}

/// Folded code of `و`.
pub(crate) const WAW: u8 = code('و');
/// Folded code of `ف`.
pub(crate) const FA: u8 = code('ف');
/// Folded code of `ب`.
pub(crate) const BA: u8 = code('ب');
/// Folded code of `ل`.
pub(crate) const LAM: u8 = code('ل');
/// Folded code of `ك`.
pub(crate) const KAF: u8 = code('ك');
/// Folded code of `ا`.
pub(crate) const ALEF: u8 = code('ا');

/// What one input character becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fold {
    /// One folded byte.
    Byte(u8),
    /// White space: part of a separator run.
    Space,
    /// A quote mark: part of a separator run, which then becomes [`QUOTE`].
    Quote,
    /// A combining mark: removed, and it belongs to the letter before it.
    Mark,
    /// Tatweel and invisible format characters: removed.
    Remove,
    /// A compatibility form (Arabic presentation forms, full-width forms): decompose first.
    Decompose,
}

/// Classifies one character.
fn fold_char(c: char) -> Fold {
    let u = c as u32;
    match u {
        0x00..=0x7F => ASCII_FOLD[u as usize],
        0x0600..=0x06FF => ARABIC_FOLD[(u - 0x0600) as usize],
        0x00AB
        | 0x00BB
        | 0x2018..=0x201F
        | 0x2039
        | 0x203A
        | 0x2032
        | 0x2033
        | 0x300C..=0x300F
        | 0xFF02
        | 0xFF07 => Fold::Quote,
        0x00AD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF => {
            Fold::Remove
        }
        0xFE70..=0xFE7F => Fold::Mark,
        0xFB50..=0xFDFF | 0xFE80..=0xFEFC | 0xFF01..=0xFF5E => Fold::Decompose,
        0x2010..=0x2015 | 0x2212 => Fold::Byte(b'-'),
        0x2026 => Fold::Byte(b'.'),
        // Combining marks of every script (U+0301, U+20D7, variation selectors ...) stay with the
        // letter before them, like Arabic diacritics.
        _ if is_combining_mark(c) => Fold::Mark,
        _ if c.is_whitespace() => Fold::Space,
        _ if c.is_alphanumeric() => Fold::Byte(OTHER_LETTER),
        _ => Fold::Byte(SYMBOL),
    }
}

/// Classifies an ASCII character.
const fn fold_ascii(u: u32) -> Fold {
    match u {
        0x30..=0x39 | 0x61..=0x7A => Fold::Byte(u as u8),
        0x41..=0x5A => Fold::Byte(u as u8 + 32),
        0x22 | 0x27 | 0x60 | 0x7B | 0x7D => Fold::Quote,
        0x00..=0x20 | 0x7F => Fold::Space,
        _ => Fold::Byte(u as u8),
    }
}

/// [`fold_ascii`] of every ASCII character: the text is folded by table lookups, and the tables
/// are built at compile time from the same functions [`fold_char`] uses.
const ASCII_FOLD: [Fold; 0x80] = {
    let mut t = [Fold::Remove; 0x80];
    let mut i = 0;
    while i < t.len() {
        t[i] = fold_ascii(i as u32);
        i += 1;
    }
    t
};

/// [`fold_arabic`] of every character of the Arabic block U+0600–U+06FF.
const ARABIC_FOLD: [Fold; 0x100] = {
    let mut t = [Fold::Remove; 0x100];
    let mut i = 0;
    while i < t.len() {
        t[i] = fold_arabic(0x0600 + i as u32);
        i += 1;
    }
    t
};

/// Classifies a character of the Arabic block U+0600–U+06FF.
const fn fold_arabic(u: u32) -> Fold {
    const fn letter(c: char) -> Fold {
        Fold::Byte(code(c))
    }
    match u {
        0x060C | 0x060D | 0x066C => Fold::Byte(b','),
        0x061B => Fold::Byte(b';'),
        0x061F => Fold::Byte(b'?'),
        0x066A => Fold::Byte(b'%'),
        0x066B | 0x06D4 => Fold::Byte(b'.'),
        0x061C => Fold::Remove,
        0x0640 => Fold::Remove,
        0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED => Fold::Mark,
        0x0660..=0x0669 => Fold::Byte(b'0' + (u - 0x0660) as u8),
        0x06F0..=0x06F9 => Fold::Byte(b'0' + (u - 0x06F0) as u8),
        0x0621 => letter('ء'),
        0x0622 | 0x0623 | 0x0625 | 0x0627 | 0x0671..=0x0673 | 0x0675 => letter('ا'),
        0x0624 | 0x0676 | 0x06C4..=0x06CB | 0x06CF => letter('و'),
        0x0626 | 0x0649 | 0x064A | 0x0678 | 0x06CC..=0x06CE | 0x06D0..=0x06D3 => letter('ي'),
        0x0628 | 0x066E | 0x067B | 0x067E | 0x0680 => letter('ب'),
        0x0629 | 0x0647 | 0x06BE | 0x06C0..=0x06C3 | 0x06D5 | 0x06FF => letter('ه'),
        0x062A | 0x0679 | 0x067A | 0x067C | 0x067D | 0x067F => letter('ت'),
        0x062B => letter('ث'),
        0x062C | 0x0683..=0x0687 => letter('ج'),
        0x062D | 0x0681 | 0x0682 => letter('ح'),
        0x062E => letter('خ'),
        0x062F | 0x0688..=0x0690 => letter('د'),
        0x0630 => letter('ذ'),
        0x0631 | 0x0691..=0x0697 | 0x0699 => letter('ر'),
        0x0632 | 0x0698 => letter('ز'),
        0x0633 | 0x069A..=0x069C => letter('س'),
        0x0634 | 0x06FA => letter('ش'),
        0x0635 | 0x069D | 0x069E => letter('ص'),
        0x0636 | 0x06FB => letter('ض'),
        0x0637 | 0x069F => letter('ط'),
        0x0638 => letter('ظ'),
        0x0639 | 0x06A0 => letter('ع'),
        0x063A | 0x06FC => letter('غ'),
        0x0641 | 0x06A1..=0x06A6 => letter('ف'),
        0x0642 | 0x066F | 0x06A7 | 0x06A8 => letter('ق'),
        0x0643 | 0x06A9..=0x06B4 | 0x063B | 0x063C => letter('ك'),
        0x0644 | 0x06B5..=0x06B8 => letter('ل'),
        0x0645 | 0x06FE => letter('م'),
        0x0646 | 0x06B9..=0x06BD => letter('ن'),
        0x0648 | 0x0677 => letter('و'),
        0x063D..=0x063F => letter('ي'),
        _ => Fold::Byte(OTHER_LETTER),
    }
}

/// True for bytes that are part of a word: letters and digits of any script.
#[inline]
pub(crate) fn is_word(b: u8) -> bool {
    b >= ARABIC_BASE || b.is_ascii_alphanumeric()
}

/// True for the separator bytes that stand for white space and quotes.
#[inline]
pub(crate) fn is_separator(b: u8) -> bool {
    b == SPACE || b == QUOTE
}

/// True for the proclitic letters و ف ب ل ك.
#[inline]
pub(crate) fn is_clitic_letter(b: u8) -> bool {
    matches!(b, WAW | FA | BA | LAM | KAF)
}

/// True for one- and two-letter proclitic sequences: و ف ب ل ك, and و/ف followed by ب ل ك.
pub(crate) fn is_proclitic(p: &[u8]) -> bool {
    match p {
        [a] => is_clitic_letter(*a),
        [a, b] => matches!(a, &WAW | &FA) && matches!(b, &BA | &LAM | &KAF),
        _ => false,
    }
}

/// Text folded for matching, with the original byte offset of every folded byte.
#[derive(Debug, Default, Clone)]
pub(crate) struct Folded {
    /// The folded bytes (not UTF-8).
    pub(crate) bytes: Vec<u8>,
    /// `src[i]` is the byte offset in the original text of the character that produced
    /// `bytes[i]`; `src[bytes.len()]` is the original length.
    pub(crate) src: Vec<u32>,
}

impl Folded {
    /// Folds `text`, reusing this value's buffers. `text.len()` must fit in a `u32`; the folded
    /// bytes are at most twice as many as the bytes of `text`.
    ///
    /// ASCII and the Arabic block, nearly all of a news text, fold by one table lookup a
    /// character, straight from the UTF-8 bytes, into a [`WINDOW`] of the output buffers; the
    /// other characters go through [`fold_char`] and [`put`] on the whole buffers. A window is
    /// a fixed-size array indexed modulo its size, so its writes need no bounds check: the
    /// fast path writes at most one byte an input byte, and a window is left after
    /// [`WINDOW`] input bytes, so the index never wraps. The buffers are made at least a
    /// window longer than the output before a window or a run of blocks, and eight bytes longer
    /// before a character of the general path ([`make_room`]; each byte is zero-filled once,
    /// just before it may be written), and are cut to the folded length at the end.
    ///
    /// When the processor has AVX-512 with its byte instructions (`VBMI`, `VBMI2`), the fast
    /// path folds sixty-four input bytes at a time instead (`fold_simd.rs`), with the same
    /// tables, and the windows fold only the last bytes of the text.
    pub(crate) fn fold_into(&mut self, text: &str) {
        self.fold_with(text, Avx512::detect());
    }

    /// [`Folded::fold_into`], with blocks of AVX-512 when `simd` is given (the tests fold
    /// both ways).
    fn fold_with(&mut self, text: &str, simd: Option<Avx512>) {
        let b = text.as_bytes();
        let mut out = std::mem::take(&mut self.bytes);
        let mut src = std::mem::take(&mut self.src);
        out.clear();
        src.clear();
        let mut n = 0;
        let mut i = 0;
        while i < b.len() {
            make_room(&mut out, &mut src, n, WINDOW);
            if let Some(simd) = simd.filter(|_| b.len() - i > BLOCK) {
                let run = simd.fold_blocks(b, i, &mut out, &mut src, n);
                (i, n) = (run.i, run.n);
                if !run.general {
                    // Out of room, or too near the end for a block.
                    continue;
                }
            } else {
                // The window stops a byte short of the end, so the second byte of a character
                // of the Arabic block is there to read.
                let stop = (i + WINDOW).min(b.len() - 1);
                let inp = &b[..stop + 1];
                // Whether the output ends with a separator: white space after one adds nothing.
                let sep = n > 0 && is_separator(out[n - 1]);
                let o: &mut [u8; WINDOW] = (&mut out[n..n + WINDOW]).try_into().expect("a window");
                let s: &mut [u32; WINDOW] = (&mut src[n..n + WINDOW]).try_into().expect("a window");
                let mut k = 0;
                let mut slow = false;
                while i < stop {
                    let x = inp[i];
                    let off = i as u32;
                    if x & 0xFC == 0xD8 {
                        // U+0600–U+06FF: two bytes, 110110xx 10yyyyyy (the text is valid UTF-8).
                        // Letters and digits fold to a byte, marks and tatweel to nothing (0): the
                        // byte is written either way and counted only if it is one.
                        let y = inp[i + 1];
                        let c = ARABIC_BYTE[((x as usize & 3) << 6) | (y as usize & 0x3F)];
                        o[k % WINDOW] = c;
                        s[k % WINDOW] = off;
                        k += (c != 0) as usize;
                        i += 2;
                        continue;
                    }
                    if x >= 0x80 {
                        slow = true;
                        break;
                    }
                    match ASCII_FOLD[x as usize] {
                        Fold::Byte(c) => {
                            o[k % WINDOW] = c;
                            s[k % WINDOW] = off;
                            k += 1;
                            i += 1;
                        }
                        Fold::Space => {
                            let after_sep = match k {
                                0 => sep,
                                _ => is_separator(o[(k - 1) % WINDOW]),
                            };
                            o[k % WINDOW] = SPACE;
                            s[k % WINDOW] = off;
                            k += !after_sep as usize;
                            i += 1;
                        }
                        _ => {
                            slow = true;
                            break;
                        }
                    }
                }
                n += k;
                // The last byte of the text is left to the slow path when no window took it.
                if !slow && i != b.len() - 1 {
                    continue;
                }
            }
            // The other characters, on the whole buffers (a quote looks at the word before
            // it); the next window starts after them. They write at most two bytes an input
            // byte, eight a character: a window or block may have left less room than that.
            make_room(&mut out, &mut src, n, 8);
            let off = i as u32;
            if b[i] < 0x80 {
                n = put(&mut out, &mut src, n, off, ASCII_FOLD[b[i] as usize]);
                i += 1;
            } else {
                let Some(c) = text[i..].chars().next() else {
                    break;
                };
                i += c.len_utf8();
                n = match fold_char(c) {
                    Fold::Decompose => put_decomposed(&mut out, &mut src, n, off, c),
                    f => put(&mut out, &mut src, n, off, f),
                };
            }
        }
        out.truncate(n);
        src.truncate(n);
        src.push(text.len() as u32);
        self.bytes = out;
        self.src = src;
    }

    /// Maps a folded span to a byte span of `text` (the text this was folded from). The end is
    /// extended over combining marks that follow the last letter, so no letter is cut from its
    /// diacritics.
    pub(crate) fn original_span(&self, text: &str, start: usize, end: usize) -> (usize, usize) {
        let s = self.src[start] as usize;
        let last = self.src[end.saturating_sub(1).max(start)] as usize;
        let mut e = last + text[last..].chars().next().map_or(0, char::len_utf8);
        for c in text[e..].chars() {
            if fold_char(c) != Fold::Mark {
                break;
            }
            e += c.len_utf8();
        }
        (s, e.max(s))
    }
}

/// Makes the output buffers of [`Folded::fold_into`] at least `room` bytes longer than the
/// output so far, `n` bytes: when they are not, they grow to two windows past it.
#[inline]
fn make_room(out: &mut Vec<u8>, src: &mut Vec<u32>, n: usize, room: usize) {
    if out.len() < n + room {
        out.resize(n + 2 * WINDOW, 0);
        src.resize(n + 2 * WINDOW, 0);
    }
}

/// The input bytes [`Folded::fold_into`] folds into one window of the output, and the size
/// of the window (a power of two, so an index modulo it is a mask).
const WINDOW: usize = 256;

/// What a character of the Arabic block U+0600–U+06FF folds to, by the low bits of its two
/// UTF-8 bytes: the folded byte, or 0 for a mark or a removed character (the block has no
/// white space, quotes or compatibility forms, and no character of it folds to byte 0).
const ARABIC_BYTE: [u8; 0x100] = {
    let mut t = [0; 0x100];
    let mut i = 0;
    while i < t.len() {
        t[i] = match ARABIC_FOLD[i] {
            Fold::Byte(c) => c,
            Fold::Mark | Fold::Remove => 0,
            _ => panic!("the Arabic block has only letters, marks and removed characters"),
        };
        i += 1;
    }
    t
};

/// Writes what one character folds to at `out[n]` (and its offset at `src[n]`), collapsing
/// separator runs and gluing a quote to a proclitic before it (لـ«الشرق الأوسط» folds to
/// لالشرق الاوسط so the clitic rule still sees it). Returns the new length. The buffers have
/// room (see [`Folded::fold_into`]).
#[inline]
fn put(out: &mut [u8], src: &mut [u32], n: usize, off: u32, f: Fold) -> usize {
    match f {
        Fold::Byte(b) => {
            out[n] = b;
            src[n] = off;
            n + 1
        }
        Fold::Space | Fold::Quote => {
            if f == Fold::Quote && ends_with_proclitic_word(&out[..n]) {
                return n;
            }
            match n.checked_sub(1).map(|l| &mut out[l]) {
                Some(last) if is_separator(*last) => {
                    if f == Fold::Quote {
                        *last = QUOTE;
                    }
                    n
                }
                _ => {
                    out[n] = if f == Fold::Quote { QUOTE } else { SPACE };
                    src[n] = off;
                    n + 1
                }
            }
        }
        Fold::Mark | Fold::Remove | Fold::Decompose => n,
    }
}

/// [`put`] for the parts of a compatibility character (presentation forms, ligatures).
#[cold]
fn put_decomposed(out: &mut [u8], src: &mut [u32], n: usize, off: u32, c: char) -> usize {
    // A ligature of several words (ﷺ, ﷻ) is one character: its words would all map to the
    // same original span, so it folds to one symbol instead. This also keeps the folded text
    // at most two bytes per original byte. (Decomposed twice rather than collected: no
    // allocation for a presentation form.)
    let mut words = false;
    decompose_compatible(c, |d| {
        words |= matches!(fold_char(d), Fold::Space | Fold::Quote);
    });
    if words {
        return put(out, src, n, off, Fold::Byte(SYMBOL));
    }
    let mut n = n;
    decompose_compatible(c, |d| n = put(out, src, n, off, fold_char(d)));
    n
}

/// True when the word the folded bytes end with is only proclitics.
fn ends_with_proclitic_word(bytes: &[u8]) -> bool {
    let n = bytes
        .iter()
        .rev()
        .take(4)
        .take_while(|&&b| is_word(b))
        .count();
    n <= 3 && is_proclitic_word(&bytes[bytes.len() - n..])
}

/// True when a whole word so far is only proclitics (ل, و, ول, لل ...), so a quote after it is
/// glued rather than turned into a separator.
fn is_proclitic_word(w: &[u8]) -> bool {
    !w.is_empty() && (is_proclitic(w) || w == [LAM, LAM] || w == [WAW, LAM, LAM])
}

/// Folds a gazetteer alias or trigger word the same way as text, without the offset map, and trims
/// separators at both ends. Returns an empty vector when nothing is left.
pub(crate) fn fold_str(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    fold_str_into(s, &mut out);
    out
}

/// True when `s` folds to nothing ([`fold_str`] is empty), without allocating.
pub(crate) fn folds_to_nothing(s: &str) -> bool {
    // Cheap for the usual alias: a letter of ASCII or the Arabic block folds to a word byte.
    let letter = s.chars().any(|c| match c as u32 {
        0..=0x7F => matches!(ASCII_FOLD[c as usize], Fold::Byte(_)),
        0x0600..=0x06FF => matches!(ARABIC_FOLD[c as usize - 0x0600], Fold::Byte(_)),
        _ => false,
    });
    !letter && fold_str(s).is_empty()
}

/// [`fold_str`], appending to `out`.
pub(crate) fn fold_str_into(s: &str, out: &mut Vec<u8>) {
    thread_local! {
        static FOLDED: std::cell::RefCell<Folded> = std::cell::RefCell::new(Folded::default());
    }
    let mut fold = |f: &mut Folded| {
        f.fold_into(s);
        let b = &f.bytes;
        let end = b.len() - b.iter().rev().take_while(|&&x| is_separator(x)).count();
        let start = b[..end].iter().take_while(|&&x| is_separator(x)).count();
        out.extend(
            b[start..end]
                .iter()
                .map(|&x| if x == QUOTE { SPACE } else { x }),
        );
        if f.bytes.capacity() > 1 << 20 {
            // Do not keep the buffers of a huge string for the life of the thread.
            *f = Folded::default();
        }
    };
    FOLDED.with(|f| match f.try_borrow_mut() {
        Ok(mut f) => fold(&mut f),
        Err(_) => fold(&mut Folded::default()),
    })
}

/// Renders folded bytes as readable text.
#[cfg(test)]
pub(crate) fn display(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            ARABIC_BASE.. if b < ARABIC_BASE + ALPHABET.len() as u8 => {
                ALPHABET[(b - ARABIC_BASE) as usize]
            }
            OTHER_LETTER => '\u{FFFD}',
            _ => b as char,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(s: &str) -> String {
        let mut f = Folded::default();
        f.fold_into(s);
        display(&f.bytes)
    }

    #[test]
    fn folds_letters_marks_and_separators() {
        assert_eq!(folded("أَحْمَد"), "احمد");
        assert_eq!(folded("مدينة الرقة"), "مدينه الرقه");
        assert_eq!(folded("ﻗﺎﻝ"), "قال");
        assert_eq!(folded("ﻻ"), "لا");
        assert_eq!(folded("تنظيم  «الدولة»"), "تنظيم\"الدوله\"");
        assert_eq!(folded("لـ«الشرق الأوسط»"), "لالشرق الاوسط\"");
        assert_eq!(folded("٢٠١٧"), "2017");
        assert_eq!(folded("a\u{200f}b"), "ab");
    }

    #[test]
    fn offsets_point_into_the_original() {
        let text = "قالَ «قسد»";
        let mut f = Folded::default();
        f.fold_into(text);
        let start = f.bytes.iter().position(|&b| b == code('ق')).unwrap();
        let q = f.bytes.len() - 4;
        let (s, e) = f.original_span(text, q, q + 3);
        assert_eq!(&text[s..e], "قسد");
        let (s, e) = f.original_span(text, start, start + 3);
        assert_eq!(&text[s..e], "قالَ");
    }

    #[test]
    fn combining_marks_of_any_script_stay_with_their_letter() {
        assert_eq!(folded("قسد\u{301} x"), "قسد x");
        let text = "قسد\u{301}\u{fe0f} x";
        let mut f = Folded::default();
        f.fold_into(text);
        assert_eq!(f.original_span(text, 0, 3), (0, text.len() - 2));
    }

    #[test]
    fn multi_word_ligatures_fold_to_one_symbol() {
        assert_eq!(folded("محمد ﷺ"), "محمد \u{7f}");
        assert_eq!(folded("ﷻ"), "\u{7f}");
        assert_eq!(folded("ﷲ"), "الله");
    }

    /// The folded text is at most two bytes per original byte, so a piece of at most
    /// `u32::MAX / 2` bytes has folded offsets that fit in a `u32`.
    #[test]
    fn no_character_folds_to_more_than_two_bytes_per_utf8_byte() {
        let mut f = Folded::default();
        let mut buf = [0; 4];
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            f.fold_into(c.encode_utf8(&mut buf));
            assert!(
                f.bytes.len() <= 2 * c.len_utf8(),
                "{c:?} folds to {:?}",
                f.bytes
            );
        }
    }

    /// The folding of the crate before its byte-level fast path: one character at a time
    /// through `fold_char`, keeping the start of the current word.
    fn fold_reference(text: &str) -> (Vec<u8>, Vec<u32>) {
        let (mut bytes, mut src): (Vec<u8>, Vec<u32>) = (Vec::new(), Vec::new());
        let mut word_start = 0;
        let mut push = |bytes: &mut Vec<u8>, src: &mut Vec<u32>, off: u32, f: Fold| match f {
            Fold::Byte(b) => {
                if !is_word(b) {
                    word_start = bytes.len() + 1;
                } else if bytes.last().is_some_and(|&p| !is_word(p)) {
                    word_start = bytes.len();
                }
                bytes.push(b);
                src.push(off);
            }
            Fold::Space | Fold::Quote => {
                let sep = if f == Fold::Quote { QUOTE } else { SPACE };
                if f == Fold::Quote && is_proclitic_word(&bytes[word_start.min(bytes.len())..]) {
                    return;
                }
                match bytes.last_mut() {
                    Some(last) if is_separator(*last) => {
                        if sep == QUOTE {
                            *last = QUOTE;
                        }
                    }
                    _ => {
                        bytes.push(sep);
                        src.push(off);
                    }
                }
                word_start = bytes.len();
            }
            Fold::Mark | Fold::Remove | Fold::Decompose => {}
        };
        for (off, c) in text.char_indices() {
            let off = off as u32;
            match fold_char(c) {
                Fold::Decompose => {
                    let mut parts = Vec::new();
                    decompose_compatible(c, |d| parts.push(fold_char(d)));
                    if parts
                        .iter()
                        .any(|&p| matches!(p, Fold::Space | Fold::Quote))
                    {
                        push(&mut bytes, &mut src, off, Fold::Byte(SYMBOL));
                    } else {
                        for p in parts {
                            push(&mut bytes, &mut src, off, p);
                        }
                    }
                }
                f => push(&mut bytes, &mut src, off, f),
            }
        }
        src.push(text.len() as u32);
        (bytes, src)
    }

    /// Folds `text` each way: by windows of the one-character loop, and by blocks of AVX-512
    /// when this processor has it. Returns the way's name with the result.
    fn fold_each_way(text: &str) -> Vec<(&'static str, Vec<u8>, Vec<u32>)> {
        let mut ways = vec![("windows", None)];
        ways.extend(Avx512::detect().map(|x| ("blocks", Some(x))));
        ways.into_iter()
            .map(|(name, simd)| {
                let mut f = Folded::default();
                f.fold_with(text, simd);
                (name, f.bytes, f.src)
            })
            .collect()
    }

    #[test]
    fn the_fast_path_folds_like_one_character_at_a_time() {
        let mut buf = [0; 4];
        for c in (0..0x3000)
            .chain(0xFB00..0x10000)
            .filter_map(char::from_u32)
        {
            let long = format!("{}{c}{}{c}", "ب".repeat(31), " ".repeat(33));
            for text in [
                c.encode_utf8(&mut buf).to_string(),
                format!("ل{c}«ب»x{c}"),
                long,
            ] {
                for (way, bytes, src) in fold_each_way(&text) {
                    assert_eq!((bytes, src), fold_reference(&text), "{c:?} by {way}");
                }
            }
        }
    }

    /// The fast path folds a window (or a block) of input bytes at a time: characters of every
    /// kind, at every offset from a window's or a block's edge, after ASCII and after Arabic,
    /// fold as one at a time, up to the last byte.
    #[test]
    fn windows_fold_like_one_character_at_a_time() {
        let body = "قالت  «قسد»\u{640}، إنّ ﻻ  x ﷺ 2017\u{200f} و\"الرقة\" é\n";
        for pad in 0..2 * WINDOW + 2 {
            for tail in ["", "a", " ", "ب", "\""] {
                for pad_char in ["a", "ب"] {
                    let text = format!("{}{}{tail}", pad_char.repeat(pad), body.repeat(6));
                    for (way, bytes, src) in fold_each_way(&text) {
                        assert_eq!(
                            (bytes, src),
                            fold_reference(&text),
                            "pad {pad} of {pad_char}, tail {tail:?}, by {way}"
                        );
                    }
                }
            }
        }
    }

    /// Texts of every length up to a few windows, of ASCII, Arabic or white space, then one
    /// character that folds to two bytes, fold each way like the reference. A window or block
    /// that ends right at the end of the buffers used to leave the character no room (a panic
    /// on 513 ASCII letters and a presentation form).
    #[test]
    fn a_character_after_a_full_window_has_room() {
        for len in 0..3 * WINDOW + 2 * BLOCK {
            for body in ["a", "ب", " ", "ab ب"] {
                for last in ["", "\u{FEFB}", "\u{FDFA}", "\"", "x"] {
                    let text = format!("{}{last}", body.repeat(len));
                    for (way, bytes, src) in fold_each_way(&text) {
                        assert_eq!(
                            (bytes, src),
                            fold_reference(&text),
                            "{len} of {body:?}, then {last:?}, by {way}"
                        );
                    }
                }
            }
        }
    }

    mod properties {
        use super::super::*;
        use super::{fold_each_way, fold_reference};
        use proptest::prelude::*;

        /// Arabic-heavy text: letters, marks, tatweel, quotes, bidi marks, presentation forms,
        /// ligatures, digits, Latin and white space.
        fn arabic_text() -> impl Strategy<Value = String> {
            prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
        }

        /// One piece of [`arabic_text`]: a character or a short sequence.
        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => (0x0621u32..=0x064A).prop_map(|u| char::from_u32(u).unwrap().to_string()),
                2 => (0x064Bu32..=0x0652).prop_map(|u| char::from_u32(u).unwrap().to_string()),
                1 => Just("\u{640}".to_string()),
                2 => prop::sample::select(vec![" ", "  ", "\n", "\r\n", "\t", "\u{a0}", "\0"])
                    .prop_map(String::from),
                2 => prop::sample::select(vec!["\"", "«", "»", "“", "”", "'", "ل«", "و\"", "لـ«"])
                    .prop_map(String::from),
                1 => prop::sample::select(vec!["\u{200f}", "\u{200e}", "\u{202b}", "\u{2067}", "\u{feff}", "\u{200d}"])
                    .prop_map(String::from),
                1 => (0xFB50u32..=0xFEFC).prop_filter_map("a char", char::from_u32).prop_map(String::from),
                1 => prop::sample::select(vec!["ﷺ", "ﷻ", "ﷲ", "ﻻ", "\u{301}", "\u{fe0f}"]).prop_map(String::from),
                1 => prop::sample::select(vec!["٢", "۴", "7", "a", "Z", "é", "(", ")", ".", "،", "…"])
                    .prop_map(String::from),
                1 => any::<char>().prop_map(String::from),
            ]
        }

        fn check_map(text: &str) -> Result<(), TestCaseError> {
            let mut f = Folded::default();
            f.fold_into(text);
            let n = f.bytes.len();
            prop_assert_eq!(f.src.len(), n + 1);
            prop_assert_eq!(f.src[n] as usize, text.len());
            prop_assert!(n <= 2 * text.len());
            for i in 0..n {
                let s = f.src[i] as usize;
                prop_assert!(f.src[i] <= f.src[i + 1], "src not monotone at {}", i);
                prop_assert!(s < text.len() && text.is_char_boundary(s));
            }
            // Every span maps to a char-boundary range holding at least the char at its start.
            for start in 0..n {
                for end in [start + 1, (start + 3).min(n), n] {
                    let (a, b) = f.original_span(text, start, end);
                    prop_assert_eq!(a, f.src[start] as usize);
                    prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
                    let first = text[a..].chars().next().unwrap();
                    prop_assert!(b >= a + first.len_utf8() && b <= text.len());
                    prop_assert!(b >= f.src[end - 1] as usize);
                }
            }
            // Round trip: every folded word maps to original text that folds to the same word.
            let mut start = None;
            for i in 0..=n {
                let word = i < n && is_word(f.bytes[i]);
                match (word, start) {
                    (true, None) => start = Some(i),
                    (false, Some(s)) => {
                        let (a, b) = f.original_span(text, s, i);
                        let again = fold_str(&text[a..b]);
                        prop_assert_eq!(
                            display(&again),
                            display(&f.bytes[s..i]),
                            "word {}..{} maps to {:?}",
                            s,
                            i,
                            &text[a..b]
                        );
                        start = None;
                    }
                    _ => {}
                }
            }
            Ok(())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn folds_like_one_character_at_a_time(text in arabic_text()) {
                for (way, bytes, src) in fold_each_way(&text) {
                    prop_assert_eq!((bytes, src), fold_reference(&text), "by {}", way);
                }
            }

            /// Texts of several windows ([`WINDOW`]).
            #[test]
            fn long_texts_fold_like_one_character_at_a_time(
                parts in prop::collection::vec(arabic_text(), 4..16)
            ) {
                let text = parts.concat();
                for (way, bytes, src) in fold_each_way(&text) {
                    prop_assert_eq!((bytes, src), fold_reference(&text), "by {}", way);
                }
            }

            #[test]
            fn offset_map_of_arabic_text(text in arabic_text()) {
                check_map(&text)?;
            }

            #[test]
            fn offset_map_of_any_text(text in any::<String>()) {
                check_map(&text)?;
            }
        }

        proptest! {
            // Cheap cases, so more of them. The rarest case they are for, a full buffer and
            // then a character that folds to two bytes, took some 20,000 cases to find by
            // chance: `a_character_after_a_full_window_has_room` covers it exhaustively.
            #![proptest_config(ProptestConfig::with_cases(2000))]

            /// Long runs of one piece (a letter, a space, a mark, a quote, a ligature), so
            /// that windows, blocks and the buffers' ends fall on every kind of character.
            #[test]
            fn runs_fold_like_one_character_at_a_time(
                runs in prop::collection::vec((piece(), 0..700usize), 1..8)
            ) {
                let text: String = runs.iter().map(|(piece, n)| piece.repeat(*n)).collect();
                for (way, bytes, src) in fold_each_way(&text) {
                    prop_assert_eq!((bytes, src), fold_reference(&text), "by {}", way);
                }
            }
        }
    }
}
