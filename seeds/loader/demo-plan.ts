import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seedDataDir } from './seed-data.js';

/** The shapes of seeds/data/demo/plan.json: the story the demo seed tells (see docs/seed-data.md). */
export type PlannedStatus = 'not_started' | 'in_progress' | 'blocked' | 'submitted' | 'closed' | 'returned';
export type PlannedReport = 'accepted' | 'submitted' | 'returned' | 'draft' | 'missing';

export interface HistoryOpenTask {
  status: 'in_progress' | 'blocked';
  /** 持续实施 from `on` (a real date) on. */
  ongoing?: boolean;
  on?: string;
  /** A revised due date, days from today, set `revisedDaysAgo` days ago. */
  dueInDays?: number;
  revisedDaysAgo?: number;
  deadlineText: string;
  reason?: string;
  currentReport: PlannedReport;
  steps: string[];
}

export interface HistoryTable {
  docNumber: string;
  table: string;
  /** The day the province's table took the tasks on (their created_at, which the quarterly trend counts from). */
  adoptedOn: string;
  startOn: string;
  revisedDeadline?: { on: string; date: string; text: string };
  tasks: { seq: number; closedOn?: string; open?: HistoryOpenTask }[];
}

export interface PlannedMilestone {
  title: string;
  dueInDays: number;
  doneInDays?: number;
}

export interface PlannedCompletion {
  submittedDaysAgo: number;
  summary: string;
  note?: string;
  decidedDaysAgo?: number;
  returnReason?: string;
}

export interface BatchTask {
  seq: number;
  lead: string;
  participants: string[];
  due: number | 'ongoing';
  status: PlannedStatus;
  currentReport?: PlannedReport;
  steps: string[];
  milestones?: PlannedMilestone[];
  completion?: PlannedCompletion;
  closedDaysAgo?: number;
  blockReason?: string;
}

export interface DemoPlan {
  provinceCode: string;
  cityCode: string;
  departmentUsers: Record<'department' | 'department2', string>;
  history: HistoryTable[];
  historyTexts: { summaries: string[]; notes: string[]; lateNotes: string[]; evidenceTitle: string };
  batch: { docNumber: string; adoptedDaysAgo: number; assignedDaysAfterAdoption: number; tasks: BatchTask[] };
  reportTexts: { progressTails: string[]; problems: string[]; suggestions: string[]; returnComments: string[]; acceptComments: string[]; contributions: string[] };
  rollouts: {
    closedImplementedShare: number;
    openAdoptedShare: number;
    openImplementedShare: number;
    notApplicableSeq: number;
    notApplicableNote: string;
    adoptedNotes: string[];
    implementedNotes: string[];
  };
  notices: { sweepDays: number };
}

export function readDemoPlan(dir = seedDataDir()): DemoPlan {
  return JSON.parse(readFileSync(path.join(dir, 'demo', 'plan.json'), 'utf8')) as DemoPlan;
}

/** Fills {name} placeholders of a plan text. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
