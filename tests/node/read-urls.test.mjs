// `nianbao check URL…`, `nianbao import URL` and `check --urls FILE` against a local HTTP server
// (127.0.0.1, a free port) serving the committed fixtures the ways government sites do: the report
// inline, a notice page linking to the PDF attachment, GBK with the charset only in the header, a
// redirect — and the failures each reported with its reason while the run goes on: 404, a stalled
// answer (timeout), an oversized body, too many redirects, a host that does not resolve.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { schema } from 'nianbao';
import { attachmentLink } from '../../bin/lib/fetch.mjs';

const BIN = fileURLToPath(new URL('../../bin/nianbao.mjs', import.meta.url));
const data = (name) => readFileSync(fileURLToPath(new URL(`../data/${name}`, import.meta.url)));
const CLEAN = JSON.parse(data('longde-2024.json'));
const at = (report, id) => id.split('.').reduce((o, k) => o?.[k], report);
const wrongCells = (report) => schema().cells.map((c) => c.id).filter((id) => String(at(report, id)) !== String(at(CLEAN, id)));

// Asynchronous: the server answering these requests runs in this process.
function run(...args) {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 60_000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? err.code : 0, stdout, stderr });
    });
  });
}

const gbk = data('files/longde-2024.gbk.html');
const gbkMeta = /<meta http-equiv="Content-Type" content="text\/html; charset=gbk" \/>/;
const gbkNoMeta = Buffer.from(gbk.toString('latin1').replace(gbkMeta, ''), 'latin1');
const gbkWrongMeta = Buffer.from(gbk.toString('latin1').replace(gbkMeta, '<meta charset="utf-8">'), 'latin1');
const NOTICE = `<!doctype html><html><head><meta charset="utf-8"><title>隆德县2024年政府信息公开工作年度报告</title></head>
<body><nav><a href="/">首页</a> <a href="/gk/">政府信息公开</a></nav>
<h1>隆德县2024年政府信息公开工作年度报告</h1><p>发布日期：2025-01-20 来源：县政府办</p>
<p>附件：<a href="/forms/申请表.docx">政府信息公开申请表.docx</a></p>
<p><a href="files/%E9%9A%86%E5%BE%B72024%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.pdf">隆德县2024年政府信息公开工作年度报告.pdf</a></p>
</body></html>`;

const routes = {
  '/report.html': { type: 'text/html; charset=utf-8', body: data('files/longde-2024.mso.html') },
  '/notice.html': { type: 'text/html', body: Buffer.from(NOTICE) },
  '/files/隆德2024年度报告.pdf': { type: 'application/pdf', body: data('files/longde-2024.pdf') },
  '/report.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: data('files/longde-2024.docx') },
  '/gbk.html': { type: 'text/html; charset=GBK', body: gbkNoMeta },
  '/gbk-wrong-meta.html': { type: 'text/html; charset=gb2312', body: gbkWrongMeta },
  '/empty-notice.html': { type: 'text/html; charset=utf-8', body: Buffer.from('<html><body><p>本页暂无内容。</p></body></html>') },
};

