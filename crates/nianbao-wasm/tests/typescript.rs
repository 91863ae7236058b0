//! The hand-written TypeScript declarations (src/types.d.ts) against what the core really
//! serialises: every interface is filled from real results (a check with a fix and suggestions, an
//! edit, the schema, an import) and each object must have exactly the fields its interface
//! declares, each string union only its declared values. A field added in Rust and not in the
//! declarations, or the other way round, fails here.

#![cfg(not(target_arch = "wasm32"))]

use nianbao_core::check::{Checker, Options};
use nianbao_core::schema::cell_index;
use nianbao_core::{CellValue, Report};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

const TYPES: &str = include_str!("../src/types.d.ts");

/// An interface's fields with their declared TypeScript type, or a union of string literals.
#[derive(Debug)]
enum Declared {
    Interface(BTreeMap<String, String>),
    Literals(BTreeSet<String>),
}

fn declarations() -> BTreeMap<String, Declared> {
    let mut found: BTreeMap<String, (Option<String>, Declared)> = BTreeMap::new();
    let mut lines = TYPES.lines();
    while let Some(line) = lines.next() {
        if let Some(rest) = line.strip_prefix("export interface ") {
            let head = rest.trim_end_matches('{').trim();
            let (name, base) = match head.split_once(" extends ") {
                Some((name, base)) => (name.trim(), Some(base.trim().to_string())),
                None => (head, None),
            };
            let mut fields = BTreeMap::new();
            for line in lines.by_ref().take_while(|l| *l != "}") {
                let line = line.trim();
                if line.starts_with("/**") || line.starts_with('*') {
                    continue;
                }
                let (field, ty) = line.split_once(':').unwrap_or_else(|| panic!("{name}: cannot read `{line}`"));
                fields.insert(field.trim_end_matches('?').to_string(), ty.trim().trim_end_matches(';').to_string());
            }
            found.insert(name.to_string(), (base, Declared::Interface(fields)));
        } else if let Some(rest) = line.strip_prefix("export type ") {
            let (name, union) = rest.split_once(" = ").expect("export type X = …");
            let literals = union.trim_end_matches(';').split(" | ").map(|l| l.trim_matches('"').to_string()).collect();
            found.insert(name.to_string(), (None, Declared::Literals(literals)));
        }
    }
    // Inherit the fields of `extends` bases.
    let bases: Vec<(String, String)> =
        found.iter().filter_map(|(n, (b, _))| b.clone().map(|b| (n.clone(), b))).collect();
    for (name, base) in bases {
        let Some((_, Declared::Interface(inherited))) = found.get(&base) else { panic!("{name} extends {base}") };
        let inherited = inherited.clone();
        if let Some((_, Declared::Interface(fields))) = found.get_mut(&name) {
            fields.extend(inherited);
        }
    }
    found.into_iter().map(|(n, (_, d))| (n, d)).collect()
}

struct Checked {
    declared: BTreeMap<String, Declared>,
    seen: BTreeSet<String>,
}

impl Checked {
    /// `value` as the TypeScript type `ty` (`Finding[]`, `Fix | null`, `CellId`, `string` …).
    fn value(&mut self, path: &str, ty: &str, value: &Value) {
        let alternatives: Vec<&str> = ty.split(" | ").map(str::trim).collect();
        if value.is_null() {
            assert!(alternatives.contains(&"null"), "{path}: null, but {ty} is not nullable");
            return;
        }
        let alternatives: Vec<&str> = alternatives.into_iter().filter(|a| *a != "null").collect();
        if alternatives.iter().all(|a| a.starts_with('"')) {
            let literals: Vec<&str> = alternatives.iter().map(|l| l.trim_matches('"')).collect();
            assert!(value.as_str().is_some_and(|v| literals.contains(&v)), "{path}: {value} is not one of {ty}");
            return;
        }
        let [ty] = alternatives[..] else { panic!("{path}: cannot check {ty}") };
        if let Some(element) = ty.strip_suffix("[]") {
            let items = value.as_array().unwrap_or_else(|| panic!("{path}: {value} is not an array ({ty})"));
            for (i, item) in items.iter().enumerate() {
                self.value(&format!("{path}[{i}]"), element, item);
            }
            return;
        }
        match ty {
            "string" | "CellId" => assert!(value.is_string(), "{path}: {value} is not a string"),
            "number" => assert!(value.is_number(), "{path}: {value} is not a number"),
            "boolean" => assert!(value.is_boolean(), "{path}: {value} is not a boolean"),
            "Report" => assert!(value.is_object(), "{path}: not a report"),
            name => self.object(path, name, value),
        }
    }

