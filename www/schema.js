// The package's schema(), for drawing the form before the checker's .wasm has compiled. The form's
// bundle (scripts/bundle-form.mjs) replaces this module with schema()'s result, read from the
// package when the bundle is built (tests/node/preload.test.mjs holds the two equal); run unbundled,
// it is null and app.js asks the instance once it is there.
export default null;
