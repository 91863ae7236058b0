// The example report (tests/data/longde-2024.json) and what tests do with reports, shared by the
// Node, hostile-input, packaging and end-to-end tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The path of a file under tests/data. */
export const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));

export const LONGDE_PATH = data('longde-2024.json');
/** The example report's JSON text, as published (check() reads text as well as objects). */
export const LONGDE_TEXT = readFileSync(LONGDE_PATH, 'utf8');
/** A fresh copy of the example report, to edit. */
export const longde = () => JSON.parse(LONGDE_TEXT);

/** A cell that is 10 in the published report: typing 12 there is the tests' one-cell typo. */
export const CELL = 'requests.disclosed.natural_person';

/** A copy of the example with `fields` set over it and `edit(report)` applied. */
export function edited(edit = () => {}, fields = {}) {
  const report = { ...longde(), ...fields };
  edit(report);
  return report;
}

/** Every cell of a report in the canonical shape, as [cell id, value] (all 200 for Longde). */
export function cellsOf(report) {
  const cells = [];
  for (const table of ['proactive', 'requests', 'appeals']) {
    for (const [row, columns] of Object.entries(report[table] ?? {})) {
      for (const [column, value] of Object.entries(columns)) cells.push([`${table}.${row}.${column}`, value]);
    }
  }
  return cells;
}

/** A report without its prose: what an import of the tables alone is compared with. */
export const withoutText = ({ text, ...report }) => report;
