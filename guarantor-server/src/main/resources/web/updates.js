// Live notices in, one refresh of every view out. Notices are collected for a moment, so a burst
// (an activation issues many taskings at once) costs one refresh, and refreshes never overlap:
// a notice that arrives during one is handled by the next.

const QUIET_MS = 120;

let refreshers = [];
let pending = fresh();
let timer = null;
let running = null;
let onError = () => {};

function fresh() {
  return { incidents: new Set(), taskings: false, treaty: false, everything: false, any: false };
}

/**
 * Registers the views' refreshers, called in order with the change:
 * {incidents: Set of ids, taskings, treaty, everything}.
 */
export function onUpdate(list, errors) {
  refreshers = list;
  onError = errors;
}

/** A notice from the event stream, or {everything: true} after a reconnect. */
export function queueChange(n) {
  pending.any = true;
  if (n.everything) {
    pending.everything = true;
  }
  if (n.incident) {
    pending.incidents.add(n.incident);
  }
  if (n.tasking || (n.type && n.type.startsWith('Tasking'))) {
    pending.taskings = true;
  }
  if (n.type === 'TreatyAdopted') {
    pending.treaty = true;
    pending.everything = true;
  }
  clearTimeout(timer);
  timer = setTimeout(flush, QUIET_MS);
}

async function flush() {
  while (running) {
    await running;
  }
  const change = pending;
  pending = fresh();
  if (!change.any) {
    return;
  }
  running = (async () => {
    for (const refresh of refreshers) {
      try {
        await refresh(change);
      } catch (e) {
        onError(e);
      }
    }
  })();
  await running;
  running = null;
}
