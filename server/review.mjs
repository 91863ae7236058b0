// The review area: /review/login, /review (the latest submission of every issuer and year, and a
// form to check a published report), /review/report/<id> (one version with its history),
// /review/check and /review/logout. Every page but the login needs a session.
import { send, sendHtml, redirect, readBodyOrAnswer, mediaType } from './http.mjs';
import { page, esc, when } from './pages.mjs';
import { renderReport } from '../lib/review/render.mjs';
import { readDropped } from './read-report.mjs';
import { judge } from './judge.mjs';
import { sameOrigin, tokenMatches } from './auth.mjs';

// A published PDF with its scans can be large; a form post is tiny.
const MAX_UPLOAD = 20 * 1024 * 1024;
const MAX_FORM = 8 * 1024;

const loginPage = (message = '', name = '') => page({
  title: '登录',
  body: `${message ? `<p class="problem" role="alert">${esc(message)}</p>` : ''}
<form method="post" action="/review/login">
  <label for="name">用户名</label><input type="text" id="name" name="name" autocomplete="username" required value="${esc(name)}">
  <label for="password">密码</label><input type="password" id="password" name="password" autocomplete="current-password" required>
  <p><button type="submit">登录</button></p>
</form>`,
});

const dropForm = (session) => `<h2 id="check">核对已公开的年报</h2>
<form method="post" action="/review/check" enctype="multipart/form-data">
  <input type="hidden" name="csrf" value="${esc(session.csrf)}">
  <label for="report-file">年报文件（PDF、Word、HTML、JSON 或文本；可拖放到此处）</label>
  <input type="file" id="report-file" name="report" required accept=".pdf,.docx,.doc,.html,.htm,.json,.txt,.md">
  <p><button type="submit">核对</button></p>
</form>`;

function listPage(storage, session) {
  const rows = storage.listLatest().map((s) => `<tr>
<th scope="row"><a href="/review/report/${esc(s.id)}">${esc(s.issuer || '（未填单位）')}</a></th><td>${esc(s.year)}</td>
<td><time datetime="${esc(s.receivedAt)}">${esc(when(s.receivedAt))}</time></td>
<td class="n">${s.errors}</td><td class="n">${s.warnings}</td><td class="n">${s.explained}</td><td class="n">${s.versions}</td></tr>`);
  const table = rows.length === 0 ? '<p>还没有报送的年报。</p>' : `<table class="submissions">
<caption>每个单位每个年度最新的一次报送（共 ${rows.length} 份）</caption>
<thead><tr><th scope="col">填报单位</th><th scope="col">年度</th><th scope="col">报送时间</th><th scope="col">错误</th>
<th scope="col">提醒</th><th scope="col">已说明原因的提醒</th><th scope="col">版本数</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`;
  return page({ title: '报送的年报', session, body: `${table}\n${dropForm(session)}` });
}

function reportPage(storage, session, id) {
  const s = storage.get(id);
  if (!s) return null;
  const history = storage.history(s.issuerKey, s.year).map((v) => `<tr${v.id === s.id ? ' aria-current="true"' : ''}>
<th scope="row">${v.id === s.id ? `第 ${v.version} 版（本页）` : `<a href="/review/report/${esc(v.id)}">第 ${v.version} 版</a>`}</th>
<td><time datetime="${esc(v.receivedAt)}">${esc(when(v.receivedAt))}</time></td>
<td class="n">${v.errors}</td><td class="n">${v.warnings}</td><td class="n">${v.explained}</td></tr>`);
  const previous = s.previousId
    ? `<p>跨年核对所用的上年年报：<a href="/review/report/${esc(s.previousId)}">${esc(s.previousId)}</a></p>`
    : '<p>报送时服务器上没有该单位的上年年报，未做跨年核对。</p>';
  return page({
    title: `${s.issuer} ${s.year} 年度`,
    session,
    body: `<p>编号 ${esc(s.id)}，第 ${s.version} 版，<time datetime="${esc(s.receivedAt)}">${esc(when(s.receivedAt))}</time> 接收。
<a href="/api/reports/${esc(s.id)}" download="${esc(s.id)}.json">下载 JSON</a></p>
${previous}
<table class="history"><caption>报送历史</caption>
<thead><tr><th scope="col">版本</th><th scope="col">报送时间</th><th scope="col">错误</th><th scope="col">提醒</th><th scope="col">已说明原因的提醒</th></tr></thead>
<tbody>
${history.join('\n')}
</tbody></table>
${renderReport(s.report, s.result, { headingTag: 'h2' })}`,
  });
}

