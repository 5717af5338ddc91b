#!/usr/bin/env node
// The command adapter's rig for the standalone station: `rig.js <action> <args...>` -> HTTP POST.
const http = require('node:http');
const [type, ...a] = process.argv.slice(2);
const action = require('./rig-action')(type, a);
if (!action) process.exit(3);
const req = http.request({ host: '127.0.0.1', port: Number(process.env.RIG_PORT), method: 'POST', path: '/action' }, (res) => {
  res.resume();
  res.on('end', () => process.exit(res.statusCode === 200 ? 0 : 1));
});
req.on('error', (e) => { console.error(e.message); process.exit(1); });
req.end(JSON.stringify(action));
