// Last year's report, fetched from the collecting server once the clerk has filled in issuer and
// year, for the cross-year checks. It is set through ctx.report.setPrevious as the served JSON text
// (the Checker reads it, so numbers stay exact) with its source — issuer, year, id, version,
// received — which previous.js shows in #previous-status. A report the clerk loaded from a file
// wins: the server's is not fetched over it until the clerk removes it. The page may be served
// without the API (a portal embedding www/): a failed fetch only says so, quietly.
//
// init(root = the form, ctx): asks `GET <form action>?issuer=…&year=…` once per issuer and year,
// when either field changes and whenever another report is put in the form (the draft at start,
// an import); a newer question aborts an older one.

export function init(root, ctx) {
  const endpoint = root.getAttribute('action'); // where the form submits; GET there finds one report
  const fileWins = () => ctx.report.previous && ctx.report.previousSource?.from === 'file';
  let asked = null; // "issuer\u0000year" last asked for
  let controller = null;

  async function refresh() {
    const { issuer, year } = ctx.report.report();
    const name = String(issuer ?? '').trim();
    if (!name || !/^\d{4}$/.test(String(year ?? '')) || fileWins()) return;
    const words = { issuer: name, year: String(Number(year) - 1) };
    const key = `${words.issuer}\u0000${words.year}`;
    if (key === asked) return;
    asked = key;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    if (!ctx.report.previous) {
      ctx.report.previousSource = { from: 'server', asking: true, ...words };
      ctx.redraw();
    }
    let text = null;
    let source;
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams(words)}`, { signal, headers: { Accept: 'application/json' } });
      // The API's 404 is a JSON problem; a static host's (no API behind the page) is not.
      if (res.status === 404 && /json/.test(res.headers.get('Content-Type') ?? '')) {
        source = { from: 'server', found: false, ...words };
      } else if (!res.ok) {
        throw new Error(`HTTP ${res.status}`);
      } else {
        text = await res.text();
        source = {
          from: 'server',
          ...words,
          id: res.headers.get('X-Nianbao-Id'),
          version: Number(res.headers.get('X-Nianbao-Version')),
          receivedAt: res.headers.get('X-Nianbao-Received-At'),
        };
      }
    } catch {
      if (signal.aborted) return;
      asked = null; // ask again on the next change
      if (!ctx.report.previous) ctx.report.previousSource = { from: 'server', failed: true, ...words };
      ctx.redraw();
      return;
    }
    if (signal.aborted || fileWins()) return;
    try {
      ctx.report.setPrevious(text, source);
    } catch {
      // Not a report the package can hold: as if the server could not be asked.
      ctx.report.setPrevious(null, { from: 'server', failed: true, ...words });
    }
    ctx.redraw();
  }

  const soon = () => { Promise.resolve().then(refresh); }; // after the change in hand is drawn
  for (const id of ['issuer', 'year']) root.querySelector(`#${id}`).addEventListener('change', soon);
  ctx.on('replaced', soon);
  // The clerk removed the file they loaded: the server's report may be used again.
  let seen = ctx.report.previousSource;
  ctx.on('draw', () => {
    const now = ctx.report.previousSource;
    if (seen?.from === 'file' && !now) {
      asked = null;
      soon();
    }
    seen = now;
  });
}
