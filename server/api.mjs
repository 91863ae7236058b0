// The JSON API: POST /api/reports (check and keep), GET /api/reports?issuer=…&year=… (the latest
// accepted report), GET /api/reports/<id> (one version), GET /api/submissions (reviewers only).
import { issuerKey } from 'nianbao';
import { MAX_BODY, send, sendJsonText, problem, readBodyOrAnswer, mediaType } from './http.mjs';
import { judge } from './judge.mjs';

const noReport = (res) => send(res, 404, problem('not_found', '没有这份年报。', 'No such report.'));

/** Where a stored report came from, in headers beside its exact text. */
const provenance = (s) => ({
  'Content-Location': `/api/reports/${s.id}`,
  'Last-Modified': new Date(s.receivedAt).toUTCString(),
  'X-Nianbao-Id': s.id,
  'X-Nianbao-Version': String(s.version),
  'X-Nianbao-Received-At': s.receivedAt,
});

const plural = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const badJson = (reason) => problem('bad_json', `不是有效的 JSON：${reason}`, `Not valid JSON: ${reason}`);

/**
 * The body as a report's JSON text, or the problem to answer with. Only a body that is not an
 * object is parsed here, to tell bad JSON from JSON that is no report; an object is left to the
 * core, which reads the text itself, so no number goes through a float.
 */
function reportText(raw) {
  let text;
  try {
    text = utf8.decode(raw);
  } catch {
    return { problem: badJson('the body is not UTF-8 text') };
  }
  // JSON text has no byte-order mark (RFC 8259 §8.1); the core would skip one, so it is refused here.
  if (text.startsWith('\uFEFF')) return { problem: badJson('the body starts with a byte-order mark (U+FEFF)') };
  if (text.trimStart().startsWith('{')) return { text };
  try {
    JSON.parse(text);
  } catch (err) {
    return { problem: badJson(err.message) };
  }
  return { problem: problem('not_a_report', '年报应为一个 JSON 对象。', 'A report is a JSON object.') };
}

/** What the core's refusal to read a report means for the client. */
function unreadableReport(err) {
  const message = String(err?.message ?? err);
  // JSON nested thousands deep exhausts the JS stack on its way into the core.
  if (/call stack/i.test(message)) return problem('not_a_report', '年报嵌套过深，无法读取。', 'The report is nested too deeply to be read.');
  // The core names what is wrong: "the report is not valid JSON: <the parser's reason>".
  const syntax = /not valid JSON: ([\s\S]*)/.exec(message);
  if (syntax) return badJson(syntax[1]);
  return problem('not_a_report', `无法读取此年报：${message}`, `This report cannot be read: ${message}`);
}

async function postReport(req, res, { storage }) {
  if (mediaType(req) !== 'application/json') {
    return send(res, 415, problem('unsupported_media_type',
      '请以 JSON 提交年报（Content-Type: application/json）。',
      'Send the report as JSON (Content-Type: application/json).'), { Accept: 'application/json' });
  }
  const raw = await readBodyOrAnswer(req, res, MAX_BODY);
  if (raw === null) return;
  const { text, problem: unreadable } = reportText(raw);
  if (unreadable) return send(res, 400, unreadable);
  let judged;
  try {
    judged = judge(text, (key, year) => storage.latest(key, year));
  } catch (err) {
    return send(res, 400, unreadableReport(err));
  }
  const { result, unexplained, canonical, previous } = judged;
  const previousUsed = previous && { id: previous.id, issuer: previous.issuer, year: previous.year, version: previous.version };
  if (!result.ok || unexplained.length > 0) {
    return send(res, 422, {
      ok: false,
      error: 'report_has_problems',
      message: result.ok
        ? `年报有 ${unexplained.length} 条提醒未填写原因，未接收。`
        : `年报有 ${result.errors} 处错误，未接收。`,
      message_en: result.ok
        ? `${plural(unexplained.length, 'warning has', 'warnings have')} no reason; the report was not accepted.`
        : `The report has ${plural(result.errors, 'error')} and was not accepted.`,
      errors: result.errors,
      warnings: result.warnings,
      findings: result.findings,
      suggestions: result.suggestions,
      unexplained: unexplained.map((f) => f.id),
      previous: previousUsed,
    });
  }
  // Committed (fsynced) when putSubmission returns: only then the 201.
  const stored = storage.putSubmission({
    issuerKey: judged.issuerKey,
    issuer: judged.issuer,
    year: judged.year,
    report: canonical,
    result,
    errors: result.errors,
    warnings: result.warnings,
    explained: result.warnings - unexplained.length,
    previousId: previous?.id ?? null,
  });
  const { id, version } = stored;
  send(res, 201, {
    ok: true,
    id,
    version,
    message: `已接收，编号 ${id}${version > 1 ? `（第 ${version} 版）` : ''}。`,
    message_en: `Accepted as ${id}${version > 1 ? ` (version ${version})` : ''}.`,
    warnings: result.warnings,
    findings: result.findings,
    previous: previousUsed,
  }, { Location: `/api/reports/${id}` });
}

function getLatest(req, res, { storage }, params) {
  const issuer = params.get('issuer') ?? '';
  const year = (params.get('year') ?? '').trim();
  if (!issuer.trim() || !/^\d{4}$/.test(year)) {
    return send(res, 400, problem('bad_query', '请给出 issuer（填报单位）和四位数的 year（年度）。',
      'Give issuer (the reporting agency) and a four-digit year.'));
  }
  const latest = storage.latest(issuerKey(issuer), year);
  if (!latest) {
    return send(res, 404, problem('not_found', `服务器上没有“${issuer}”${year} 年度的年报。`,
      `The server has no ${year} report of “${issuer}”.`));
  }
  sendJsonText(res, 200, latest.report, provenance(latest));
}

function getReport(req, res, { storage }, id) {
  if (!/^[0-9a-z]+-\d{8}T\d{6}-[0-9a-f]{8}$/.test(id)) return noReport(res);
  const found = storage.get(id);
  if (!found) return noReport(res);
  sendJsonText(res, 200, found.report, provenance(found));
}

const methodNotAllowed = (res, allow) => send(res, 405,
  problem('method_not_allowed', `只接受 ${allow.split(',')[0]}。`, `Only ${allow.split(',')[0]} is accepted.`), { Allow: allow });

/** Answers a request under /api/; false when the path is not one of these. */
export async function handleApi(req, res, ctx, url) {
  const path = url.pathname;
  const reading = req.method === 'GET' || req.method === 'HEAD';
  if (path === '/api/reports' || path === '/api/reports/') {
    if (req.method === 'POST') return await postReport(req, res, ctx), true;
    // The form's question for last year's report: with issuer and year, GET finds it.
    if (reading && url.searchParams.size > 0) return getLatest(req, res, ctx, url.searchParams), true;
    return methodNotAllowed(res, 'POST'), true;
  }
  if (path.startsWith('/api/reports/')) {
    if (reading) return getReport(req, res, ctx, path.slice('/api/reports/'.length)), true;
    return methodNotAllowed(res, 'GET, HEAD'), true;
  }
  if (path === '/api/submissions') {
    if (!reading) return methodNotAllowed(res, 'GET, HEAD'), true;
    if (!ctx.auth.session(req)) {
      send(res, 401, problem('unauthorized', '请先登录审核区。', 'Sign in to the review area first.'),
        { 'WWW-Authenticate': 'Cookie realm="review"' });
      return true;
    }
    send(res, 200, { ok: true, submissions: ctx.storage.listLatest() });
    return true;
  }
  return false;
}
