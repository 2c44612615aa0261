import type { AuditEventView } from '#libs/audit';
import { formatDateZh, isIsoDate, localDate } from '#libs/calendar';
import { TASK_DEADLINE_KIND_LABELS, type TaskDeadlineKind } from './entities/task.entity.js';
import { TASK_STATUS_LABELS, TRANSITION_ACTION_LABELS, type TaskStatus } from './rules/task-status.machine.js';

/** Who acted, as a person reads it. */
export interface HistoryActor {
  id: string;
  username: string;
  displayName: string;
  /** The actor's department, or for coordinators, leaders and cities their region. */
  organisation: string | null;
}

export interface HistoryChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

/** An 操作记录 entry of a task or one of its milestones: the stored audit row plus what a clerk reads. */
export interface TaskHistoryEntry extends AuditEventView {
  actor: HistoryActor | null;
  /** 张三（省商务厅）, or 系统自动 for the sweep's notices and the reference data's loading. */
  actorLabel: string;
  actionLabel: string;
  /** One sentence: what was done, to what, and why when a reason was given. */
  summary: string;
  changes: HistoryChange[];
}

/** Names the history needs that the audit rows hold as ids. */
export interface HistoryNames {
  actors: Map<string, HistoryActor>;
  departments: Map<string, string>;
}

const ACTION_LABELS: Record<string, Record<string, string>> = {
  task: {
    adopt: '承接批次生成任务',
    update: '调整分工与时限',
    bulk_update: '批量调整分工与时限',
    ...TRANSITION_ACTION_LABELS,
    notice_remind: '发送提醒',
    notice_urge: '发送催办',
    notice_supervise: '发送督办',
  },
  milestone: { create: '新增时间节点', update: '修改时间节点', delete: '删除时间节点' },
};

type Format = (value: unknown, names?: HistoryNames) => string;
const EMPTY = '（空）';
const text: Format = (v) => (v === null || v === undefined || v === '' ? EMPTY : String(v));
const date: Format = (v) => (typeof v === 'string' && isIsoDate(v) ? formatDateZh(v) : text(v));
const instant: Format = (v) => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? formatDateZh(localDate(new Date(v))) : text(v));
const department: Format = (v, n) => (typeof v === 'string' ? (n?.departments.get(v) ?? '（已删除的部门）') : EMPTY);
const departments: Format = (v, n) => (Array.isArray(v) && v.length ? v.map((id) => department(id, n)).join('、') : EMPTY);
const yesNo: Format = (v) => (v ? '是' : '否');

/** The fields a person changes, in the order a task page shows them; derived columns (parsed scope, timestamps) stay out. */
const TASK_FIELDS: Record<string, [string, Format]> = {
  leadDepartmentId: ['牵头部门', department],
  coLeadDepartmentIds: ['共同牵头部门', departments],
  participantDepartmentIds: ['参加部门', departments],
  deadlineKind: ['时限类别', (v) => TASK_DEADLINE_KIND_LABELS[v as TaskDeadlineKind] ?? text(v)],
  dueDate: ['截止日期', date],
  deadlineText: ['时限要求', text],
  scopeText: ['推广范围', text],
  outcome: ['可检验成果', text],
  status: ['状态', (v) => TASK_STATUS_LABELS[v as TaskStatus] ?? text(v)],
  notApplicableReason: ['不适用原因', text],
  closeNote: ['销号意见', text],
  applicabilityOverridden: ['适用性人工认定', yesNo],
};
const MILESTONE_FIELDS: Record<string, [string, Format]> = {
  title: ['节点内容', text],
  dueDate: ['截止日期', date],
  deadlineText: ['时限要求', text],
  doneAt: ['完成时间', instant],
};

function changesOf(e: AuditEventView, names: HistoryNames): HistoryChange[] {
  if (!e.before || !e.after) return [];
  const fields = e.entityType === 'milestone' ? MILESTONE_FIELDS : TASK_FIELDS;
  return Object.entries(fields).flatMap(([field, [label, format]]) => {
    if (!(field in e.after!) || JSON.stringify(e.before![field] ?? null) === JSON.stringify(e.after![field] ?? null)) return [];
    return [{ field, label, from: format(e.before![field], names), to: format(e.after![field], names) }];
  });
}

function summaryOf(e: AuditEventView, actionLabel: string, changes: HistoryChange[]): string {
  const after = e.after ?? {};
  const reason = typeof after.statusReason === 'string' && after.statusReason ? `，原因：${after.statusReason}` : '';
  if (e.entityType === 'milestone') {
    const m = (e.action === 'delete' ? e.before : e.after) ?? {};
    const due = typeof m.dueDate === 'string' ? `（截止${date(m.dueDate)}）` : typeof m.deadlineText === 'string' ? `（${m.deadlineText}）` : '';
    const detail = e.action === 'update' && changes.length ? `：${changes.map(describe).join('；')}` : '';
    return `${actionLabel}“${text(m.title)}”${e.action === 'create' ? due : ''}${detail}`;
  }
  if (e.action === 'adopt') {
    const status = TASK_STATUS_LABELS[after.status as TaskStatus] ?? '';
    const why = typeof after.statusReason === 'string' && after.statusReason ? `：${after.statusReason}` : '';
    return `${actionLabel}，${after.override ? '人工认定为' : ''}${status}${why}`;
  }
  if (e.action.startsWith('notice_')) return `${actionLabel}：${text(after.title)}`;
  if (e.action === 'update' || e.action === 'bulk_update') return changes.length ? `${actionLabel}：${changes.map(describe).join('；')}` : `${actionLabel}（无变化）`;
  const status = changes.find((c) => c.field === 'status');
  return `${actionLabel}${status ? `：${status.from} → ${status.to}` : ''}${reason}`;
}

const describe = (c: HistoryChange) => `${c.label}由“${c.from}”改为“${c.to}”`;

/** The ids of actors and of departments named in the entries' changes, to resolve in one lookup. */
export function historyIds(entries: AuditEventView[]): { actorIds: string[]; departmentIds: string[] } {
  const departmentIds = new Set<string>();
  for (const e of entries) {
    for (const side of [e.before, e.after]) {
      if (typeof side?.leadDepartmentId === 'string') departmentIds.add(side.leadDepartmentId);
      for (const list of [side?.participantDepartmentIds, side?.coLeadDepartmentIds]) if (Array.isArray(list)) for (const id of list) departmentIds.add(String(id));
    }
  }
  return { actorIds: [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))], departmentIds: [...departmentIds] };
}

export function toHistoryEntry(e: AuditEventView, names: HistoryNames): TaskHistoryEntry {
  const actor = e.actorId ? (names.actors.get(e.actorId) ?? { id: e.actorId, username: e.actorUsername ?? '', displayName: e.actorUsername ?? '（已删除的用户）', organisation: null }) : null;
  const actionLabel = ACTION_LABELS[e.entityType]?.[e.action] ?? `其他操作（${e.action}）`;
  const changes = changesOf(e, names);
  return {
    ...e,
    actor,
    actorLabel: actor ? (actor.organisation ? `${actor.displayName}（${actor.organisation}）` : actor.displayName) : '系统自动',
    actionLabel,
    summary: summaryOf(e, actionLabel, changes),
    changes,
  };
}
