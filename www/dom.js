// Small DOM helpers the components share.

/** `el('p', { class: 'x', text: '…' }, child…)`: attributes set when not null/false; true is "". */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Sets (or with null removes) an attribute only when it changes: this runs on every keystroke. */
export function attr(node, name, value) {
  if (node.getAttribute(name) === value) return;
  if (value === null) node.removeAttribute(name);
  else node.setAttribute(name, value);
}

/** Puts `nodes` into `list`, moving as little as possible (a focused reason input stays put). */
export function reconcile(list, nodes) {
  const want = new Set(nodes);
  for (const child of [...list.children]) if (!want.has(child)) child.remove();
  nodes.forEach((node, i) => {
    if (list.children[i] !== node) list.insertBefore(node, list.children[i] ?? null);
  });
}

/** Scrolls `target` into view, focuses it, and selects what it holds, as a spreadsheet does. */
export function focusCell(target) {
  if (!target) return;
  target.scrollIntoView({ block: 'center', inline: 'nearest' });
  target.focus({ preventScroll: true });
  if (typeof target.select === 'function') target.select();
}

/** A DOM id made from a key that may hold dots or colons (finding ids, cell ids). */
export const safeId = (prefix, key) => prefix + key.replace(/[^\w-]/g, '_');

/** `requests.new.natural_person` → `cell-requests-new-natural_person` (keys never contain "-"). */
export const domId = (cellId) => 'cell-' + cellId.replaceAll('.', '-');

/** The id of the computed sum shown beside a total cell's input. */
export const sumId = (cellId) => 'sum-' + cellId.replaceAll('.', '-');

/** Calls `take(file)` with the first file dropped on `target` (other drags are left alone). */
export function onFileDrop(target, take) {
  target.addEventListener('dragover', (event) => {
    if (![...(event.dataTransfer?.types ?? [])].includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  target.addEventListener('drop', (event) => {
    const file = event.dataTransfer?.files?.[0];
    if (!file) return;
    event.preventDefault();
    take(file);
  });
}
