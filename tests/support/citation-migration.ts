/**
 * TEMPORARY bridge between the cases, which now cite canonical registry ids only, and the fault
 * catalogues (harness/sims/{station,csms}/faults.ts), which still hold the old rule strings. Delete
 * this file once the catalogues are migrated (each fault citing the canonical ids its catching
 * case fails on, and `should: true` where it breaks only a SHOULD / MAY / no requirement).
 *
 *  - REPLACED_CITATIONS: for an old catalogue string that canonicalRequirementId() cannot map (an
 *    OCTT / HX case id, a free-text label) or whose citation moved to another id, the canonical
 *    id(s) the catching cases quote in its place. The self-test's loose credit (the old "Mutation
 *    score") accepts a failure message naming one of these; the exact credit never does.
 *  - SOFT_UNTIL_MIGRATED: faults whose every catching check is now a soft finding, because the
 *    text makes the behaviour a SHOULD or a MAY, or states no requirement for it. Like the
 *    catalogue's `should: true` faults they are caught under --strict only; the self-test runs them
 *    strict until the catalogue marks them.
 */
import type { OcppVersion } from '../../harness/protocol/versions';
import { canonicalRequirementId } from '../../harness/model/requirements';

type Map = Record<string, string[]>;

const FIRMWARE_16 = ['L01.FR.01', 'L01.FR.03', 'L01.FR.10', 'L01.FR.12', 'L01.FR.23'];
const AVAILABILITY_CSMS_201 = ['Part2§G03', 'Part2§G04'];

