//! Checksum algorithms of BagIt manifests, computed together in one read of each file.

use std::io::Read;

use md5::Digest as _;

/// A manifest algorithm (the `ALG` of `manifest-ALG.txt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    pub const ALL: [Algorithm; 6] = [
        Algorithm::Md5,
        Algorithm::Sha1,
        Algorithm::Sha224,
        Algorithm::Sha256,
        Algorithm::Sha384,
        Algorithm::Sha512,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Algorithm::Md5 => "md5",
            Algorithm::Sha1 => "sha1",
            Algorithm::Sha224 => "sha224",
            Algorithm::Sha256 => "sha256",
            Algorithm::Sha384 => "sha384",
            Algorithm::Sha512 => "sha512",
        }
    }

    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.name() == name)
    }

    fn hex_len(self) -> usize {
        match self {
            Algorithm::Md5 => 32,
            Algorithm::Sha1 => 40,
            Algorithm::Sha224 => 56,
            Algorithm::Sha256 => 64,
            Algorithm::Sha384 => 96,
            Algorithm::Sha512 => 128,
        }
    }

    /// True when `s` has the length and alphabet of this algorithm's hex digest.
    pub fn is_digest(self, s: &str) -> bool {
        s.len() == self.hex_len() && s.bytes().all(|b| b.is_ascii_hexdigit())
    }
}

/// SHA-384, and the SHA-512 of a file hashed on its own, come from sha2 in the default
/// build (pure Rust, nothing but cargo needed) and from the system's OpenSSL with the
/// opt-in `openssl` feature. Measured on this project's 2-core AMD machines
/// (`benches/bagit.py`, and 64 MiB digests in a scratch program): OpenSSL's AVX2 code runs
/// at 480-600 MB/s, sha2 0.10 at 260-350 MB/s. Bags seldom hash one file on its own: folder,
/// zip and tar bags hash the SHA-512 of four files at a time in the lanes of crosswalk's own
/// AVX2 code (`fourway.rs`), faster than either; what is left to this module is SHA-384,
/// tag files, files over 4 MiB in zip and tar bags, and CPUs without AVX2. SHA-256 stays
/// in sha2, which uses the CPU's SHA instructions and is level with OpenSSL.
#[cfg(feature = "openssl")]
mod wide {
    pub struct Sha384(openssl::sha::Sha384);
    pub struct Sha512(openssl::sha::Sha512);

    impl Sha384 {
        pub fn new() -> Self {
            Sha384(openssl::sha::Sha384::new())
        }
        pub fn update(&mut self, data: &[u8]) {
            self.0.update(data)
        }
        pub fn finalize(self) -> [u8; 48] {
            self.0.finish()
        }
    }

    impl Sha512 {
        pub fn new() -> Self {
            Sha512(openssl::sha::Sha512::new())
        }
        pub fn update(&mut self, data: &[u8]) {
            self.0.update(data)
        }
        pub fn finalize(self) -> [u8; 64] {
            self.0.finish()
        }
    }
}

/// The default: pure Rust, about 1.7x slower than OpenSSL for these two on one stream.
#[cfg(not(feature = "openssl"))]
mod wide {
    pub use sha2::{Sha384, Sha512};
}

enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(wide::Sha384),
    Sha512(wide::Sha512),
}

/// Bytes read at a time. Measured on `bag verify` of benches/bagit.py's payloads (16, 32,
/// 64, 128 and 256 KiB, three runs each): 64 KiB was fastest, 15-20% faster than 256 KiB on
/// 1 MiB files, with a third of the kernel time — the chunk stays in cache between the
/// kernel's copy and the two digests.
pub(super) const CHUNK: usize = 64 * 1024;

/// Lowercase hex, as manifests write digests.
pub(super) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &x in bytes {
        s.push(DIGITS[usize::from(x >> 4)] as char);
        s.push(DIGITS[usize::from(x & 15)] as char);
    }
    s
}

/// Several digests of one stream.
pub struct MultiHasher {
    states: Vec<(Algorithm, State)>,
    bytes: u64,
}

