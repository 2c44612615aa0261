import { addDays, formatDateZh } from '#libs/calendar';
import type { AuthUser } from '#libs/common';
import { backdateTasks, departmentNamed, demoTasksOf, type DemoContext, type DemoTask } from './demo-context.js';
import type { BatchTask } from './demo-plan.js';
import { Prng } from './demo-timeline.js';
import { completeTask, milestoneDone, move } from './demo-workflow.js';

/** When the province adopted the recent batch, and when the coordinator assigned its tasks. */
export function batchDates(ctx: Pick<DemoContext, 'plan' | 'timeline'>): { adoptedOn: string; assignedOn: string } {
  const adoptedOn = ctx.timeline.workday(ctx.timeline.day(-ctx.plan.batch.adoptedDaysAgo));
  return { adoptedOn, assignedOn: ctx.timeline.workday(addDays(adoptedOn, ctx.plan.batch.assignedDaysAfterAdoption)) };
}

/** The day the lead department started a task of the batch (the same on every run, for reports and rollouts). */
export function batchStartOn(ctx: Pick<DemoContext, 'plan' | 'timeline'>, seq: number): string {
  return ctx.timeline.workday(addDays(batchDates(ctx).assignedOn, new Prng(`batch start ${seq}`).int(5, 40)));
}

/**
 * The recent national batch (第七批) in mid-work: adopted for the province through TasksService.adoptBatch (as the
 * api's adopt route does), its tasks assigned to provincial departments with deadlines around today, milestones,
 * and each task moved to its planned status through the workflow. Tasks already assigned or moved are left alone.
 */
export async function playBatch(ctx: DemoContext): Promise<Map<number, DemoTask>> {
  const { batch } = ctx.plan;
  const [row]: { id: string }[] = await ctx.db.query(
    `SELECT b.id FROM batch b JOIN policy_document d ON d.id = b.document_id WHERE d.doc_number = $1 ORDER BY b.name LIMIT 1`,
    [batch.docNumber],
  );
  if (!row) throw new Error(`${batch.docNumber} is missing: run npm run seed first`);
  const { adoptedOn, assignedOn } = batchDates(ctx);
  const adoption = await ctx.timeline.at(adoptedOn, () => ctx.services.tasks.adoptBatch(row.id, ctx.province.id, ctx.actors.coordinator));
  ctx.tally.add('task', 'created', adoption.created);
  ctx.tally.add('task', 'unchanged', adoption.existing);

  let tasks = await demoTasksOf(ctx, batch.docNumber);
  await backdateTasks(ctx, [...tasks.values()].map((x) => x.id), adoptedOn);
  for (const planned of batch.tasks) {
    const task = tasks.get(planned.seq);
    if (!task || task.leadDepartmentId) {
      ctx.tally.add('task assignment', 'unchanged');
      continue;
    }
    await assign(ctx, task, planned, assignedOn);
    ctx.tally.add('task assignment', 'updated');
  }

  tasks = await demoTasksOf(ctx, batch.docNumber);
  for (const planned of batch.tasks) {
    const task = tasks.get(planned.seq);
    if (!task) continue;
    const rng = new Prng(`batch ${batch.docNumber} ${planned.seq}`);
    const lead = await ctx.actors.of({ id: task.leadDepartmentId!, name: task.leadName! });
    if (planned.milestones?.length && task.milestones === 0) {
      for (const m of planned.milestones) {
        const dueDate = ctx.timeline.day(m.dueInDays);
        const created = await ctx.timeline.at(addDays(assignedOn, 3), () => ctx.services.tasks.createMilestone(task.id, { title: m.title, dueDate, deadlineText: `${formatDateZh(dueDate)}前` }, lead));
        if (m.doneInDays !== undefined) await milestoneDone(ctx, task.id, created.id, ctx.timeline.workday(ctx.timeline.day(m.doneInDays)), lead);
        ctx.tally.add('milestone', 'created');
      }
    }
    if (planned.status === 'not_started' || task.status !== 'not_started' || task.completions > 0) {
      ctx.tally.add('demo task', 'unchanged');
      continue;
    }
    const startOn = batchStartOn(ctx, planned.seq);
    await move(ctx, task, startOn, 'in_progress', lead);
    await finish(ctx, task, planned, lead, startOn, rng);
    ctx.tally.add('demo task', 'updated');
  }
  return demoTasksOf(ctx, batch.docNumber);
}

async function assign(ctx: DemoContext, task: DemoTask, planned: BatchTask, on: string): Promise<void> {
  const deadline =
    planned.due === 'ongoing'
      ? { deadlineKind: 'ongoing' as const, deadlineText: '持续实施' }
      : { dueDate: ctx.timeline.day(planned.due), deadlineText: `${formatDateZh(ctx.timeline.day(planned.due))}前` };
  await ctx.timeline.at(on, () =>
    ctx.services.tasks.update(
      task.id,
      { leadDepartmentId: departmentNamed(ctx, planned.lead).id, participantDepartmentIds: planned.participants.map((p) => departmentNamed(ctx, p).id), ...deadline },
      ctx.actors.coordinator,
    ),
  );
}

async function finish(ctx: DemoContext, task: DemoTask, planned: BatchTask, lead: AuthUser, startOn: string, rng: Prng): Promise<void> {
  const c = planned.completion;
  const story = c && {
    submitOn: ctx.timeline.workday(ctx.timeline.day(-c.submittedDaysAgo)),
    summary: c.summary,
    evidenceTitle: `${task.name}完成情况及佐证材料`,
  };
  switch (planned.status) {
    case 'blocked': {
      const on = ctx.timeline.workday(ctx.timeline.day(-rng.int(10, 45)));
      return void (await move(ctx, task, on < startOn ? startOn : on, 'blocked', lead, planned.blockReason));
    }
    case 'closed':
      return completeTask(ctx, task, lead, { ...story!, decision: { on: ctx.timeline.workday(ctx.timeline.day(-planned.closedDaysAgo!)), verify: true, note: c!.note! } });
    case 'returned':
      return completeTask(ctx, task, lead, { ...story!, decision: { on: ctx.timeline.workday(ctx.timeline.day(-c!.decidedDaysAgo!)), verify: false, reason: c!.returnReason! } });
    case 'submitted':
      return completeTask(ctx, task, lead, story!);
    default:
      return;
  }
}
