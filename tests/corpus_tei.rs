//! Every TEI file of the shared corpus reads without a panic: a model (with unmapped
//! content kept) or a clear error.

mod common;

use common::*;

#[test]
fn every_corpus_tei_file_reads_to_a_model_or_a_clear_error() {
    let Some(shared) = shared("every_corpus_tei_file_reads_to_a_model_or_a_clear_error") else {
        return;
    };
    let files = xml_files(&shared.join("corpus/tei"));
    let (mut read, mut refused) = (0, 0);
    for f in &files {
        let text = crosswalk::xml::decode(&std::fs::read(f).unwrap()).unwrap();
        match std::panic::catch_unwind(|| crosswalk::read(&text, None)) {
            Ok(Ok(r)) => {
                read += 1;
                assert!(
                    !r.titles.is_empty() || !r.unmapped.is_empty(),
                    "{}: nothing read",
                    f.display()
                );
            }
            Ok(Err(e)) => {
                refused += 1;
                assert!(
                    e.pos.is_some(),
                    "{}: error without a position: {e}",
                    f.display()
                );
                eprintln!("refused {}: {e}", f.display());
            }
            Err(_) => panic!("{}: the reader panicked", f.display()),
        }
    }
    eprintln!(
        "corpus TEI: {} files, {read} read, {refused} refused with an error",
        files.len()
    );
    assert_eq!(read + refused, files.len());
    assert!(read >= 15, "only {read} of {} TEI files read", files.len());
}

#[test]
fn unmapped_content_is_kept_with_its_path() {
    let Some(shared) = shared("unmapped_content_is_kept_with_its_path") else {
        return;
    };
    let text = std::fs::read_to_string(shared.join("corpus/tei/shakedracor_macbeth.xml")).unwrap();
    let r = crosswalk::tei::read(&text).unwrap();
    let standoff = r
        .unmapped
        .iter()
        .find(|u| u.path == "/TEI/standOff")
        .expect("standOff kept");
    assert!(standoff
        .xml
        .starts_with("<standOff xmlns=\"http://www.tei-c.org/ns/1.0\""));
    assert!(standoff.line.is_some());
}