/** Checks a dropped file; the answer is a page, with the reason when the file cannot be read. */
async function checkDropped(req, res, { storage }, session) {
  if (mediaType(req) !== 'multipart/form-data') return sendHtml(res, 415, page({ title: '无法核对', session, body: '<p class="problem" role="alert">请用本页的表单上传文件。</p>' }));
  const raw = await readBodyOrAnswer(req, res, MAX_UPLOAD);
  if (raw === null) return;
  let form;
  try {
    form = await new Response(raw, { headers: { 'content-type': req.headers['content-type'] } }).formData();
  } catch {
    return sendHtml(res, 400, page({ title: '无法核对', session, body: '<p class="problem" role="alert">上传的表单无法读取，请重新选择文件。</p>' }));
  }
  if (!tokenMatches(form.get('csrf'), session.csrf)) return forbidden(res);
  const file = form.get('report');
  if (!file || typeof file === 'string' || file.size === 0) {
    return sendHtml(res, 400, page({ title: '无法核对', session, body: `<p class="problem" role="alert">没有选择文件，或文件是空的。</p>${dropForm(session)}` }));
  }
  let read;
  let judged;
  try {
    read = await readDropped(new Uint8Array(await file.arrayBuffer()), file.name);
    judged = judge(typeof read.report === 'string' ? read.report : JSON.stringify(read.report), (key, year) => storage.latest(key, year), read.unread ?? []);
  } catch (err) {
    return sendHtml(res, 422, page({ title: '无法核对', session, body: `<p class="problem" role="alert">无法读取“${esc(file.name)}”：${esc(err.message ?? err)}</p>${dropForm(session)}` }));
  }
  const notes = [
    ...(read.notes ?? []).map((n) => esc(typeof n === 'string' ? n : n.message ?? JSON.stringify(n))),
    ...(read.missing_rows ?? []).map((r) => `未找到这一行：${esc(r)}（其单元格未读入，相关核对无法进行）`),
    ...(read.matched ?? []).map((m) => `第 ${esc(m.line)} 行的「${esc(m.label)}」按 ${esc(m.row)} 读入（${m.how === 'near' ? '近似' : '另一种写法'}）`),
    ...(read.unplaced ?? []).map((u) => `未能放入表格的数字：${esc(typeof u === 'string' ? u : JSON.stringify(u))}`),
  ];
  const previous = judged.previous
    ? `<p>跨年核对所用的上年年报：<a href="/review/report/${esc(judged.previous.id)}">${esc(judged.previous.id)}</a></p>` : '';
  sendHtml(res, 200, page({
    title: `核对：${file.name}`,
    session,
    body: `<p>${esc(judged.issuer || '（未写明发布机关）')} ${esc(judged.year || '')} 年度 · 读取方式：${esc(read.format ?? '')}。此次核对不保存。</p>
${notes.length ? `<ul class="notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul>` : ''}
${previous}
${renderReport(judged.canonical, judged.result, { headingTag: 'h2' })}
${dropForm(session)}`,
  }));
}

const forbidden = (res) => sendHtml(res, 403, page({ title: '请求被拒绝', body: '<p class="problem" role="alert">此请求不是从本站的页面发出的，已拒绝。请回到<a href="/review">审核区</a>重试。</p>' }));

const ROUTES = new Set(['/review', '/review/', '/review/login', '/review/logout', '/review/check']);

/** Answers a request for the review area; false when the path is not one of its pages. */
export async function handleReview(req, res, ctx, url) {
  const path = url.pathname;
  const reportId = /^\/review\/report\/([^/]+)$/.exec(path)?.[1];
  if (!ROUTES.has(path) && reportId === undefined) return false; // /review/review.css and the like: static
  const reading = req.method === 'GET' || req.method === 'HEAD';
  if (!reading && req.method !== 'POST') {
    send(res, 405, { ok: false, error: 'method_not_allowed' }, { Allow: 'GET, HEAD, POST' });
    return true;
  }
  // Cross-site POSTs are refused before anything else is read (SameSite=Strict already keeps the
  // cookie off them; this also covers the login form, which has no session yet).
  if (!reading && !sameOrigin(req)) return forbidden(res), true;
  const session = ctx.auth.session(req);

  if (path === '/review/login') {
    if (reading) return session ? redirect(res, '/review') : sendHtml(res, 200, loginPage()), true;
    if (mediaType(req) !== 'application/x-www-form-urlencoded') return sendHtml(res, 415, loginPage('请用登录表单登录。')), true;
    const raw = await readBodyOrAnswer(req, res, MAX_FORM);
    if (raw === null) return true;
    const form = new URLSearchParams(raw.toString('utf8'));
    const name = (form.get('name') ?? '').trim();
    const outcome = await ctx.auth.login(req, name, form.get('password') ?? '');
    if (outcome.retryAfter) {
      sendHtml(res, 429, loginPage(`登录失败次数过多，请 ${Math.ceil(outcome.retryAfter / 60)} 分钟后再试。`, name),
        { 'Retry-After': String(outcome.retryAfter) });
    } else if (!outcome.cookie) {
      sendHtml(res, 401, loginPage('用户名或密码不正确。', name));
    } else {
      redirect(res, '/review', { 'Set-Cookie': outcome.cookie });
    }
    return true;
  }

  if (!session) {
    if (reading) redirect(res, '/review/login');
    else sendHtml(res, 401, loginPage('登录已过期，请重新登录。'));
    return true;
  }
  if (path === '/review/logout') {
    if (reading) return redirect(res, '/review'), true;
    const raw = await readBodyOrAnswer(req, res, MAX_FORM);
    if (raw === null) return true;
    if (!tokenMatches(new URLSearchParams(raw.toString('utf8')).get('csrf'), session.csrf)) return forbidden(res), true;
    redirect(res, '/review/login', { 'Set-Cookie': ctx.auth.logout(req) });
    return true;
  }
  if (path === '/review/check') {
    if (reading) return redirect(res, '/review#check'), true;
    await checkDropped(req, res, ctx, session);
    return true;
  }
  if (!reading) {
    send(res, 405, { ok: false, error: 'method_not_allowed' }, { Allow: 'GET, HEAD' });
    return true;
  }
  if (reportId !== undefined) {
    let id;
    try { id = decodeURIComponent(reportId); } catch { id = ''; }
    const html = reportPage(ctx.storage, session, id);
    if (html) sendHtml(res, 200, html);
    else sendHtml(res, 404, page({ title: '没有这份年报', session, body: '<p><a href="/review">回到全部报送</a></p>' }));
    return true;
  }
  sendHtml(res, 200, listPage(ctx.storage, session));
  return true;
}
