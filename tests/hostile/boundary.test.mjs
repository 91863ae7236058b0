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

/** One worker that runs cases one at a time; replaced when a case hangs or kills it. */
class Runner {
  worker = null;
  ready = null;

  start() {
    this.worker = new Worker(new URL('./node-worker.mjs', import.meta.url));
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', resolve);
      this.worker.once('error', reject);
    });
  }

  async stop() {
    const w = this.worker;
    this.worker = null;
    await w?.terminate();
  }

  /** The case's outcome, or { timedOut } past its bound, or { crashed } when the worker died. */
  async run(name, limit) {
    if (!this.worker) this.start();
    try {
      await this.ready;
    } catch (error) {
      await this.stop();
      return { name, crashed: `the worker did not start: ${error.message}` };
    }
    const w = this.worker;
    const listeners = {};
    let timer;
    const outcome = await new Promise((resolve) => {
      listeners.message = (o) => resolve(o);
      listeners.error = (error) => resolve({ name, crashed: `${error?.name}: ${error?.message}` });
      listeners.exit = (code) => resolve({ name, crashed: `the worker exited with ${code}` });
      for (const [event, listener] of Object.entries(listeners)) w.once(event, listener);
      timer = setTimeout(() => resolve({ name, timedOut: true, ms: limit + GRACE }), limit + GRACE);
      w.postMessage(name);
    });
    clearTimeout(timer);
    for (const [event, listener] of Object.entries(listeners)) w.off(event, listener);
    if (outcome.timedOut || outcome.crashed) await this.stop();
    return outcome;
  }
}

const limitOf = (c) => c.limit ?? LIMIT;
const runner = new Runner();
after(() => runner.stop());

for (const c of cases) {
  test(c.name, { todo: c.todo, timeout: limitOf(c) + 30_000 }, async () => {
    const problems = judge(c, await runner.run(c.name, limitOf(c)));
    assert.ok(problems.length === 0, problems.join('\n'));
  });
}
