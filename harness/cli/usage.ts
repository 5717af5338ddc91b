/**
 * The usage text of every command: `ocpp-harness --help` prints them all, `ocpp-harness
 * <command> --help` its own. Plain strings, so printing help loads no command.
 */
import { VERSION } from './version';

export interface Usage {
  /** Lines of the command list: synopsis and what it does. */
  synopsis: string;
  /** Its options, when it has any beyond the synopsis. */
  options?: string;
}

const RUN_OPTIONS = `  --role station|csms|all        the system under test: a charging station (the harness plays
                                 the CSMS), a CSMS (the harness plays stations), or both
                                 against the built-in references (default: all)
  --ocpp 1.6|2.0.1|all           OCPP version(s) (default: all for the embedded SUT; the old
                                 spelling --version 1.6 still works, with a notice)
  --adapter NAME                 station: embedded|manual|command (physical actions);
                                 csms: embedded|manual|command|http|browser (operator actions)
  --command "CMD"                command adapter: CMD <action> <args...> (exit 3 = unsupported)
  --url ws://HOST:PORT/PATH      csms: the CSMS under test (station ids are appended)
  --hook-url URL                 csms, http adapter: POST each operator action as JSON here
  --script FILE                  csms, browser adapter: Playwright script with the UI actions
  --ui-url URL                   csms, browser adapter: the CSMS's web UI
  --station-id ID                station: the id expected in the URL path (default CS001);
                                 csms: the id of a station the CSMS knows
  --host HOST --port N           where the harness CSMS listens (default 127.0.0.1, any port;
                                 a physical station on the network needs --host 0.0.0.0 or
                                 this machine's address, and a fixed --port, default 9000)
  --connectors 1,1               connectors per EVSE of the station (default 1,1)
  --fault NAME                   inject a fault into the embedded station or reference CSMS
                                 (repeatable; list: ocpp-harness faults)
  --case ID                      only this case, exact id (repeatable; TC_B_01_CS selects
                                 neither HX_TC_B_01_CS nor TC_B_01_CSMS); an unknown id: exit 2
  --area NAME                    only this area (repeatable): status, authorization, firmware,
                                 security, rpc
  --grep REGEX                   only cases whose title or tags match (with --case/--area: all
                                 must hold)
  --allow-empty                  a run in which no case executed (nothing selected, all skipped
                                 or not applicable) exits 0; without it, 1 with the reason
  --config FILE                  JSON run configuration (flags override it; its schema:
                                 ocpp-harness config --schema)
  --reports DIR                  where results and report go (default: reports/)
  --strict                       a SHOULD not met fails the case too (certification rehearsal)
  --under-load N                 CSMS role: run the cases again with N fleet stations connected
                                 to the CSMS, compare every verdict (reports/under-load/)
  --profile FILE                 the SUT's device profile (what it implements; cases needing
                                 what it lacks are not applicable). Default: derived for the
                                 embedded station, discovered from a real one
  --shard i/n                    run the i-th of n shards (merge with: report --merge)
  --no-report                    skip building the Allure report (needs Java; without it the
                                 run exits 1 saying so)
`;

