// `npm run reviewer -- add|remove|list` and `npm run backup -- FILE`, on a temporary NIANBAO_DATA.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir, runScript, spawnServer, postReport, longde, login, stored, root } from './support.mjs';

test('reviewer add, list, remove: the password is kept only as a salted scrypt hash', { timeout: 60_000 }, async () => {
  const dataDir = await tempDir();
  try {
    let r = runScript('reviewer.mjs', ['add', '王审核'], { dataDir, input: 'a long enough password\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /added reviewer “王审核”/);
    r = runScript('reviewer.mjs', ['add', 'second'], { dataDir, input: 'a long enough password\n' });
    assert.equal(r.code, 0, r.stderr);

    const db = new Database(join(dataDir, 'nianbao.db'), { readonly: true });
    const rows = db.prepare('SELECT name, password FROM reviewers ORDER BY id').all();
    db.close();
    assert.deepEqual(rows.map((x) => x.name), ['王审核', 'second']);
    for (const { password } of rows) {
      assert.doesNotMatch(password, /long enough/);
      assert.match(password, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/, 'parameters and salt stored with it');
    }
    assert.notEqual(rows[0].password.split('$')[4], rows[1].password.split('$')[4], 'a salt of its own, same password or not');

    r = runScript('reviewer.mjs', ['list'], { dataDir });
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^second\t.*\n王审核\t/);

    // Mistakes are refused with a reason, and change nothing.
    r = runScript('reviewer.mjs', ['add', '王审核'], { dataDir, input: 'another long password\n' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /already a reviewer/);
    r = runScript('reviewer.mjs', ['add', 'short'], { dataDir, input: 'short\n' });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /at least 10 characters/);
    r = runScript('reviewer.mjs', ['remove', 'nobody'], { dataDir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no reviewer “nobody”/);
    r = runScript('reviewer.mjs', ['promote', 'x'], { dataDir });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /usage: npm run reviewer -- add NAME/);

    // The password works in the review area; removing the reviewer ends their session.
    const { listening } = spawnServer(dataDir);
    const server = await listening;
    try {
      const { res, cookie } = await login(server.base, '王审核', 'a long enough password');
      assert.equal(res.status, 303);
      assert.equal((await fetch(`${server.base}/api/submissions`, { headers: { Cookie: cookie } })).status, 200);
      r = runScript('reviewer.mjs', ['remove', '王审核'], { dataDir });
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await fetch(`${server.base}/api/submissions`, { headers: { Cookie: cookie } })).status, 401);
      assert.equal((await login(server.base, '王审核', 'a long enough password')).res.status, 401);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('npm run backup -- FILE copies the running database; the copy serves every submission', { timeout: 120_000 }, async () => {
  const dataDir = await tempDir();
  const restored = join(dataDir, 'restored');
  const server = await spawnServer(dataDir).listening;
  try {
    const ids = [];
    for (let i = 0; i < 12; i++) {
      const res = await postReport(server.base, longde({ issuer: `备份测试 ${i % 4}` }));
      assert.equal(res.status, 201);
      ids.push((await res.json()).id);
    }
    // Taken while submissions keep arriving.
    const writing = Promise.all(Array.from({ length: 10 }, (_, i) => postReport(server.base, longde({ issuer: `备份期间 ${i}` }))));
    const file = join(dataDir, 'backup.db');
    const r = runScript('backup.mjs', [file], { dataDir });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /holds \d+ submissions/);
    for (const res of await writing) assert.equal(res.status, 201);

    const again = runScript('backup.mjs', [file], { dataDir });
    assert.equal(again.code, 1, 'an existing file is never overwritten');
    assert.match(again.stderr, /exists already/);
    assert.equal(runScript('backup.mjs', [], { dataDir }).code, 1);

    await mkdir(restored);
    await copyFile(file, join(restored, 'nianbao.db'));
    const copy = stored(restored);
    for (const id of ids) assert.ok(copy.some((s) => s.id === id), `${id} is in the backup`);
    assert.equal(copy.find((s) => s.id === ids[11]).version, 3);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
    await rm(dataDir, { recursive: true, force: true });
  }
});

// util-linux's `script` gives the CLI a terminal, as a person at the server's console would have.
const hasScript = spawnSync('script', ['--version']).status === 0;

test('at a terminal, reviewer add asks for the password twice and never shows it', { timeout: 60_000, skip: !hasScript && 'no `script` (util-linux)' }, async () => {
  const dataDir = await tempDir();
  try {
    const run = (first, second) => new Promise((resolve) => {
      const child = spawn('script', ['-qec', `${process.execPath} ${join(root, 'scripts', 'reviewer.mjs')} add 终端用户`, '/dev/null'], {
        env: { ...process.env, NIANBAO_DATA: dataDir }, stdio: ['pipe', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        // Answer each prompt once it is shown.
        if (/Password[^\n]*: [^\n]*$/.test(out) && !child.first) { child.first = true; child.stdin.write(`${first}\r`); }
        if (/Again: [^\n]*$/.test(out) && !child.second) { child.second = true; child.stdin.write(`${second}\r`); }
      });
      child.on('exit', (code) => resolve({ code, out }));
    });
    let r = await run('typed password 1', 'typed password 2');
    assert.notEqual(r.code, 0);
    assert.match(r.out, /the two passwords differ; nothing was changed/);
    r = await run('typed password 1', 'typed password 1');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /added reviewer “终端用户”/);
    assert.doesNotMatch(r.out, /typed password/, 'not echoed');
    assert.match(runScript('reviewer.mjs', ['list'], { dataDir }).stdout, /^终端用户\t/);
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
