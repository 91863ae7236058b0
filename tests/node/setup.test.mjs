// What `npm start` and `npm test` install (issue 11, item 8): building and serving need no browser,
// so a newcomer's first `npm start` never waits for one; the tests' packages are installed by
// scripts/bootstrap-test.sh, which `npm test`, `npm run bench` and `npm run setup` run as well.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (file) => readFileSync(`${root}/${file}`, 'utf8');
const { scripts } = JSON.parse(read('package.json'));
const BUILD = 'bash scripts/bootstrap.sh';
const TESTS = 'bash scripts/bootstrap-test.sh';
const BROWSERS = /chromium|firefox|geckodriver|apt-get|fonts-/;

test('npm start and npm run build install nothing for the tests', () => {
  assert.ok(scripts.start.startsWith(`${BUILD} && `), scripts.start);
  assert.ok(!scripts.start.includes(TESTS), scripts.start);
  assert.ok(!scripts.build.includes(TESTS), scripts.build);
  // Comments aside, the build part names no browser, driver, font or Debian package.
  const code = read('scripts/bootstrap.sh').split('\n').filter((line) => !/^\s*#/.test(line)).join('\n');
  assert.doesNotMatch(code, BROWSERS);
});

test('npm test, npm run bench and npm run setup install both parts, the build part first', () => {
  for (const command of [scripts.setup, scripts.bench, read('scripts/test.sh')]) {
    const build = command.indexOf(BUILD);
    assert.ok(build >= 0 && command.indexOf(TESTS) > build, command);
  }
  assert.match(read('scripts/bootstrap-test.sh'), BROWSERS);
});

test('each part is valid bash, and the build part reads the wasm-bindgen pin from Cargo.toml', () => {
  for (const script of ['scripts/bootstrap.sh', 'scripts/bootstrap-test.sh']) execFileSync('bash', ['-n', script], { cwd: root });
  const line = read('scripts/bootstrap.sh').split('\n').find((l) => l.startsWith('WASM_BINDGEN_VERSION='));
  const version = execFileSync('bash', ['-c', `${line}; printf %s "$WASM_BINDGEN_VERSION"`], { cwd: root, encoding: 'utf8' });
  assert.match(version, /^\d+\.\d+\.\d+$/, 'the pin is found');
  assert.ok(read('Cargo.toml').includes(`wasm-bindgen = "=${version}"`));
});
