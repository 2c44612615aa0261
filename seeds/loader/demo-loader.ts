import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { UsersService } from '#libs/auth';
import { appConfig, Clock, FixedClock, type AuthUser } from '#libs/common';
import { Department, type Region } from '#libs/organisation';
import { DemoActors, departmentSlug } from './demo-actors.js';
import { batchDates, batchStartOn, playBatch } from './demo-batch.js';
import { demoServices, demoTasksOf, departmentNamed, type DemoContext } from './demo-context.js';
import { historyStartOn, playHistory } from './demo-history.js';
import { playNotices } from './demo-notices.js';
import { readDemoPlan } from './demo-plan.js';
import { playReports, type ReportingTask } from './demo-reports.js';
import { playRollouts, type RolloutStory } from './demo-rollouts.js';
import { DemoTimeline } from './demo-timeline.js';
import { loadReferenceData } from './reference-loader.js';
import { Tally } from './tally.js';

export { DEMO_USERNAMES } from './demo-actors.js';

/** Clearly fake contacts so reminders have recipients in a demo; the slug keeps each department's address distinct. */
function placeholderContacts(d: Department, regionCode: string) {
  const slug = departmentSlug(d, regionCode);
  return {
    liaisonName: `${d.name}联络员（演示）`,
    liaisonEmail: `liaison-${slug}@example.gov.cn`,
    headName: `${d.name}负责人（演示）`,
    headEmail: `head-${slug}@example.gov.cn`,
  };
}

/**
 * The demo province in the middle of its work relative to the clock's today (seeds/data/demo/plan.json): the
 * 2015–2016 task tables as closed-out history, the recent national batch adopted and under way, quarterly reports,
 * close-outs waiting for review, city rollouts and the notices of the last weeks — all written through the product's
 * services, replayed on the days they happened. Deterministic (the same today gives the same story) and idempotent:
 * each step only acts on what is still untouched. Loads the reference data first when it is missing.
 * The clock must be a FixedClock (seed-demo pins one at now): the seed moves it to each step's day and back.
 */
export async function loadDemoData(app: INestApplicationContext, opts: { password?: string } = {}): Promise<Tally> {
  const clock = app.get(Clock);
  if (!(clock instanceof FixedClock)) throw new Error('the demo seed replays dated history and needs a FixedClock (run it through seed-demo, which pins FTZ_FIXED_NOW)');
  const db = app.get(DataSource);
  const services = demoServices(app);
  const plan = readDemoPlan();
  const tally = new Tally();

  let province = await services.organisation.findRegionByCode(plan.provinceCode);
  if (!province || !(await demoTasksOf({ db, province }, plan.history[0]!.docNumber)).size) {
    tally.merge(await loadReferenceData(app));
    province = await services.organisation.findRegionByCode(plan.provinceCode);
  }
  const city = await services.organisation.findRegionByCode(plan.cityCode);
  if (!province || !city) throw new Error(`regions ${plan.provinceCode} and ${plan.cityCode} are missing from seeds/data/regions.json`);

  const departments = new Map((await db.getRepository(Department).find({ where: { regionId: province.id } })).map((d) => [d.name, d]));
  const named = (name: string) => departmentNamed({ departments, province: province! }, name);
  const actors = await DemoActors.create(app.get(UsersService), opts.password ?? appConfig().DEMO_PASSWORD, tally, {
    province,
    city,
    department: named(plan.departmentUsers.department),
    department2: named(plan.departmentUsers.department2),
  });
  await fillContacts(db, services.organisation, province, actors.named.admin, tally);

  const ctx: DemoContext = { db, services, plan, timeline: new DemoTimeline(clock), actors, tally, province, departments };
  await playHistory(ctx);
  const batchTasks = await playBatch(ctx);
  const { reporting, rollouts } = await stories(ctx, batchTasks);
  await playReports(ctx, reporting, batchDates(ctx).adoptedOn);
  await playRollouts(ctx, rollouts);
  await playNotices(ctx);
  return tally;
}

/** Which tasks report each quarter and how far each task's cities got, from the plan and the tasks as stored. */
async function stories(ctx: DemoContext, batchTasks: Awaited<ReturnType<typeof playBatch>>): Promise<{ reporting: ReportingTask[]; rollouts: RolloutStory[] }> {
  const { plan, timeline } = ctx;
  const reporting: ReportingTask[] = [];
  const rollouts: RolloutStory[] = [];
  for (const table of plan.history) {
    const tasks = await demoTasksOf(ctx, table.docNumber);
    for (const entry of table.tasks) {
      const task = tasks.get(entry.seq);
      if (!task?.leadDepartmentId) continue;
      const key = `${table.docNumber} ${entry.seq}`;
      rollouts.push({ key, task, startedOn: historyStartOn(ctx, table, entry.seq), closedOn: entry.closedOn ?? null });
      if (entry.open) reporting.push({ key, task, steps: entry.open.steps, current: entry.open.currentReport, closedOn: null });
    }
  }
  for (const planned of plan.batch.tasks) {
    const task = batchTasks.get(planned.seq);
    if (!task?.leadDepartmentId) continue;
    const key = `${plan.batch.docNumber} ${planned.seq}`;
    const started = planned.status !== 'not_started';
    const closedOn = planned.status === 'closed' ? timeline.workday(timeline.day(-planned.closedDaysAgo!)) : null;
    rollouts.push({
      key,
      task,
      startedOn: started ? batchStartOn(ctx, planned.seq) : null,
      closedOn,
      notApplicableNote: planned.seq === plan.rollouts.notApplicableSeq ? plan.rollouts.notApplicableNote : undefined,
    });
    if (started) reporting.push({ key, task, steps: planned.steps, current: planned.currentReport ?? 'missing', closedOn });
  }
  return { reporting, rollouts };
}

/** Departments of the province and its cities with no contact yet get placeholder ones (audited as the demo admin). */
async function fillContacts(db: DataSource, organisation: DemoContext['services']['organisation'], province: Region, admin: AuthUser, tally: Tally): Promise<void> {
  const cities = await organisation.citiesOf(province.id);
  const codeById = new Map([province, ...cities].map((r) => [r.id, r.code]));
  const departments = await db.getRepository(Department).find({
    where: { regionId: In([...codeById.keys()]), liaisonEmail: IsNull(), headEmail: IsNull() },
    order: { name: 'ASC' },
  });
  for (const d of departments) {
    await organisation.updateDepartment(d.id, placeholderContacts(d, codeById.get(d.regionId!)!), admin);
    tally.add('department contact', 'created');
  }
}
