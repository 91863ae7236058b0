// Small PDFs written byte by byte, for tests of what readers do with unusual files.
const ascii = (text) => new TextEncoder().encode(text);

/** A minimal PDF: one page per content stream, Helvetica as /F1. */
export function pdf(contents) {
  const objects = [null, '<< /Type /Catalog /Pages 2 0 R >>', null, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'];
  const kids = contents.map((content, i) => {
    objects[4 + 2 * i] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${5 + 2 * i} 0 R >>`;
    objects[5 + 2 * i] = `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;
    return `${4 + 2 * i} 0 R`;
  });
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${contents.length} >>`;
  let out = '%PDF-1.4\n';
  const offsets = [];
  for (let i = 1; i < objects.length; i++) {
    offsets[i] = out.length;
    out += `${i} 0 obj\n${objects[i]}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n${offsets.slice(1).map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  return ascii(`${out}trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
}
