// Writes the review page of `nianbao check --html FILE` (page.mjs). Returns null when written,
// else the reason it could not be, for the command line to print.
import { writeFileSync } from 'node:fs';
import { schema } from 'nianbao';
import { reviewPage } from './page.mjs';

export async function writeReviewPage(file, results, { lang, pairing }) {
  const html = await reviewPage(results, { schema: schema(), lang, pairing });
  try {
    writeFileSync(file, html);
    return null;
  } catch (e) {
    return e.code === 'ENOENT' ? 'its folder does not exist' : e.code === 'EISDIR' ? 'is a directory' : e.message;
  }
}
