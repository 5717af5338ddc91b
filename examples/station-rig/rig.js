#!/usr/bin/env node
/*
 * rig.js: the hands of ocpp-harness on a station's test bench, for the command adapter
 * (docs/writing-a-rig.md, "Station under test"). Plain Node 20+, no dependencies, no build:
 *
 *   npx ocpp-harness run --adapter command --command "node /path/to/rig.js" ...
 *
 * The harness runs `rig.js <action> <args...>` once per action and reads the exit code:
 *   0  done (return only once it has happened; observations print their reading on stdout)
 *   3  this bench cannot do it: the case is SKIPPED, and what you print on stderr is the reason
 *   *  it failed: the case FAILS, quoting the end of stderr
 *
 * Wire your bench in the section "YOUR BENCH" below: every function there gets plain values and
 * either does the thing, calls cannot("why"), or throws. Until a function is wired, list its
 * action in RIG_CANNOT (comma-separated, e.g. RIG_CANNOT=enterCode,observeEnergy): those cases
 * are skipped with that reason instead of failing.
 *
 * As shipped, the bench is an HTTP API (RIG_BENCH_URL): demo-bench.js next to this file, the
 * simulated station standing in for yours, so the rig can be tried before a relay is wired.
 */
'use strict';

/** Say "this bench cannot": the rig exits 3 and the case is skipped with `why`. */
class Cannot extends Error {}
const cannot = (why) => { throw new Cannot(why); };

// ───────────────────────────── YOUR BENCH ─────────────────────────────
// `c` is a connector: { evseId, connectorId }, both from 1, in the layout given to the harness
// (--connectors / sut.evses; a 1.6 station's connector n is { evseId: n, connectorId: 1 }).
// Replace each body with what moves your relays, card emulator, keypad and meter.

const BENCH = process.env.RIG_BENCH_URL;

/** One request to the demo bench: 2xx = done, 501 = it cannot (exit 3), anything else fails. */
async function bench(method, path, body) {
  if (!BENCH) cannot('RIG_BENCH_URL is not set: wire rig.js to your bench, or start demo-bench.js');
  const res = await fetch(`${BENCH}${path}`, { method, ...(body ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}) });
  const text = (await res.text()).trim();
  if (res.status === 501) cannot(text || `the bench cannot ${path}`);
  if (!res.ok) throw new Error(`bench answered HTTP ${res.status} to ${method} ${path}: ${text}`);
  return text;
}
const act = (action) => bench('POST', '/action', action);

const station = {
  /** Switch the station's supply on (it boots by itself). */
  powerOn: () => act({ type: 'powerOn' }),
  /** Cut the supply, then restore it. */
  powerCycle: () => act({ type: 'powerCycle' }),
  /** Put an EV cable into the connector (the EV side ready to charge). */
  plugIn: (c) => act({ type: 'plugIn', connector: c }),
  /** Take the cable out. */
  unplug: (c) => act({ type: 'unplug', connector: c }),
  /** Hold the RFID card `token` to the reader (of that connector's EVSE, when c is given). */
  presentCard: (token, c) => act({ type: 'presentCard', idToken: token, ...(c ? { connector: c } : {}) }),
  /** Type `code` on the keypad (of that connector's EVSE, when c is given). */
  enterCode: (code, c) => act({ type: 'enterCode', code, ...(c ? { connector: c } : {}) }),
  /** Put the connector in a fault: errorCode as OCPP names it (GroundFailure, ConnectorLockFailure, ...). */
  raiseFault: (c, errorCode) => act({ type: 'raiseFault', connector: c, errorCode }),
  /** Clear the connector's fault. */
  clearFault: (c) => act({ type: 'clearFault', connector: c }),
  /** Is the connector's relay (contactor) closed, i.e. can energy flow? true / false. */
  relayClosed: async (c) => (await bench('GET', `/relay/${c.evseId}/${c.connectorId}`)) === 'closed',
  /** The connector's energy meter register, in Wh. */
  meterWh: async (c) => Number(await bench('GET', `/energy/${c.evseId}/${c.connectorId}`)),
};
// ──────────────────────────────────────────────────────────────────────

/** A positive integer argument, or a failure naming it. */
function int(value, what) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer, got ${JSON.stringify(value)}`);
  return n;
}
const conn = (e, c) => ({ evseId: int(e, 'EVSE id'), connectorId: int(c, 'connector id') });
const optConn = (e, c) => (e === undefined ? undefined : conn(e, c));

/** Every action the harness asks for (docs/writing-a-rig.md, "The actions"), with its arguments. */
const ACTIONS = {
  powerOn: () => station.powerOn(),
  powerCycle: () => station.powerCycle(),
  plugIn: (e, c) => station.plugIn(conn(e, c)),
  unplug: (e, c) => station.unplug(conn(e, c)),
  presentCard: (token, e, c) => station.presentCard(token, optConn(e, c)),
  enterCode: (code, e, c) => station.enterCode(code, optConn(e, c)),
  raiseFault: (e, c, errorCode) => station.raiseFault(conn(e, c), errorCode),
  clearFault: (e, c) => station.clearFault(conn(e, c)),
  // Observations print their reading: "closed" or "open"; the meter in Wh ("12345" or "12345.6").
  observeRelay: async (e, c) => { process.stdout.write(`${(await station.relayClosed(conn(e, c))) ? 'closed' : 'open'}\n`); },
  observeEnergy: async (e, c) => {
    const wh = await station.meterWh(conn(e, c));
    if (!Number.isFinite(wh) || wh < 0) throw new Error(`the meter reading is not a number of Wh: ${wh}`);
    process.stdout.write(`${wh}\n`);
  },
};

async function main() {
  const [action, ...args] = process.argv.slice(2);
  const notWired = (process.env.RIG_CANNOT ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  if (notWired.includes(action)) cannot(`${action} is not wired on this bench (RIG_CANNOT)`);
  const run = Object.prototype.hasOwnProperty.call(ACTIONS, action) ? ACTIONS[action] : undefined;
  // An action this rig does not know (a newer harness may ask for more): skip, never fail.
  if (!run) cannot(`rig.js does not know the action ${JSON.stringify(action)}`);
  if (process.env.OCPP_CASE) process.stderr.write(`rig: ${[action, ...args].join(' ')} (for ${process.env.OCPP_CASE})\n`);
  await run(...args);
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`${e instanceof Cannot ? 'cannot: ' : ''}${e && e.message ? e.message : String(e)}\n`);
  process.exit(e instanceof Cannot ? 3 : 1);
});
