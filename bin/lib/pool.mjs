// A small pool of worker threads (bin/worker.mjs).
import { Worker } from 'node:worker_threads';

const WORKER = new URL('../worker.mjs', import.meta.url);
// Tasks sent ahead to each thread, so that it never waits for the main thread between files
// (a report takes under a millisecond to check: the round trip would be a large share).
const AHEAD = 4;

export class Pool {
  #queue = [];
  #next = 0; // index into #queue: shift() on thousands of tasks would copy the array each time
  #workers;
  #broadcasts = []; // replayed to a thread that replaces a dead one

  constructor(size) {
    this.#workers = Array.from({ length: size }, () => this.#spawn());
  }

  #spawn() {
    const worker = new Worker(WORKER);
    for (const message of this.#broadcasts) worker.postMessage(message);
    worker.tasks = []; // sent and not answered yet; a thread answers in the order it was sent
    worker.on('message', ({ value, error }) => {
      const { resolve, reject } = worker.tasks.shift();
      if (error === undefined) resolve(value);
      else reject(new Error(error));
      this.#dispatch();
    });
    // A thread that dies (out of memory, a bug) fails the tasks it held; a fresh one takes over.
    worker.on('error', (err) => {
      for (const task of worker.tasks) task.reject(err);
      this.#workers[this.#workers.indexOf(worker)] = this.#spawn();
      this.#dispatch();
    });
    return worker;
  }

  #dispatch() {
    for (const worker of this.#workers) {
      while (worker.tasks.length < AHEAD && this.#next < this.#queue.length) {
        const task = this.#queue[this.#next];
        this.#queue[this.#next++] = undefined; // let the task's result be collected once answered
        worker.tasks.push(task);
        worker.postMessage(task.message);
      }
    }
  }

  /** Runs one task ({ type, ...}) on a thread with room for it; resolves to its answer. */
  run(message) {
    return new Promise((resolve, reject) => {
      this.#queue.push({ message, resolve, reject });
      this.#dispatch();
    });
  }

  /** Sends a message that every thread reads before the tasks sent after it (and answers none). */
  broadcast(message) {
    this.#broadcasts.push(message);
    for (const worker of this.#workers) worker.postMessage(message);
  }

  close() {
    return Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
