// A progress bar on stderr, drawn only on a terminal: piped or redirected, stderr gets none of
// its carriage returns, so logs and test output stay clean.
export function progressBar(total, stream = process.stderr) {
  if (!stream.isTTY || total < 2) {
    return { tick() {}, print: (target, text) => target.write(text), clear() {} };
  }
  let done = 0;
  let last = 0; // when it was last drawn, ms
  let shown = false;
  const draw = () => {
    const filled = Math.round((30 * done) / total);
    stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(30 - filled)}] ${done}/${total}`);
    last = Date.now();
    shown = true;
  };
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  return {
    tick() {
      done++;
      // Redrawing for every one of thousands of reports would cost more than checking them.
      if (Date.now() - last >= 100 || done === total) draw();
    },
    // Text for the same terminal goes above the bar, never inside it; the bar is drawn again below.
    print(target, text) {
      if (!shown || !(target === stream || target.isTTY)) return target.write(text);
      clear();
      target.write(text);
      draw();
    },
    clear,
  };
}