impl MultiHasher {
    pub fn new(algorithms: &[Algorithm]) -> MultiHasher {
        let states = algorithms
            .iter()
            .map(|&a| {
                let s = match a {
                    Algorithm::Md5 => State::Md5(md5::Md5::new()),
                    Algorithm::Sha1 => State::Sha1(sha1::Sha1::new()),
                    Algorithm::Sha224 => State::Sha224(sha2::Sha224::new()),
                    Algorithm::Sha256 => State::Sha256(sha2::Sha256::new()),
                    Algorithm::Sha384 => State::Sha384(wide::Sha384::new()),
                    Algorithm::Sha512 => State::Sha512(wide::Sha512::new()),
                };
                (a, s)
            })
            .collect();
        MultiHasher { states, bytes: 0 }
    }

    pub fn update(&mut self, data: &[u8]) {
        self.bytes += data.len() as u64;
        for (_, s) in &mut self.states {
            match s {
                State::Md5(h) => h.update(data),
                State::Sha1(h) => h.update(data),
                State::Sha224(h) => h.update(data),
                State::Sha256(h) => h.update(data),
                State::Sha384(h) => h.update(data),
                State::Sha512(h) => h.update(data),
            }
        }
    }

    /// The digests in lowercase hex, in the order asked for, and the byte count.
    pub fn finish(self) -> (Vec<(Algorithm, String)>, u64) {
        let digests = self
            .states
            .into_iter()
            .map(|(a, s)| {
                let d = match s {
                    State::Md5(h) => hex(&h.finalize()),
                    State::Sha1(h) => hex(&h.finalize()),
                    State::Sha224(h) => hex(&h.finalize()),
                    State::Sha256(h) => hex(&h.finalize()),
                    State::Sha384(h) => hex(&h.finalize()),
                    State::Sha512(h) => hex(&h.finalize()),
                };
                (a, d)
            })
            .collect();
        (digests, self.bytes)
    }

    /// Reads `r` to its end in fixed-size chunks (memory does not grow with the file),
    /// passing each chunk to `sink` too (to copy while hashing).
    pub fn consume(
        &mut self,
        r: &mut dyn Read,
        mut sink: impl FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        // One buffer per thread: bags hold thousands of small files, and a fresh zeroed
        // buffer for each cost more than hashing them (perf on benches/bagit.py, B).
        thread_local! {
            static BUF: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        BUF.with(|cell| {
            // A sink that hashes again (a nested call) gets a buffer of its own.
            let mut own = Vec::new();
            let mut guard = cell.try_borrow_mut();
            let buf = match guard.as_deref_mut() {
                Ok(b) => b,
                Err(_) => &mut own,
            };
            buf.resize(CHUNK, 0);
            loop {
                let n = match r.read(buf) {
                    Ok(0) => return Ok(()),
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                };
                self.update(&buf[..n]);
                sink(&buf[..n])?;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(a: Algorithm, chunks: &[&[u8]]) -> String {
        let mut h = MultiHasher::new(&[a]);
        for c in chunks {
            h.update(c);
        }
        h.finish().0.remove(0).1
    }

    /// FIPS 180-4 example digests of "abc".
    #[test]
    fn known_answers() {
        let known = [
            (Algorithm::Md5, "900150983cd24fb0d6963f7d28e17f72"),
            (Algorithm::Sha1, "a9993e364706816aba3e25717850c26c9cd0d89d"),
            (Algorithm::Sha224, "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"),
            (Algorithm::Sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (Algorithm::Sha384, "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"),
            (Algorithm::Sha512, "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"),
        ];
        for (alg, want) in known {
            assert_eq!(digest(alg, &[b"abc"]), want, "{}", alg.name());
        }
    }

    /// Whichever library computes SHA-384/512, it agrees with sha2 on every length around
    /// the block and padding boundaries, fed whole or in uneven pieces.
    #[test]
    fn wide_digests_agree_with_sha2() {
        use sha2::Digest as _;
        let data: Vec<u8> = (0..1000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 11) as u8)
            .collect();
        for len in (0..300).chain([511, 512, 513, 999, 1000]) {
            let d = &data[..len];
            let (a, b) = d.split_at(len / 3);
            assert_eq!(
                digest(Algorithm::Sha512, &[a, b]),
                hex(&sha2::Sha512::digest(d)),
                "sha512, {len} bytes"
            );
            assert_eq!(
                digest(Algorithm::Sha384, &[d]),
                hex(&sha2::Sha384::digest(d)),
                "sha384, {len} bytes"
            );
        }
    }
}
