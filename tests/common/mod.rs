//! Helpers shared by integration tests (each test file that needs them declares `mod common;`).

#![allow(dead_code, clippy::unwrap_used)]

use serde_json::{json, Value};

/// Every real labeled listing (`tests/data/listings/real/{dev,test}.jsonl`) as the listing a
/// caller would send: id, title and the description, category, category code and condition
/// where the row has them; its labels and source left out.
pub fn real_listings() -> Vec<Value> {
    let mut out = Vec::new();
    for side in ["dev", "test"] {
        let path = format!("tests/data/listings/real/{side}.jsonl");
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let row: Value = serde_json::from_str(line).unwrap();
            let mut listing = json!({"id": row["id"], "title": row["title"]});
            for key in ["description", "category", "category_code", "condition"] {
                if !row[key].is_null() {
                    listing[key] = row[key].clone();
                }
            }
            out.push(listing);
        }
    }
    out
}
