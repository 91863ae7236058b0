// The installed tarball in Node: `import` and `require`, the README's server, the command line,
// and TypeScript consumers (tsc --strict --noEmit, with TypeScript 5.9 and 7) for ESM and CommonJS.
// One consumer project, installed once, serves every test here.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  FIXTURES, NODE_CJS_PRELUDE, NODE_EPILOGUE, NODE_ESM_PRELUDE, assertClean, assertMistyped, consumer, longde,
  mistyped, pack, removeTempRoot, run, sample, tempRoot, write, writeReports,
} from './support.mjs';

const REPO_DATA = fileURLToPath(new URL('../data/files/', import.meta.url));

const TYPESCRIPT = {
  'TypeScript 5.9': 'node_modules/typescript/bin/tsc',
  'TypeScript 7': 'node_modules/typescript7/bin/tsc',
};

let tmp;
let installed; // Promise of the consumer's directory; each test awaits it, so one failure shows in each
before(() => {
  tmp = tempRoot('node');
  installed = pack(tmp)
    .then((tarball) => consumer(tmp, 'app', {
      tarball,
      deps: ['typescript@5.9.3', 'typescript7@npm:typescript@7.0.2', '@types/node@20'],
    }))
    .then((dir) => {
      writeReports(dir);
      return dir;
    });
  installed.catch(() => {}); // reported by every test that awaits it
});
after(() => removeTempRoot(tmp));

async function runJson(dir, file, report) {
  const { stdout } = await run(process.execPath, [file, join(dir, 'data', report)], { cwd: dir, timeout: 30_000 });
  return JSON.parse(stdout);
}

test('Node ESM: import { check } from "nianbao" (README check-node.mjs)', { timeout: 240_000 }, async () => {
  const dir = await installed;
  write(join(dir, 'check.mjs'), NODE_ESM_PRELUDE + sample('check-node.mjs') + NODE_EPILOGUE);
  assertClean(await runJson(dir, 'check.mjs', 'longde.json'));
  assertMistyped(await runJson(dir, 'check.mjs', 'mistyped.json'));

  // Code shared with the browser may still call init() (and initSync()): both are no-ops here.
  write(join(dir, 'shared.mjs'), `import init, { initSync, check } from 'nianbao';
await init();
initSync();
const report = JSON.parse((await import('node:fs')).readFileSync(process.argv[2], 'utf8'));
console.log(JSON.stringify(check(report)));
`);
  assertClean(await runJson(dir, 'shared.mjs', 'longde.json'));
});

test('Node CommonJS: const { check } = require("nianbao") (README check-node.cjs)', { timeout: 240_000 }, async () => {
  const dir = await installed;
  write(join(dir, 'check.cjs'), NODE_CJS_PRELUDE + sample('check-node.cjs') + NODE_EPILOGUE);
  assertClean(await runJson(dir, 'check.cjs', 'longde.json'));
  assertMistyped(await runJson(dir, 'check.cjs', 'mistyped.json'));

  // Everything public is there, and require() resolved the CommonJS build, not the ES module.
  write(join(dir, 'api.cjs'), `const nianbao = require('nianbao');
console.log(JSON.stringify({
  resolved: require.resolve('nianbao'),
  exports: Object.keys(nianbao).sort(),
  cells: nianbao.schema().cells.length,
  checker: new nianbao.Checker(null).set('requests.disclosed.natural_person', '1').ok,
}));
`);
  const { stdout } = await run(process.execPath, ['api.cjs'], { cwd: dir, timeout: 30_000 });
  const api = JSON.parse(stdout);
  assert.match(api.resolved, /node_modules\/nianbao\/pkg\/nianbao\.cjs$/);
  for (const name of ['Checker', 'check', 'importReport', 'schema']) assert.ok(api.exports.includes(name), name);
  assert.equal(api.cells, 200);
  assert.equal(api.checker, false);
});

