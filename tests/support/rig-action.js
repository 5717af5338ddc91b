// The station action a command-adapter rig is asked for (`<rig> <action> <args...>`, docs/writing-a-rig.md),
// as the SutAction a bench performs; undefined for an action the bench does not know (the rig exits 3).
const conn = (a, i) => ({ evseId: Number(a[i]), connectorId: Number(a[i + 1]) });
module.exports = function rigAction(type, a) {
  const build = {
    powerOn: () => ({ type }), powerCycle: () => ({ type }),
    plugIn: () => ({ type, connector: conn(a, 0) }), unplug: () => ({ type, connector: conn(a, 0) }), clearFault: () => ({ type, connector: conn(a, 0) }),
    presentCard: () => ({ type, idToken: a[0], ...(a.length > 1 ? { connector: conn(a, 1) } : {}) }),
    raiseFault: () => ({ type, connector: conn(a, 0), errorCode: a[2] }),
  }[type];
  return build ? build() : undefined;
};
