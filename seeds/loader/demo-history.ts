import { addDays, formatDateZh } from '#libs/calendar';
import { backdateTasks, demoTasksOf, type DemoContext, type DemoTask } from './demo-context.js';
import { fill, type HistoryTable } from './demo-plan.js';
import { Prng } from './demo-timeline.js';
import { completeTask, milestoneDone, move } from './demo-workflow.js';

/**
 * The 2015–2016 task tables as history: each task started shortly after its table, its milestones done, and — for
 * most — closed out with evidence, the lead's summary and the coordinator's note on the day in the plan (a few
 * after the deadline); the rest stay open with a revised deadline. Only tasks still not_started are touched.
 */
export async function playHistory(ctx: DemoContext): Promise<void> {
  for (const table of ctx.plan.history) {
    const tasks = await demoTasksOf(ctx, table.docNumber);
    await backdateTasks(ctx, [...tasks.values()].map((x) => x.id), table.adoptedOn);
    for (const entry of table.tasks) {
      const task = tasks.get(entry.seq);
      if (!task || task.status !== 'not_started' || task.completions > 0 || !task.leadDepartmentId) {
        ctx.tally.add('history task', 'unchanged');
        continue;
      }
      await playHistoryTask(ctx, table, entry, task);
      ctx.tally.add('history task', 'updated');
    }
  }
}

/** The day the lead department started a history task (the same on every run, for rollouts). */
export function historyStartOn(ctx: Pick<DemoContext, 'timeline'>, table: HistoryTable, seq: number): string {
  return ctx.timeline.workday(addDays(table.startOn, new Prng(`history start ${table.docNumber} ${seq}`).int(0, 12)));
}

async function playHistoryTask(ctx: DemoContext, table: HistoryTable, entry: HistoryTable['tasks'][number], task: DemoTask): Promise<void> {
  const { tasks } = ctx.services;
  const coordinator = ctx.actors.coordinator;
  const lead = await ctx.actors.of({ id: task.leadDepartmentId!, name: task.leadName! });
  const rng = new Prng(`history ${table.docNumber} ${entry.seq}`);
  let due = task.dueDate;
  if (table.revisedDeadline) {
    const revised = table.revisedDeadline;
    await ctx.timeline.at(revised.on, () => tasks.update(task.id, { dueDate: revised.date, deadlineText: revised.text }, coordinator));
    due = revised.date;
  }
  const startOn = historyStartOn(ctx, table, entry.seq);
  await move(ctx, task, startOn, 'in_progress', lead);

  const milestones = await tasks.listMilestones(task.id, coordinator);
  for (const m of milestones) {
    const finish = entry.closedOn && (!m.dueDate || m.dueDate > entry.closedOn) ? entry.closedOn : (m.dueDate ?? startOn);
    const doneOn = addDays(finish, -rng.int(2, 20));
    await milestoneDone(ctx, task.id, m.id, ctx.timeline.workday(doneOn < startOn ? startOn : doneOn), lead);
  }

  if (entry.closedOn) {
    const texts = ctx.plan.historyTexts;
    const values = { lead: task.leadName!, item: task.name, table: table.table, scope: task.scopeText ?? '全省' };
    const late = due !== null && entry.closedOn > due;
    await completeTask(ctx, task, lead, {
      submitOn: ctx.timeline.workday(addDays(entry.closedOn, -rng.int(4, 12))),
      summary: fill(rng.pick(texts.summaries), values),
      evidenceTitle: fill(texts.evidenceTitle, values),
      decision: { on: entry.closedOn, verify: true, note: fill(rng.pick(late ? texts.lateNotes : texts.notes), values) },
    });
    return;
  }
  const open = entry.open!;
  if (open.ongoing) {
    await ctx.timeline.at(open.on!, () => tasks.update(task.id, { deadlineKind: 'ongoing', deadlineText: open.deadlineText }, coordinator));
  } else {
    const revisedOn = ctx.timeline.day(-open.revisedDaysAgo!);
    const dueDate = ctx.timeline.day(open.dueInDays!);
    await ctx.timeline.at(revisedOn, () => tasks.update(task.id, { dueDate, deadlineText: `${formatDateZh(dueDate)}前，${open.deadlineText}` }, coordinator));
  }
  if (open.status === 'blocked') await move(ctx, task, ctx.timeline.workday(ctx.timeline.day(-open.revisedDaysAgo! + rng.int(3, 20))), 'blocked', lead, open.reason);
}
