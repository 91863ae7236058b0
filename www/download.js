// What the form saves as a file: one name for every export (「2024-隆德县人民政府-年报.json」,
// 「….docx」), and the download itself.

/** The file name for `report` ending in `.ext`, without characters a file system refuses. */
export function fileName(report, ext) {
  const issuer = String(report?.issuer ?? '').replace(/[\\/:*?"<>|\s]+/g, '').slice(0, 40);
  const year = String(report?.year ?? '').replace(/\D+/g, '');
  return [year, issuer, '年报'].filter(Boolean).join('-') + '.' + ext;
}

/** Saves `data` (a string or bytes) under `name` as a download. */
export function download(data, name, type) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([data], { type }));
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
