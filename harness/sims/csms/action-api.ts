/**
 * The reference CSMS's JSON action API: `POST /api/actions` with a CsmsAction starts it (202),
 * so the http operator adapter can be shown working. Also the request-body reader the UI uses.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CsmsAction, checkCsmsAction } from '../../model/csms-actions';

/**
 * Handles the API's route; false when the request is not for it. A bad action is a 400 with
 * the reason; `perform` throwing (the station is not connected) is left to the caller.
 */
export async function handleActionApi(perform: (action: CsmsAction) => void, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  if (req.method !== 'POST' || req.url !== '/api/actions') return false;
  const body = await readBody(req);
  let action: unknown;
  try { action = JSON.parse(body); } catch { res.writeHead(400).end('body is not JSON'); return true; }
  const problem = checkCsmsAction(action);
  if (problem) { res.writeHead(400).end(problem); return true; }
  perform(action as CsmsAction);
  res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"started"}');
  return true;
}

export function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => { size += c.length; if (size > limit) { reject(new Error('request body too large')); req.destroy(); } else chunks.push(c); });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
