import { addWorkingDays, periodOf, previousPeriod, reportingWindow, type Period } from '#libs/calendar';
import type { AuthUser } from '#libs/common';
import type { DemoContext, DemoTask } from './demo-context.js';
import { uploadDemoPdf } from './demo-evidence.js';
import type { PlannedReport } from './demo-plan.js';
import { Prng } from './demo-timeline.js';

/** A task that reports each quarter, with what its reports say and how this quarter's one stands. */
export interface ReportingTask {
  key: string;
  task: DemoTask;
  steps: string[];
  current: PlannedReport;
  /** The day it was closed out: it reports for the quarters whose window opened before. */
  closedOn: string | null;
}

/** Quarters from the one the batch was adopted in up to the current one, oldest first. */
export function reportPeriods(from: string, today: string): Period[] {
  const periods: Period[] = [];
  for (let p = periodOf(today); p.end >= from; p = previousPeriod(p)) periods.unshift(p);
  return periods;
}

/**
 * 每季度定期调度: for every past quarter a report written and submitted in its window and accepted by the coordinator
 * — except some never filed (缺报) — and for the current quarter the state the plan gives: accepted, submitted,
 * returned with the coordinator's comment, a draft, or nothing. Participating departments with a demo account add
 * their part to some; some carry a progress file. A (task, quarter) that already has a report is left alone.
 */
export async function playReports(ctx: DemoContext, subjects: ReportingTask[], from: string): Promise<void> {
  const periods = reportPeriods(from, ctx.timeline.today);
  const existing: { task_id: string; period: string }[] = await ctx.db.query(`SELECT task_id, period FROM progress_report WHERE task_id = ANY($1)`, [subjects.map((s) => s.task.id)]);
  const filed = new Set(existing.map((r) => `${r.task_id} ${r.period}`));
  for (const subject of subjects) {
    const lead = await ctx.actors.of({ id: subject.task.leadDepartmentId!, name: subject.task.leadName! });
    for (const [i, period] of periods.entries()) {
      const isCurrent = i === periods.length - 1;
      const window = reportingWindow(period, ctx.services.reminderSettings.reportingWindow);
      if (subject.closedOn && (isCurrent || subject.closedOn < window.opens)) continue;
      const rng = new Prng(`report ${subject.key} ${period.key}`);
      const state: PlannedReport = isCurrent ? subject.current : rng.chance(0.12) ? 'missing' : 'accepted';
      if (state === 'missing' || filed.has(`${subject.task.id} ${period.key}`)) {
        ctx.tally.add('progress report', 'unchanged');
        continue;
      }
      const writtenOn = isCurrent ? currentDay(ctx, period, rng) : ctx.timeline.workday(addWorkingDays(window.opens, rng.int(0, 5)));
      await fileReport(ctx, subject, lead, { period, writtenOn, state, stage: (i + 1) / periods.length, rng });
      ctx.tally.add('progress report', 'created');
    }
  }
}

/** This quarter's reports were written in the last two weeks, and not before the quarter began. */
function currentDay(ctx: DemoContext, period: Period, rng: Prng): string {
  const day = ctx.timeline.day(-rng.int(3, 14));
  return ctx.timeline.workday(day < period.start ? period.start : day);
}

async function fileReport(
  ctx: DemoContext,
  subject: ReportingTask,
  lead: AuthUser,
  r: { period: Period; writtenOn: string; state: Exclude<PlannedReport, 'missing'>; stage: number; rng: Prng },
): Promise<void> {
  const { progress } = ctx.services;
  const texts = ctx.plan.reportTexts;
  const { rng, writtenOn } = r;
  const step = subject.steps[Math.min(subject.steps.length - 1, Math.floor(r.stage * subject.steps.length - 1e-9))]!;
  const report = await ctx.timeline.at(writtenOn, () =>
    progress.create(
      subject.task.id,
      {
        period: r.period.key,
        progress: `${step}。${rng.pick(texts.progressTails)}`,
        problems: rng.chance(0.7) ? rng.pick(texts.problems) : null,
        suggestions: rng.chance(0.5) ? rng.pick(texts.suggestions) : null,
        percentComplete: Math.max(5, Math.min(95, Math.round(r.stage * 90) + rng.int(-6, 4))),
      },
      lead,
    ),
  );
  for (const participant of subject.task.participantIds) {
    const user = ctx.actors.namedFor(participant);
    if (user && rng.chance(0.7)) await ctx.timeline.at(writtenOn, () => progress.contribute(report.id, { text: rng.pick(texts.contributions) }, user), 10);
  }
  if (r.state === 'draft') return;
  if (rng.chance(0.25)) {
    await uploadDemoPdf(ctx, writtenOn, { taskId: subject.task.id, purpose: 'progress', title: `${subject.task.name}${r.period.key}进展佐证`, paragraphs: [step, `报告期：${r.period.key}`], user: lead, reportId: report.id });
  }
  await ctx.timeline.at(writtenOn, () => progress.submit(report.id, lead), 40);
  if (r.state === 'submitted') return;
  const reviewOn = ctx.timeline.workday(addWorkingDays(writtenOn, rng.int(1, 4)));
  await ctx.timeline.at(reviewOn, () =>
    r.state === 'accepted'
      ? progress.accept(report.id, { comment: rng.pick(texts.acceptComments) || undefined }, ctx.actors.coordinator)
      : progress.returnReport(report.id, { comment: rng.pick(texts.returnComments) }, ctx.actors.coordinator),
  );
}
