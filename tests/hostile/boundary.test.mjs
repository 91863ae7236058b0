// Issue 7, item 3, in Node: every hostile case of cases.mjs against the package as Node imports it.
// The cases run in a worker: a call that does not answer within its bound is a hang, and the
// worker is ended and replaced, so one hang fails one test and not the whole run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { cases, judge, LIMIT } from './cases.mjs';

if (!existsSync(new URL('../../pkg/node.js', import.meta.url))) {
  throw new Error('pkg/ is missing: run `npm run build` before the hostile-input tests');
}

const GRACE = 1_000; // for the answer to cross from the worker

let worker = null;
let ready = null;

function startWorker() {
  worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
  ready = new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return ready;
}

async function stopWorker() {
  const w = worker;
  worker = null;
  await w?.terminate();
}

/** The case's outcome, or { timedOut } past its bound, or { crashed } when the worker died. */
async function run(name, limit) {
  if (!worker) await startWorker();
  else await ready;
  const w = worker;
  let timer;
  let onMessage;
  let onError;
  let onExit;
  try {
    return await new Promise((resolve) => {
      onMessage = (outcome) => resolve(outcome);
      onError = (error) => resolve({ name, crashed: `${error?.name}: ${error?.message}` });
      onExit = (code) => resolve({ name, crashed: `the worker exited with ${code}` });
      w.once('message', onMessage);
      w.once('error', onError);
      w.once('exit', onExit);
      timer = setTimeout(() => resolve({ name, timedOut: true, ms: limit + GRACE }), limit + GRACE);
      w.postMessage(name);
    }).then(async (outcome) => {
      if (outcome.timedOut || outcome.crashed) await stopWorker();
      return outcome;
    });
  } finally {
    clearTimeout(timer);
    w.off('message', onMessage);
    w.off('error', onError);
    w.off('exit', onExit);
  }
}

after(stopWorker);

for (const c of cases) {
  const limit = c.limit ?? LIMIT;
  test(c.name, { todo: c.todo, timeout: limit + 30_000 }, async () => {
    const outcome = await run(c.name, limit);
    const problems = judge(c, outcome);
    assert.ok(problems.length === 0, problems.join('\n'));
  });
}
