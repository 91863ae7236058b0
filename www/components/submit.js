// Submission: 核对并提交 shows every problem (the error summary takes the focus) or, when nothing
// stands in the way, posts the report to the form's action and shows the server's answer — which
// checks again, and may refuse with its own findings.
//
// init(root = the form, ctx): the answer goes to #server.
import { el } from '../dom.js';
import { blockers } from '../findings.js';

export function init(root, ctx) {
  const { t, message, lang } = ctx.i18n;
  const server = document.getElementById('server');
  const summary = document.getElementById('summary');
  const button = root.querySelector('#submit');

  async function submit() {
    // Judged whole: prose and last year's figures by the full checker, loaded first if need be.
    if (!ctx.report.complete) {
      button.disabled = true;
      try {
        await ctx.pkg.loadFull();
      } catch {
        server.className = 'server bad';
        server.replaceChildren(el('p', { text: t('full_failed_submit') }));
        return;
      } finally {
        button.disabled = false;
      }
    }
    ctx.ui.editing = null; // a cell still being typed in is judged too
    ctx.ui.submitted = true;
    ctx.redraw({ fresh: true });
    server.replaceChildren();
    const { errors, unexplained } = blockers(ctx);
    if (errors.length || unexplained.length) {
      summary.scrollIntoView({ block: 'start' });
      summary.focus({ preventScroll: true });
      return;
    }
    summary.hidden = true;
    button.disabled = true;
    button.textContent = t('submitting');
    server.className = 'server';
    try {
      const response = await fetch(root.action, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(ctx.report.report()),
      });
      const answer = await response.json().catch(() => null);
      const said = answer ? (lang() === 'en' ? answer.message_en : answer.message) : response.statusText;
      if (response.status === 201) {
        server.classList.add('ok');
        server.append(el('p', { text: t('server_accepted', { message: said }) }));
      } else {
        server.classList.add('bad');
        server.append(el('p', { text: t('server_rejected', { message: said || String(response.status) }) }));
        if (answer?.findings?.length) {
          server.append(el('p', { text: t('server_findings') }), el('ul', {}, ...answer.findings.map((f) => el('li', { text: message(f) }))));
        }
      }
    } catch (err) {
      server.classList.add('bad');
      server.append(el('p', { text: t('server_failed', { error: err.message ?? err }) }));
    } finally {
      button.disabled = false;
      button.textContent = t('submit');
      server.tabIndex = -1;
      server.scrollIntoView({ block: 'center' });
      server.focus({ preventScroll: true });
    }
  }

  root.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // A new report (imported, cleared) starts a new submission: the last answer no longer applies.
  ctx.on('replaced', ({ restart }) => {
    if (restart) server.replaceChildren();
  });
}
