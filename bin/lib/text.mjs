// Text the command line itself prints; findings and import reasons carry their own zh / en.
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const TEXT = {
  zh: {
    severity: { error: '错误：', warning: '警告：' },
    verdict: (r) =>
      r.errors ? `未通过：${r.errors} 个错误，${r.warnings} 个警告`
      : r.warnings ? `通过，但有 ${r.warnings} 个警告需要确认`
      : '通过：没有错误，没有警告',
    likely: '最可能填错的单元格：',
    several: (n) => `有 ${n} 种同样小的改法，无法判断哪一种是对的：`,
    unplaced: (u) => `第 ${u.line} 行的「${u.text}」未能归位：${u.reason}`,
    missingRow: (id, label) => `未找到「${label}」一行（${id}），其单元格留空`,
    followed: (url) => `网页上没有年报表格，已改读其链接的年报附件：${url}`,
    matched: (m, label) => `第 ${m.line} 行的「${m.label}」${m.how === 'near' ? '与' : '是'}「${label}」（${m.row}）${m.how === 'near' ? '相近，按该行读入' : '的另一种写法，按该行读入'}`,
    split: (s) => `第 ${s.line} 行的数字串「${s.text}」只有一种拆法满足合计，读作 ${s.values.join(' ')}（${s.rows.join('、')}）`,
    previous: (p) => `对比上年年报：${p.file}`,
    mismatch: (p, r) => `注意：上年年报是「${p.issuer ?? '?'}」${p.year ?? '?'} 年的，本报告是「${r.issuer ?? '?'}」${r.year ?? '?'} 年的`,
    noPrevious: (r) => `未找到「${r.issuer ?? '?'}」${r.year ? r.year - 1 : '?'} 年的年报，未作跨年检查`,
    summary: (s) =>
      `共 ${s.files} 个文件：${s.errors} 个有错误，${s.warnings} 个有警告` +
      (s.unreadable ? `，${s.unreadable} 个无法读取` : '') + '。',
    topRules: (top) => `最常见的规则：${top.map(([rule, n]) => `${rule}（${n}）`).join('，')}`,
  },
  en: {
    severity: { error: 'error: ', warning: 'warning: ' },
    verdict: (r) =>
      r.errors ? `FAILED: ${plural(r.errors, 'error')}, ${plural(r.warnings, 'warning')}`
      : r.warnings ? `passed, but ${plural(r.warnings, 'warning')} to confirm`
      : 'passed: no errors, no warnings',
    likely: 'Most likely wrong: ',
    several: (n) => `${n} equally small corrections exist; which one is right cannot be told:`,
    unplaced: (u) => `line ${u.line}, “${u.text}” not placed: ${u.reason_en}`,
    missingRow: (id, label) => `row “${label}” (${id}) not found; its cells are left blank`,
    followed: (url) => `the page holds no report tables; read the report's attachment it links to: ${url}`,
    matched: (m, label) => `line ${m.line}, “${m.label}” read as “${label}” (${m.row}): ${m.how === 'near' ? 'a near match' : 'a known variant'}`,
    split: (s) => `line ${s.line}, the digit string “${s.text}” splits one way only that adds up: read as ${s.values.join(' ')} (${s.rows.join(', ')})`,
    previous: (p) => `compared with last year's report: ${p.file}`,
    mismatch: (p, r) => `note: last year's report is ${p.issuer ?? '?'} ${p.year ?? '?'}, this one is ${r.issuer ?? '?'} ${r.year ?? '?'}`,
    noPrevious: (r) => `no report of ${r.issuer ?? '?'} for ${r.year ? r.year - 1 : '?'} found: not checked against last year`,
    summary: (s) =>
      `${plural(s.files, 'file')} checked: ${s.errors} with errors, ${s.warnings} with warnings` +
      (s.unreadable ? `, ${s.unreadable} could not be read` : '') + '.',
    topRules: (top) => `Most frequent rules: ${top.map(([rule, n]) => `${rule} (${n})`).join(', ')}`,
  },
};

// Row labels are schema().rows' full labels (「（三）不予公开 1.属于国家秘密」), and a group's label for
// a group printed as one row (`requests.other`); loaded only when an import missed or matched a row:
// checking JSON then never compiles the wasm on the main thread.
let labels;
export async function rowLabel(id, lang) {
  if (!labels) {
    const { schema } = await import('nianbao');
    const { rows, tables } = schema();
    const groups = tables.flatMap((t) => t.row_groups.map((g) => ({ id: `${t.key}.${g.key}`, label: g.label, label_en: g.label_en })));
    labels = new Map([...rows, ...groups].map((row) => [row.id, { zh: row.label, en: row.label_en }]));
  }
  return labels.get(id)?.[lang] ?? id;
}
