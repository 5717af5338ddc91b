// TEMPORARY (not committed): runs every CSMS case against each CSMS personality until branch vs1 wires variant-csms-ocpp{v}.
import { defineConfig } from '@playwright/test';
import type { Options } from '../fixtures';
import type { CsmsOptions } from '../fixtures/csms';
import { defaultRunConfig } from '../harness/config/run-config';
import { OCPP_VERSIONS } from '../harness/protocol/versions';
import { csmsPersonalitiesFor } from '../harness/sims/csms/variants';

const base = defaultRunConfig();
const only = process.env.PERSONALITY;
export default defineConfig<Options & CsmsOptions>({
  outputDir: '../reports/vc-variant-results',
  fullyParallel: true, workers: 2, retries: 0, timeout: 30_000,
  reporter: [['list']],
  projects: OCPP_VERSIONS.map((v) => {
    const personalities = csmsPersonalitiesFor(v).filter((p) => !only || p.name === only);
    return {
      name: `variant-csms-ocpp${v}`, testDir: '../suites/csms', repeatEach: personalities.length,
      grep: new RegExp(`@ocpp${v.replace(/\./g, '\\.')}(\\s|$)`),
      metadata: { kind: 'variant', version: v, personalities },
      use: { ocppVersion: v, csmsConfig: { ...base.csms, faults: [] }, timing: base.timing },
    };
  }),
});