export const USAGE: Record<string, Usage> = {
  run: {
    synopsis: `  ocpp-harness run [options]     run the conformance suites, then build the Allure report
`,
    options: RUN_OPTIONS,
  },
  list: {
    synopsis: `  ocpp-harness list [run options] [--json]
                                 the cases a run would hold: id, role, area, OCPP versions,
                                 title, and those not applicable to the device profile
`,
    options: `  the selection options of run (--role, --ocpp, --case, --area, --grep, --profile,
  --config, ...), and:
  --json                         print the cases as JSON (with file, needs, applicability)
`,
  },
  report: {
    synopsis: `  ocpp-harness report [--reports DIR] [--merge SHARD_DIR ...]
                                 build <DIR>/allure-report from <DIR>/allure-results; with
                                 --merge, first gather the results of shard runs into DIR
`,
  },
  fleet: {
    synopsis: `  ocpp-harness fleet --url URL --stations N [--ramp R/s] [--duration D] [options]
                                 N simulated stations boot, heartbeat, report status and run
                                 sessions against a CSMS over K processes; progress and a summary
  ocpp-harness fleet --url URL --ramp-until-breach --step N --step-duration D [limits]
                                 grow the fleet level by level until a limit breaks: the capacity
  ocpp-harness fleet merge A.json B.json [--json F] [--html F]
                                 one exact summary of the shards of a fleet (--shard i/n)
`,
    options: `  --ocpp 1.6|2.0.1               protocol of the stations (default 2.0.1)
  --ramp R[/s]                   stations started per second (default 100)
  --duration D                   run time: 90, 90s, 5m (default 60s)
  --heartbeat S                  heartbeat interval in s (default: the CSMS's interval)
  --tx-every S                   an RFID station runs a session about every S s (default 120, 0 = none)
  --tx-duration S --meter-every S  session length, meter values within it (default 0: none)
  --mix rfid=.6,remote=.2,firmware=.1,offline=.1
                                 shares of behaviours (default rfid=1)
  --offline-every S --offline-for S  offline periods of the offline share (default 300, 30)
  --jitter F                     every period ±F (default 0.1)
  --token TAG                    RFID token the stations present (repeatable; default VALIDTAG01)
  --id-prefix P                  station ids P0001... (default FLEET-); the CSMS must accept
                                 them (the reference CSMS: reference-csms --accept-prefix FLEET-)
  --password PW --ca FILE        HTTP Basic password of every station; CA bundle for wss://
  --message-timeout S            seconds to wait for a reply (default 30)
  --processes K                  worker processes (default: one per core)
  --shard i/n                    this machine's part of a fleet spread over n machines
  --ramp-until-breach            capacity ramp: --step N stations every --step-duration D,
                                 --max-stations N, limits --max-p99 MS (200), --max-loss R (0),
                                 --max-errors N (0)
  --json FILE                    also write the summary as JSON (mergeable)
  --html FILE                    a page with plots over time (and the capacity levels)
`,
  },
  'reference-csms': {
    synopsis: `  ocpp-harness reference-csms [--port N] [--host H] [--fault NAME] [--accept-prefix P]
                                 serve the built-in reference CSMS (OCPP URL, operator web UI
                                 and POST /api/actions) until interrupted
`,
    options: `  --port N --host H              where it listens (default 127.0.0.1:9100)
  --fault NAME                   inject a reference CSMS fault (repeatable)
  --variant NAME                 give it a legal variation (repeatable; harness/sims/csms/variants.ts)
  --accept-prefix P              also accept every station id starting with P
  --ui-password PW               password of the operator UI (or OCPP_HARNESS_UI_PASSWORD)
`,
  },
  profile: {
    synopsis: `  ocpp-harness profile --discover [--out FILE] [options]
                                 let the station connect, ask what it implements
                                 (GetConfiguration / GetVariables, probes of optional
                                 messages) and write its device profile for review
`,
    options: `  --discover                     connect to the station and discover its profile
  --out FILE                     where to write it (default: device-profile.json)
  --ocpp 1.6|2.0.1               the station's OCPP version (default 2.0.1)
  --station-id ID --host HOST --port N
                                 the station id and where the harness CSMS listens
                                 (default CS001, 127.0.0.1, 9000)
  --wait S                       seconds to wait for the station to connect (default 120)
  --embedded                     discover the built-in simulated station (a demonstration)
  --variant NAME                 with --embedded: a legal variation of it (repeatable)
`,
  },
  faults: {
    synopsis: `  ocpp-harness faults            list the faults the embedded station and CSMS can inject,
                                 and their legal variations with the text that allows each
`,
  },
  config: {
    synopsis: `  ocpp-harness config [run options]
                                 check a run configuration (--config FILE and flags) and
                                 print it resolved, as JSON, secrets hidden
  ocpp-harness config --schema   print the JSON Schema of --config files
`,
    options: `  the options of run (ocpp-harness run --help), and:
  --schema                       print the schema (schemas/run-config.schema.json) instead
`,
  },
  help: {
    synopsis: `  ocpp-harness help [COMMAND]    this text, or one command's (also: COMMAND --help)
  ocpp-harness --version         the harness's version
`,
  },
};

export function helpText(): string {
  const sections = Object.entries(USAGE).filter(([, u]) => u.options).map(([name, u]) => `\n${name} options:\n${u.options}`);
  return `ocpp-harness ${VERSION}: OCPP 1.6J / 2.0.1 conformance test harness\n\nUsage:\n${Object.values(USAGE).map((u) => u.synopsis).join('')}${sections.join('')}`;
}

export function commandHelp(name: string): string {
  const u = USAGE[name];
  return `Usage:\n${u.synopsis}${u.options ? `\nOptions:\n${u.options}` : ''}`;
}
