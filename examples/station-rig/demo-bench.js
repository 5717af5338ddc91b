#!/usr/bin/env node
/*
 * demo-bench.js: a bench to try rig.js on before wiring your own. The harness's simulated
 * station stands in for your station: it connects by itself to the harness, and takes the bench
 * actions over HTTP the way rig.js sends them.
 *
 *   node examples/station-rig/demo-bench.js <csmsUrl> <ocppVersion> <stationId> [timeScale]
 *   e.g. node examples/station-rig/demo-bench.js ws://127.0.0.1:9000/ocpp/CS-RIG 2.0.1 CS-RIG
 *
 * It prints `bench http://127.0.0.1:<port>` (BENCH_PORT, default any free port): give that to
 * rig.js as RIG_BENCH_URL. Its API:
 *   POST /action          {"type":"plugIn","connector":{"evseId":1,"connectorId":1}} ...  -> 200
 *   GET  /relay/E/C       -> closed | open
 *   GET  /energy/E/C      -> the meter register in Wh
 *   GET  /stats           -> {"connections": n, "actions": {"plugIn": n, ...}} (what it was asked)
 *   BENCH_CANNOT=a,b      those actions answer 501 (the rig exits 3: the case is skipped)
 * Runs from the harness's directory (it loads the simulated station from dist/, or from the
 * sources through ts-node when dist/ is not built).
 */
'use strict';
const http = require('node:http');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
function loadEmbeddedSut() {
  if (existsSync(join(root, 'dist', '.build-stamp'))) return require(join(root, 'dist', 'harness', 'sut', 'embedded.js')).EmbeddedSut;
  require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
  return require(join(root, 'harness', 'sut', 'embedded.ts')).EmbeddedSut;
}

const [url, version, stationId, scale] = process.argv.slice(2);
if (!url || !version || !stationId) {
  process.stderr.write('usage: demo-bench.js <csmsUrl> <ocppVersion> <stationId> [timeScale]\n');
  process.exit(2);
}
const EmbeddedSut = loadEmbeddedSut();
const sut = new EmbeddedSut({ version, url, stationId, timeScale: Number(scale ?? 1), reconnectSeconds: 2 });
const cannot = new Set((process.env.BENCH_CANNOT ?? '').split(',').map((x) => x.trim()).filter(Boolean));
const stats = { connections: 0, actions: {} };
const count = (type) => { stats.actions[type] = (stats.actions[type] ?? 0) + 1; };
sut.station.on('connected', () => { stats.connections++; });

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', async () => {
    const answer = (status, text) => { res.writeHead(status, { 'content-type': 'text/plain' }).end(text); };
    try {
      if (req.method === 'GET' && req.url === '/stats') return answer(200, JSON.stringify(stats));
      const observe = /^\/(relay|energy)\/(\d+)\/(\d+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && observe) {
        const [, what, evseId, connectorId] = observe;
        count(what === 'relay' ? 'observeRelay' : 'observeEnergy');
        if (cannot.has(what === 'relay' ? 'observeRelay' : 'observeEnergy')) return answer(501, `this bench has no ${what === 'relay' ? 'relay sensor' : 'meter'} (BENCH_CANNOT)`);
        const v = await sut.observe({ what, connector: { evseId: Number(evseId), connectorId: Number(connectorId) } });
        return answer(200, what === 'relay' ? (v ? 'closed' : 'open') : String(v));
      }
      if (req.method === 'POST' && req.url === '/action') {
        const action = JSON.parse(body);
        count(action.type);
        if (cannot.has(action.type)) return answer(501, `this bench cannot ${action.type} (BENCH_CANNOT)`);
        await sut.perform(action);
        return answer(200, 'done');
      }
      return answer(404, `no ${req.method} ${req.url} here`);
    } catch (e) {
      return answer(500, e && e.message ? e.message : String(e));
    }
  });
});

server.listen(Number(process.env.BENCH_PORT ?? 0), '127.0.0.1', () => {
  process.stdout.write(`bench http://127.0.0.1:${server.address().port}\n`);
  // A powered station, as on a bench: it boots and connects to the harness by itself.
  sut.station.powerOn('PowerUp');
});
const stop = () => { sut.station.shutdown(); server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
