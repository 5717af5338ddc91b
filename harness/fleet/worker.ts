/**
 * A fleet worker process (harness/fleet/processes.ts forks it): holds its share of the
 * stations, sends one sample per second and its summary to the parent over IPC.
 * Messages in: {type:'start', opts}, {type:'add', n}, {type:'stop'}; out: {type:'ready'},
 * {type:'sample', sample}, {type:'summary', summary}, {type:'failed', message}.
 */
import { Fleet, type FleetOptions } from './fleet';

type In = { type: 'start'; opts: Omit<FleetOptions, 'onProgress' | 'onSample'> } | { type: 'add'; n: number } | { type: 'stop' };

let fleet: Fleet | undefined;
const send = (m: unknown): void => { process.send?.(m); };

process.on('message', (m: In) => {
  try {
    if (m.type === 'start') {
      fleet = new Fleet({ ...m.opts, onSample: (sample) => send({ type: 'sample', sample }) });
      fleet.start();
      send({ type: 'ready' });
    } else if (m.type === 'add') {
      fleet?.add(m.n);
    } else if (m.type === 'stop') {
      void (async () => {
        const summary = fleet ? await fleet.stop() : undefined;
        global.gc?.();
        if (summary) summary.rssBytes = process.memoryUsage().rss;
        // The last message, then leave (sockets still closing do not hold the process).
        process.send?.({ type: 'summary', summary }, () => process.exit(0));
      })();
    }
  } catch (e) {
    send({ type: 'failed', message: (e as Error).message });
  }
});
// The parent is gone: nobody reads the samples any more.
process.on('disconnect', () => process.exit(0));
