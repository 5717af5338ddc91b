/**
 * What the CSMS makes the station do: remote start and stop (1.6 §5.11/§5.12, 2.0.1 F01-F03),
 * TriggerMessage (1.6 §5.17, F06: the answer first, then the message) and Reset (1.6 §5.14,
 * B11/B12: transactions end first, then the reboot; OnIdle waits for the last one).
 */
import type { ConnectorRef } from '../../model/layout';
import type { Reply } from '../../transport/connection';
import type { Token } from './authorization';
import { both, type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';
import type { SimulatedStation } from './simulated-station';

interface RemoteControlPolicy {
  /** Accepts a remote start only for a free connector (F01.FR.24, F02.FR.26). */
  startsOnlyWhenFree: boolean;
  /** The token a remote start charges for, from the one given (F01.FR.04: the same). */
  remoteStartToken: (given: Token) => Token;
  /** Authorizes a remote start token when AuthorizeRemoteTxRequests is true (F01.FR.01). */
  authorizesRemoteStart: boolean;
  /** Authorizes a remote start token even when AuthorizeRemoteStart is false (F02.FR.10: no). */
  authorizesRemoteStartAlways: boolean;
  /** 1.6: answers a RemoteStartTransaction for connectorId 0 Rejected (OCTT TC_027_CS; read by the 1.6 dialect). */
  rejectsConnectorZero: boolean;
  /** Stops a transaction it accepted to stop (F03.FR.02). */
  stopsRemotely: boolean;
  /** The answer to a remote stop of an unknown transaction (F03.FR.08: Rejected). */
  unknownStopAnswer: 'Accepted' | 'Rejected';
  /** A TriggerMessage: answered Accepted, then the message; or the message first; Accepted only; Rejected. */
  trigger: 'answerThenMessage' | 'messageThenAnswer' | 'answerOnly' | 'rejected';
  /** Rejects a trigger for a connector it does not have (1.6 TC_055; read by the 1.6 dialect). */
  checksTriggerConnector: boolean;
  /** The triggerReason and meter context of a triggered TransactionEvent (F06.FR.07: Trigger; read by the 2.0.1 dialect). */
  triggeredTxEvent: 'Trigger' | 'MeterValuePeriodic';
  /** A TransactionEvent trigger without evse reports every EVSE's transaction (F06.FR.11), not only the first. */
  triggersEveryEvse: boolean;
  /** Rejects a BootNotification trigger once Accepted (F06.FR.17; read by the 2.0.1 dialect). */
  rejectsBootTriggerWhenAccepted: boolean;
  /** On Reset, ends the running transactions first (B12.FR.04). */
  resetEndsTransactions: boolean;
  /** On Reset, reboots (B11.FR.01). */
  resetReboots: boolean;
  /** Reset OnIdle waits for the running transactions (B12.FR.01). */
  resetOnIdleWaits: boolean;
  /** With AuthorizeRemoteTxRequests, answers a remote start only once its Authorize is answered. */
  answersRemoteStartAfterAuthorize: boolean;
  /** Accepts a remote start while its boot is Pending (B02.FR.05: Rejected). */
  startsWhilePending?: boolean;
  /** Sends a triggered message this fraction of the message timeout after its answer (0: at once). */
  triggerDelayFactor: number;
  /** Stops a remotely stopped transaction this fraction of the message timeout after its answer (0: at once). */
  remoteStopDelayFactor: number;
}

export const REMOTE_CONTROL_FAULTS = {
  'remote.startsOnBusyConnector': { description: 'accepts a remote start on a connector that is charging', rules: both(['1.6§5.11'], ['F01.FR.24', 'F02.FR.26']), should: ['1.6'], breaks: { startsOnlyWhenFree: false } },
  'remote.wrongToken': { description: 'starts a remote transaction with another token than the one given', rules: both(['1.6§5.11'], ['F01.FR.04', 'F02.FR.12']), breaks: { remoteStartToken: (given) => ({ idToken: 'SOMEONE-ELSE', type: given.type }) } },
  'remote.ignoresAuthorizeRemoteTx': { description: 'does not authorize a remote start token although AuthorizeRemoteTxRequests is true', rules: both(['1.6§5.11'], ['F01.FR.01', 'F02.FR.09']), breaks: { authorizesRemoteStart: false } },
  'remote.authorizesAnyway': { description: 'sends Authorize for a remote start token although AuthorizeRemoteStart is false', rules: { '2.0.1': ['F02.FR.10'] }, breaks: { authorizesRemoteStartAlways: true } },
  'remote.startsOnConnectorZero': { description: 'accepts RemoteStartTransaction with connectorId 0 and starts on a connector of its choice', rules: { '1.6': ['1.6§5.11'] }, should: true, breaks: { rejectsConnectorZero: false } },
  'remote.stopIgnored': { description: 'accepts a remote stop but keeps charging', rules: both(['1.6§5.12'], ['F03.FR.02', 'F03.FR.03']), breaks: { stopsRemotely: false } },
  'remote.stopUnknownAccepted': { description: 'answers a remote stop for an unknown transaction Accepted', rules: both(['1.6§5.12'], ['F03.FR.08']), breaks: { unknownStopAnswer: 'Accepted' } },
  // The three trigger faults set one knob: listed so that, together, rejects wins, then noMessage.
  'trigger.messageBeforeResponse': { description: 'sends the triggered message before the TriggerMessage response', rules: both(['1.6§5.17'], ['F06.FR.04']), breaks: { trigger: 'messageThenAnswer' } },
  'trigger.noMessage': { description: 'accepts TriggerMessage but never sends the message', rules: both(['1.6§5.17.SendAccepted'], ['F06.FR.10']), should: ['1.6'], breaks: { trigger: 'answerOnly' } },
  'trigger.rejects': { description: 'answers every TriggerMessage Rejected', rules: both(['1.6§5.17'], ['F06.FR.05']), should: true, breaks: { trigger: 'rejected' } },
  'trigger.txEventPeriodic': { description: 'answers a TransactionEvent trigger with an event of triggerReason MeterValuePeriodic (meter context Sample.Periodic)', rules: { '2.0.1': ['F06.FR.07'] }, breaks: { triggeredTxEvent: 'MeterValuePeriodic' } },
  'trigger.txEventFirstEvseOnly': { description: 'answers a TransactionEvent trigger without evse for the first EVSE with a transaction only', rules: { '2.0.1': ['F06.FR.11'] }, breaks: { triggersEveryEvse: false } },
  'trigger.acceptsBootWhenAccepted': { description: 'accepts a BootNotification trigger after being Accepted', rules: { '2.0.1': ['F06.FR.17'] }, breaks: { rejectsBootTriggerWhenAccepted: false } },
  'trigger.unknownConnectorAccepted': { description: 'accepts a trigger for a connector it does not have', rules: { '1.6': ['1.6§5.17'] }, should: true, breaks: { checksTriggerConnector: false } },
  'remote.startsWhilePending': { description: 'accepts RequestStartTransaction while its boot is Pending', rules: { '2.0.1': ['B02.FR.05'] }, breaks: { startsWhilePending: true } },
  'reset.noReboot': { description: 'accepts Reset but never reboots', rules: both(['1.6§5.14', '1.6§4.2'], ['B01.FR.03', 'B11.FR.01']), breaks: { resetReboots: false } },
  'reset.noStopTransaction': { description: 'reboots on Reset without ending the running transaction', rules: both(['1.6§5.14'], ['B12.FR.04']), breaks: { resetEndsTransactions: false } },
  'reset.ignoresOnIdle': { description: 'reboots at once on Reset OnIdle during a transaction', rules: { '2.0.1': ['B12.FR.01'] }, breaks: { resetOnIdleWaits: false } },
} satisfies FaultTable<RemoteControlPolicy>;

export const REMOTE_CONTROL_VARIANTS = {
  'remote.authorizeBeforeAnswer': {
    description: 'with AuthorizeRemoteTxRequests / AuthorizeRemoteStart true, sends Authorize for the remote start token first and answers the request (Accepted) once the Authorize is answered',
    allowedBy: '1.6 §5.11 (errata §3.32): the answer says the request is accepted and a start will be attempted, and with AuthorizeRemoteTxRequests the token is authorized first; 2.0.1 F01.FR.01: the same. Neither orders the Authorize after the answer, and OCPP-J lets a peer send its own CALL while it owes an answer.',
    versions: ['1.6', '2.0.1'], sets: { answersRemoteStartAfterAuthorize: true },
  },
  'trigger.slowMessage': {
    description: 'sends a triggered message 40 % of the message timeout after answering the TriggerMessage',
    allowedBy: '1.6 §5.17 / 2.0.1 F06.FR.04: the triggered message follows the TriggerMessage response; no time limit is set (a CSMS waits its message timeout).',
    versions: ['1.6', '2.0.1'], sets: { triggerDelayFactor: 0.4 },
  },
  'remote.slowStop': {
    description: 'stops a remotely stopped transaction (relay open, stop message) 40 % of the message timeout after answering Accepted',
    allowedBy: '1.6 §5.12 (errata §3.33): Accepted means the transaction "will be stopped"; 2.0.1 F03.FR.02/03: the station stops and reports it; no time limit is set for either.',
    versions: ['1.6', '2.0.1'], sets: { remoteStopDelayFactor: 0.4 },
  },
} satisfies VariantTable<RemoteControlPolicy>;

const CORRECT: RemoteControlPolicy = {
  startsOnlyWhenFree: true, remoteStartToken: (given) => given, authorizesRemoteStart: true, authorizesRemoteStartAlways: false, rejectsConnectorZero: true, stopsRemotely: true, unknownStopAnswer: 'Rejected',
  trigger: 'answerThenMessage', checksTriggerConnector: true, rejectsBootTriggerWhenAccepted: true, triggeredTxEvent: 'Trigger', triggersEveryEvse: true,
  resetEndsTransactions: true, resetReboots: true, resetOnIdleWaits: true,
  answersRemoteStartAfterAuthorize: false, triggerDelayFactor: 0, remoteStopDelayFactor: 0,
};

const answer = (status: string): Reply => ({ payload: { status } });

export class RemoteControl {
  readonly policy: Readonly<RemoteControlPolicy>;
  /** A reset Scheduled until every transaction has ended (B12.FR.01, B12.FR.03). */
  private pendingReset?: { bootReason: string; stopReason: string };

  constructor(private readonly s: SimulatedStation, faults: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, REMOTE_CONTROL_FAULTS, faults, REMOTE_CONTROL_VARIANTS);
  }

  /**
   * RemoteStart / RequestStart: Accepted only for a free connector; the token then authorizes
   * (AuthorizeRemoteTxRequests). The answer waits for that Authorize if the station answers after it.
   */
  remoteStart(token: Token, ref: ConnectorRef | undefined, remoteStartId?: number): 'Accepted' | 'Rejected' | Promise<'Accepted' | 'Rejected'> {
    const { s } = this;
    // B02.FR.05 / 1.6 §4.2: no remote start before the boot is Accepted.
    if (s.registration.status !== 'Accepted' && !(this.policy.startsWhilePending && s.registration.status === 'Pending')) return 'Rejected';
    const c = ref ? s.connectors.find((x) => x.ref.evseId === ref.evseId && x.ref.connectorId === ref.connectorId) : s.tx.freeConnector();
    if (!c || (!s.tx.isFree(c) && this.policy.startsOnlyWhenFree)) return 'Rejected';
    s.hardware(`remote start for ${token.idToken} on EVSE ${c.ref.evseId}`);
    const granted = this.policy.remoteStartToken(token);
    const authorizes = (s.settings.bool('AuthorizeRemoteTxRequests') && this.policy.authorizesRemoteStart) || this.policy.authorizesRemoteStartAlways;
    const verdict = authorizes ? s.authorizer.authorize(token) : undefined;
    const started = (async () => {
      if (verdict) {
        const v = await verdict;
        if (v?.status !== 'Accepted') { s.hardware(`remote start token ${token.idToken} refused`); return; }
        s.authorizer.grant(c, { token: granted, groupId: v.groupId, remoteStartId, trigger: 'RemoteStart' });
      } else {
        s.authorizer.grant(c, { token: granted, remoteStartId, trigger: 'RemoteStart' });
      }
    })();
    if (verdict && this.policy.answersRemoteStartAfterAuthorize) return verdict.then(() => 'Accepted' as const);
    void started;
    return 'Accepted';
  }

  remoteStop(transactionId: string | number): 'Accepted' | 'Rejected' {
    const c = this.s.connectors.find((x) => x.tx && String(x.tx.id) === String(transactionId) && !x.tx.stopped);
    if (!c) return this.policy.unknownStopAnswer;
    if (this.policy.remoteStopDelayFactor > 0) this.s.after((this.s.opts.messageTimeout ?? 30) * this.policy.remoteStopDelayFactor, () => { if (this.policy.stopsRemotely) this.s.tx.requestStop(c, 'RemoteStop'); });
    else if (this.policy.stopsRemotely) setTimeout(() => this.s.tx.requestStop(c, 'RemoteStop'), 5);
    return 'Accepted';
  }

  /** Answers a TriggerMessage the station accepts; `send` sends the message once the answer is out (F06.FR.04). */
  trigger(send: () => void): Reply | Promise<Reply> {
    switch (this.policy.trigger) {
      case 'rejected': return answer('Rejected');
      case 'answerOnly': return answer('Accepted');
      case 'messageThenAnswer':
        send();
        return new Promise<Reply>((r) => setTimeout(() => r(answer('Accepted')), 30));
      case 'answerThenMessage':
        if (this.policy.triggerDelayFactor > 0) this.s.after((this.s.opts.messageTimeout ?? 30) * this.policy.triggerDelayFactor, send);
        else setTimeout(send, 5);
        return answer('Accepted');
    }
  }

  /** Reset now: the transactions end, their messages go out (or the message timeout passes), the station reboots. */
  reset(bootReason: string, stopReason: string): 'Accepted' {
    this.pendingReset = undefined;
    const { s } = this;
    s.after(0.02 / (s.opts.timeScale ?? 1), () => {
      void (async () => {
        if (this.policy.resetEndsTransactions) for (const c of s.connectors) if (c.tx) s.tx.end(c, stopReason);
        await s.txQueue.drained(s.ms(s.opts.messageTimeout ?? 30));
        if (this.policy.resetReboots) s.reboot(bootReason);
      })();
    });
    return 'Accepted';
  }

  /** 2.0.1 Reset OnIdle: Scheduled while a transaction runs (B12.FR.01), else now. */
  resetOnIdle(bootReason: string): 'Accepted' | 'Scheduled' {
    if (this.policy.resetOnIdleWaits && this.s.connectors.some((c) => c.tx)) {
      this.pendingReset = { bootReason, stopReason: 'Local' };
      return 'Scheduled';
    }
    return this.reset(bootReason, 'ImmediateReset');
  }

  /** The last transaction has ended: a Scheduled reset goes ahead. */
  whenIdle(): void {
    if (this.pendingReset) this.reset(this.pendingReset.bootReason, this.pendingReset.stopReason);
  }
}
