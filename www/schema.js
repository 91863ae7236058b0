// What drawing needs of the package's schema() (format, tables, cells), to draw the form before the
// checker's .wasm has compiled. The form's bundle (scripts/bundle-form.mjs) replaces this module with
// it, read from the package when the bundle is built (tests/node/preload.test.mjs holds the two
// equal); run unbundled, it is null and app.js asks the instance once it is there. The rules and
// rows: context.rule() and context.row(), read from the package on first use.
export default null;