    fn object(&mut self, path: &str, name: &str, value: &Value) {
        self.seen.insert(name.to_string());
        let declared = self.declared.get(name).unwrap_or_else(|| panic!("{path}: no declaration of {name}"));
        match declared {
            Declared::Literals(literals) => {
                assert!(value.as_str().is_some_and(|v| literals.contains(v)), "{path}: {value} is not a {name}")
            }
            Declared::Interface(fields) => {
                let fields = fields.clone();
                let object = value.as_object().unwrap_or_else(|| panic!("{path}: {value} is not a {name}"));
                let written: BTreeSet<&String> = object.keys().collect();
                let declared: BTreeSet<&String> = fields.keys().collect();
                assert_eq!(written, declared, "{path}: the fields of {name} as serialised (left) and declared (right)");
                for (field, ty) in &fields {
                    self.value(&format!("{path}.{field}"), ty, &object[field]);
                }
            }
        }
    }
}

fn example() -> Report {
    Report::from_json(include_str!("../../../tests/data/longde-2024.json")).unwrap()
}

#[test]
fn the_declared_types_are_what_the_core_serialises() {
    let mut checked = Checked { declared: declarations(), seen: BTreeSet::new() };

    // A mistyped cell: a finding with a fix, and a suggestion with its changes.
    let mut checker = Checker::new(example(), Options::default());
    let changes = checker.set(cell_index("requests.disclosed.natural_person").unwrap(), CellValue::from_integer(12));
    checked.value("changes", "Changes", &serde_json::to_value(&changes).unwrap());
    checker.set_field("issuer", None).unwrap();
    let result = serde_json::to_value(checker.result()).unwrap();
    assert!(result["findings"].as_array().unwrap().iter().any(|f| !f["fix"].is_null()), "a fix to check");
    assert!(!result["suggestions"].as_array().unwrap().is_empty(), "a suggestion to check");
    checked.value("check()", "CheckResult", &result);
    checked.value("totals()", "Total[]", &serde_json::to_value(checker.totals()).unwrap());

    checked.value("schema()", "Schema", &serde_json::to_value(nianbao_core::describe::schema()).unwrap());

    // An import with a row whose numbers could not be placed, a row found by a variant label, and
    // a row printed as one digit string.
    let text = include_str!("../../../tests/data/longde-2024.txt")
        .replace("\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0", "\t\t2.重复申请\t0\t0\t0\t0\t0\t0")
        .replace("\n行政规范性文件\t", "\n规范性文件\t")
        .replace("1.本机关不掌握相关政府信息\t3\t0\t0\t0\t0\t0\t3", "1.本机关不掌握相关政府信息\t3000003");
    let imported = nianbao_wasm::ImportResult::from(nianbao_import::import(&text).unwrap());
    let imported = serde_json::to_value(imported).unwrap();
    assert!(!imported["unplaced"].as_array().unwrap().is_empty(), "an unplaced number to check");
    assert!(!imported["matched"].as_array().unwrap().is_empty(), "a matched label to check");
    assert!(!imported["split"].as_array().unwrap().is_empty(), "a split row to check");
    checked.value("importReport()", "ImportResult", &imported);

    // Options are read, not written: each declared option is accepted, and the options the reader
    // names as its own are the declared ones.
    let Some(Declared::Interface(options)) = checked.declared.get("Options") else { panic!("no Options") };
    for option in options.keys() {
        serde_json::from_value::<Options>(json!({ option: null })).unwrap_or_else(|e| panic!("{option}: {e}"));
    }
    let error = serde_json::from_value::<Options>(json!({ "no_such_option": 1 })).unwrap_err().to_string();
    let named: BTreeSet<String> =
        error.split("the options are: ").nth(1).unwrap().split(", ").map(|o| o.trim().to_string()).collect();
    assert_eq!(named, options.keys().cloned().collect::<BTreeSet<_>>(), "{error}");
    checked.seen.insert("Options".into());
    checked.value("blanks", "BlankSeverity", &json!("warning"));

    let unchecked: Vec<&String> = checked.declared.keys().filter(|n| !checked.seen.contains(*n)).collect();
    assert!(unchecked.is_empty(), "declared but never met in a result: {unchecked:?}");
}
