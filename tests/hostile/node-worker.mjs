// Runs hostile cases for boundary.test.mjs in a worker thread, so that a call that never returns
// can be ended (worker.terminate()) without ending the test run.
import { parentPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import * as api from 'nianbao';
import { runCase } from './cases.mjs';

const longde = readFileSync(new URL('../data/longde-2024.json', import.meta.url), 'utf8');
parentPort.on('message', (name) => parentPort.postMessage(runCase(name, api, longde)));
parentPort.postMessage('ready');
