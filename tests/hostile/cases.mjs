// Hostile input at the JS boundary (issue 7, item 3), shared by boundary.test.mjs (Node, in a
// worker) and browser.test.mjs (headless Chromium, in the page). Nothing here imports anything:
// every hostile value is built by a function, so it belongs to the realm that runs the case.
//
// A case is { name, run(ctx), error?, result?, observe?, checker?, unchanged?, todo?, limit? }:
//   checker  true: ctx.checker is a Checker made from longde, for the call to be made on.
//   run    makes one call into the package with one hostile value; what it returns is summarised.
//   error  a RegExp: the call may throw, and then must throw an `Error` whose message matches.
//   result a function(summary, observed) → a problem string, or nothing when what was returned is right;
//          with it the call may return. A case with only `error` must throw, with only `result`
//          must return.
//   observe    a function(ctx) run after a call that returned; what it gives is passed to result.
//   unchanged  true: when the call throws, the Checker it was made on still holds the same report.
//   todo   the reason, when the case documents a bug of the package that is not fixed yet.
//   limit  the loose time bound of the call in ms (default 5 s); it catches hangs, not slowness.
// runCase() (in the runner's realm) makes the call and probes afterwards: no wasm trap, no changed
// Object.prototype, the module still checks longde as ok, and the Checker that saw the call still
// takes a `set`. judge() (in Node) turns its plain-data outcome into a list of problems.

export const CELL = 'requests.new.research'; // 0 in longde, so -0 leaves the report ok
export const LIMIT = 5_000;
// A message says what is wrong; it does not echo a 10 MB input back (the package shortens quoted
// input to 40 characters and an ellipsis in most places).
export const MAX_MESSAGE = 2_000;
const MB = 1024 * 1024;
// Big inputs are read in linear time (0.1–0.7 s per MB on an idle machine, importReport the
// slowest; 3× that on a busy one): their bound grows with their size, on top of the default.
const big = (mb) => LIMIT + 2_000 * mb;

// ---------------------------------------------------------------- hostile values

const fail = (what) => { throw new Error(what); };

/** A Proxy whose every trap throws (its handler is itself a Proxy that hands out throwing traps). */
function throwingProxy(target = {}) {
  return new Proxy(target, new Proxy({}, { get: (_, trap) => () => fail(`trap ${String(trap)}`) }));
}

