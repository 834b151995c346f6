//! The JSON Schema shipped for the record model's JSON form.

mod common;

use common::*;

#[test]
fn the_shipped_json_schema_is_the_one_the_model_generates() {
    // CROSSWALK_BLESS=1 rewrites it from the model; review the diff like code.
    golden(
        "../schemas/crosswalk-record.schema.json",
        &crosswalk::model::json_schema(),
    );
}

#[test]
fn the_schema_names_every_field_the_kitchen_sink_uses() {
    let schema: serde_json::Value = serde_json::from_str(&crosswalk::model::json_schema()).unwrap();
    let defs = &schema["$defs"];
    let props = |name: &str| -> Vec<String> {
        defs[name]["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("the schema has no {name} object"))
            .keys()
            .cloned()
            .collect()
    };
    let sink: serde_json::Value =
        serde_json::from_str(&read("reference/kitchen-sink.json")).unwrap();
    // Every key the sink's record (and a nested child) uses is a property of Record.
    let record_props = props("Record");
    for r in [&sink["record"], &sink["record"]["children"][0]] {
        for key in r.as_object().unwrap().keys() {
            assert!(record_props.contains(key), "Record lacks property {key}");
        }
    }
    // And the other way: the schema lists no property the model does not serialise.
    for p in &record_props {
        assert!(
            sink["record"].get(p).is_some(),
            "the kitchen sink does not use Record.{p}, or the schema names a field the model lacks"
        );
    }
    for (def, value) in [
        ("RecordControl", &sink["record"]["control"]),
        ("Agent", &sink["record"]["agents"][0]),
        ("NameDetails", &sink["record"]["agents"][0]["details"]),
    ] {
        let names = props(def);
        for key in value.as_object().unwrap().keys() {
            assert!(names.contains(key), "{def} lacks property {key}");
        }
    }
    assert_eq!(
        schema["properties"]["format"]["type"], "string",
        "the envelope's format is a string"
    );
}
