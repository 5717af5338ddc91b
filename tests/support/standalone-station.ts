/**
 * The simulated station as a separate process, standing in for a real station in end-to-end
 * tests of the real-station path: it connects by itself to the URL it is given, and a rig
 * (tests/support/rig.js, the command adapter's target) drives its hardware over loopback HTTP.
 *   ts-node tests/support/standalone-station.ts <url> <version> <stationId> <timeScale> <portFile> [caFile]
 * With caFile, the station connects over wss:// trusting that CA (security profile 2).
 */
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { OcppVersion } from '../../harness/protocol/versions';
import type { SutAction } from '../../harness/sut/adapter';
import { EmbeddedSut } from '../../harness/sut/embedded';

const [url, version, stationId, scale, portFile, caFile] = process.argv.slice(2);
const sut = new EmbeddedSut({ version: version as OcppVersion, url, stationId, timeScale: Number(scale), reconnectSeconds: 2, ...(caFile ? { tls: { caPem: readFileSync(caFile, 'utf8') } } : {}) });
let connections = 0;
sut.station.on('connected', () => { connections++; });
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/stats') { res.end(JSON.stringify({ connections })); return; }
    sut.perform(JSON.parse(body) as SutAction).then(() => res.end('ok'), (e: Error) => { res.statusCode = 500; res.end(e.message); });
  });
});
server.listen(0, '127.0.0.1', () => {
  writeFileSync(portFile, String((server.address() as AddressInfo).port));
  sut.station.powerOn('PowerUp');
});
process.on('SIGTERM', () => { sut.station.shutdown(); server.close(); process.exit(0); });
