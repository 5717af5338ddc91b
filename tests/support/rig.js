#!/usr/bin/env node
// The command adapter's rig for the standalone station: `rig.js <action> <args...>` -> HTTP POST.
const http = require('node:http');
const [type, ...a] = process.argv.slice(2);
const conn = (i) => ({ evseId: Number(a[i]), connectorId: Number(a[i + 1]) });
const action = {
  powerOn: () => ({ type }), powerCycle: () => ({ type }),
  plugIn: () => ({ type, connector: conn(0) }), unplug: () => ({ type, connector: conn(0) }), clearFault: () => ({ type, connector: conn(0) }),
  presentCard: () => ({ type, idToken: a[0], ...(a.length > 1 ? { connector: conn(1) } : {}) }),
  raiseFault: () => ({ type, connector: conn(0), errorCode: a[2] }),
}[type];
if (!action) process.exit(3);
const req = http.request({ host: '127.0.0.1', port: Number(process.env.RIG_PORT), method: 'POST', path: '/action' }, (res) => {
  res.resume();
  res.on('end', () => process.exit(res.statusCode === 200 ? 0 : 1));
});
req.on('error', (e) => { console.error(e.message); process.exit(1); });
req.end(JSON.stringify(action()));
