//! The fast path of [`Folded::fold_into`](super::Folded::fold_into) sixty-four input bytes at a
//! time, with AVX-512 (the `VBMI` byte permutes and the `VBMI2` byte compress), chosen at run
//! time when the processor has them. The only unsafe code of the crate: the call into a function
//! compiled for those features, and the vector loads and stores, each on a fixed-size array.
//!
//! A block folds like the one-character loop it stands for (the tests compare both with the
//! reference fold on every offset): ASCII and the Arabic block only; the first other character
//! (a quote, a presentation form, a letter of another script) ends the run and is left to the
//! general path.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn, clippy::undocumented_unsafe_blocks)]

/// Input bytes of one block.
pub(super) const BLOCK: usize = 64;

/// Proof that the processor has the features of [`Avx512::fold_blocks`]: a value exists only
/// when [`Avx512::detect`] found them, and none on other architectures.
#[derive(Clone, Copy, Debug)]
pub(super) struct Avx512 {
    #[cfg(target_arch = "x86_64")]
    _detected: (),
    #[cfg(not(target_arch = "x86_64"))]
    never: std::convert::Infallible,
}

/// What [`Avx512::fold_blocks`] did: the input and output positions it reached, and whether it
/// stopped at a character that only the general path folds.
pub(super) struct Run {
    pub(super) i: usize,
    pub(super) n: usize,
    pub(super) general: bool,
}

impl Avx512 {
    /// The features, when this processor has them (the answer is cached by the standard
    /// library).
    #[inline]
    pub(super) fn detect() -> Option<Self> {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512bw")
            && std::arch::is_x86_feature_detected!("avx512vbmi")
            && std::arch::is_x86_feature_detected!("avx512vbmi2")
        {
            return Some(Avx512 { _detected: () });
        }
        None
    }

