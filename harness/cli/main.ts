/**
 * ocpp-harness: run the conformance suites against a station or a CSMS (embedded, or a real one),
 * build the report, run a fleet, serve the reference CSMS, list faults, check a configuration.
 * Each command lives in its own file and is loaded only when it runs, so help starts at once.
 * Bad flags or config: a clear message and exit code 2.
 */
import { UsageError } from '../model/errors';
import { didYouMean, legacyVersionFlag, looksLikeOcppVersion } from './args';
import { USAGE, commandHelp, helpText } from './usage';

interface Command { main(argv: string[]): Promise<number> }

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: () => import('./run'),
  list: () => import('./list'),
  report: () => import('./report'),
  fleet: () => import('./fleet'),
  'reference-csms': () => import('./reference-csms'),
  faults: () => import('./faults'),
  config: () => import('./config'),
  profile: () => import('./profile'),
};

const options = (argv: string[]): string[] => { const end = argv.indexOf('--'); return end < 0 ? argv : argv.slice(0, end); };

/** `--help` or `-h` among a command's options (before a `--`). */
const wantsHelp = (argv: string[]): boolean => options(argv).some((a) => a === '--help' || a === '-h');

/** `--version` not followed by an OCPP version (that is the old spelling of --ocpp): the harness's own version. */
const wantsVersion = (argv: string[]): boolean => options(argv).some((a, i, all) => a === '-V' || (a === '--version' && !looksLikeOcppVersion(all[i + 1])));

const printVersion = async (): Promise<number> => {
  const { VERSION } = await import('./version');
  process.stdout.write(`ocpp-harness ${VERSION}\n`);
  return 0;
};

function fail(message: string): never {
  process.stderr.write(`ocpp-harness: ${message}\nRun "ocpp-harness help" for usage.\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<number> {
  // Output piped into `head` and the like: a closed pipe ends the command quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') { process.stdout.write(helpText()); return 0; }
  if (command === '--version' || command === '-V') return printVersion();
  if (command === 'help') {
    const topic = rest.find((a) => a !== '--help' && a !== '-h');
    if (topic !== undefined && !USAGE[topic]) throw new UsageError(`help: unknown command "${topic}"${didYouMean(topic, Object.keys(USAGE))}`);
    process.stdout.write(topic === undefined ? helpText() : commandHelp(topic));
    return 0;
  }
  const load = COMMANDS[command];
  if (!load) throw new UsageError(`unknown command "${command}"${didYouMean(command, [...Object.keys(COMMANDS), 'help'])}`);
  if (wantsHelp(rest)) { process.stdout.write(commandHelp(command)); return 0; }
  if (wantsVersion(rest)) return printVersion();
  return (await load()).main(legacyVersionFlag(rest));
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) fail((e as Error).message);
  process.stderr.write(`ocpp-harness: internal error: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
