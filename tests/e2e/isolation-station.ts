/**
 * The simulated station as a separate process, for the isolation end-to-end tests: like
 * tests/support/standalone-station.ts, plus what those tests need of a bench.
 *   ts-node tests/e2e/isolation-station.ts <url> <version> <stationId> <timeScale> <rigPort> [--dormant]
 * - The rig's HTTP API listens on the fixed <rigPort> (a restarted station is found at the same place).
 * - POST /action {action, case}: a SutAction, with the title of the case it is for (OCPP_CASE).
 *   ISO_FAULT=<remote-control fault> ISO_FAULT_CASE=<text>: the fault is armed while the actions
 *   come from a case whose title contains the text, and disarmed by any other case's action.
 *   ISO_KILL_CASE=<text>: the first action of such a case is done, then the process kills itself (SIGKILL).
 * - POST /observe {what, connector}: prints closed|open or the meter in Wh.
 * - GET /stats: {connections} (WebSocket connections the station opened).
 * - --dormant: start only on SIGUSR2 (a replacement kept ready, so a restart does not wait for ts-node).
 */
import { createServer } from 'node:http';
import type { OcppVersion } from '../../harness/protocol/versions';
import type { Observation, SutAction } from '../../harness/sut/adapter';
import { EmbeddedSut } from '../../harness/sut/embedded';
import { policyOf } from '../../harness/sims/station/fault-table';
import { REMOTE_CONTROL_FAULTS } from '../../harness/sims/station/remote-control';

const [url, version, stationId, scale, rigPort, mode] = process.argv.slice(2);
const { ISO_FAULT: fault, ISO_FAULT_CASE: faultCase, ISO_KILL_CASE: killCase } = process.env;

function start(): void {
  const sut = new EmbeddedSut({ version: version as OcppVersion, url, stationId, timeScale: Number(scale), reconnectSeconds: 2 });
  const remote = sut.station.remote as unknown as { policy: object };
  const correct = remote.policy;
  let connections = 0;
  sut.station.on('connected', () => { connections++; });
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (req.url === '/stats') { res.end(JSON.stringify({ connections })); return; }
      if (req.url === '/observe') { sut.observe(JSON.parse(body) as Observation).then((v) => res.end(typeof v === 'boolean' ? (v ? 'closed' : 'open') : String(v))); return; }
      const { action, case: caseTitle = '' } = JSON.parse(body) as { action: SutAction; case?: string };
      if (fault && faultCase) remote.policy = caseTitle.includes(faultCase) ? policyOf(correct, REMOTE_CONTROL_FAULTS, new Set([fault])) : correct;
      const kill = !!killCase && caseTitle.includes(killCase);
      sut.perform(action).then(() => {
        res.end('ok', () => { if (kill) process.kill(process.pid, 'SIGKILL'); });
      }, (e: Error) => { res.statusCode = 500; res.end(e.message); });
    });
  });
  server.listen(Number(rigPort), '127.0.0.1', () => { sut.station.powerOn('PowerUp'); process.stdout.write('started\n'); });
  process.on('SIGTERM', () => { sut.station.shutdown(); server.close(); process.exit(0); });
}

if (mode === '--dormant') {
  process.on('SIGUSR2', start);
  process.stdout.write('dormant\n');
  setInterval(() => undefined, 1 << 30);
} else {
  start();
}
