import type { AuditEventView } from '#libs/audit';
import { periodLabel, parsePeriod } from '#libs/calendar';
import type { EvidenceFile } from './entities/evidence-file.entity.js';
import type { ProgressContribution } from './entities/progress-contribution.entity.js';
import type { ProgressReport } from './entities/progress-report.entity.js';
import { COMPLETION_STATUS_LABELS, type TaskCompletion } from './entities/task-completion.entity.js';
import { EVIDENCE_PURPOSE_LABELS } from './rules/evidence-type.js';
import { REPORT_STATUS_LABELS } from './rules/report-status.machine.js';

export interface EvidenceView {
  id: string;
  taskId: string;
  reportId: string | null;
  rolloutId: string | null;
  purpose: EvidenceFile['purpose'];
  purposeLabel: string;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string | null;
  uploadedAt: Date;
  downloadUrl: string;
}

export interface ContributionView {
  department: { id: string; name: string | null };
  text: string;
  authorId: string | null;
  updatedAt: Date;
}

export interface ReportView {
  id: string;
  taskId: string;
  task: { reformItemName: string | null; seq: number | null; batchId: string | null; batchName: string | null; status: string | null };
  period: string;
  periodLabel: string;
  department: { id: string; name: string | null } | null;
  progress: string;
  problems: string | null;
  suggestions: string | null;
  percentComplete: number | null;
  status: ProgressReport['status'];
  statusLabel: string;
  submittedAt: Date | null;
  submittedBy: string | null;
  reviewedAt: Date | null;
  reviewedBy: string | null;
  reviewComment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReportDetailView extends ReportView {
  contributions: ContributionView[];
  evidence: EvidenceView[];
  history: AuditEventView[];
}

export interface CompletionView {
  id: string;
  taskId: string;
  summary: string;
  outcomeSnapshot: string | null;
  evidence: EvidenceView[];
  status: TaskCompletion['status'];
  statusLabel: string;
  submittedBy: string | null;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
}

export interface MissingReportTask {
  taskId: string;
  seq: number;
  reformItemName: string;
  batchId: string;
  batchName: string;
  taskStatus: string;
  deadlineKind: string;
  dueDate: string | null;
  /** The report that exists but has not been submitted (draft, returned), if any. */
  reportId: string | null;
  reportStatus: ProgressReport['status'] | null;
}

export interface MissingReportsView {
  period: string;
  periodLabel: string;
  departmentCount: number;
  taskCount: number;
  departments: { department: { id: string; name: string }; taskCount: number; tasks: MissingReportTask[] }[];
}

export function toEvidenceView(e: EvidenceFile): EvidenceView {
  return {
    id: e.id,
    taskId: e.taskId,
    reportId: e.reportId,
    rolloutId: e.rolloutId,
    purpose: e.purpose,
    purposeLabel: EVIDENCE_PURPOSE_LABELS[e.purpose],
    fileName: e.originalName,
    mimeType: e.mimeType,
    sizeBytes: e.sizeBytes,
    sha256: e.sha256,
    uploadedBy: e.uploadedBy,
    uploadedAt: e.uploadedAt,
    downloadUrl: `/api/evidence/${e.id}/download`,
  };
}

export function toContributionView(c: ProgressContribution): ContributionView {
  return { department: { id: c.departmentId, name: c.department?.name ?? null }, text: c.text, authorId: c.authorId, updatedAt: c.updatedAt };
}

/** Expects the report loaded with task.reformItem.batch and department. */
export function toReportView(r: ProgressReport): ReportView {
  const item = r.task?.reformItem;
  return {
    id: r.id,
    taskId: r.taskId,
    task: { reformItemName: item?.name ?? null, seq: item?.seq ?? null, batchId: item?.batchId ?? null, batchName: item?.batch?.name ?? null, status: r.task?.status ?? null },
    period: r.period,
    periodLabel: periodLabel(parsePeriod(r.period)),
    department: r.departmentId ? { id: r.departmentId, name: r.department?.name ?? null } : null,
    progress: r.progress,
    problems: r.problems,
    suggestions: r.suggestions,
    percentComplete: r.percentComplete,
    status: r.status,
    statusLabel: REPORT_STATUS_LABELS[r.status],
    submittedAt: r.submittedAt,
    submittedBy: r.submittedBy,
    reviewedAt: r.reviewedAt,
    reviewedBy: r.reviewedBy,
    reviewComment: r.reviewComment,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function toCompletionView(c: TaskCompletion, evidence: EvidenceFile[]): CompletionView {
  const byId = new Map(evidence.map((e) => [e.id, e]));
  return {
    id: c.id,
    taskId: c.taskId,
    summary: c.summary,
    outcomeSnapshot: c.outcomeSnapshot,
    evidence: c.evidenceIds.flatMap((id) => (byId.has(id) ? [toEvidenceView(byId.get(id)!)] : [])),
    status: c.status,
    statusLabel: COMPLETION_STATUS_LABELS[c.status],
    submittedBy: c.submittedBy,
    submittedAt: c.submittedAt,
    reviewedBy: c.reviewedBy,
    reviewedAt: c.reviewedAt,
    reviewNote: c.reviewNote,
  };
}
