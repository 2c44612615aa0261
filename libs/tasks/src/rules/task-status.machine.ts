export const TASK_STATUSES = ['not_started', 'in_progress', 'submitted', 'closed', 'blocked', 'not_applicable'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  not_started: '未启动',
  in_progress: '推进中',
  submitted: '待审核销号',
  closed: '已销号',
  blocked: '受阻',
  not_applicable: '不适用',
};

/** Statuses that no longer count against a deadline. */
export const FINISHED_STATUSES: readonly TaskStatus[] = ['closed', 'not_applicable'];

/** lead: the lead department's users (and coordinators); coordinator: only the coordinator/admin. */
export type TransitionActor = 'lead' | 'coordinator';

export interface TransitionRule {
  from: TaskStatus;
  to: TaskStatus;
  by: TransitionActor;
  reasonRequired: boolean;
  action: string;
}

const rule = (from: TaskStatus, to: TaskStatus, by: TransitionActor, action: string, reasonRequired = false): TransitionRule => ({ from, to, by, action, reasonRequired });

export const TRANSITIONS: readonly TransitionRule[] = [
  rule('not_started', 'in_progress', 'lead', 'start'),
  rule('not_started', 'blocked', 'lead', 'block', true),
  rule('not_started', 'not_applicable', 'coordinator', 'mark_not_applicable', true),
  rule('in_progress', 'submitted', 'lead', 'submit'),
  rule('in_progress', 'blocked', 'lead', 'block', true),
  rule('in_progress', 'not_applicable', 'coordinator', 'mark_not_applicable', true),
  rule('blocked', 'in_progress', 'lead', 'unblock'),
  rule('blocked', 'not_applicable', 'coordinator', 'mark_not_applicable', true),
  rule('submitted', 'closed', 'coordinator', 'close'),
  rule('submitted', 'in_progress', 'coordinator', 'return', true),
  rule('closed', 'in_progress', 'coordinator', 'reopen', true),
  rule('not_applicable', 'not_started', 'coordinator', 'override_applicability', true),
];

/** How a person names each move (buttons, history). */
export const TRANSITION_ACTION_LABELS: Record<string, string> = {
  start: '启动',
  block: '标记受阻',
  unblock: '恢复推进',
  submit: '提交销号',
  close: '销号',
  return: '退回',
  reopen: '重新打开',
  mark_not_applicable: '认定不适用',
  override_applicability: '恢复适用',
};

export type TransitionCheck =
  | { ok: true; rule: TransitionRule }
  | { ok: false; reason: 'invalid' | 'forbidden' | 'reason_required'; message: string };

/** Decides a requested status change; the caller maps invalid → 409, forbidden → 403, reason_required → 400. */
export function checkTransition(from: TaskStatus, to: TaskStatus, actor: TransitionActor, reason?: string | null): TransitionCheck {
  const found = TRANSITIONS.find((r) => r.from === from && r.to === to);
  if (!found) {
    return {
      ok: false,
      reason: 'invalid',
      message: `不能从“${TASK_STATUS_LABELS[from]}”变更为“${TASK_STATUS_LABELS[to]}” (cannot move a task from ${from} to ${to})`,
    };
  }
  if (found.by === 'coordinator' && actor !== 'coordinator') {
    return { ok: false, reason: 'forbidden', message: `只有省商务厅可以将任务变更为“${TASK_STATUS_LABELS[to]}” (only the coordinator can move a task from ${from} to ${to})` };
  }
  if (found.reasonRequired && !reason?.trim()) {
    return { ok: false, reason: 'reason_required', message: `变更为“${TASK_STATUS_LABELS[to]}”须填写原因 (reason is required to move from ${from} to ${to})` };
  }
  return { ok: true, rule: found };
}

export function allowedTransitionRules(from: TaskStatus, actor: TransitionActor): TransitionRule[] {
  return TRANSITIONS.filter((r) => r.from === from && (actor === 'coordinator' || r.by === 'lead'));
}

export function allowedTransitions(from: TaskStatus, actor: TransitionActor): TaskStatus[] {
  return allowedTransitionRules(from, actor).map((r) => r.to);
}

/** The columns a status change writes, as task properties. */
export interface TransitionChanges {
  status: TaskStatus;
  statusReason: string | null;
  notApplicableReason?: string | null;
  applicabilityOverridden?: boolean;
  submittedAt?: Date;
  closedAt?: Date | null;
  closeNote?: string | null;
}

/** What moving along `rule` writes: the reason is kept as the status reason, and as the close note or the not-applicable reason where it is one. */
export function transitionChanges(rule: TransitionRule, reason: string | null | undefined, now: Date): TransitionChanges {
  const why = reason?.trim() || null;
  const changes: TransitionChanges = { status: rule.to, statusReason: why };
  if (rule.to === 'not_applicable') changes.notApplicableReason = why;
  if (rule.action === 'override_applicability') {
    changes.notApplicableReason = null;
    changes.applicabilityOverridden = true;
  }
  if (rule.to === 'submitted') changes.submittedAt = now;
  if (rule.to === 'closed') {
    changes.closedAt = now;
    changes.closeNote = why;
  }
  if (rule.action === 'reopen') changes.closedAt = null;
  return changes;
}

/**
 * Every status a task could be in for this request to succeed, with what the move would be and write from there —
 * so the change can be made in one statement that matches only such a task, without reading it first.
 */
export function transitionPlan(to: TaskStatus, actor: TransitionActor, reason: string | null | undefined, now: Date): Partial<Record<TaskStatus, { action: string; changes: TransitionChanges }>> {
  const plan: Partial<Record<TaskStatus, { action: string; changes: TransitionChanges }>> = {};
  for (const from of TASK_STATUSES) {
    const check = checkTransition(from, to, actor, reason);
    if (check.ok) plan[from] = { action: check.rule.action, changes: transitionChanges(check.rule, reason, now) };
  }
  return plan;
}