    /// Folds blocks of `b` from `i` (a character boundary) into `out` and `src` from `n` (the
    /// output so far is `out[..n]`), while a whole block and the byte after it are left in `b`
    /// and a block's room in the buffers, and until a character only the general path folds.
    #[inline]
    pub(super) fn fold_blocks(
        self,
        b: &[u8],
        i: usize,
        out: &mut [u8],
        src: &mut [u32],
        n: usize,
    ) -> Run {
        #[cfg(target_arch = "x86_64")]
        {
            // SAFETY: `self` exists only if `detect` found every feature `x86::fold_blocks`
            // is compiled for.
            unsafe { x86::fold_blocks(b, i, out, src, n) }
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = (b, i, out, src, n);
            match self.never {}
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod x86 {
    use super::super::{Fold, ARABIC_BYTE, ASCII_FOLD, QUOTE, SPACE};
    use super::{Run, BLOCK};
    use std::arch::x86_64::*;

    /// What an ASCII character folds to in a block: its folded byte, [`SPACE`] for white
    /// space, and 0 for a quote, which is left to the general path (it may glue to a
    /// proclitic, and turns a separator run into [`QUOTE`]).
    const ASCII_BYTE: [u8; 0x80] = {
        let mut t = [0; 0x80];
        let mut i = 0;
        while i < t.len() {
            t[i] = match ASCII_FOLD[i] {
                Fold::Byte(c) => c,
                Fold::Space => SPACE,
                _ => 0,
            };
            i += 1;
        }
        t
    };

    /// Lane numbers: a compressed copy says which input lane each output byte came from.
    const LANES: [u8; BLOCK] = {
        let mut t = [0; BLOCK];
        let mut i = 0;
        while i < BLOCK {
            t[i] = i as u8;
            i += 1;
        }
        t
    };

    /// Permutation indices that move each lane up one, and fill lane 0 from the second table.
    const PREVIOUS: [u8; BLOCK] = {
        let mut t = [0; BLOCK];
        t[0] = BLOCK as u8;
        let mut i = 1;
        while i < BLOCK {
            t[i] = i as u8 - 1;
            i += 1;
        }
        t
    };

    #[inline]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn load(bytes: &[u8; BLOCK]) -> __m512i {
        // SAFETY: reads exactly the 64 bytes of the array (unaligned loads are allowed).
        unsafe { _mm512_loadu_epi8(bytes.as_ptr().cast()) }
    }

    #[inline]
    #[target_feature(enable = "avx512f,avx512bw")]
    fn splat(b: u8) -> __m512i {
        _mm512_set1_epi8(b as i8)
    }

    /// See [`super::Avx512::fold_blocks`].
    ///
    /// A block is 64 input bytes `v` and the same bytes one further on, `next` (the second byte
    /// of an Arabic character that starts at a lane). Lanes take part up to the first byte of a
    /// character that is neither ASCII (quotes aside) nor of the Arabic block, and never the
    /// first byte of a character cut by the block's end. A lane that starts a character gets
    /// its folded byte from a table (the Arabic one indexed by the low bits of both bytes, as
    /// in the one-character loop); second bytes and marks give nothing and are compressed out.
    /// Then a space right after a separator is compressed out: in the first compress's output,
    /// the byte before each lane is the lane before it, or the last byte already written.
    /// The lane numbers are compressed the same way, which gives each output byte's offset.
    #[target_feature(enable = "avx512f,avx512bw,avx512vbmi,avx512vbmi2")]
    pub(super) fn fold_blocks(
        b: &[u8],
        mut i: usize,
        out: &mut [u8],
        src: &mut [u32],
        mut n: usize,
    ) -> Run {
        let ascii = [
            load(ASCII_BYTE[..BLOCK].try_into().expect("a block")),
            load(ASCII_BYTE[BLOCK..].try_into().expect("a block")),
        ];
        let arabic = [0, 1, 2, 3].map(|j| {
            load(
                ARABIC_BYTE[j * BLOCK..(j + 1) * BLOCK]
                    .try_into()
                    .expect("a block"),
            )
        });
        let lanes = load(&LANES);
        let previous = load(&PREVIOUS);
        let mut carry = match n {
            0 => 0,
            _ => out[n - 1],
        };
        while let Some(inp) = b.get(i..).and_then(|r| r.first_chunk::<{ BLOCK + 1 }>()) {
            let (Some(o), Some(s)) = (
                out.get_mut(n..).and_then(|r| r.first_chunk_mut::<BLOCK>()),
                src.get_mut(n..).and_then(|r| r.first_chunk_mut::<BLOCK>()),
            ) else {
                break;
            };
            let v = load(inp[..BLOCK].try_into().expect("a block"));
            let next = load(inp[1..].try_into().expect("a block"));

            let high = _mm512_movepi8_mask(v);
            let lead = _mm512_cmpeq_epi8_mask(_mm512_and_si512(v, splat(0xFC)), splat(0xD8));
            let second = lead << 1;
            // Bytes of ASCII characters; their bit 7 is clear, so the permute reads the table
            // with the other seven.
            let asc = _mm512_permutex2var_epi8(ascii[0], v, ascii[1]);
            let quote = !high & _mm512_testn_epi8_mask(asc, asc);
            let general = (high & !lead & !second) | quote;
            let cut = lead & 1 << (BLOCK - 1);
            let taken = (general | cut).trailing_zeros() as usize;
            let take = u64::MAX.checked_shr((BLOCK - taken) as u32).unwrap_or(0);

            // ((first & 3) << 6) | (second & 0x3F): the 16-bit shift moves no wanted bit
            // across a byte.
            let index = _mm512_or_si512(
                _mm512_and_si512(_mm512_slli_epi16::<6>(v), splat(0xC0)),
                _mm512_and_si512(next, splat(0x3F)),
            );
            let arab = _mm512_mask_blend_epi8(
                _mm512_movepi8_mask(index),
                _mm512_permutex2var_epi8(arabic[0], index, arabic[1]),
                _mm512_permutex2var_epi8(arabic[2], index, arabic[3]),
            );
            let val = _mm512_mask_blend_epi8(lead, asc, arab);
            let keep = take & !second & _mm512_test_epi8_mask(val, val);
            let folded = _mm512_maskz_compress_epi8(keep, val);
            let from = _mm512_maskz_compress_epi8(keep, lanes);

            let before = _mm512_permutex2var_epi8(folded, previous, splat(carry));
            let after_separator = _mm512_cmpeq_epi8_mask(before, splat(SPACE))
                | _mm512_cmpeq_epi8_mask(before, splat(QUOTE));
            let space = _mm512_cmpeq_epi8_mask(folded, splat(SPACE));
            let keep = _mm512_test_epi8_mask(folded, folded) & !(space & after_separator);
            let folded = _mm512_maskz_compress_epi8(keep, folded);
            let from = _mm512_maskz_compress_epi8(keep, from);

            // SAFETY: writes exactly the 64 bytes of the array.
            unsafe { _mm512_storeu_epi8(o.as_mut_ptr().cast(), folded) };
            let base = _mm512_set1_epi32(i as u32 as i32);
            let offsets = [
                _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32::<0>(from)),
                _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32::<1>(from)),
                _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32::<2>(from)),
                _mm512_cvtepu8_epi32(_mm512_extracti32x4_epi32::<3>(from)),
            ];
            for (part, offsets) in s.chunks_exact_mut(16).zip(offsets) {
                let part: &mut [u32; 16] = part.try_into().expect("16 offsets");
                // SAFETY: writes exactly the 64 bytes of the array.
                unsafe {
                    _mm512_storeu_epi32(part.as_mut_ptr().cast(), _mm512_add_epi32(offsets, base))
                };
            }
            let k = keep.count_ones() as usize;
            if k > 0 {
                carry = o[k - 1];
            }
            n += k;
            i += taken;
            if taken < BLOCK && general >> taken & 1 == 1 {
                return Run {
                    i,
                    n,
                    general: true,
                };
            }
        }
        Run {
            i,
            n,
            general: false,
        }
    }
}