test('the README server re-checks what the browser posts (README server.mjs)', { timeout: 240_000 }, async () => {
  const dir = await installed;
  write(join(dir, 'server.mjs'), sample('server.mjs'));
  const { receiveReport } = await import(pathToFileURL(join(dir, 'server.mjs')));
  const server = createServer((req, res) => receiveReport(req, res));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const post = async (body) => {
    const res = await fetch(`http://127.0.0.1:${server.address().port}/api/report`, { method: 'POST', body });
    return { status: res.status, json: await res.json() };
  };
  try {
    let r = await post(JSON.stringify(longde()));
    assert.equal(r.status, 201);
    assertClean(r.json);

    r = await post(JSON.stringify(mistyped()));
    assert.equal(r.status, 422);
    assertMistyped(r.json);

    for (const garbage of ['{"format": "2021",', '[]', '42']) {
      r = await post(garbage);
      assert.equal(r.status, 400, garbage);
      assert.ok(r.json.error.length > 0);
    }

    // A warning passes only with the clerk's reason.
    const warned = longde();
    warned.proactive.normative_documents = { issued: 5, repealed: 0, in_force: 0 };
    r = await post(JSON.stringify(warned));
    assert.equal(r.status, 422);
    assert.equal(r.json.ok, true);
    assert.deepEqual(r.json.unexplained.map((f) => f.rule), ['proactive.in_force_floor']);
    warned.reasons = { [r.json.unexplained[0].id]: '本年度集中清理规范性文件' };
    r = await post(JSON.stringify(warned));
    assert.equal(r.status, 201);
    assert.equal(r.json.warnings, 1);

    r = await post('x'.repeat(1_100_000));
    assert.equal(r.status, 413);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('the command line from the installed tarball: npx nianbao check', { timeout: 240_000 }, async () => {
  const dir = await installed;
  const bin = join(dir, 'node_modules/.bin/nianbao');
  const clean = await run(bin, ['check', 'data/longde.json'], { cwd: dir, timeout: 30_000, allowFailure: true });
  assert.equal(clean.code, 0, clean.stdout + clean.stderr);
  const wrong = await run(bin, ['check', 'data/mistyped.json', '--json'], { cwd: dir, timeout: 30_000, allowFailure: true });
  assert.equal(wrong.code, 1, wrong.stdout + wrong.stderr);
  const [file] = JSON.parse(wrong.stdout);
  assert.deepEqual(file.suggestions[0].changes, [{ cell: 'requests.disclosed.natural_person', from: '12', to: '10' }]);
});

test('the Word export from the installed tarball: nianbao/docx, its types, and npx nianbao export', { timeout: 240_000 }, async () => {
  const dir = await installed;
  write(join(dir, 'docx.mjs'), `import { exportDocx } from 'nianbao/docx';
import { readFileSync } from 'node:fs';
const bytes = await exportDocx(readFileSync(process.argv[2], 'utf8'));
const refused = await exportDocx(readFileSync(process.argv[3], 'utf8')).catch((e) => e);
console.log(JSON.stringify({ type: bytes.constructor.name, zip: String.fromCharCode(bytes[0], bytes[1]), code: refused.code, errors: refused.errors }));
`);
  const { stdout } = await run(process.execPath, ['docx.mjs', 'data/longde.json', 'data/mistyped.json'], { cwd: dir, timeout: 60_000 });
  assert.deepEqual(JSON.parse(stdout), { type: 'Uint8Array', zip: 'PK', code: 'report_has_errors', errors: 2 });
  write(join(dir, 'docx-types/docx.ts'), `import { exportDocx } from 'nianbao/docx';
import type { Report } from 'nianbao';
export const bytes = (report: Report): Promise<Uint8Array> => exportDocx(report, { force: true, lang: 'zh' });
// @ts-expect-error: force is a boolean
exportDocx('{}', { force: 'yes' });
`);
  const tsc = await run(process.execPath, [join(dir, TYPESCRIPT['TypeScript 5.9']), '--strict', '--noEmit', '--module', 'esnext', '--moduleResolution', 'bundler',
    '--target', 'es2022', '--lib', 'es2022,dom', 'docx-types/docx.ts'], { cwd: dir, timeout: 120_000, allowFailure: true });
  assert.equal(tsc.code, 0, tsc.stdout + tsc.stderr);
  const cli = await run(join(dir, 'node_modules/.bin/nianbao'), ['export', 'data/longde.json', '-o', 'longde.docx'], { cwd: dir, timeout: 60_000, allowFailure: true });
  assert.equal(cli.code, 0, cli.stdout + cli.stderr);
});

// Each consumer: a directory with its package.json "type", a tsconfig, the README's types.ts,
// the shared typed.ts (fixtures/typescript/) and its own entry; `types` is the declaration file
// its runtime loads, which tsc must pick (for CommonJS, the @ts-expect-error on initSync hangs on it).
const TS_CONSUMERS = {
  'ESM, moduleResolution "bundler", lib dom (a browser app)': {
    type: 'module', entry: 'entry-bundler.ts', types: 'pkg/nianbao.d.ts',
    compilerOptions: { module: 'esnext', moduleResolution: 'bundler', lib: ['es2022', 'dom'], types: [] },
  },
  'ESM, module "node16", @types/node and no DOM (a Node service)': {
    type: 'module', entry: 'entry-node-esm.ts', types: 'pkg/node.d.ts',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] },
  },
  'CommonJS, module "node16", @types/node and no DOM': {
    type: 'commonjs', entry: 'entry-node-cjs.ts', types: 'pkg/nianbao.d.cts',
    compilerOptions: { module: 'node16', moduleResolution: 'node16', lib: ['es2022'], types: ['node'] },
  },
};

for (const [name, { type, entry, types, compilerOptions }] of Object.entries(TS_CONSUMERS)) {
  test(`tsc --strict --noEmit: ${name} (README types.ts)`, { timeout: 240_000 }, async (t) => {
    const app = await installed;
    const dir = join(app, `ts-${type}-${compilerOptions.moduleResolution}`);
    write(join(dir, 'package.json'), JSON.stringify({ type }));
    write(join(dir, 'types.ts'), sample('types.ts'));
    copyFileSync(join(FIXTURES, 'typescript/typed.ts'), join(dir, 'typed.ts'));
    copyFileSync(join(FIXTURES, 'typescript', entry), join(dir, 'entry.ts'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, ...compilerOptions },
      files: ['entry.ts', 'typed.ts', 'types.ts'],
    }, null, 2));
    const failures = [];
    for (const [version, tsc] of Object.entries(TYPESCRIPT)) {
      const trace = version === 'TypeScript 5.9' ? ['--traceResolution'] : [];
      const { code, stdout, stderr } = await run(process.execPath, [join(app, tsc), '-p', dir, '--strict', '--noEmit', '--pretty', 'false', ...trace],
        { cwd: app, timeout: 120_000, allowFailure: true });
      const lines = (stdout + stderr).split('\n');
      if (trace.length) {
        const resolved = lines.find((l) => l.includes("Module name 'nianbao' was successfully resolved"));
        if (!resolved?.includes(`/node_modules/nianbao/${types}'`)) failures.push(`${version} resolved 'nianbao' to the wrong types: ${resolved}`);
      }
      const errors = lines.filter((l) => /error TS\d+/.test(l));
      if (code !== 0) failures.push(`${version}, exit ${code}:\n${errors.join('\n') || stderr}`);
      else t.diagnostic(`${version}: compiles`);
    }
    assert.equal(failures.length, 0, failures.join("\n\n"));
  });
}

