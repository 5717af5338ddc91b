/**
 * The harness station's log upload (CSMS under test, 1.6 security whitepaper N01): one HTTP(S) PUT
 * of a small log file to the location the CSMS gave in GetLog. It is the tool's side of the use
 * case, never judged: the outcome goes into the journal. Other schemes (ftp://) are not uploaded.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** Uploads `body` to `location`: 'uploaded' on a 2xx answer, else what went wrong. */
export function uploadLog(location: string, body: string, timeoutMs: number): Promise<string> {
  if (!/^https?:\/\//.test(location)) return Promise.resolve(`not uploaded: ${location.split(':')[0]} is not a scheme the harness station uploads with (http, https)`);
  return new Promise((resolve) => {
    const send = location.startsWith('https:') ? httpsRequest : httpRequest;
    const data = Buffer.from(body);
    const req = send(location, { method: 'PUT', timeout: timeoutMs, headers: { 'content-type': 'text/plain', 'content-length': data.length } }, (res) => {
      res.resume();
      const code = res.statusCode ?? 0;
      resolve(code >= 200 && code < 300 ? 'uploaded' : `not uploaded: HTTP ${code}`);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve(`not uploaded: ${e.message}`));
    req.end(data);
  });
}
