//! SHA-512 of four streams at once, one in each 64-bit lane of the CPU's 256-bit AVX2
//! registers (FIPS 180-4 §6.4, computed lane-wise).
//!
//! Why: SHA-512 is bagit-python's default algorithm and the slowest part of every bag. On
//! this project's 2-core AMD machines no single-stream code beats OpenSSL's ~600 MB/s per
//! core (the CPU has SHA instructions for SHA-256 only), while this four-lane form reached
//! 830-1,050 MB/s per core in a scratch benchmark run beside OpenSSL (three runs, noisy
//! shared machine). Bags hold many files, so four of them are hashed side by side
//! (`fourway.rs`). Two register sets (eight streams) were measured too: 650-1,140 MB/s,
//! below four streams in five runs of six (the message schedules no longer fit in the
//! registers); a schedule computed ahead of the rounds was slower as well.

#[cfg(target_arch = "x86_64")]
use std::arch::x86_64::*;

/// FIPS 180-4 §4.2.3: the first 64 bits of the fractional parts of the cube roots of
/// the first 80 primes (generated, not typed).
pub(super) const K: [u64; 80] = [
    0x428a2f98d728ae22,
    0x7137449123ef65cd,
    0xb5c0fbcfec4d3b2f,
    0xe9b5dba58189dbbc,
    0x3956c25bf348b538,
    0x59f111f1b605d019,
    0x923f82a4af194f9b,
    0xab1c5ed5da6d8118,
    0xd807aa98a3030242,
    0x12835b0145706fbe,
    0x243185be4ee4b28c,
    0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f,
    0x80deb1fe3b1696b1,
    0x9bdc06a725c71235,
    0xc19bf174cf692694,
    0xe49b69c19ef14ad2,
    0xefbe4786384f25e3,
    0x0fc19dc68b8cd5b5,
    0x240ca1cc77ac9c65,
    0x2de92c6f592b0275,
    0x4a7484aa6ea6e483,
    0x5cb0a9dcbd41fbd4,
    0x76f988da831153b5,
    0x983e5152ee66dfab,
    0xa831c66d2db43210,
    0xb00327c898fb213f,
    0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2,
    0xd5a79147930aa725,
    0x06ca6351e003826f,
    0x142929670a0e6e70,
    0x27b70a8546d22ffc,
    0x2e1b21385c26c926,
    0x4d2c6dfc5ac42aed,
    0x53380d139d95b3df,
    0x650a73548baf63de,
    0x766a0abb3c77b2a8,
    0x81c2c92e47edaee6,
    0x92722c851482353b,
    0xa2bfe8a14cf10364,
    0xa81a664bbc423001,
    0xc24b8b70d0f89791,
    0xc76c51a30654be30,
    0xd192e819d6ef5218,
    0xd69906245565a910,
    0xf40e35855771202a,
    0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8,
    0x1e376c085141ab53,
    0x2748774cdf8eeb99,
    0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63,
    0x4ed8aa4ae3418acb,
    0x5b9cca4f7763e373,
    0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc,
    0x78a5636f43172f60,
    0x84c87814a1f0ab72,
    0x8cc702081a6439ec,
    0x90befffa23631e28,
    0xa4506cebde82bde9,
    0xbef9a3f7b2c67915,
    0xc67178f2e372532b,
    0xca273eceea26619c,
    0xd186b8c721c0c207,
    0xeada7dd6cde0eb1e,
    0xf57d4f7fee6ed178,
    0x06f067aa72176fba,
    0x0a637dc5a2c898a6,
    0x113f9804bef90dae,
    0x1b710b35131c471b,
    0x28db77f523047d84,
    0x32caab7b40c72493,
    0x3c9ebe0a15c9bebc,
    0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6,
    0x597f299cfc657e2a,
    0x5fcb6fab3ad6faec,
    0x6c44198c4a475817,
];

/// FIPS 180-4 §5.3.5: the first 64 bits of the fractional parts of the square roots of
/// the first 8 primes.
pub(super) const H0: [u64; 8] = [
    0x6a09e667f3bcc908,
    0xbb67ae8584caa73b,
    0x3c6ef372fe94f82b,
    0xa54ff53a5f1d36f1,
    0x510e527fade682d1,
    0x9b05688c2b3e6c1f,
    0x1f83d9abfb41bd6b,
    0x5be0cd19137e2179,
];

/// Bytes in a SHA-512 block.
pub const BLOCK: usize = 128;

