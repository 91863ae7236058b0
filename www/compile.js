// Starts compiling the form's checker's wasm (pkg/form/) as soon as the page is parsed: index.html runs this module on
// its own, before app.js and its modules have arrived, so the compile overlaps their download.
// lifecycle.js imports the same module (one module record per page) and awaits `compiled`.
const url = new URL('../pkg/form/nianbao_form_bg.wasm', import.meta.url);

async function compile() {
  try {
    return await WebAssembly.compileStreaming(fetch(url));
  } catch {
    // A server that does not send application/wasm: compile from the bytes instead.
    return WebAssembly.compile(await (await fetch(url)).arrayBuffer());
  }
}

/** The compiled checker module (a promise). */
export const compiled = compile();
