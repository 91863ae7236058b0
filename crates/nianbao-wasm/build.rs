//! Generates the TypeScript types of the report (`Report`, `CellId`, one interface per table) from
//! the schema of nianbao-core itself (a build-dependency), so the types can never drift from it.

use nianbao_core::schema;
use std::fmt::Write;

fn main() {
    // The schema is a build-dependency: cargo runs this again whenever nianbao-core changes.
    println!("cargo:rerun-if-changed=build.rs");
    let mut ts = String::new();
    ts.push_str(
        "/** A cell as typed: a number, a numeric string (\"1,234\", \"１２\", \"611.1281\"), or null for blank. */\n",
    );
    ts.push_str("export type CellInput = number | string | null;\n\n");
    let ids: Vec<String> = schema::cells().iter().map(|c| format!("\"{}\"", c.id)).collect();
    writeln!(
        ts,
        "/** Every cell id of the 2021 format ({} cells). */\nexport type CellId =\n  | {};\n",
        ids.len(),
        ids.join("\n  | ")
    )
    .unwrap();
    let mut top = String::new();
    for table in schema::TABLES {
        let name = format!("{}{}Table", table.key[..1].to_uppercase(), &table.key[1..]);
        writeln!(ts, "/** {} */\nexport interface {name} {{", table.title.zh).unwrap();
        for section in table.sections {
            for row in section.rows {
                let columns: Vec<String> =
                    section.columns.iter().map(|c| format!("/** {} */ {}?: CellInput", c.label.zh, c.key)).collect();
                writeln!(ts, "  /** {} */\n  {}?: {{ {} }};", row.label.zh, row.key, columns.join("; ")).unwrap();
            }
        }
        ts.push_str("}\n\n");
        writeln!(top, "  /** {} */\n  {}?: {name};", table.title.zh, table.key).unwrap();
    }
    writeln!(
        ts,
        "/** A report in the canonical JSON shape; a missing cell is blank. */\nexport interface Report {{\n  \
         format?: \"{}\" | string;\n  year?: number | string;\n  issuer?: string;\n{top}  \
         /** The prose of the published report. */\n  text?: string | null;\n  \
         /** The clerk's reason for each confirmed warning, by finding id. */\n  reasons?: Record<string, string>;\n}}",
        schema::FORMAT
    )
    .unwrap();
    let out = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("report.d.ts");
    std::fs::write(out, ts).unwrap();
}