function deep(levels, leaf = 1) {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function deepText(levels) {
  return '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

function manyKeys(count, into = {}) {
  for (let i = 0; i < count; i++) into[`unknown_${i}`] = i;
  return into;
}

function cyclic() {
  const o = { a: { b: {} } };
  o.a.b.back = o;
  return o;
}

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

/** The wrong types, one builder each, in the order the brief lists them. */
export const hostile = {
  'undefined': () => undefined,
  'null': () => null,
  'a symbol': () => Symbol('hostile'),
  'a function': () => function hostile() { return 1; },
  'a bigint': () => 10n,
  'nested arrays': () => [[1, [2, [3, []]]], []],
  'an object whose getter throws': () => ({ get issuer() { return fail('getter boom'); }, get blanks() { return fail('getter boom'); } }),
  'a Proxy whose traps throw': () => throwingProxy(),
  'a revoked Proxy': revokedProxy,
  'a cyclic object': cyclic,
  'NaN': () => NaN,
  'Infinity': () => Infinity,
  '-Infinity': () => -Infinity,
  '-0': () => -0,
  '1e309': () => 1e309,
  '1e21': () => 1e21,
  'a 10 MB string': () => 'x'.repeat(10 * MB),
  '10,000 nested objects': () => deep(10_000),
};

// The one bug of this kind still open: a cell's finding quotes the value as typed, whole.
const REPORT_NOT_OBJECT = /report is an object|report is not valid JSON/;
const READ_FAILED = /could not be read: .*(boom|trap|revoked|circular)/is;

// ---------------------------------------------------------------- summaries

const mentions = (f, cell) => f.cell === cell || (Array.isArray(f.cells) && f.cells.includes(cell));

/** What a call returned, as plain data small enough to send from a worker or a page. */
export function summarize(value, focus = CELL) {
  if (value === undefined) return { type: 'undefined' };
  if (typeof value === 'number') return { type: 'number', value };
  const longest = (findings) => findings.reduce((max, f) => Math.max(max, String(f.message).length, String(f.message_en ?? '').length), 0);
  if (value && Array.isArray(value.findings)) {
    return { type: 'result', ok: value.ok, errors: value.errors, count: value.findings.length, longest: longest(value.findings),
      ids: value.findings.slice(0, 8).map((f) => f.id), focus: value.findings.filter((f) => mentions(f, focus)).map((f) => f.id) };
  }
  if (value && Array.isArray(value.changed)) {
    return { type: 'changes', ok: value.ok, errors: value.errors, count: value.changed.length, longest: longest(value.changed),
      ids: value.changed.slice(0, 8).map((f) => f.id), focus: value.changed.filter((f) => mentions(f, focus)).map((f) => f.id) };
  }
  if (value && value.report && Array.isArray(value.unplaced)) return { type: 'import' };
  if (typeof value === 'string') return { type: 'string', value: value.slice(0, 300) };
  return { type: typeof value };
}

// Result expectations.
const isResult = (s) => (s.type === 'result' ? undefined : `returned ${s.type}, not a CheckResult`);
const isChanges = (s) => (s.type === 'changes' ? undefined : `returned ${s.type}, not Changes`);
const isNumber = (s) => (s.type === 'number' ? undefined : `returned ${s.type}, not flags`);
const isOk = (s) => isResult(s) ?? (s.ok ? undefined : `longde is not ok with it: ${s.ids.join(', ')}`);
const changesOk = (s) => isChanges(s) ?? (s.ok ? undefined : `longde is not ok with it: ${s.ids.join(', ')}`);
/** The result or changes name the hostile cell (as not a number, too large, blank, …). */
const namesCell = (prefix = 'cell.') => (s) => (s.type === 'result' || s.type === 'changes')
  ? (s.focus.some((id) => id.startsWith(prefix)) ? undefined : `no ${prefix}* finding on ${CELL}: ${s.focus.join(', ') || 'none'}`)
  : `returned ${s.type}`;
const hasFinding = (id) => (s) => (s.type === 'result' || s.type === 'changes')
  ? (s.ids.includes(id) || s.focus.includes(id) ? undefined : `no finding ${id}: ${s.ids.join(', ')}`)
  : `returned ${s.type}`;

// ---------------------------------------------------------------- the cases

/** Longde with one cell replaced (as an object literal, so the value stays in this realm). */
function withCell(ctx, value, cell = CELL) {
  const report = ctx.report();
  const [table, row, column] = cell.split('.');
  report[table][row][column] = value;
  return report;
}

/** Longde's JSON text with one more top-level member written first. */
const textWith = (ctx, member) => '{' + member + ',' + ctx.text.trim().slice(1);

const cases = [];
const add = (c) => cases.push(c);

// check(report) and new Checker(report): every wrong type where a report is expected.
for (const [api, call] of [
  ['check', (ctx, report) => ctx.api.check(report)],
  ['new Checker', (ctx, report) => { const c = new ctx.api.Checker(report); try { return c.result(); } finally { c.free(); } }],
]) {
  for (const [what, build] of Object.entries(hostile)) {
    const blank = api === 'new Checker' && (what === 'undefined' || what === 'null');
    const c = { name: `${api}(${what})`, run: (ctx) => call(ctx, build()) };
    if (blank) c.result = isResult; // a blank report to start from
    else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED;
    else if (what === '10,000 nested objects') { c.error = /report/; c.result = isResult; } // too deep for JSON.stringify, or read
    else if (what === 'a 10 MB string') { c.error = REPORT_NOT_OBJECT; c.limit = big(10); }
    else c.error = REPORT_NOT_OBJECT;
    add(c);
  }
  add({ name: `${api}(JSON text nested 10,000 levels)`, run: (ctx) => call(ctx, deepText(10_000)), error: /report/, result: isResult });
  // What a getter throws need not be an Error: the package's Error still says what happened.
  add({ name: `${api}(an object whose getter throws a string)`, run: (ctx) => call(ctx, { ...ctx.report(), get issuer() { throw 'thrown text'; } }), error: /could not be read: thrown text/ });
  add({ name: `${api}(an object whose getter throws a symbol)`, run: (ctx) => call(ctx, { ...ctx.report(), get issuer() { throw Symbol('thrown'); } }), error: /could not be read/ });
  // 100,000 unknown keys take seconds (each is compared with the known ones for a suggestion):
  // once, as an object to check(); the Checker reads the same way, from JSON text.
  if (api === 'check') {
    add({ name: `${api}(JSON text of a 10 MB string)`, run: (ctx) => call(ctx, JSON.stringify('x'.repeat(10 * MB))), error: REPORT_NOT_OBJECT, limit: big(10) });
    add({ name: `${api}(a report with 100,000 unknown keys)`, run: (ctx) => call(ctx, manyKeys(100_000, ctx.report())), limit: big(10),
      result: (s) => isResult(s) ?? (s.count >= 100_000 && s.ids.every((id) => id.startsWith('report.unknown_key:')) ? undefined : `${s.count} findings: ${s.ids.join(', ')}`) });
  } else {
    add({ name: `${api}(JSON text with 10,000 unknown keys)`, run: (ctx) => call(ctx, JSON.stringify(manyKeys(10_000, ctx.report()))),
      result: (s) => isResult(s) ?? (s.count >= 10_000 ? undefined : `${s.count} findings`) });
  }
  // Prototype-polluting keys: findings that name them, and Object.prototype untouched.
  add({ name: `${api}(__proto__ key via JSON.parse)`, run: (ctx) => call(ctx, JSON.parse(textWith(ctx, '"__proto__": {"polluted": "yes", "blanks": "warning"}'))), result: hasFinding('report.unknown_key:__proto__') });
  add({ name: `${api}(__proto__ key as JSON text)`, run: (ctx) => call(ctx, textWith(ctx, '"__proto__": {"polluted": "yes"}')), result: hasFinding('report.unknown_key:__proto__') });
  add({ name: `${api}(__proto__ key via a computed key)`, run: (ctx) => call(ctx, { ['__proto__']: { polluted: 'yes' }, ...ctx.report() }), result: hasFinding('report.unknown_key:__proto__') });
  add({ name: `${api}(constructor.prototype via JSON.parse)`, run: (ctx) => call(ctx, JSON.parse(textWith(ctx, '"constructor": {"prototype": {"polluted": "yes"}}'))), result: hasFinding('report.unknown_key:constructor') });
  add({ name: `${api}(constructor.prototype via an object literal)`, run: (ctx) => call(ctx, { constructor: { prototype: { polluted: 'yes' } }, ...ctx.report() }), result: hasFinding('report.unknown_key:constructor') });
  add({ name: `${api}(__proto__ as a row of a table, via JSON.parse)`, run: (ctx) => call(ctx, JSON.parse(ctx.text.replace('"requests": {', '"requests": {"__proto__": {"polluted": "yes"},'))), result: (s) => isResult(s) ?? (s.ids.some((id) => id.includes('__proto__')) ? undefined : `__proto__ is not named: ${s.ids.join(', ')}`) });
  add({ name: `${api}(__proto__ and constructor as reasons)`, run: (ctx) => { const r = ctx.report(); r.reasons = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "x"}'); return call(ctx, r); }, result: isResult });
}

// check(longde with one cell replaced): a wrong value in a cell is a finding on that cell.
for (const [what, build] of Object.entries(hostile)) {
  const c = { name: `check(cell = ${what})`, run: (ctx) => ctx.api.check(withCell(ctx, build())) };
  if (what === '-0') c.result = isOk; // -0 is 0
  else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED; // JSON.stringify cannot read the whole report
  else if (what === '10,000 nested objects') { c.error = /report/; c.result = namesCell(); }
  else if (what === 'a 10 MB string') { c.result = namesCell(); c.limit = big(10); }
  else c.result = namesCell();
  if (what === 'a bigint') c.result = (s) => (s.type === 'result' ? undefined : `returned ${s.type}`); // see the next case
  add(c);
}
// A bigint in a cell is either the number it holds or not a number; whichever, check() and the
// Checker must say the same (0n, so that as a number it leaves longde ok).
add({ name: 'a bigint cell (0n): check() and Checker.set agree', run: (ctx) => {
  const whole = ctx.api.check(withCell(ctx, 0n));
  const checker = new ctx.api.Checker(ctx.text);
  try {
    checker.set(CELL, 0n);
    const typed = checker.result();
    const ids = (r) => r.findings.map((f) => f.id).sort().join(', ') || 'none';
    return ids(whole) === ids(typed) ? 'agree' : `check(): ${ids(whole)}; Checker.set: ${ids(typed)}`;
  } finally {
    checker.free();
  }
}, result: (s) => (s.type === 'string' && s.value === 'agree' ? undefined : `they disagree: ${s.value}`) });
add({ name: 'check(cell = a plain object)', run: (ctx) => ctx.api.check(withCell(ctx, { value: 1 })), result: namesCell() });
add({ name: 'check(cell = an object with 100,000 keys)', run: (ctx) => ctx.api.check(withCell(ctx, manyKeys(100_000))), result: namesCell() });
add({ name: 'check(JSON text with a cell of 1e309)', run: (ctx) => ctx.api.check(ctx.text.replace(/"research": 0/, '"research": 1e309')), result: namesCell() });
add({ name: 'check(JSON text with a cell nested 10,000 levels)', run: (ctx) => ctx.api.check(ctx.text.replace(/"research": 0/, `"research": ${deepText(10_000)}`)), error: /report/, result: namesCell() });

// check(longde, options) and new Checker(longde, options): every wrong type for check(), some for
// the Checker (both read options with the same code).
const OPTIONS = /option/;
const SOME = new Set(['undefined', 'a symbol', 'a bigint', 'NaN', 'a Proxy whose traps throw', 'a cyclic object', '10,000 nested objects']);
const values = (api) => Object.entries(hostile).filter(([what]) => api === 'check' || SOME.has(what));
for (const [api, call] of [
  ['check', (ctx, options) => ctx.api.check(ctx.text, options)],
  ['new Checker', (ctx, options) => { const c = new ctx.api.Checker(ctx.text, options); try { return c.result(); } finally { c.free(); } }],
]) {
  for (const [what, build] of values(api)) {
    const c = { name: `${api}(longde, options = ${what})`, run: (ctx) => call(ctx, build()) };
    if (what === 'undefined' || what === 'null') c.result = isOk;
    else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED;
    else c.error = OPTIONS;
    if (what === 'a 10 MB string') c.limit = big(10);
    add(c);
  }
  if (api === 'check') add({ name: `${api}(longde, options with 100,000 unknown keys)`, run: (ctx) => call(ctx, manyKeys(100_000)), error: /unknown option/, limit: big(10) });
  add({ name: `${api}(longde, options with __proto__ via JSON.parse)`, run: (ctx) => call(ctx, JSON.parse('{"__proto__": {"blanks": "warning", "polluted": "yes"}}')), error: /unknown option "__proto__"/ });
  add({ name: `${api}(longde, options with __proto__ via a computed key)`, run: (ctx) => call(ctx, { ['__proto__']: { blanks: 'warning', polluted: 'yes' } }), error: /unknown option "__proto__"/ });
  add({ name: `${api}(longde, options with constructor.prototype)`, run: (ctx) => call(ctx, { constructor: { prototype: { polluted: 'yes' } } }), error: /unknown option "constructor"/ });

  for (const [what, build] of values(api)) {
    const c = { name: `${api}(longde, { blanks: ${what} })`, run: (ctx) => call(ctx, { blanks: build() }) };
    if (what === 'undefined' || what === 'null') c.result = isOk;
    else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED;
    else if (what === '10,000 nested objects') c.error = OPTIONS; // too deep for JSON.stringify, or not a word
    else c.error = /blanks/;
    if (what === 'a 10 MB string') c.limit = big(10);
    add(c);
  }
  for (const [what, build] of values(api)) {
    const c = { name: `${api}(longde, { previous: ${what} })`, run: (ctx) => call(ctx, { previous: build() }) };
    if (what === 'undefined' || what === 'null') c.result = isOk;
    else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED;
    else if (what === '10,000 nested objects') { c.error = /option/; c.result = isResult; }
    else c.error = /previous/;
    if (what === 'a 10 MB string') c.limit = big(10);
    add(c);
  }
  add({ name: `${api}(longde, { previous: a report with 10,000 unknown keys })`, run: (ctx) => call(ctx, { previous: manyKeys(10_000, ctx.report()) }), result: isResult });
  add({ name: `${api}(longde, { previous: __proto__ via JSON.parse })`, run: (ctx) => call(ctx, { previous: JSON.parse(textWith(ctx, '"__proto__": {"polluted": "yes"}')) }), result: isResult });
}

// A Checker made from longde (ctx.checker), then one hostile call on it.
const onChecker = (c) => add({ ...c, checker: true });

// Where a string is expected (a cell id, a field name or value, an import's text), wasm-bindgen's
// glue for a &str parameter read arg.length and arg.charCodeAt of whatever it was given: a number,
// a symbol or an object made the module trap ("memory access out of bounds", "unreachable" for an
// array of length 3e9), undefined gave "Cannot read properties of undefined", and a function (length
// 0) passed as "". The package now takes these as JsValues and checks them (97a8dd9).
const CELL_ID = /cell/;
const stringArgs = {
  ...hostile,
  'a number': () => 5,
  'a plain object': () => ({ value: 1 }),
  'an object whose toString gives a cell id': () => ({ toString: () => CELL }),
  'an array of a cell id': () => [[CELL]],
  'an object whose length getter throws': () => ({ get length() { return fail('getter boom'); } }),
  'an array of length 3e9': () => new Array(3e9),
  '"__proto__"': () => '__proto__',
  '"constructor.prototype"': () => 'constructor.prototype',
};
// A value that throws when touched may throw its own Error, if the package touches it.
const ownError = (what) => /length getter throws|Proxy/.test(what);
const OWN = (expected) => new RegExp(`boom|trap|revoked|${expected.source}`, expected.flags);

for (const [what, build] of Object.entries(stringArgs)) {
  onChecker({ name: `checker.set(cell id = ${what}, 1)`, run: (ctx) => ctx.checker.set(build(), 1),
    error: ownError(what) ? OWN(CELL_ID) : CELL_ID, unchanged: true, limit: what === 'a 10 MB string' ? big(10) : undefined });
}
for (const [what, build] of Object.entries({ ...hostile, 'a plain object': () => ({ value: 1 }), 'an object whose valueOf and toString throw': () => ({ valueOf: () => fail('valueOf boom'), toString: () => fail('toString boom') }), 'a 10 MB string of digits': () => '1'.repeat(10 * MB) })) {
  const c = { name: `checker.set(${CELL}, ${what})`, run: (ctx) => ctx.checker.set(CELL, build()) };
  if (what === '-0') c.result = changesOk;
  else if (what === 'a bigint') c.result = isChanges; // a number or not: see 'a bigint cell (0n)' above
  else if (what === 'undefined' || what === 'null') c.result = namesCell('cell.blank');
  else c.result = namesCell();
  if (/10 MB/.test(what)) { c.limit = big(10); }
  onChecker(c);
}

// setAt(index, value): the index must be an integer below cells().length, or an Error — never
// another cell written instead (when it was a u32, ToUint32 turned NaN, null, 1.5, 2 ** 32 or a
// cell id string into 0 or 1, and proactive.rules.* was written).
const indexes = {
  'undefined': () => undefined, 'null': () => null, 'NaN': () => NaN, 'Infinity': () => Infinity, '-Infinity': () => -Infinity,
  '1e309': () => 1e309, '1e21': () => 1e21, '-1': () => -1, '1.5': () => 1.5, '2 ** 32': () => 2 ** 32,
  'a cell id string': () => CELL, 'a symbol': () => Symbol('hostile'), 'a bigint': () => 1n, 'a function': () => function hostile() {},
  'nested arrays': () => [[1]], 'an object whose valueOf throws': () => ({ valueOf: () => fail('valueOf boom') }),
  'a Proxy whose traps throw': () => throwingProxy(), 'a cyclic object': cyclic,
};
for (const [what, build] of Object.entries(indexes)) {
  onChecker({ name: `checker.setAt(index = ${what}, 7)`, run: (ctx) => ctx.checker.setAt(build(), 7), error: /index|number|boom|trap/, unchanged: true });
}
onChecker({ name: 'checker.setAt(index = -0, 0)', run: (ctx) => ctx.checker.setAt(-0, 0), result: isNumber });
for (const what of ['a symbol', 'a function', 'a bigint', 'NaN', 'a Proxy whose traps throw', 'a cyclic object', '10,000 nested objects']) {
  onChecker({ name: `checker.setAt(index of ${CELL}, ${what})`, run: (ctx) => ctx.checker.setAt(ctx.api.cellIndex(CELL), hostile[what]()),
    result: (s) => isNumber(s) ?? ((s.value & 1) === 1 ? undefined : `flags ${s.value}: findings did not change`) });
}

// setField(key, value).
const FIELD = /field|key/i;
// The key goes through the same glue as a cell id (above): some of the same wrong types.
const KEYS = ['undefined', 'null', 'a number', 'a symbol', 'a function', 'nested arrays', 'a plain object', 'an array of length 3e9',
  'an object whose length getter throws', 'a Proxy whose traps throw', '"__proto__"', '"constructor"', '"toString"'];
for (const [what, build] of Object.entries({ ...stringArgs, '"constructor"': () => 'constructor', '"toString"': () => 'toString' })) {
  if (!KEYS.includes(what)) continue;
  onChecker({ name: `checker.setField(key = ${what}, "x")`, run: (ctx) => ctx.checker.setField(build(), 'x'),
    error: ownError(what) ? OWN(FIELD) : FIELD, unchanged: true });
}
onChecker({ name: 'checker.setField(key = a 10 MB string, "x")', run: (ctx) => ctx.checker.setField('x'.repeat(10 * MB), 'x'), error: FIELD, unchanged: true, limit: big(10) });
const fieldValues = {
  ...hostile,
  'a number': () => 5,
  'a plain object': () => ({ value: 1 }),
  'an object whose toString throws': () => ({ toString: () => fail('toString boom') }),
  'an object whose length getter throws': stringArgs['an object whose length getter throws'],
};
for (const field of ['issuer', 'year']) {
  for (const [what, build] of Object.entries(fieldValues)) {
    if (field === 'year' && !['undefined', 'null', 'a number', 'NaN', '-0', 'a symbol', 'a function', 'a bigint', 'a plain object'].includes(what)) continue;
    const c = { name: `checker.setField("${field}", ${what})`, run: (ctx) => ctx.checker.setField(field, build()), unchanged: true };
    if (what === 'undefined' || what === 'null') c.result = hasFinding(`report.missing_field:${field}`); // clears it
    else if (what === 'a 10 MB string') { c.result = isChanges; c.limit = big(10); }
    else if (ownError(what)) c.error = OWN(/string|value/);
    else {
      // Not a string: an Error, never the field silently cleared or a trap. A number may instead
      // be taken as its text.
      c.error = /string|issuer|year|field/;
      if (typeof build() === 'number') {
        // The field holds the number's text, or (not a year) a finding quotes it.
        c.observe = (ctx) => {
          const now = ctx.checker.report()[field];
          if (now !== undefined) return String(now);
          return ctx.checker.result().findings.find((f) => f.id.endsWith(`:${field}`))?.message ?? 'cleared';
        };
        c.result = (s, observed) => isChanges(s) ?? (observed === String(build()) || observed.includes(`"${String(build())}"`)
          ? undefined : `${field} is now ${JSON.stringify(observed)}, not ${String(build())}`);
      }
    }
    onChecker(c);
  }
}
onChecker({ name: 'checker.setField("year", 2024), a number as a form might pass it', run: (ctx) => { ctx.checker.setField('year', 2024); return ctx.checker.result(); },
  error: /string|year/, result: isOk, unchanged: true });
onChecker({ name: 'checker.setField("text", a 10 MB string)', run: (ctx) => ctx.checker.setField('text', '政府信息公开工作'.repeat(10 * MB / 24)), result: isChanges, limit: big(10) });

// setPrevious(report): like a report, with null and undefined forgetting last year's.
for (const [what, build] of Object.entries(hostile)) {
  const c = { name: `checker.setPrevious(${what})`, run: (ctx) => ctx.checker.setPrevious(build()), unchanged: true };
  if (what === 'undefined' || what === 'null') c.result = changesOk;
  else if (/getter|Proxy|cyclic/.test(what)) c.error = READ_FAILED;
  else if (what === '10,000 nested objects') { c.error = /report/; c.result = isChanges; }
  else c.error = REPORT_NOT_OBJECT;
  if (what === 'a 10 MB string') c.limit = big(10);
  onChecker(c);
}
onChecker({ name: 'checker.setPrevious(a report with 10,000 unknown keys)', run: (ctx) => ctx.checker.setPrevious(manyKeys(10_000, ctx.report())), result: isChanges });
onChecker({ name: 'checker.setPrevious(__proto__ via JSON.parse)', run: (ctx) => ctx.checker.setPrevious(JSON.parse(textWith(ctx, '"__proto__": {"polluted": "yes"}'))), result: isChanges });
onChecker({ name: 'checker.setPrevious(JSON text nested 10,000 levels)', run: (ctx) => ctx.checker.setPrevious(deepText(10_000)), error: /report/, result: isChanges });

// setReason, value, cellIndex: the other string parameters, a few wrong types each.
for (const what of ['undefined', 'a number', 'a symbol', 'a Proxy whose traps throw', '"__proto__"']) {
  const build = stringArgs[what];
  const error = ownError(what) ? OWN(CELL_ID) : CELL_ID;
  onChecker({ name: `checker.value(${what})`, run: (ctx) => ctx.checker.value(build()), error });
  add({ name: `cellIndex(${what})`, run: (ctx) => ctx.api.cellIndex(build()), error });
  onChecker({ name: `checker.setReason(${what}, "a reason")`, run: (ctx) => ctx.checker.setReason(build(), 'a reason'), error: ownError(what) ? OWN(/finding|reason|string/) : /finding|reason|string/,
    result: what === '"__proto__"' ? (s) => (s.type === 'undefined' ? undefined : `returned ${s.type}`) : undefined });
}
onChecker({ name: 'checker.setReason("__proto__", a reason), then report()', run: (ctx) => { ctx.checker.setReason('__proto__', 'polluted?'); return Object.getPrototypeOf(ctx.checker.report().reasons) === Object.prototype ? 'plain' : 'prototype changed'; },
  result: (s) => (s.type === 'string' ? undefined : `returned ${s.type}`) });
onChecker({ name: 'checker.setReason(a finding id, a 10 MB reason)', run: (ctx) => ctx.checker.setReason('proactive.in_force_floor:rules', 'x'.repeat(10 * MB)), result: (s) => (s.type === 'undefined' ? undefined : `returned ${s.type}`), limit: big(10) });

// importReport(text): anything but a string is not a report's text.
const IMPORT = /text|string|table/;
for (const [what, build] of Object.entries(stringArgs)) {
  if (/cell id|"/.test(what)) continue;
  add({ name: `importReport(${what})`, run: (ctx) => ctx.api.importReport(build()), error: ownError(what) ? OWN(IMPORT) : IMPORT,
    limit: what === 'a 10 MB string' ? big(10) : undefined });
}

// 10 MB where a key or the prose is expected. Each unknown key was compared with every known name
// by a full Levenshtein distance (5–15 µs per byte: a 1 MB row name took 5–30 s, blocking the
// server), and every figure in the prose was a finding (10 MB of 「收到申请1件。」: 550,000 findings,
// 60–90 s). Now a long key is quoted short and compared with nothing, and the prose is read up to
// 500 figures (97a8dd9).
const KEY = () => 'k'.repeat(10 * MB);
const longKey = (where, build) => add({ name: `check(a report with a 10 MB unknown key ${where})`, run: (ctx) => ctx.api.check(build(ctx, ctx.report())),
  result: (s) => isResult(s) ?? (s.count > 0 ? undefined : 'the key is not named'), limit: big(10) });
longKey('at the top', (ctx, r) => ({ ...r, [KEY()]: 1 }));
longKey('as a row name', (ctx, r) => { r.requests[KEY()] = {}; return r; });
longKey('as a column name', (ctx, r) => { r.requests.new[KEY()] = 1; return r; });
add({ name: 'check(a report with a 10 MB key in reasons)', run: (ctx) => ctx.api.check({ ...ctx.report(), reasons: { [KEY()]: 'why' } }), result: isResult, limit: big(10) });
add({ name: 'check(longde, options with a 10 MB key)', run: (ctx) => ctx.api.check(ctx.text, { [KEY()]: 1 }), error: /unknown option/, limit: big(10) });
onChecker({ name: 'checker.setField("text", 10 MB of prose figures)', run: (ctx) => ctx.checker.setField('text', '收到申请1件。'.repeat(10 * MB / 19)), result: isChanges, limit: big(10) });
add({ name: 'check(a report whose text is 10 MB of prose figures)', run: (ctx) => ctx.api.check({ ...ctx.report(), text: '收到申请1件。'.repeat(10 * MB / 19) }), result: isResult, limit: big(10) });

export { cases };
export const byName = new Map(cases.map((c) => [c.name, c]));
if (byName.size !== cases.length) throw new Error('two hostile cases share a name');

// ---------------------------------------------------------------- running, in any realm

const PROTOTYPES = { 'Object.prototype': Object.prototype, 'Array.prototype': Array.prototype, 'Function.prototype': Function.prototype };

function snapshot() {
  const out = new Map();
  for (const [name, proto] of Object.entries(PROTOTYPES)) {
    out.set(`${name} [[Prototype]]`, Object.getPrototypeOf(proto));
    out.set(`${name} extensible`, Object.isExtensible(proto));
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      out.set(`${name}.${String(key)}`, d.get ?? d.set ?? d.value);
    }
  }
  return out;
}

function prototypeChanges(before) {
  const after = snapshot();
  const changed = [];
  for (const [key, value] of after) if (!before.has(key) || before.get(key) !== value) changed.push(key);
  for (const key of before.keys()) if (!after.has(key)) changed.push(`${key} (deleted)`);
  if (({}).polluted !== undefined) changed.push('({}).polluted');
  return changed;
}

const text = (value) => {
  try { return typeof value === 'string' ? value : String(value); } catch { return `(a ${typeof value} that cannot be shown)`; }
};

function isTrap(error) {
  return (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError)
    || /unreachable|memory access out of bounds|RuntimeError|recursive use of an object/.test(text(error?.message ?? error));
}

/**
 * Runs one case against `api` (the package's module namespace) with longde's JSON text, and
 * returns its outcome as plain data.
 */
export function runCase(name, api, longde) {
  const c = byName.get(name);
  if (!c) throw new Error(`no hostile case named ${name}`);
  const ctx = { api, text: longde, report: () => JSON.parse(longde), checker: null };
  const outcome = { name };
  let before = null;
  if (c.checker) {
    ctx.checker = new api.Checker(longde);
    before = JSON.stringify(ctx.checker.report());
  }
  const protos = snapshot();
  const started = performance.now();
  try {
    const value = c.run(ctx);
    outcome.ms = performance.now() - started;
    outcome.threw = false;
    outcome.summary = summarize(value);
    if (c.observe) outcome.observed = c.observe(ctx);
  } catch (error) {
    outcome.ms = performance.now() - started;
    outcome.threw = true;
    outcome.isError = error instanceof Error;
    outcome.errorName = text(error?.name ?? typeof error);
    const message = text(error?.message ?? error);
    outcome.message = message.length > 600 ? `${message.slice(0, 600)}… (${message.length} characters)` : message;
    outcome.messageLength = message.length;
    outcome.trap = isTrap(error);
  }
  outcome.prototypes = prototypeChanges(protos);
  // Afterwards the module still works…
  try {
    const ok = api.check(longde).ok;
    outcome.moduleWorks = ok === true ? true : `check(longde).ok is ${ok}`;
  } catch (error) {
    outcome.moduleWorks = `${text(error?.name)}: ${text(error?.message ?? error)}`;
  }
  // …and so does the Checker that saw the call: not left borrowed, its report as before if it threw.
  if (ctx.checker) {
    try {
      if (c.unchanged && outcome.threw) {
        const now = JSON.stringify(ctx.checker.report());
        outcome.unchanged = now === before ? true : 'the report changed although the call threw';
      }
      ctx.checker.set('requests.new.other_org', 42);
      const value = ctx.checker.value('requests.new.other_org');
      outcome.checkerWorks = value === '42' ? true : `set then value gives ${value}`;
    } catch (error) {
      outcome.checkerWorks = `${text(error?.name)}: ${text(error?.message ?? error)}`;
    }
    try { ctx.checker.free(); } catch { /* judged above */ }
  }
  return outcome;
}

// ---------------------------------------------------------------- judging, in Node

/** The problems with an outcome; none when the case behaves as it must. */
export function judge(c, o) {
  if (o.timedOut) return [`no answer within ${Math.round(o.ms)} ms: a hang`];
  if (o.crashed) return [`the runner died: ${o.crashed}`];
  const problems = [];
  const limit = c.limit ?? LIMIT;
  if (o.ms > limit) problems.push(`took ${Math.round(o.ms)} ms (bound ${limit} ms)`);
  if (o.threw) {
    if (o.trap) problems.push(`a wasm trap or poisoned state: ${o.errorName}: ${o.message}`);
    else if (!o.isError) problems.push(`threw a non-Error (${o.errorName}): ${o.message}`);
    else if (!c.error) problems.push(`threw ${o.errorName}: ${o.message}`);
    else if (!c.error.test(o.message)) problems.push(`message does not say what is wrong (expected ${c.error}): ${o.errorName}: ${o.message}`);
    else if (o.messageLength > MAX_MESSAGE) problems.push(`a message of ${o.messageLength} characters: ${o.message.slice(0, 120)}…`);
    if (o.unchanged !== undefined && o.unchanged !== true) problems.push(o.unchanged);
  } else if (!c.result) {
    problems.push(`returned ${JSON.stringify(o.summary)} instead of throwing`);
  } else {
    const problem = c.result(o.summary, o.observed);
    if (problem) problems.push(problem);
    if (o.summary.longest > MAX_MESSAGE) problems.push(`a finding's message of ${o.summary.longest} characters`);
  }
  if (o.prototypes.length) problems.push(`changed ${o.prototypes.join(', ')}`);
  if (o.moduleWorks !== true) problems.push(`the module no longer works: ${o.moduleWorks}`);
  if (o.checkerWorks !== undefined && o.checkerWorks !== true) problems.push(`the Checker no longer works: ${o.checkerWorks}`);
  return problems;
}
