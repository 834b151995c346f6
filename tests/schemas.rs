//! The bundled schemas compile offline and reject what they must.

use crosswalk::validate::{self, Schema};

#[test]
fn every_bundled_schema_compiles() {
    for s in Schema::ALL {
        validate::compile(s).unwrap_or_else(|e| panic!("{}: {e}", s.label()));
    }
}

#[test]
fn validators_reject_a_broken_document_with_a_position() {
    // An undeclared element in each format: each validator must say where.
    let cases = [
        (Schema::TeiAll, r#"<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader><text><body><bogus/></body></text></TEI>"#),
        (Schema::Ead3Rng, r#"<ead xmlns="http://ead3.archivists.org/schema/"><bogus/></ead>"#),
        (Schema::Ead2002, "<ead xmlns=\"urn:isbn:1-931666-22-9\">\n<bogus/></ead>"),
        (Schema::OaiDc, "<oai_dc:dc xmlns:oai_dc=\"http://www.openarchives.org/OAI/2.0/oai_dc/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<dc:bogus/></oai_dc:dc>"),
    ];
    for (schema, doc) in cases {
        let errors = validate::validate(schema, doc).unwrap();
        assert!(
            !errors.is_empty(),
            "{} accepted a broken document",
            schema.label()
        );
        assert!(
            errors.iter().any(|e| e.message.contains("bogus")),
            "{}: {errors:?}",
            schema.label()
        );
    }
}

#[test]
fn validation_of_not_well_formed_text_is_an_error_with_a_position() {
    for schema in [Schema::TeiAll, Schema::OaiDc] {
        let e = validate::validate(schema, "<a>\n<b></a>").unwrap_err();
        assert_eq!(e.pos.map(|p| p.line), Some(2), "{}: {e}", schema.label());
    }
}
