/**
 * The fault catalogues of the systems under test we ship, and the check of a run's fault (and
 * legal variant) names against them (config files and --fault). Kept here, not in config/, so that configuration
 * knows nothing of the sims; the CLI and the fixtures that start the sims call it.
 */
import { UsageError } from '../model/errors';
import { CSMS_FAULTS, isCsmsFault } from './csms/faults';
import { STATION_FAULTS, isStationFault } from './station/faults';
import { STATION_VARIANTS, isStationVariant } from './station/variants';
import { CSMS_VARIANTS } from './csms/variants';

export function checkFaultNames(run: { sut: { faults: string[]; variants?: string[] }; csms: { faults: string[]; variants?: string[] } }): void {
  const station = run.sut.faults.filter((f) => !isStationFault(f));
  if (station.length) throw new UsageError(`config.sut.faults: unknown fault(s) ${station.join(', ')}; known: ${Object.keys(STATION_FAULTS).join(', ')}`);
  const csms = run.csms.faults.filter((f) => !isCsmsFault(f));
  if (csms.length) throw new UsageError(`config.csms.faults: unknown fault(s) ${csms.join(', ')}; known: ${Object.keys(CSMS_FAULTS).join(', ')}`);
  const stationVariants = (run.sut.variants ?? []).filter((v) => !isStationVariant(v));
  if (stationVariants.length) throw new UsageError(`config.sut.variants: unknown variant(s) ${stationVariants.join(', ')}; known: ${Object.keys(STATION_VARIANTS).join(', ')}`);
  const csmsVariants = (run.csms.variants ?? []).filter((v) => !Object.prototype.hasOwnProperty.call(CSMS_VARIANTS, v));
  if (csmsVariants.length) throw new UsageError(`config.csms.variants: unknown variant(s) ${csmsVariants.join(', ')}; known: ${Object.keys(CSMS_VARIANTS).join(', ') || '(none)'}`);
}