test('Node: nianbao/read from the installed tarball reads a PDF and a .docx, pdf.js and its CMaps found', { timeout: 240_000 }, async () => {
  const dir = await installed;
  for (const name of ['longde-2024.pdf', 'longde-2024.docx']) {
    copyFileSync(join(REPO_DATA, name), join(dir, 'data', name));
  }
  write(join(dir, 'read.mjs'), `import { readFileSync } from 'node:fs';
import { check } from 'nianbao';
import { readReport } from 'nianbao/read';
const { report, unplaced, missing_rows, format } = await readReport(readFileSync(process.argv[2]));
console.log(JSON.stringify({ ...check(report), format, unplaced, missing_rows, new_total: report.requests.new.total }));
`);
  for (const [name, format] of [['longde-2024.pdf', 'pdf'], ['longde-2024.docx', 'docx']]) {
    const result = await runJson(dir, 'read.mjs', name);
    assert.equal(result.format, format);
    assert.deepEqual([result.unplaced, result.missing_rows, result.findings], [[], [], []]);
    assert.equal(result.new_total, 15);
  }
});

test('tsc --strict --noEmit: nianbao/read\'s types, with "bundler" and "node16" resolution', { timeout: 240_000 }, async () => {
  const app = await installed;
  for (const resolution of ['bundler', 'node16']) {
    const dir = join(app, `ts-read-${resolution}`);
    write(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    write(join(dir, 'read.ts'), `import { readReport, ReadError, type ReadResult } from 'nianbao/read';
import type { Report } from 'nianbao';
export async function issuerOf(bytes: Uint8Array): Promise<string | null | undefined> {
  try {
    const result: ReadResult = await readReport(bytes, { name: 'report.pdf', maxPages: 20 });
    const report: Report = result.report;
    return result.format === 'pdf' ? report.issuer : null;
  } catch (e) {
    if (e instanceof ReadError && e.code === 'encrypted') return undefined;
    throw e;
  }
}
`);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'es2022', strict: true, noEmit: true, skipLibCheck: false, module: resolution === 'bundler' ? 'esnext' : 'node16', moduleResolution: resolution, lib: ['es2022', 'dom'] },
      files: ['read.ts'],
    }, null, 2));
    const { code, stdout, stderr } = await run(process.execPath, [join(app, TYPESCRIPT['TypeScript 5.9']), '-p', dir, '--pretty', 'false'],
      { cwd: app, timeout: 120_000, allowFailure: true });
    assert.equal(code, 0, `${resolution}: ${stdout}${stderr}`);
  }
});
