import { TASK_DEADLINE_KIND_LABELS } from '#libs/tasks';
import type { Rollout } from './entities/rollout.entity.js';
import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from './rules/rollout-change.js';

export interface RolloutView {
  id: string;
  task: {
    id: string;
    reformItemName: string | null;
    seq: number | null;
    batchId: string | null;
    batchName: string | null;
    provinceId: string;
    deadlineKind: string | null;
    dueDate: string | null;
    /** The province's deadline as a clerk reads it: the date, or 持续实施 / 视条件推进. */
    deadlineLabel: string;
  };
  region: { id: string; name: string; level: string } | null;
  status: RolloutStatus;
  statusLabel: string;
  adoptedOn: string | null;
  implementedOn: string | null;
  note: string | null;
  updatedBy: string | null;
  updatedAt: Date;
  evidenceCount: number;
}

/** Expects the rollout loaded with task.reformItem.batch and region. */
export function toRolloutView(r: Rollout, evidenceCount: number): RolloutView {
  const item = r.task?.reformItem;
  return {
    id: r.id,
    task: {
      id: r.taskId,
      reformItemName: item?.name ?? null,
      seq: item?.seq ?? null,
      batchId: item?.batchId ?? null,
      batchName: item?.batch?.name ?? null,
      provinceId: r.task?.regionId ?? '',
      deadlineKind: r.task?.deadlineKind ?? null,
      dueDate: r.task?.dueDate ?? null,
      deadlineLabel: r.task?.dueDate ?? (r.task ? TASK_DEADLINE_KIND_LABELS[r.task.deadlineKind] : '—'),
    },
    region: r.region ? { id: r.region.id, name: r.region.name, level: r.region.level } : null,
    status: r.status,
    statusLabel: ROLLOUT_STATUS_LABELS[r.status],
    adoptedOn: r.adoptedOn,
    implementedOn: r.implementedOn,
    note: r.note,
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
    evidenceCount,
  };
}