/// The working state of four streams: word `i` of lane `l` is `words[i][l]`.
#[derive(Clone, Copy)]
pub struct State4 {
    words: [[u64; 4]; 8],
}

impl State4 {
    pub fn new() -> State4 {
        State4 {
            words: H0.map(|h| [h; 4]),
        }
    }

    /// Starts lane `lane` afresh, for a new stream.
    pub fn reset(&mut self, lane: usize) {
        for (w, h) in self.words.iter_mut().zip(H0) {
            w[lane] = h;
        }
    }

    /// The digest of lane `lane`, once its padded final block has been compressed.
    pub fn digest(&self, lane: usize) -> [u8; 64] {
        let mut out = [0u8; 64];
        for (chunk, w) in out.chunks_exact_mut(8).zip(&self.words) {
            chunk.copy_from_slice(&w[lane].to_be_bytes());
        }
        out
    }
}

/// True when this CPU can run [`compress4`].
pub fn available() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::arch::is_x86_feature_detected!("avx2")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Compresses the same number of whole blocks from each of four inputs into their lanes.
///
/// # Panics
/// When the inputs differ in length or are not whole blocks, or when [`available`] is false.
pub fn compress4(state: &mut State4, blocks: [&[u8]; 4]) {
    let len = blocks[0].len();
    assert!(
        len % BLOCK == 0 && blocks.iter().all(|b| b.len() == len),
        "four inputs of the same whole number of blocks"
    );
    assert!(available(), "compress4 needs AVX2");
    #[cfg(target_arch = "x86_64")]
    // SAFETY: AVX2 is present (checked above), and every input holds `len / BLOCK` blocks.
    unsafe {
        compress4_avx2(state, blocks.map(<[u8]>::as_ptr), len / BLOCK)
    }
}

/// `x` rotated right by `n` bits in each lane (AVX2 has no 64-bit rotate).
#[cfg(target_arch = "x86_64")]
macro_rules! rotr {
    ($x:expr, $n:literal) => {
        _mm256_or_si256(
            _mm256_srli_epi64::<$n>($x),
            _mm256_slli_epi64::<{ 64 - $n }>($x),
        )
    };
}

#[cfg(target_arch = "x86_64")]
macro_rules! xor3 {
    ($a:expr, $b:expr, $c:expr) => {
        _mm256_xor_si256(_mm256_xor_si256($a, $b), $c)
    };
}

/// # Safety
/// The CPU has AVX2, and each pointer reads `nblocks * BLOCK` bytes.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn compress4_avx2(state: &mut State4, lanes: [*const u8; 4], nblocks: usize) {
    // Message words are big-endian (§3.1, §5.2.2).
    let word = |p: *const u8, i: usize| -> i64 {
        // SAFETY: i < 16 within a block the caller vouches for.
        i64::from_be_bytes(unsafe { std::ptr::read_unaligned(p.add(i * 8).cast::<[u8; 8]>()) })
    };
    let load = |w: [u64; 4]| _mm256_set_epi64x(w[3] as i64, w[2] as i64, w[1] as i64, w[0] as i64);
    let mut h: [__m256i; 8] = state.words.map(load);
    for b in 0..nblocks {
        let p = lanes.map(|l| l.add(b * BLOCK));
        // The message schedule (§6.4.2 step 1), kept as a rolling window of 16 words.
        let mut w = [_mm256_setzero_si256(); 16];
        for (i, wi) in w.iter_mut().enumerate() {
            *wi = _mm256_set_epi64x(word(p[3], i), word(p[2], i), word(p[1], i), word(p[0], i));
        }
        let [mut a, mut bb, mut c, mut d, mut e, mut f, mut g, mut hh] = h;
        for (t, k) in K.iter().enumerate() {
            let wt = if t < 16 {
                w[t]
            } else {
                let (w2, w15) = (w[(t - 2) & 15], w[(t - 15) & 15]);
                let s1 = xor3!(rotr!(w2, 19), rotr!(w2, 61), _mm256_srli_epi64::<6>(w2));
                let s0 = xor3!(rotr!(w15, 1), rotr!(w15, 8), _mm256_srli_epi64::<7>(w15));
                let v = _mm256_add_epi64(
                    _mm256_add_epi64(s1, w[(t - 7) & 15]),
                    _mm256_add_epi64(s0, w[t & 15]),
                );
                w[t & 15] = v;
                v
            };
            // §6.4.2 step 3.
            let sum1 = xor3!(rotr!(e, 14), rotr!(e, 18), rotr!(e, 41));
            let ch = _mm256_xor_si256(_mm256_and_si256(e, f), _mm256_andnot_si256(e, g));
            let t1 = _mm256_add_epi64(
                _mm256_add_epi64(hh, sum1),
                _mm256_add_epi64(ch, _mm256_add_epi64(_mm256_set1_epi64x(*k as i64), wt)),
            );
            let sum0 = xor3!(rotr!(a, 28), rotr!(a, 34), rotr!(a, 39));
            // Maj(a, b, c) as (a & b) ^ (c & (a ^ b)): one operation fewer.
            let maj = _mm256_xor_si256(
                _mm256_and_si256(a, bb),
                _mm256_and_si256(c, _mm256_xor_si256(a, bb)),
            );
            hh = g;
            g = f;
            f = e;
            e = _mm256_add_epi64(d, t1);
            d = c;
            c = bb;
            bb = a;
            a = _mm256_add_epi64(t1, _mm256_add_epi64(sum0, maj));
        }
        for (hi, v) in h.iter_mut().zip([a, bb, c, d, e, f, g, hh]) {
            *hi = _mm256_add_epi64(*hi, v);
        }
    }
    for (out, v) in state.words.iter_mut().zip(h) {
        _mm256_storeu_si256(out.as_mut_ptr().cast::<__m256i>(), v);
    }
}

