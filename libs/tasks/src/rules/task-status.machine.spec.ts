import { describe, expect, it } from '@jest/globals';
import { allowedTransitions, checkTransition, TASK_STATUSES, transitionPlan, TRANSITIONS, type TaskStatus } from './task-status.machine.js';

describe('task status machine', () => {
  it('allows the lead department to start, block, unblock and submit', () => {
    expect(checkTransition('not_started', 'in_progress', 'lead').ok).toBe(true);
    expect(checkTransition('in_progress', 'blocked', 'lead', '等待部委批复').ok).toBe(true);
    expect(checkTransition('blocked', 'in_progress', 'lead').ok).toBe(true);
    expect(checkTransition('in_progress', 'submitted', 'lead').ok).toBe(true);
  });

  it('keeps close-out, return, reopen and applicability decisions for the coordinator', () => {
    const coordinatorOnly: [TaskStatus, TaskStatus][] = [
      ['submitted', 'closed'],
      ['submitted', 'in_progress'],
      ['closed', 'in_progress'],
      ['not_started', 'not_applicable'],
      ['not_applicable', 'not_started'],
    ];
    for (const [from, to] of coordinatorOnly) {
      const asLead = checkTransition(from, to, 'lead', '原因');
      expect(asLead).toMatchObject({ ok: false, reason: 'forbidden' });
      expect(checkTransition(from, to, 'coordinator', '原因').ok).toBe(true);
    }
  });

  it('refuses every pair outside the workflow as invalid, naming both statuses', () => {
    const allowed = new Set(TRANSITIONS.map((r) => `${r.from}>${r.to}`));
    let refused = 0;
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        if (allowed.has(`${from}>${to}`)) continue;
        const check = checkTransition(from, to, 'coordinator', '原因');
        expect(check).toMatchObject({ ok: false, reason: 'invalid' });
        if (!check.ok) expect(check.message).toContain(`${from} to ${to}`);
        refused++;
      }
    }
    expect(refused).toBe(TASK_STATUSES.length ** 2 - TRANSITIONS.length);
  });

  it('requires a reason to block, mark not applicable, return, reopen and override', () => {
    for (const r of TRANSITIONS.filter((t) => t.reasonRequired)) {
      expect(checkTransition(r.from, r.to, 'coordinator', '   ')).toMatchObject({ ok: false, reason: 'reason_required' });
    }
    expect(TRANSITIONS.filter((t) => t.reasonRequired).map((t) => t.action).sort()).toEqual(
      ['block', 'block', 'mark_not_applicable', 'mark_not_applicable', 'mark_not_applicable', 'override_applicability', 'reopen', 'return'].sort(),
    );
  });

  it('lists what each actor may do next', () => {
    expect(allowedTransitions('in_progress', 'lead').sort()).toEqual(['blocked', 'submitted']);
    expect(allowedTransitions('in_progress', 'coordinator').sort()).toEqual(['blocked', 'not_applicable', 'submitted']);
    expect(allowedTransitions('closed', 'lead')).toEqual([]);
  });

  describe('transition plan (the statuses a one-statement move may start from)', () => {
    const now = new Date('2026-11-26T02:00:00Z');

    it('gives every status this actor may leave for the target, with each move\'s action and columns', () => {
      expect(transitionPlan('in_progress', 'lead', null, now)).toEqual({
        not_started: { action: 'start', changes: { status: 'in_progress', statusReason: null } },
        blocked: { action: 'unblock', changes: { status: 'in_progress', statusReason: null } },
      });
      expect(transitionPlan('in_progress', 'coordinator', ' 复核发现问题 ', now)).toEqual({
        not_started: { action: 'start', changes: { status: 'in_progress', statusReason: '复核发现问题' } },
        blocked: { action: 'unblock', changes: { status: 'in_progress', statusReason: '复核发现问题' } },
        submitted: { action: 'return', changes: { status: 'in_progress', statusReason: '复核发现问题' } },
        closed: { action: 'reopen', changes: { status: 'in_progress', statusReason: '复核发现问题', closedAt: null } },
      });
      expect(transitionPlan('closed', 'coordinator', '材料齐全', now)).toEqual({
        submitted: { action: 'close', changes: { status: 'closed', statusReason: '材料齐全', closedAt: now, closeNote: '材料齐全' } },
      });
      expect(transitionPlan('not_started', 'coordinator', '经研究适用', now).not_applicable).toEqual({
        action: 'override_applicability',
        changes: { status: 'not_started', statusReason: '经研究适用', notApplicableReason: null, applicabilityOverridden: true },
      });
    });

    it('leaves out what needs a missing reason or another actor, so those requests are diagnosed instead', () => {
      expect(transitionPlan('blocked', 'lead', '  ', now)).toEqual({});
      expect(transitionPlan('closed', 'lead', '材料齐全', now)).toEqual({});
      expect(Object.keys(transitionPlan('blocked', 'lead', '等待对接', now)).sort()).toEqual(['in_progress', 'not_started']);
    });
  });
});
