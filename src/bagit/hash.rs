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

enum State {
    Md5(md5::Md5),
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
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
                    Algorithm::Sha384 => State::Sha384(sha2::Sha384::new()),
                    Algorithm::Sha512 => State::Sha512(sha2::Sha512::new()),
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
        let hex = |b: &[u8]| b.iter().map(|x| format!("{x:02x}")).collect::<String>();
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
        let mut buf = vec![0u8; 256 * 1024];
        loop {
            let n = match r.read(&mut buf) {
                Ok(0) => return Ok(()),
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.update(&buf[..n]);
            sink(&buf[..n])?;
        }
    }
}
