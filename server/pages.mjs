// The review area's HTML shell: escaped text only, the stylesheet as a file (the CSP allows no
// inline style or script), and the signed-in reviewer's sign-out form.
export const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => ({
  '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
})[c]);

/** A whole page. `session`: `{ reviewer, csrf }` when signed in (adds the navigation). */
export function page({ title, body, session = null }) {
  const nav = session ? `<nav aria-label="审核区">
  <a href="/review">全部报送</a> · <a href="/review#check">核对已公开的年报</a>
  <form method="post" action="/review/logout" class="inline">
    <input type="hidden" name="csrf" value="${esc(session.csrf)}">
    <span>${esc(session.reviewer)}</span> <button type="submit">退出登录</button>
  </form>
</nav>` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · 年报审核</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/lib/review/page.css">
<link rel="stylesheet" href="/review/review.css">
</head>
<body>
<header><p class="brand">政府信息公开工作年度报告 · 审核区</p>${nav}</header>
<main id="main">
<h1>${esc(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

/** Local date and time of an ISO timestamp, as reviewers in China read it. */
export const when = (iso) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
