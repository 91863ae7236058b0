// A plain-JS implementation of the table rules (report-format.md §6, without text and cross-year),
// written for the benchmark as a baseline. It shares nothing with nianbao but the cell ids from
// schema(), and the benchmark checks that it returns the same findings before timing it.
// As a portal developer would write it: the equations and the cell index are built once
// (`baselineRules(schema)`), and each report costs only its own work.

const MAX_COUNT = 2147483647;
const FULL_WIDTH = /[０-９．，－＋]/g;
const BLANK_MARKS = new Set(['', '/', '-', '—', '——', '–', '－', '／', '\\']);
const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d*)?$/;

/** What a sum sees for a typed value: a number, 0 for blank, or null when it is not usable. */
function parse(value) {
  if (value === null || value === undefined) return { kind: 'blank' };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { kind: 'invalid', raw: String(value) };
    return { kind: 'number', n: value, places: decimals(String(value)) };
  }
  if (typeof value !== 'string') return { kind: 'invalid', raw: typeof value };
  const trimmed = value.trim();
  if (BLANK_MARKS.has(trimmed)) return { kind: 'blank' };
  const half = trimmed.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!NUMBER.test(half) || half === '.' || half === '' || /^[+-]?\.?$/.test(half)) return { kind: 'invalid', raw: value };
  const plain = half.replace(/,/g, '');
  return { kind: 'number', n: Number(plain), places: decimals(plain) };
}

function decimals(text) {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.slice(dot + 1).replace(/0+$/, '').length;
}

/** The equations of the table rules, over cell indices. */
function equations(cells) {
  const at = new Map(cells.map((c, i) => [c.id, i]));
  const id = (t, r, c) => at.get(`${t}.${r}.${c}`);
  const rows = [...new Set(cells.filter((c) => c.table === 'requests').map((c) => c.row))];
  const columns = ['natural_person', 'commercial', 'research', 'social_welfare', 'legal_service', 'other_org', 'total'];
  const results = rows.slice(rows.indexOf('disclosed'), rows.indexOf('other_misc') + 1);
  const list = [];
  for (const r of rows) list.push({ rule: 'requests.row_total', scope: r, total: [id('requests', r, 'total')], parts: columns.slice(0, 6).map((c) => id('requests', r, c)) });
  for (const c of columns) list.push({ rule: 'requests.result_total', scope: c, total: [id('requests', 'result_total', c)], parts: results.map((r) => id('requests', r, c)) });
  for (const c of columns) list.push({ rule: 'requests.balance', scope: c, total: [id('requests', 'result_total', c), id('requests', 'carried_forward', c)], parts: [id('requests', 'new', c), id('requests', 'carried_over', c)] });
  for (const g of ['review', 'litigation_direct', 'litigation_after_review']) {
    list.push({ rule: 'appeals.total', scope: g, total: [id('appeals', g, 'total')], parts: ['upheld', 'corrected', 'other', 'pending'].map((c) => id('appeals', g, c)) });
  }
  for (const r of ['rules', 'normative_documents']) {
    list.push({ rule: 'proactive.in_force_floor', scope: r, atLeast: true, total: [id('proactive', r, 'in_force')], parts: [id('proactive', r, 'issued')], minus: [id('proactive', r, 'repealed')] });
  }
  return list;
}

/** What is built once per schema: the cells, their index, the equations and which touch each cell. */
export function baselineRules(schema) {
  const cells = schema.cells;
  const eqs = equations(cells);
  const touching = cells.map(() => []);
  eqs.forEach((e, k) => [...e.total, ...e.parts, ...(e.minus ?? [])].forEach((c) => touching[c].push(k)));
  return { cells, index: new Map(cells.map((c, i) => [c.id, i])), equations: eqs, touching };
}

export class BaselineChecker {
  constructor(rules, report, { blanks = 'error' } = {}) {
    this.rules = rules;
    this.cells = rules.cells;
    this.blanks = blanks;
    this.values = this.cells.map((c) => parse(report?.[c.table]?.[c.row]?.[c.column] ?? null));
    this.cellFindings = this.values.map((v, i) => this.cellFinding(i, v));
    this.equationFindings = rules.equations.map((_, k) => this.equationFinding(k));
  }

  cellFinding(i, v) {
    const cell = this.cells[i];
    const make = (rule, severity, actual, expected = null) => ({ id: `${rule}:${cell.id}`, rule, severity, cells: [cell.id], expected, actual });
    if (v.kind === 'blank') return make('cell.blank', this.blanks, null);
    if (v.kind === 'invalid') return make('cell.not_a_number', 'error', v.raw);
    if (v.n > MAX_COUNT) return make('cell.too_large', 'error', String(v.n), String(MAX_COUNT));
    if (v.n < 0) return make('cell.negative', 'error', String(v.n));
    if (cell.kind === 'count' && v.places > 0) return make('cell.not_integer', 'error', String(v.n));
    if (cell.kind === 'amount' && v.places > 4) return make('fees.precision', 'warning', String(v.n));
    return null;
  }

  number(i) {
    const v = this.values[i];
    if (v.kind === 'blank') return 0;
    if (v.kind !== 'number' || v.places > 0) return null;
    return v.n;
  }

  equationFinding(k) {
    const e = this.rules.equations[k];
    const sum = (list) => {
      let s = 0;
      for (const c of list) {
        const n = this.number(c);
        if (n === null) return null;
        s += n;
      }
      return s;
    };
    const actual = sum(e.total);
    const parts = sum(e.parts);
    const minus = e.minus ? sum(e.minus) : 0;
    const expected = parts === null || minus === null ? null : parts - minus;
    if (actual === null || expected === null) return null;
    if (e.atLeast ? actual >= expected : actual === expected) return null;
    const cells = [...e.total, ...e.parts, ...(e.minus ?? [])].map((c) => this.cells[c].id);
    const severity = e.atLeast ? 'warning' : 'error';
    return { id: `${e.rule}:${e.scope}`, rule: e.rule, severity, cells, expected: String(expected), actual: String(actual) };
  }

  findings() {
    return [...this.cellFindings, ...this.equationFindings].filter(Boolean);
  }

  /** One edit: re-evaluates the cell and the equations it is in; returns what changed. */
  set(id, value) {
    const i = this.rules.index.get(id);
    if (i === undefined) throw new Error(`unknown cell id ${id}`);
    const changed = [];
    const resolved = [];
    this.values[i] = parse(value);
    const before = this.cellFindings[i];
    const after = this.cellFinding(i, this.values[i]);
    this.cellFindings[i] = after;
    if (before && (!after || after.id !== before.id)) resolved.push(before.id);
    if (after) changed.push(after);
    for (const k of this.rules.touching[i]) {
      const was = this.equationFindings[k];
      const now = this.equationFinding(k);
      this.equationFindings[k] = now;
      if (now && (!was || was.expected !== now.expected || was.actual !== now.actual)) changed.push(now);
      else if (!now && was) resolved.push(was.id);
    }
    return { changed, resolved };
  }
}

/** The whole check of one report, as `check()` does it; `rules` from `baselineRules(schema)`. */
export function baselineCheck(rules, report, options) {
  const findings = new BaselineChecker(rules, report, options).findings();
  const errors = findings.filter((f) => f.severity === 'error').length;
  return { ok: errors === 0, errors, warnings: findings.length - errors, findings };
}
