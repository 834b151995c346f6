//! No input, however broken, makes a reader or writer panic: truncations and byte
//! mutations of our records (a deterministic generator, so a failure reproduces).

mod common;

use common::*;
use crosswalk::Format;

/// xorshift64: small, deterministic, good enough to pick positions.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn exercise(bytes: &[u8], what: &str) {
    let result = std::panic::catch_unwind(|| {
        let Ok(text) = crosswalk::xml::decode(bytes) else {
            return;
        };
        if let Ok(record) = crosswalk::read(&text, None) {
            for f in Format::ALL {
                let _ = crosswalk::write(&record, f);
            }
        }
    });
    assert!(result.is_ok(), "panic on {what}");
}

#[test]
fn truncated_and_mutated_inputs_never_panic() {
    for rel in [
        "reference/alekseyev-castro-1963.tei.xml",
        "reference/kitchen-sink.json",
    ] {
        let original = read(rel).into_bytes();
        for cut in (0..original.len()).step_by(211) {
            exercise(&original[..cut], &format!("{rel} cut at {cut}"));
        }
        let mut rng = Rng(0x5eed_0000_0000_0001);
        let alphabet = b"<>/&;\"'=:x \n\xff\xc3{}[],";
        for i in 0..300 {
            let mut m = original.clone();
            for _ in 0..(1 + i % 4) {
                let at = (rng.next() as usize) % m.len();
                m[at] = alphabet[(rng.next() as usize) % alphabet.len()];
            }
            exercise(&m, &format!("{rel} mutation {i}"));
        }
    }
}

#[test]
fn deep_nesting_is_refused_or_read_without_overflow() {
    let mut doc = String::from(
        r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><p>"#,
    );
    for _ in 0..5000 {
        doc.push_str("<hi rend=\"b\">");
    }
    for _ in 0..5000 {
        doc.push_str("</hi>");
    }
    doc.push_str("</p></body></text></TEI>");
    exercise(doc.as_bytes(), "5000 nested hi");
}

#[test]
fn mutated_corpus_records_never_panic_a_reader_writer_or_validator() {
    let Some(shared) = shared("mutated_corpus_records_never_panic_a_reader_writer_or_validator")
    else {
        return;
    };
    let mut validators = crosswalk::validate::Validators::default();
    let mut rng = Rng(0x0dd5_eed5_0000_0002);
    let alphabet = b"<>/&;\"'=:x \n\xff{}";
    let mut n = 0;
    for dir in ["tei", "ead2002", "ead3", "dc"] {
        for f in xml_files(&shared.join("corpus").join(dir)) {
            let original = std::fs::read(&f).unwrap();
            if original.len() > 200_000 {
                continue; // the large files cost time without adding new shapes
            }
            for i in 0..20 {
                let mut m = original.clone();
                for _ in 0..(1 + i % 3) {
                    let at = (rng.next() as usize) % m.len();
                    m[at] = alphabet[(rng.next() as usize) % alphabet.len()];
                }
                let what = format!("{} mutation {i}", f.display());
                exercise(&m, &what);
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    if let Ok(text) = crosswalk::xml::decode(&m) {
                        let _ = crosswalk::validate::check(&what, &text, None, "", &mut validators);
                    }
                }));
                assert!(outcome.is_ok(), "validation panicked on {what}");
                n += 1;
            }
        }
    }
    eprintln!("{n} mutated corpus documents read, written and validated without a panic");
}
