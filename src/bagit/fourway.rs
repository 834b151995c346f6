//! Hashing a queue of files on one thread, four at a time: their SHA-512 in the four lanes
//! of [`sha512x4`], every other algorithm per file as [`MultiHasher`] does it. Each file
//! is still read once, in [`CHUNK`]-sized pieces, and each piece goes to the file's other
//! digests and its sink (a copy being written) as it is read.
//!
//! Where the CPU lacks AVX2, or no file asks for SHA-512, files are hashed one by one.

use std::io::{self, Read};

use super::hash::{Algorithm, MultiHasher, CHUNK};
use super::sha512x4::{self, State4, BLOCK};

/// Where the pieces of a file go as they are read (a copy being written).
pub type Sink<'a> = Box<dyn FnMut(&[u8]) -> io::Result<()> + 'a>;

/// One file to hash.
pub struct Stream<'a, J> {
    /// What the caller knows the file by; handed back with its digests.
    pub job: J,
    pub algorithms: Vec<Algorithm>,
    pub reader: Box<dyn Read + 'a>,
    /// Receives every piece read, in order (to copy the file while hashing it).
    pub sink: Option<Sink<'a>>,
}

/// A file's digests in the order its algorithms were asked for, and its length.
pub type Digests = (Vec<(Algorithm, String)>, u64);

/// Hashes every stream `next` gives until it gives `None`, calling `done` for each as it
/// finishes (not necessarily in the order given). A read or sink error ends that stream
/// alone.
pub fn hash_streams<'a, J>(
    mut next: impl FnMut() -> Option<Stream<'a, J>>,
    mut done: impl FnMut(J, io::Result<Digests>),
) {
    let mut lanes: [Option<Lane<'a, J>>; 4] = [None, None, None, None];
    let mut state = State4::new();
    // Lanes without a file compress this instead; their results are never read.
    let idle = vec![0u8; CHUNK + 4 * BLOCK];
    let four_way = sha512x4::available();
    loop {
        for (i, slot) in lanes.iter_mut().enumerate() {
            while slot.is_none() {
                let Some(stream) = next() else { break };
                if !four_way || !stream.algorithms.contains(&Algorithm::Sha512) {
                    let Stream {
                        job,
                        algorithms,
                        mut reader,
                        sink,
                    } = stream;
                    done(job, one_by_one(&algorithms, &mut *reader, sink));
                    continue;
                }
                state.reset(i);
                *slot = Some(Lane::new(stream));
            }
        }
        if lanes.iter().all(Option::is_none) {
            return;
        }
        // Every lane with a file needs at least one whole block before the four advance.
        for slot in &mut lanes {
            let Some(lane) = slot else { continue };
            if let Err(e) = lane.fill() {
                let lane = slot.take().expect("a lane with a file");
                done(lane.job, Err(e));
            }
        }
        let Some(blocks) = lanes.iter().flatten().map(Lane::blocks).min() else {
            continue;
        };
        let len = blocks * BLOCK;
        let input = |i: usize| match &lanes[i] {
            Some(lane) => &lane.buf[lane.start..lane.start + len],
            None => &idle[..len],
        };
        sha512x4::compress4(&mut state, [input(0), input(1), input(2), input(3)]);
        for (i, slot) in lanes.iter_mut().enumerate() {
            let Some(lane) = slot else { continue };
            lane.start += len;
            if lane.padded && lane.start == lane.buf.len() {
                let lane = slot.take().expect("a lane with a file");
                let digest = state.digest(i);
                let (job, digests) = lane.finish(&digest);
                done(job, Ok(digests));
            }
        }
    }
}

/// A stream hashed on its own, for files that need no SHA-512 or CPUs without AVX2.
fn one_by_one(
    algorithms: &[Algorithm],
    reader: &mut dyn Read,
    sink: Option<Sink<'_>>,
) -> io::Result<Digests> {
    let mut h = MultiHasher::new(algorithms);
    match sink {
        Some(mut sink) => h.consume(reader, |chunk| sink(chunk))?,
        None => h.consume(reader, |_| Ok(()))?,
    }
    Ok(h.finish())
}

/// A file in one of the four lanes.
struct Lane<'a, J> {
    job: J,
    algorithms: Vec<Algorithm>,
    reader: Box<dyn Read + 'a>,
    sink: Option<Sink<'a>>,
    /// The other algorithms' digests.
    others: MultiHasher,
    /// Bytes read and not yet compressed are `buf[start..]`; after the end of the file
    /// they include its padding.
    buf: Vec<u8>,
    start: usize,
    length: u64,
    padded: bool,
}

impl<'a, J> Lane<'a, J> {
    fn new(s: Stream<'a, J>) -> Self {
        let others: Vec<Algorithm> = s
            .algorithms
            .iter()
            .copied()
            .filter(|&a| a != Algorithm::Sha512)
            .collect();
        Lane {
            job: s.job,
            others: MultiHasher::new(&others),
            algorithms: s.algorithms,
            reader: s.reader,
            sink: s.sink,
            buf: Vec::with_capacity(CHUNK + 3 * BLOCK),
            start: 0,
            length: 0,
            padded: false,
        }
    }

