import { describe, expect, it } from '@jest/globals';
import { pendingBacklog, reconcileAction } from './reconcile-rules.js';

describe(reconcileAction.name, () => {
  it('leaves a delivery whose job is alive: waiting, running, in backoff or prioritised', () => {
    for (const state of ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const) expect(reconcileAction(state)).toBe('leave');
  });

  it('re-enqueues a delivery whose job Redis no longer holds', () => {
    expect(reconcileAction('unknown')).toBe('enqueue');
  });

  it('re-enqueues a delivery whose job completed without bringing the row to an end', () => {
    expect(reconcileAction('completed')).toBe('enqueue');
  });

  it('fails a delivery whose job failed without recording it, instead of retrying it for ever', () => {
    expect(reconcileAction('failed')).toBe('fail');
  });
});

describe(pendingBacklog.name, () => {
  const now = new Date('2026-11-26T02:00:00Z');

  it('reports nothing pending as age 0', () => {
    expect(pendingBacklog(now, 0, null)).toEqual({ stuck: 0, oldestPendingSeconds: 0 });
  });

  it('ages the oldest pending delivery in whole seconds', () => {
    expect(pendingBacklog(now, 2, new Date('2026-11-26T01:29:59.500Z'))).toEqual({ stuck: 2, oldestPendingSeconds: 1800 });
  });

  it('never reports a negative age when a row was stamped by a clock ahead of this one', () => {
    expect(pendingBacklog(now, 0, new Date('2026-11-26T02:00:05Z')).oldestPendingSeconds).toBe(0);
  });
});