export const REPLACED_CITATIONS: Record<OcppVersion, Map> = {
  '1.6': {
    // station under test
    '1.6 §4.1': ['1.6§3.4'],
    TC_001_CS: ['1.6§4.9'],
    TC_041_CS: ['1.6§4.9', '1.6§7.7'],
    TC_024_CS: ['1.6§4.9', '1.6§7.7'],
    TC_054_CS: ['1.6§5.17', '1.6§5.17.SendAccepted'],
    TC_055_CS: ['1.6§5.17'],
    TC_007_CS: ['1.6§9.1.LocalPreAuthorize'],
    TC_008_CS: ['1.6§9.1.LocalPreAuthorize', '1.6§3.5.2'],
    TC_039_CS: ['1.6§9.1.LocalAuthorizeOffline', '1.6§3.7', '1.6§3.5.4'],
    TC_036_CS: ['1.6§3.7'],
    TC_061_CS: ['1.6§5.4'],
    HX_TC_C_04_CS: ['1.6§3.10'],
    TC_069_CS: ['1.6§3.10'],
    TC_037_3_CS: ['1.6§9.1.StopTransactionOnInvalidId', '1.6§3.5.4'],
    TC_037_2_CS: ['1.6§9.1.StopTransactionOnInvalidId', '1.6§3.5.4'],
    TC_004_2_CS: ['1.6§9.1.ConnectionTimeOut'],
    TC_026_CS: ['1.6§5.11'],
    TC_043_2_CS: ['1.6§7.47'],
    TC_042_2_CS: ['1.6§5.10', '1.6§6.41'],
    TC_077_CS: ['A02.FR.07'],
    TC_078_CS: ['M05.FR.06'],
    TC_075_2_CS: ['M05.FR.02', 'M03.FR.03', 'M03.FR.04'],
    TC_076_CS: ['M04.FR.04'],
    TC_044_1_CS: ['1.6§4.5'],
    TC_044_2_CS: ['1.6§4.5'],
    TC_044_3_CS: ['1.6§4.5'],
    TC_080_CS: ['L01.FR.01', 'L01.FR.10'],
    TC_081_CS: ['L01.FR.01', 'L01.FR.03', 'L01.FR.12'],
    '1.6 WP L01': FIRMWARE_16,
    '1.6 UpdateFirmware.req retries': ['1.6§6.55'],
    '1.6 UpdateFirmware.req retryInterval': ['1.6§6.55'],
    '1.6 WP A00.FR.203': ['A00.FR.203', 'A00.FR.302'],
    '1.6 WP A01.FR.03': ['A00.FR.203', 'A01.FR.01'],
    // CSMS under test
    TC_001_CSMS: ['1.6§4.2'],
    HX_TC_B_02_CSMS: ['1.6§4.2'],
    HX_TC_B_31_CSMS: ['1.6§4.2'],
    TC_023_1_CSMS: ['1.6§4.1'],
    TC_023_2_CSMS: ['1.6§4.1'],
    TC_023_3_CSMS: ['1.6§4.1'],
    HX_TC_C_39_CSMS: ['1.6§3.10'],
    TC_037_3_CSMS: ['1.6§4.8'],
    HX_TC_C_20_CSMS: ['1.6§4.8'],
    TC_039_CSMS: ['1.6§4.8', '1.6§4.10'],
    TC_037_1_CSMS: ['1.6§4.8', '1.6§4.10'],
    TC_007_CSMS: ['1.6§4.8'],
    HX_F01_01_CSMS: ['1.6§5.11'],
    TC_061_CSMS: ['1.6§5.4'],
    HX_TC_C_38_CSMS: ['1.6§5.4'],
    TC_043_4_CSMS: ['1.6§5.15', '1.6§6.41', '1.6§7.1'],
    TC_043_5_CSMS: ['1.6§5.15'],
    HX_TC_D_03_CSMS: ['1.6§5.15', '1.6§7.1'],
    TC_042_2_CSMS: ['1.6§5.10'],
    HX_TC_G_05_CSMS: ['1.6§5.2'],
    HX_TC_G_06_CSMS: ['1.6§5.2'],
    HX_TC_G_07_CSMS: ['1.6§5.2'],
    HX_TC_G_08_CSMS: ['1.6§5.2'],
    HX_TC_G_14_CSMS: ['1.6§5.2'],
    HX_TC_G_17_CSMS: ['1.6§5.2'],
    TC_080_CSMS: ['L01.FR.11'],
    TC_044_1_CSMS: ['1.6§5.19'],
    'OCPP-J message timeout': ['1.6§4.5'],
    HX_TC_A_01_CSMS: ['1.6J§3.2'],
    'B01.FR.12': ['A00.FR.405'],
    HX_TC_A_07_CSMS: ['A00.FR.403', 'A00.FR.405'],
    TC_074_CSMS: ['A02.FR.11'],
    'A02.FR.06': ['A02.FR.11'],
  },
  '2.0.1': {
    // station under test
    TC_F_20_CS: ['F06.FR.05', 'F06.FR.10'],
    TC_F_23_CS: ['F06.FR.05', 'F06.FR.10'],
    TC_F_24_CS: ['F06.FR.05', 'F06.FR.10'],
    TC_F_11_CS: ['F06.FR.05', 'F06.FR.10'],
    'B05 (SetVariables)': ['B05.FR.10'],
    TC_B_06_CS: ['B06.FR.10'],
    TC_B_33_CS: ['B06.FR.07'],
    TC_B_36_CS: ['B05.FR.05'],
    TC_B_11_CS: ['B05.FR.07'],
    TC_C_08_CS: ['C12.FR.02'],
    TC_C_36_CS: ['C01.FR.02', 'C01.FR.01'],
    TC_C_37_CS: ['C11.FR.01'],
    TC_C_04_CS: ['C01.FR.03'],
    TC_C_42_CS: ['C01.FR.03'],
    TC_C_39_CS: ['C09.FR.03', 'C09.FR.05'],
    'IdTokenEnumType KeyCode': ['C01.FR.02'],
    'A00.FR.203': ['A00.FR.302'],
    'A01.FR.03': ['A00.FR.203', 'A01.FR.01'],
    TC_L_18_CS: ['L01.FR.21', 'L01.FR.22'],
    'UpdateFirmwareRequest.retries': ['L01.FR.30'],
    'UpdateFirmwareRequest.retryInterval': ['L01.FR.30'],
    // CSMS under test
    TC_B_01_CSMS: ['B01.FR.02'],
    TC_B_02_CSMS: ['B01.FR.02'],
    TC_B_31_CSMS: ['B01.FR.02'],
    HX_G01_01_CSMS: ['FR.03'],
    TC_C_02_CSMS: ['C01.FR.07'],
    TC_C_06_CSMS: ['C01.FR.07'],
    TC_C_07_CSMS: ['C01.FR.07'],
    TC_E_16_CSMS: ['E01.FR.11', 'E05.FR.01'],
    TC_C_20_CSMS: ['E01.FR.11', 'E05.FR.01'],
    HX_E04_01_CSMS: ['E01.FR.11', 'E01.FR.12'],
    TC_C_08_CSMS: ['C12.FR.03', 'E01.FR.12'],
    HX_F01_01_CSMS: ['F01.FR.04'],
    TC_C_37_CSMS: ['Part2§C11'],
    TC_C_38_CSMS: ['Part2§C11'],
    TC_D_01_CSMS: ['D01.FR.01', 'D01.FR.18', 'Part2§AuthorizationData'],
    TC_D_02_CSMS: ['D01.FR.01'],
    TC_D_03_CSMS: ['D01.FR.01', 'Part2§AuthorizationData'],
    TC_D_08_CSMS: ['Part2§D02'],
    TC_G_20_CSMS: ['G05.FR.03'],
    TC_G_03_CSMS: AVAILABILITY_CSMS_201,
    TC_G_04_CSMS: AVAILABILITY_CSMS_201,
    TC_G_05_CSMS: AVAILABILITY_CSMS_201,
    TC_G_06_CSMS: AVAILABILITY_CSMS_201,
    TC_G_07_CSMS: AVAILABILITY_CSMS_201,
    TC_G_08_CSMS: AVAILABILITY_CSMS_201,
    TC_G_11_CSMS: AVAILABILITY_CSMS_201,
    TC_G_14_CSMS: AVAILABILITY_CSMS_201,
    TC_G_17_CSMS: AVAILABILITY_CSMS_201,
    TC_L_01_CSMS: ['L01.FR.11'],
    'OCPP-J message timeout': ['FR.03'],
    TC_A_01_CSMS: ['A00.FR.324'],
    'A00.FR.204': ['A00.FR.324'],
    'A00.FR.207': ['A00.FR.324'],
    TC_A_07_CSMS: ['A00.FR.403', 'A00.FR.405'],
    'A02.FR.06': ['A02.FR.11'],
  },
};

