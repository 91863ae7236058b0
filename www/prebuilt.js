// What the form's bundle carries from the package, read when it is built (scripts/bundle-form.mjs
// replaces this module): `schema`, what drawing needs of schema() (format, tables, cells), and
// `tablesHtml`, the three tables as HTML (components/tables-markup.js). With them the form's tables
// stand before the checker's .wasm has compiled, and no wasm call writes 96 KB of JSON nor does the
// page build 200 inputs element by element on the way to ready. tests/node/preload.test.mjs holds
// both equal to the package's. Run unbundled, both are null: app.js asks the full checker for the
// schema and tables.js draws the tables itself. The rules and rows: context.rule() (the form's
// module) and context.row() (the full checker), read on first use.
export const schema = null;
export const tablesHtml = null;
