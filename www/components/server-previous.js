// Last year's report, fetched from the collecting server once the clerk has filled in issuer and
// year, for the cross-year checks; the component says where it came from. A report loaded from a
// file stays possible: the form tells the component (keepFile) and it then leaves it alone.
//
//   init(root, {
//     read: () => ({ issuer, year }),        // what the clerk has typed
//     setPrevious: (report, source) => {},   // report: parsed JSON, or null to forget the server's
//     keepFile: () => false,                 // true while a file the clerk loaded is in use
//     watch: form,                           // where 'change' events come from (default: root's document)
//     lang: () => 'zh',                      // 'zh' or 'en'
//     endpoint: '/api/reports',
//   }) → { refresh(), destroy() }
//
// `source` is { from: 'server', id, issuer, year, version, receivedAt, url } (or { from: 'server',
// found: false, issuer, year } when forgetting). The server matches issuers by issuerKey.

const TEXT = {
  zh: {
    found: (s) => `已从服务器取得${s.issuer}${s.year} 年度年报（编号 ${s.id}，第 ${s.version} 版，${day(s.receivedAt)} 接收），用于跨年核对。`,
    missing: (issuer, year) => `服务器上没有“${issuer}”${year} 年度的年报；可以从文件载入上年年报。`,
    failed: (why) => `无法从服务器取得上年年报（${why}）；可以从文件载入。`,
    loading: (year) => `正在从服务器查找 ${year} 年度的年报……`,
  },
  en: {
    found: (s) => `Last year's report (${s.issuer}, ${s.year}) came from the server: ${s.id}, version ${s.version}, received ${day(s.receivedAt)}. It is used for the cross-year checks.`,
    missing: (issuer, year) => `The server has no ${year} report of “${issuer}”; you can load last year's report from a file.`,
    failed: (why) => `Last year's report could not be fetched from the server (${why}); you can load it from a file.`,
    loading: (year) => `Looking for the ${year} report on the server…`,
  },
};

const day = (iso) => String(iso ?? '').slice(0, 10);

export function init(root, context) {
  const { read, setPrevious, keepFile = () => false, lang = () => 'zh', endpoint = '/api/reports' } = context;
  const watch = context.watch ?? root.ownerDocument;
  let asked = null;      // "issuer\u0000year" last asked for
  let fromServer = false; // whether the previous report in use is the server's
  let controller = null;
  const say = (text) => { root.textContent = text; };
  const words = () => TEXT[lang() === 'en' ? 'en' : 'zh'];

  async function refresh() {
    const { issuer = '', year = '' } = read() ?? {};
    const name = String(issuer).trim();
    const current = String(year).trim();
    if (!name || !/^\d{4}$/.test(current) || keepFile()) return;
    const last = String(Number(current) - 1);
    const key = `${name}\u0000${last}`;
    if (key === asked) return;
    asked = key;
    controller?.abort();
    controller = new AbortController();
    const { signal } = controller;
    say(words().loading(last));
    try {
      const res = await fetch(`${endpoint}?${new URLSearchParams({ issuer: name, year: last })}`, { signal, headers: { Accept: 'application/json' } });
      if (signal.aborted) return;
      if (res.status === 404) {
        say(words().missing(name, last));
        if (fromServer) setPrevious(null, { from: 'server', found: false, issuer: name, year: last });
        fromServer = false;
        return;
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const report = await res.json();
      if (signal.aborted || keepFile()) return;
      const source = {
        from: 'server',
        id: res.headers.get('X-Nianbao-Id'),
        issuer: report.issuer ?? name,
        year: String(report.year ?? last),
        version: Number(res.headers.get('X-Nianbao-Version')),
        receivedAt: res.headers.get('X-Nianbao-Received-At'),
        url: res.headers.get('Content-Location'),
      };
      fromServer = true;
      setPrevious(report, source);
      say(words().found(source));
    } catch (err) {
      if (signal.aborted) return;
      asked = null; // ask again on the next change
      say(words().failed(err.message ?? String(err)));
    }
  }

  const onChange = () => { refresh(); };
  watch.addEventListener('change', onChange);
  refresh();
  return {
    refresh,
    destroy() {
      controller?.abort();
      watch.removeEventListener('change', onChange);
    },
  };
}