/// The final block(s) of a message: `tail` (fewer than [`BLOCK`] bytes), the bit `1`,
/// zeros, and the message length in bits as 128-bit big-endian (§5.1.2). Appended to `out`.
pub fn pad(tail_len: usize, message_len: u64, out: &mut Vec<u8>) {
    debug_assert!(tail_len < BLOCK);
    out.push(0x80);
    let used = tail_len + 1;
    let blocks = if used + 16 <= BLOCK { 1 } else { 2 };
    out.resize(out.len() + blocks * BLOCK - used - 16, 0);
    out.extend_from_slice(&(u128::from(message_len) * 8).to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;
    use sha2::Digest as _;

    /// Four messages of different lengths, hashed together as `fourway.rs` does (each
    /// padded; the shorter ones followed by filler the lane's digest ignores), compared
    /// with the sha2 crate.
    fn agree(messages: [&[u8]; 4]) {
        let padded: Vec<Vec<u8>> = messages
            .iter()
            .map(|m| {
                let mut v = m.to_vec();
                pad(m.len() % BLOCK, m.len() as u64, &mut v);
                v
            })
            .collect();
        let blocks = padded.iter().map(|p| p.len() / BLOCK).max().unwrap();
        let mut state = State4::new();
        let mut digests = [[0u8; 64]; 4];
        for b in 0..blocks {
            let step: Vec<&[u8]> = padded
                .iter()
                .map(|p| p.get(b * BLOCK..(b + 1) * BLOCK).unwrap_or(&[0x5a; BLOCK]))
                .collect();
            compress4(&mut state, [step[0], step[1], step[2], step[3]]);
            for (lane, p) in padded.iter().enumerate() {
                if p.len() / BLOCK == b + 1 {
                    digests[lane] = state.digest(lane);
                }
            }
        }
        for (m, d) in messages.iter().zip(digests) {
            assert_eq!(
                d[..],
                sha2::Sha512::digest(m)[..],
                "message of {} bytes",
                m.len()
            );
        }
    }

    #[test]
    fn four_lanes_agree_with_sha2_around_block_boundaries() {
        if !available() {
            eprintln!("SKIPPED four_lanes_agree_with_sha2_around_block_boundaries: no AVX2");
            return;
        }
        let data: Vec<u8> = (0..2000u32).map(|i| (i * 131 + i / 7) as u8).collect();
        for n in 0..=300 {
            agree([
                &data[..n],
                &data[3..3 + n / 2],
                b"abc",
                &data[n..n + 7 * n / 5],
            ]);
        }
        for n in [511, 512, 513, 1023, 1024, 1025, 1999] {
            agree([&data[..n], &data[..0], &data[1..n], &data[..111]]);
        }
    }

    #[test]
    fn the_fips_abc_example() {
        if !available() {
            eprintln!("SKIPPED the_fips_abc_example: no AVX2");
            return;
        }
        let mut block = b"abc".to_vec();
        pad(3, 3, &mut block);
        let mut state = State4::new();
        compress4(&mut state, [&block, &block, &block, &block]);
        let hex: String = state.digest(2).iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
             2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        );
    }
}
