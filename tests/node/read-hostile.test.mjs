// Files the readers cannot read get a clear message, in bounded time and memory: encrypted,
// corrupt, cut short and scanned PDFs, a 500-page PDF, an old .doc, a zip bomb, a zip that is
// not a .docx, an oversized page. Made here (except the encrypted PDF, which needs a library).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Zip, ZipDeflate, zipSync } from 'fflate';
import { readReport, readText, ReadError } from 'nianbao/read';
import { pdf } from '../support/pdf.mjs';

const data = (name) => fileURLToPath(new URL(`../data/${name}`, import.meta.url));
const ascii = (text) => new TextEncoder().encode(text);

/** A .docx whose document.xml inflates to `mb` megabytes of spaces: a few hundred KB zipped. */
function zipBomb(mb) {
  const parts = [];
  const zip = new Zip((err, chunk) => {
    if (err) throw err;
    parts.push(chunk);
  });
  const types = new ZipDeflate('[Content_Types].xml');
  zip.add(types);
  types.push(ascii('<Types/>'), true);
  const doc = new ZipDeflate('word/document.xml', { level: 1 });
  zip.add(doc);
  doc.push(ascii('<w:document><w:body><w:p><w:r><w:t>'));
  const spaces = new Uint8Array(1 << 20).fill(0x20);
  for (let i = 0; i < mb; i++) doc.push(spaces, i === mb - 1);
  zip.end();
  return Buffer.concat(parts);
}

async function rejects(input, code, message, { ms = 5000, ...options } = {}) {
  const start = performance.now();
  await assert.rejects(readReport(input, options), (e) => {
    assert.ok(e instanceof ReadError, e.stack);
    assert.equal(e.code, code, e.message);
    assert.match(e.message, message);
    return true;
  });
  const took = performance.now() - start;
  assert.ok(took < ms, `${took.toFixed(0)} ms`);
}

test('an encrypted PDF: says it is password-protected', async () => {
  await rejects(readFileSync(data('hostile/encrypted.pdf')), 'encrypted', /encrypted \(password-protected\)/);
});

test('a corrupt PDF, and one cut short: says it cannot be read as a PDF', async () => {
  await rejects(ascii('%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage'), 'corrupt', /not a readable PDF/);
  await rejects(readFileSync(data('files/longde-2024.pdf')).subarray(0, 30000), 'corrupt', /corrupt or cut short/);
});

test('a scanned PDF (pages of pictures, no text layer): says OCR would be needed', async () => {
  await rejects(pdf(['0 0 1 rg 50 50 400 600 re f', '0 1 0 rg 50 50 400 600 re f']), 'no-text', /no text layer \(2 pages .*OCR/);
});

test('a 500-page PDF: only the first 60 pages are read, and it says so', async () => {
  const big = pdf(Array.from({ length: 500 }, (_, i) => `BT /F1 12 Tf 72 720 Td (Page ${i + 1} of the annex) Tj ET`));
  const start = performance.now();
  const { notes, text } = await readText(big);
  assert.ok(performance.now() - start < 10000);
  assert.equal(notes[0], 'only the first 60 of 500 pages were read');
  assert.match(text, /Page 60 of the annex/);
  assert.doesNotMatch(text, /Page 61 /);
  await rejects(big, 'no-table', /no table of the annual report/, { ms: 10000 });
});

test('an old .doc: says to save it as .docx or PDF', async () => {
  const ole = new Uint8Array(4096);
  ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  await rejects(ole, 'doc', /save it as \.docx or PDF/, { ms: 500 });
});

test('a zip bomb: a .docx unpacking to 100 MB is refused at 64 MB, in bounded memory', async () => {
  const bomb = zipBomb(100);
  assert.ok(bomb.length < 2_000_000, `${bomb.length} bytes zipped`);
  const before = process.memoryUsage().rss;
  await rejects(bomb, 'too-large', /unpacks to more than 64 MB.*refused/, { ms: 10000 });
  const grew = process.memoryUsage().rss - before;
  assert.ok(grew < 250 * 1048576, `memory grew by ${(grew / 1048576).toFixed(0)} MB`);
});

test('a zip that is no .docx, and a .docx with no body: each says what it is not', async () => {
  await rejects(zipSync({ 'a.txt': ascii('hello') }), 'not-docx', /without word\/document\.xml/, { ms: 2000 });
  await rejects(zipSync({ 'word/document.xml': ascii('<x/>') }), 'not-docx', /no body/, { ms: 2000 });
});

test('an oversized page, an empty file, text with no table: a clear message each', async () => {
  const huge = `<html><body>${'<p>政府信息公开</p>'.repeat(1_500_000)}</body></html>`;
  await rejects(huge, 'too-large', /over 16 MB: not a report/, { ms: 2000 });
  await rejects(ascii(huge), 'too-large', /over 16 MB: not a report/, { ms: 2000 });
  await rejects(new Uint8Array(0), 'empty', /^empty file$/, { ms: 500 });
  await rejects('今年没有表格。', 'no-table', /no table of the annual report was found/, { ms: 2000 });
});