/** Faults (catalogue name; CSMS faults without the `csms:` prefix) run under --strict until the catalogue marks them `should: true`. */
export const SOFT_UNTIL_MIGRATED: { station: Record<OcppVersion, string[]>; csms: Record<OcppVersion, string[]> } = {
  station: {
    '1.6': ['boot.noRetry', 'trigger.rejects', 'trigger.noMessage', 'trigger.unknownConnectorAccepted', 'auth.ignoresStopTxOnInvalidId',
      'remote.startsOnBusyConnector', 'firmware.noRetry', 'firmware.ignoresRetryInterval', 'firmware.noSecurityEvent'],
    '2.0.1': ['trigger.rejects', 'fault.chargesWhileFaulted', 'keypad.wrongTokenType', 'auth.ignoresLocalPreAuthorize', 'auth.preAuthorizesWhenDisabled',
      'firmware.noRetry', 'firmware.ignoresRetryInterval', 'firmware.noCancel'],
  },
  csms: {
    '1.6': ['auth.noGroupId', 'remote.wrongConnector', 'localList.staleVersion', 'firmware.wrongLocation', 'firmware.ignoresFailedStatus',
      'basicauth.rejectsValidPassword', 'cert.signsOtherKey'],
    '2.0.1': ['status.rejectsFaulted', 'remote.wrongConnector', 'cache.neverClears', 'localList.staleVersion', 'localList.ignoresVersionRequest',
      'availability.wrongScope', 'availability.wrongType', 'firmware.wrongLocation', 'firmware.ignoresFailedStatus', 'cert.signsOtherKey'],
  },
};

/** The strings a failure message may name to earn a fault's old rule loose credit: the rule, its canonical form, and what replaced it. */
export function creditForms(version: OcppVersion, rule: string): string[] {
  const forms = [rule, canonicalRequirementId(rule), ...(REPLACED_CITATIONS[version][rule] ?? [])];
  return [...new Set(forms.filter((f): f is string => !!f))];
}
