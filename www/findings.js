// Which of the package's findings the clerk sees now, and how they are grouped into problems.
// Kinds of findings are told apart by their rule's category in schema().rules, never by rule id.

/** Whether a finding is about something not filled in (a blank cell, no issuer). */
const isMissing = (ctx, f) => ctx.rule(f.rule)?.category === 'missing';

/**
 * With 自动合计 on, a total is filled by the form, so it counts as filled only once its parts
 * are: otherwise a half-typed table would already show broken column equations.
 */
function ready(ctx, id) {
  const parts = ctx.cell(id).parts;
  if (!ctx.ui.auto || !parts.length) return ctx.report.filled(id);
  return parts.every((part) => ready(ctx, part));
}

/**
 * Whether a finding is shown yet. Before the first submission a sum is judged only once every
 * cell in it is filled (or could not be read from the imported file), and never while the clerk is still typing in one of them (or in the year
 * or the text it is about); what is missing waits for submission.
 */
function isShown(ctx, f) {
  const { ui } = ctx;
  if (ui.editing && f.cells.includes(ui.editing)) return false;
  if (f.field && ui.typing.has(f.field)) return false;
  if (ui.submitted) return true;
  if (isMissing(ctx, f)) return false;
  // A cell an import could not read will not fill itself: what is said about it is shown at once.
  return f.cells.every((id) => ready(ctx, id) || ctx.report.unread.has(id));
}

const shown = new WeakMap(); // ctx → { key, list }: the last answer, and what it depended on

/**
 * The findings shown now: the same array as last time while nothing they depend on changed (the
 * report's version, what is being typed in, submission, 自动合计), so that a keystroke that changes
 * nothing costs nothing and components can tell by identity that there is nothing to redraw.
 */
export function visibleFindings(ctx) {
  const { ui } = ctx;
  const key = `${ctx.report.version}|${ui.editing}|${[...ui.typing]}|${ui.submitted}|${ui.auto}`;
  const last = shown.get(ctx);
  if (last?.key === key) return last.list;
  const fresh = [...ctx.report.findings.values()].filter((f) => isShown(ctx, f));
  // Typing in a sum hides what is said about it: the findings it changed are not shown, and the
  // same list (the same array) tells every component there is nothing to redraw.
  const list = last && last.list.length === fresh.length && fresh.every((f, i) => last.list[i] === f) ? last.list : fresh;
  shown.set(ctx, { key, list });
  return list;
}

/**
 * Problems as the clerk sees them: errors that one changed cell would fix are one problem at that
 * cell (「（一）予以公开」「自然人」应为 10), with the broken equations listed under it. Each is
 * { key, kind: 'fix'|'blank'|'warning'|'finding', severity, anchor (a cell id or null), fix, findings }.
 */
export function problems(ctx, findings) {
  const out = [];
  const byFix = new Map();
  const at = (f) => ctx.position(f.fix?.cell ?? f.cell);
  for (const f of [...findings].sort((a, b) => at(a) - at(b))) {
    if (f.severity === 'error' && f.fix) {
      const key = `fix:${f.fix.cell}=${f.fix.value}`;
      let p = byFix.get(key);
      if (!p) {
        p = { key, kind: 'fix', severity: 'error', anchor: f.fix.cell, fix: f.fix, findings: [] };
        byFix.set(key, p);
        out.push(p);
      }
      p.findings.push(f);
    } else {
      const blank = f.severity === 'error' && f.cell && isMissing(ctx, f);
      out.push({
        key: f.id,
        kind: f.severity === 'warning' ? 'warning' : blank ? 'blank' : 'finding',
        severity: f.severity,
        anchor: f.field ? null : f.cell ?? f.cells[0] ?? null,
        fix: null,
        findings: [f],
      });
    }
  }
  return out;
}

/** What stops a submission: every error (as problems), and each warning that has no reason yet. */
export function blockers(ctx) {
  const errors = problems(ctx, [...ctx.report.findings.values()].filter((f) => f.severity === 'error'));
  return { errors, unexplained: ctx.report.unexplainedWarnings() };
}