    fn blocks(&self) -> usize {
        (self.buf.len() - self.start) / BLOCK
    }

    /// Reads until a whole block is waiting, or the file has ended and been padded.
    fn fill(&mut self) -> io::Result<()> {
        while self.blocks() == 0 && !self.padded {
            // What is left is less than a block: move it to the front.
            self.buf.drain(..self.start);
            self.start = 0;
            let have = self.buf.len();
            self.buf.resize(have + CHUNK, 0);
            let n = loop {
                match self.reader.read(&mut self.buf[have..]) {
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    other => break other,
                }
            };
            let n = n.inspect_err(|_| self.buf.truncate(have))?;
            self.buf.truncate(have + n);
            if n == 0 {
                sha512x4::pad(have, self.length, &mut self.buf);
                self.padded = true;
                break;
            }
            let piece = &self.buf[have..];
            self.length += n as u64;
            self.others.update(piece);
            if let Some(sink) = &mut self.sink {
                sink(piece)?;
            }
        }
        Ok(())
    }

    fn finish(self, sha512: &[u8; 64]) -> (J, Digests) {
        let (mut others, _) = self.others.finish();
        let digests = self
            .algorithms
            .iter()
            .map(|&a| match a {
                Algorithm::Sha512 => (a, super::hash::hex(sha512)),
                _ => {
                    let i = others.iter().position(|(o, _)| *o == a).expect("hashed");
                    others.swap_remove(i)
                }
            })
            .collect();
        (self.job, (digests, self.length))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Readers that hand out their bytes in uneven pieces, as pipes and archives do.
    struct Pieces<'d> {
        data: &'d [u8],
        step: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            self.step = self.step % 997 + 131;
            Ok(n)
        }
    }

    struct Failing;

    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("disk on fire"))
        }
    }

    fn expected(data: &[u8], algorithms: &[Algorithm]) -> Digests {
        let mut h = MultiHasher::new(algorithms);
        h.update(data);
        h.finish()
    }

    #[test]
    fn every_file_gets_the_digests_one_by_one_hashing_gives() {
        let data: Vec<u8> = (0..300_000u32).map(|i| (i ^ (i >> 9)) as u8).collect();
        // Lengths around block and chunk boundaries, zero, and files far longer than
        // others, so lanes finish and refill at different times.
        let lengths = [
            0,
            1,
            111,
            112,
            127,
            128,
            129,
            255,
            256,
            1000,
            65_535,
            65_536,
            65_537,
            200_000,
            3,
            300_000,
            17,
            128 * 513,
        ];
        let both = vec![Algorithm::Sha256, Algorithm::Sha512];
        let mut jobs = lengths.iter().enumerate().map(|(i, &n)| Stream {
            job: i,
            // One file without SHA-512, one with only it.
            algorithms: match i {
                4 => vec![Algorithm::Md5],
                5 => vec![Algorithm::Sha512],
                _ => both.clone(),
            },
            reader: Box::new(Pieces {
                data: &data[..n],
                step: 1 + i * 4099,
            }) as Box<dyn Read>,
            sink: None,
        });
        let mut got = vec![None; lengths.len()];
        hash_streams(|| jobs.next(), |i, r| got[i] = Some(r.unwrap()));
        for (i, &n) in lengths.iter().enumerate() {
            let algorithms = match i {
                4 => vec![Algorithm::Md5],
                5 => vec![Algorithm::Sha512],
                _ => both.clone(),
            };
            assert_eq!(
                got[i].as_ref(),
                Some(&expected(&data[..n], &algorithms)),
                "file {i}, {n} bytes"
            );
        }
    }

    #[test]
    fn the_sink_sees_the_whole_file_and_a_failing_reader_ends_only_its_file() {
        let data: Vec<u8> = (0..150_000u32).map(|i| (i * 7) as u8).collect();
        let mut copy = Vec::new();
        let mut results = Vec::new();
        {
            let mut jobs = vec![
                Stream {
                    job: "copied",
                    algorithms: vec![Algorithm::Sha512],
                    reader: Box::new(&data[..]) as Box<dyn Read>,
                    sink: Some(Box::new(|piece: &[u8]| {
                        copy.extend_from_slice(piece);
                        Ok(())
                    })),
                },
                Stream {
                    job: "failing",
                    algorithms: vec![Algorithm::Sha512],
                    reader: Box::new(Failing),
                    sink: None,
                },
                Stream {
                    job: "after",
                    algorithms: vec![Algorithm::Sha512, Algorithm::Sha1],
                    reader: Box::new(&data[..999]),
                    sink: None,
                },
            ]
            .into_iter();
            hash_streams(|| jobs.next(), |job, r| results.push((job, r)));
        }
        assert_eq!(copy, data);
        results.sort_by_key(|(job, _)| *job);
        assert_eq!(
            results[0].1.as_ref().unwrap(),
            &expected(&data[..999], &[Algorithm::Sha512, Algorithm::Sha1])
        );
        assert_eq!(
            results[1].1.as_ref().unwrap(),
            &expected(&data, &[Algorithm::Sha512])
        );
        assert_eq!(results[2].0, "failing");
        assert!(results[2]
            .1
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("fire"));
    }
}
