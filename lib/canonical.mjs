// A report as the package itself reads it: JSON text keeps its numbers as written (611.1281,
// 9007199254740993), never a float. Shared by the Word export, the review view and the CLI's workers.
import { Checker } from 'nianbao';

/** The canonical report object of `report` (JSON text or an object in the canonical shape). */
export function canonicalReport(report) {
  const checker = new Checker(report);
  try {
    return checker.report();
  } finally {
    checker.free();
  }
}
