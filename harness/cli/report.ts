/** `ocpp-harness report`: build the Allure report of a reports directory, optionally merging shard runs into it first. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseFlags } from './args';
import { DEFAULT_REPORTS, resolveReports } from '../config/paths';
import { UsageError } from '../model/errors';
import { generateAllureReport, mergeResults, reportDir, resultsDir } from '../report/allure';
import { TRACEABILITY_PAGE } from '../report/traceability';

/**
 * Builds <reports>/allure-report; 0, or 1 when it could not (a message says why, and no line
 * points at a report that does not exist: a run without its report never passes as green).
 */
export function buildReport(reports = DEFAULT_REPORTS): number {
  const problem = generateAllureReport(reports);
  if (problem) {
    process.stderr.write(`ocpp-harness: report not built: ${problem}\n`
      + `ocpp-harness: the verdicts are in ${join(reports, 'junit.xml')} and ${resultsDir(reports)}; ocpp-harness report --reports ${reports} builds the report later, run --no-report skips it\n`);
    return 1;
  }
  process.stdout.write(`Allure report: ${join(reportDir(reports), 'index.html')} (open with: npx allure open ${reportDir(reports)})\n`);
  process.stdout.write(`Requirements traceability matrix: ${join(reportDir(reports), TRACEABILITY_PAGE)}\n`);
  return 0;
}

const directory = (flag: string, dir: string): string => {
  if (!dir) throw new UsageError(`--${flag}: a directory path`);
  return resolveReports(dir);
};

export async function main(argv: string[]): Promise<number> {
  const { values } = parseFlags('report', argv, { reports: { type: 'string' }, merge: { type: 'string', multiple: true } });
  const out = values.reports !== undefined ? directory('reports', values.reports) : DEFAULT_REPORTS;
  if (values.merge?.length) {
    const dirs = values.merge.map((d) => directory('merge', d));
    for (const d of dirs) if (!existsSync(resultsDir(d))) throw new UsageError(`--merge ${d}: no allure-results there`);
    mergeResults(dirs, out);
  }
  return buildReport(out);
}