let server;
let base;
const seen = [];
before(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    seen.push(path);
    if (routes[path]) {
      res.writeHead(200, { 'Content-Type': routes[path].type, 'Content-Length': routes[path].body.length });
      return res.end(routes[path].body);
    }
    if (path === '/moved') return res.writeHead(302, { Location: '/report.html' }).end();
    if (path === '/loop') return res.writeHead(302, { Location: '/loop' }).end();
    if (path === '/stall') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      return res.write('<html><body><p>'); // and never more
    }
    if (path === '/huge') {
      // No Content-Length: the limit must be enforced while reading.
      res.writeHead(200, { 'Content-Type': 'text/html' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const more = () => {
        while (sent < 8 * 1048576 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', more);
        }
        res.end();
      };
      return more();
    }
    if (path === '/huge-declared') {
      res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': 200 * 1048576 });
      return res.write('%PDF-1.7\n');
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${server.address().port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

test('import URL of a page with the report inline: every cell, exit 0', async () => {
  const r = await run('import', `${base}/report.html`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(wrongCells(JSON.parse(r.stdout)), []);
});

test('import URL of a notice page that only links to the PDF: the attachment is read, and the output says so', async () => {
  const r = await run('import', `${base}/notice.html`);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.deepEqual(wrongCells(report), []);
  assert.equal(report.issuer, '隆德县人民政府');
  assert.match(r.stderr, /已改读其链接的年报附件：http:\/\/127\.0\.0\.1:\d+\/files\/%E9%9A%86/);
  assert.ok(seen.includes('/files/隆德2024年度报告.pdf'));
  assert.ok(!seen.includes('/forms/申请表.docx'), 'the attachment that does not name the report is not fetched');
});

test('the attachment link: the one naming 年度报告/年报, else the only one, else none', async () => {
  const page = (links) => `<html><body>${links.map(([href, text]) => `<a href="${href}">${text}</a>`).join('')}</body></html>`;
  assert.equal(await attachmentLink(page([['a.docx', '申请表'], ['/x/2024nb.pdf', '2024年年报']]), 'http://h/p/'), 'http://h/x/2024nb.pdf');
  assert.equal(await attachmentLink(page([['a.docx', '申请表'], ['b.pdf', '附件']]), 'http://h/p/'), null, 'two unnamed: which is the report cannot be told');
  assert.equal(await attachmentLink(page([['only.pdf', '附件1']]), 'http://h/p/'), 'http://h/p/only.pdf');
  assert.equal(await attachmentLink(page([['/gk/年度报告.PDF?id=3', '下载']]), 'http://h/'), 'http://h/gk/%E5%B9%B4%E5%BA%A6%E6%8A%A5%E5%91%8A.PDF?id=3');
  assert.equal(await attachmentLink(page([['javascript:open("年报.pdf")', '年报'], ['x.html', '年报']]), 'http://h/'), null);
});

test('a GBK page with its charset only in the Content-Type header; the header wins over a wrong <meta>', async () => {
  for (const path of ['/gbk.html', '/gbk-wrong-meta.html']) {
    const r = await run('import', `${base}${path}`);
    assert.equal(r.code, 0, `${path}: ${r.stderr}`);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(wrongCells(report), [], path);
    assert.equal(report.issuer, '隆德县人民政府', path);
  }
});

test('a redirect is followed; a redirect loop stops with its reason', async () => {
  const r = await run('import', `${base}/moved`);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(wrongCells(JSON.parse(r.stdout)), []);
  const loop = await run('import', `${base}/loop`);
  assert.equal(loop.code, 2);
  assert.match(loop.stderr, /more than 5 redirects/);
});

test('each failure of import URL: exit 2 and the reason, naming the URL', async () => {
  const cases = [
    [['/missing'], /HTTP 404 Not Found/],
    [['/stall', '--timeout', '0.5'], /within 0\.5 s \(timed out\)/],
    [['/huge', '--max-size', '1'], /over the limit of 1 MB/],
    [['/huge-declared'], /the answer is 200 MB, over the limit of 50 MB/],
    [['/empty-notice.html'], /./],
  ];
  for (const [[path, ...options], reason] of cases) {
    const started = Date.now();
    const r = await run('import', `${base}${path}`, ...options);
    assert.equal(r.code, 2, path);
    assert.equal(r.stdout, '', path);
    assert.ok(r.stderr.startsWith(`nianbao: ${base}${path}: `), r.stderr);
    assert.match(r.stderr, reason, path);
    assert.ok(Date.now() - started < 15_000, `${path} took ${Date.now() - started} ms`);
  }
  const dns = await run('import', 'http://nianbao-no-such-host.invalid/report.html');
  assert.equal(dns.code, 2);
  assert.match(dns.stderr, /nianbao-no-such-host\.invalid cannot be found \(DNS\)/);
  const ftp = await run('import', 'ftp://127.0.0.1/report.pdf');
  assert.equal(ftp.code, 2);
  assert.match(ftp.stderr, /only http and https URLs are read, not ftp/);
});

test('check --urls FILE mixing good and bad: the good checked, each bad named with its reason, exit 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-urls-'));
  try {
    writeFileSync(join(dir, 'urls.txt'), [
      '# reports of 2024',
      `${base}/report.html`,
      '',
      `${base}/notice.html   # the notice page: the PDF is its attachment`,
      `${base}/missing`,
      `${base}/stall`,
      'not a url',
      `${base}/report.docx`,
    ].join('\n'));
    const r = await run('check', '--urls', join(dir, 'urls.txt'), `${base}/gbk.html`, '--timeout', '1', '--json', '--jobs', '2');
    assert.equal(r.code, 2, r.stderr);
    const results = JSON.parse(r.stdout);
    assert.deepEqual(results.map((x) => x.file), [`${base}/gbk.html`, `${base}/report.html`, `${base}/notice.html`, `${base}/report.docx`]);
    for (const x of results) {
      assert.equal(x.errors, 0, `${x.file}: ${JSON.stringify(x.findings)}`);
      assert.deepEqual(x.missing_rows, [], x.file);
    }
    assert.match(results[2].followed, /\/files\/%E9%9A%86.*\.pdf$/);
    assert.equal(results[0].followed, undefined);
    assert.match(r.stderr, new RegExp(`nianbao: ${base}/missing: HTTP 404`));
    assert.match(r.stderr, new RegExp(`nianbao: ${base}/stall: no complete answer within 1 s`));
    assert.match(r.stderr, /nianbao: not a url: not a URL/);

    // The text output: the attachment said, and the summary counts the three unreadable.
    const text = await run('check', '--urls', join(dir, 'urls.txt'), '--timeout', '1', '--lang', 'en');
    assert.equal(text.code, 2);
    assert.match(text.stdout, /notice\.html\n {2}passed.*\n {2}the page holds no report tables; read the report's attachment it links to: http/);
    assert.match(text.stdout, /6 files checked: 0 with errors, .*3 could not be read\./);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad --urls, --timeout and --max-size are usage errors', async () => {
  assert.match((await run('check', '--urls', '/no/such/list.txt')).stderr, /--urls \/no\/such\/list\.txt: no such file/);
  assert.match((await run('check', `${base}/report.html`, '--timeout', 'soon')).stderr, /--timeout is a number of seconds/);
  assert.match((await run('import', `${base}/report.html`, '--max-size', '0')).stderr, /--max-size is a number of MB/);
  assert.match((await run('import', '--urls', 'x.txt', `${base}/report.html`)).stderr, /--urls is an option of check/);
});
