#!/usr/bin/env node
// The command adapter's rig for tests/e2e/isolation-station.ts: `isolation-rig.js <action> <args...>`
// -> POST {action, case: $OCPP_CASE} to the bench (RIG_PORT). Exit 3 for what this bench cannot do.
const http = require('node:http');
const [type, ...a] = process.argv.slice(2);
const action = require('../support/rig-action')(type, a);
const conn = (i) => ({ evseId: Number(a[i]), connectorId: Number(a[i + 1]) });
const observe = { observeRelay: 'relay', observeEnergy: 'energy' }[type];
if (!action && !observe) process.exit(3);
const req = http.request({ host: '127.0.0.1', port: Number(process.env.RIG_PORT), method: 'POST', path: observe ? '/observe' : '/action' }, (res) => {
  let body = '';
  res.on('data', (c) => { body += c; });
  res.on('end', () => {
    if (res.statusCode !== 200) console.error(body); else if (observe) process.stdout.write(`${body}\n`);
    process.exit(res.statusCode === 200 ? 0 : 1);
  });
});
req.on('error', (e) => { console.error(`the bench at port ${process.env.RIG_PORT} did not answer: ${e.message}`); process.exit(1); });
req.end(JSON.stringify(observe ? { what: observe, connector: conn(0) } : { action, case: process.env.OCPP_CASE ?? '' }));
