// Fetches a report published at an http(s) URL, for check and import: bounded in time (one
// deadline for the whole answer, redirects included), in size (the body is counted as it comes
// and abandoned past the limit) and in redirects. Each failure is an Error whose message says
// what went wrong (DNS, refused, timed out, HTTP status, too large), so the run can report it
// and go on. Nothing fetched is run; a page only ever leads to one more fetch: its attachment.

export const FETCH_DEFAULTS = { timeout: 20_000, maxBytes: 50 * 1024 * 1024, maxRedirects: 5 };

export const isUrl = (arg) => /^[a-z][a-z0-9+.-]*:\/\//i.test(arg);

/** The URL, or an Error saying why it is not one this reads (only http and https). */
export function parseUrl(text) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`only http and https URLs are read, not ${url.protocol.replace(/:$/, '')}`);
  }
  return url;
}

const mb = (n) => `${Math.round((n / 1048576) * 10) / 10} MB`;

// Why a request failed, from the cause undici gives (fetch itself says only "fetch failed").
function reason(err, url, timeout) {
  if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no complete answer within ${timeout / 1000} s (timed out)`;
  const cause = err.cause ?? err;
  switch (cause.code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host ${url.hostname} cannot be found (DNS)`;
    case 'ECONNREFUSED':
      return `the connection to ${url.host} was refused`;
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
      return `the connection to ${url.host} was closed before the answer was complete`;
    default:
      return cause.message ?? String(cause);
  }
}

async function body(response, maxBytes) {
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new Error(`the answer is ${mb(declared)}, over the limit of ${mb(maxBytes)}: not a report`);
  }
  const chunks = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw new Error(`the answer is over the limit of ${mb(maxBytes)}: not a report; stopped reading`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * GETs `address`, following at most maxRedirects redirects (to http(s) only). Resolves to
 * { url (the final one), bytes, contentType }; rejects with an Error giving the reason.
 */
export async function fetchUrl(address, options = {}) {
  const { timeout, maxBytes, maxRedirects } = { ...FETCH_DEFAULTS, ...options };
  let url = parseUrl(String(address));
  const signal = AbortSignal.timeout(timeout);
  for (let hops = 0; ; hops++) {
    let response;
    try {
      response = await fetch(url, { redirect: 'manual', signal, headers: { accept: 'text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.5' } });
    } catch (err) {
      throw new Error(reason(err, url, timeout));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hops >= maxRedirects) throw new Error(`more than ${maxRedirects} redirects (last to ${location})`);
      try {
        url = parseUrl(new URL(location, url).href);
      } catch (err) {
        throw new Error(`redirected to ${location}: ${err.message}`);
      }
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
    }
    try {
      return { url: url.href, bytes: await body(response, maxBytes), contentType: response.headers.get('content-type') ?? '' };
    } catch (err) {
      if (err.message.startsWith('the answer is')) throw err;
      throw new Error(reason(err, url, timeout));
    }
  }
}

/** The charset a Content-Type header names (gbk, utf-8, …), or null. */
export function headerCharset(contentType) {
  const m = /;\s*charset\s*=\s*"?([\w.:-]+)/i.exec(contentType);
  return m ? m[1].toLowerCase() : null;
}

const ATTACHMENT = /\.(?:pdf|docx?)$/i;
const NAMES_REPORT = /年度报告|年报/;

/**
 * The attachment of the report a page links to: among its links to a .pdf, .docx or .doc, the
 * one whose text or URL names 年度报告/年报 (the first of them), else the only attachment.
 * Returns its absolute URL, or null.
 */
export async function attachmentLink(html, base) {
  const { Parser } = await import('htmlparser2');
  const links = [];
  let open = null;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'a' && attrs.href) open = { href: attrs.href, text: '' };
    },
    ontext(text) {
      if (open) open.text += text;
    },
    onclosetag(name) {
      if (name === 'a' && open) links.push(open), (open = null);
    },
  }, { decodeEntities: true });
  parser.end(html);
  const attachments = [];
  for (const { href, text } of links) {
    let url;
    try {
      url = new URL(href.trim(), base);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !ATTACHMENT.test(url.pathname)) continue;
    let path = url.pathname;
    try { path = decodeURIComponent(path); } catch { /* as it is */ }
    attachments.push({ url: url.href, named: NAMES_REPORT.test(text) || NAMES_REPORT.test(path) });
  }
  const unique = [...new Map(attachments.map((a) => [a.url, a])).values()];
  return (unique.find((a) => a.named) ?? (unique.length === 1 ? unique[0] : null))?.url ?? null;
}
