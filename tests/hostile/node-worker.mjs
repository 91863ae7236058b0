// Runs hostile cases for boundary.test.mjs in a worker thread, so that a call that never returns
// can be ended (worker.terminate()) without ending the test run.
import { parentPort } from 'node:worker_threads';
import * as api from 'nianbao';
import { LONGDE_TEXT } from '../support/reports.mjs';
import { runCase } from './cases.mjs';

parentPort.on('message', (name) => parentPort.postMessage(runCase(name, api, LONGDE_TEXT)));
parentPort.postMessage('ready');
