/**
 * The fault catalogues of the systems under test we ship, and the check of a run's fault names
 * against them (config files and --fault). Kept here, not in config/, so that configuration
 * knows nothing of the sims; the CLI and the fixtures that start the sims call it.
 */
import { UsageError } from '../model/errors';
import { CSMS_FAULTS, isCsmsFault } from './csms/faults';
import { STATION_FAULTS, isStationFault } from './station/faults';

export function checkFaultNames(run: { sut: { faults: string[] }; csms: { faults: string[] } }): void {
  const station = run.sut.faults.filter((f) => !isStationFault(f));
  if (station.length) throw new UsageError(`config.sut.faults: unknown fault(s) ${station.join(', ')}; known: ${Object.keys(STATION_FAULTS).join(', ')}`);
  const csms = run.csms.faults.filter((f) => !isCsmsFault(f));
  if (csms.length) throw new UsageError(`config.csms.faults: unknown fault(s) ${csms.join(', ')}; known: ${Object.keys(CSMS_FAULTS).join(', ')}`);
}
