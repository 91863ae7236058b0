// 「导出 Word」: the form's report as a .docx in the official layout. The exporter and the docx
// library it carries (pkg/docx.js, ~70 KB gzip, built by scripts/bundle-docx.mjs) are loaded with
// import() on the first click, never with the form. A report with errors is exported only after
// the clerk confirms; the exporter itself refuses it otherwise.

/** The component's words, for the form's i18n table; used as they are when `t` lacks a key. */
export const STRINGS = {
  zh: {
    export_docx: '导出 Word',
    export_docx_busy: '正在生成 Word 文件……',
    export_docx_confirm: '年报还有 {n} 处错误，导出的 Word 文件会带着这些错误。仍要导出吗？',
    export_docx_failed: '未能导出 Word：{reason}',
  },
  en: {
    export_docx: 'Export to Word',
    export_docx_busy: 'Making the Word file…',
    export_docx_confirm: 'The report still has {n} error(s); the Word file would carry them. Export anyway?',
    export_docx_failed: 'Could not export to Word: {reason}',
  },
};

const fill = (template, vars) => template.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));

/** The file name: 「隆德县人民政府-2024-年报.docx」, without characters a file system refuses. */
export function fileName(report) {
  const safe = (value) => String(value ?? '').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 60);
  return [safe(report?.issuer), safe(report?.year), '年报.docx'].filter(Boolean).join('-');
}

/** Saves bytes as a download, the way the form saves its JSON. */
function download(bytes, name) {
  const type = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([bytes], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}

/**
 * Wires `button` to export the form's report.
 * @param {HTMLButtonElement} button
 * @param {object} options
 * @param {() => object} options.getReport the canonical report (checker.report())
 * @param {() => { errors: number }} options.getResult the current check result
 * @param {(message: string) => boolean | Promise<boolean>} options.confirm asks the clerk (the form's dialog)
 * @param {(key: string, vars?: object) => string} options.t the form's wording
 * @param {(message: string) => void} [options.notify] shows a failure (default: alert)
 * @param {() => Promise<{ exportDocx: Function }>} [options.load] loads the exporter (default: pkg/docx.js)
 * @param {(bytes: Uint8Array, name: string) => void} [options.save] saves the file (default: a download)
 * @returns {{ run: () => Promise<boolean> }} run exports as a click does; true when a file was saved
 */
export function init(button, { getReport, getResult, confirm, t, notify, load, save = download }) {
  const say = (key, vars = {}) => {
    const text = t(key, vars);
    return text === key ? fill(STRINGS.zh[key], vars) : text;
  };
  notify ??= (message) => globalThis.alert(message);
  // Relative to this file (www/components/), as the server maps www/ to / and pkg/ to /pkg/.
  load ??= () => import(new URL('../pkg/docx.js', import.meta.url).href);

  async function run() {
    if (button.disabled) return false;
    const report = getReport();
    const errors = getResult()?.errors ?? 0;
    if (errors > 0 && !(await confirm(say('export_docx_confirm', { n: errors })))) return false;
    const label = button.textContent; // as the form words it now (the language may have changed)
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    button.textContent = say('export_docx_busy');
    try {
      const { exportDocx } = await load();
      save(await exportDocx(report, { force: errors > 0 }), fileName(report));
      return true;
    } catch (e) {
      notify(say('export_docx_failed', { reason: e?.message ?? String(e) }));
      return false;
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
      button.textContent = label;
    }
  }
  button.addEventListener('click', () => { run(); });
  return { run };
}
