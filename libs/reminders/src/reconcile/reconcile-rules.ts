/** BullMQ's states of a job, plus 'unknown' when Redis holds no job under the id (lost, or removed). */
export type DeliveryJobState = 'waiting' | 'active' | 'delayed' | 'prioritized' | 'waiting-children' | 'completed' | 'failed' | 'unknown';

/**
 * What the reconciler does with a delivery that is still `pending` in the database after the grace period:
 * - leave: its job is alive and will bring the row to sent or failed;
 * - enqueue: no job stands for it (Redis lost it, or it completed without touching the row): a new one is added
 *   under the same id, and the processor re-checks the row before sending, so a delivery sent meanwhile is skipped;
 * - fail: its job failed without the row saying so (it stalled on worker after worker): the row records the job's
 *   reason, so the failures list shows it, instead of retrying something that keeps killing workers.
 */
export type ReconcileAction = 'leave' | 'enqueue' | 'fail';

const LIVE: ReadonlySet<DeliveryJobState> = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

export function reconcileAction(state: DeliveryJobState): ReconcileAction {
  if (LIVE.has(state)) return 'leave';
  return state === 'failed' ? 'fail' : 'enqueue';
}

export interface PendingBacklog {
  /** Deliveries pending for longer than the stuck threshold. */
  stuck: number;
  /** How long the oldest pending delivery has waited, in seconds; 0 when none is pending. */
  oldestPendingSeconds: number;
}

/** The backlog as /health reports it: ages from the oldest pending row's creation, never negative (clock skew). */
export function pendingBacklog(now: Date, stuck: number, oldestCreatedAt: Date | null): PendingBacklog {
  return { stuck, oldestPendingSeconds: oldestCreatedAt ? Math.max(0, Math.floor((now.getTime() - oldestCreatedAt.getTime()) / 1000)) : 0 };
}
