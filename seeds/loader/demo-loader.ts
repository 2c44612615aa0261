import { createHash } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { DataSource, In, IsNull } from 'typeorm';
import { toAuthUser, UsersService, type CreateUserDto } from '#libs/auth';
import { appConfig, type AuthUser } from '#libs/common';
import { Department, OrganisationService, type Region } from '#libs/organisation';
import { Task, TasksService, type TaskStatus } from '#libs/tasks';
import { loadReferenceData } from './reference-loader.js';
import { Tally } from './tally.js';

/** 山东省: the demo province, whose two real task tables the reference seed loads. */
export const DEMO_PROVINCE_CODE = '370000';
/** 青岛市: coastal, part of the Shandong FTZ and home to customs special zones, so every rollout kind reaches it. */
export const DEMO_CITY_CODE = '370200';
/** The batch whose Shandong tasks (鲁政发〔2016〕32号) get demo progress. */
export const DEMO_DOC_NUMBER = '国发〔2016〕63号';

export const DEMO_USERNAMES = ['admin', 'coordinator', 'department', 'city', 'leader'] as const;

type StepActor = 'lead' | 'coordinator';
interface DemoStep {
  to: TaskStatus;
  by: StepActor;
  reason?: string;
}

const START: DemoStep = { to: 'in_progress', by: 'lead' };
const SUBMIT: DemoStep = { to: 'submitted', by: 'lead' };
const close = (note: string): DemoStep => ({ to: 'closed', by: 'coordinator', reason: note });

/**
 * Demo progress on 国发〔2016〕63号's Shandong tasks, by item seq: a few in progress, a couple awaiting close-out,
 * a few closed with the coordinator's note, one blocked. 'lead' steps are taken by the demo department user when its
 * department leads the task, otherwise by the coordinator (who may take any step).
 */
export const DEMO_PROGRESS: { seq: number; steps: DemoStep[] }[] = [
  { seq: 1, steps: [START, SUBMIT, close('已按负面清单管理模式实施外商投资企业设立及变更备案，全省各市均已落实，同意销号。')] },
  { seq: 3, steps: [START] },
  { seq: 4, steps: [START] },
  { seq: 5, steps: [START] },
  { seq: 6, steps: [START, SUBMIT] },
  { seq: 7, steps: [START, SUBMIT] },
  { seq: 14, steps: [START, SUBMIT, close('青岛海关、济南海关已在全省海关特殊监管区域实施，可检验成果齐全，同意销号。')] },
  { seq: 15, steps: [START, SUBMIT, close('已在具备条件的海关特殊监管区域复制推广，经核验同意销号。')] },
  { seq: 16, steps: [START, { to: 'blocked', by: 'lead', reason: '需海关总署统一升级监管信息化系统后方可全面实施，已报请总署协调。' }] },
];

/** Clearly fake contacts so reminders have recipients in a demo; the slug keeps each department's address distinct. */
function placeholderContacts(d: Department, regionCode: string) {
  const slug = `${regionCode}-${createHash('sha1').update(d.name).digest('hex').slice(0, 8)}`;
  return {
    liaisonName: `${d.name}联络员（演示）`,
    liaisonEmail: `liaison-${slug}@example.gov.cn`,
    headName: `${d.name}负责人（演示）`,
    headEmail: `head-${slug}@example.gov.cn`,
  };
}

/**
 * Demo users, placeholder department contacts and demo progress for Shandong. Idempotent: users are created only if
 * the username is free, contacts only where none are set, and a task is moved only while it is still not_started.
 * Loads the reference data first when it is missing, so `npm run seed:demo` works on its own.
 */
export async function loadDemoData(app: INestApplicationContext, opts: { password?: string } = {}): Promise<Tally> {
  const dataSource = app.get(DataSource);
  const organisation = app.get(OrganisationService);
  const users = app.get(UsersService);
  const tasks = app.get(TasksService);
  const tally = new Tally();

  let province = await organisation.findRegionByCode(DEMO_PROVINCE_CODE);
  if (!province || !(await demoTasks(dataSource, province)).length) {
    tally.merge(await loadReferenceData(app));
    province = await organisation.findRegionByCode(DEMO_PROVINCE_CODE);
  }
  const city = await organisation.findRegionByCode(DEMO_CITY_CODE);
  if (!province || !city) throw new Error(`regions ${DEMO_PROVINCE_CODE} and ${DEMO_CITY_CODE} are missing from seeds/data/regions.json`);

  // Counted in SQL: the department leading the most of the province's tasks gets the demo department user.
  const [top]: { id: string; name: string }[] = await dataSource.query(
    `SELECT d.id, d.name FROM task t JOIN department d ON d.id = t.lead_department_id
     WHERE t.region_id = $1 GROUP BY d.id, d.name ORDER BY count(*) DESC, d.name LIMIT 1`,
    [province.id],
  );
  if (!top) throw new Error(`${province.name} has no task with a lead department: run npm run seed first`);

  const password = opts.password ?? appConfig().DEMO_PASSWORD;
  const accounts: CreateUserDto[] = [
    { username: 'admin', displayName: '系统管理员', role: 'admin', password },
    { username: 'coordinator', displayName: '省商务厅（协调机制办公室）', role: 'coordinator', regionId: province.id, password },
    { username: 'department', displayName: `${top.name}联络员`, role: 'department', departmentId: top.id, password },
    { username: 'city', displayName: `${city.name}商务局`, role: 'city', regionId: city.id, password },
    { username: 'leader', displayName: '省政府分管领导', role: 'leader', regionId: province.id, password },
  ];
  const byName = new Map<string, AuthUser>();
  for (const dto of accounts) {
    const { user, created } = await users.ensure({ ...dto, email: `${dto.username}@example.gov.cn` });
    byName.set(dto.username, toAuthUser(user));
    tally.add('user', created ? 'created' : 'unchanged');
  }
  const admin = byName.get('admin')!;
  const coordinator = byName.get('coordinator')!;
  const departmentUser = byName.get('department')!;

  await fillContacts(dataSource, organisation, province, admin, tally);

  const byItemSeq = new Map((await demoTasks(dataSource, province)).map((t) => [t.reformItem!.seq, t]));
  for (const { seq, steps } of DEMO_PROGRESS) {
    const task = byItemSeq.get(seq);
    if (!task || task.status !== 'not_started') {
      tally.add('demo task', 'unchanged');
      continue;
    }
    for (const step of steps) {
      const actor = step.by === 'lead' && task.leadDepartmentId === departmentUser.departmentId ? departmentUser : coordinator;
      await tasks.transition(task.id, { to: step.to, reason: step.reason }, actor);
    }
    tally.add('demo task', 'updated');
  }
  // Progress reports for these tasks belong here once the progress module exists (it is a separate issue).
  return tally;
}

function demoTasks(dataSource: DataSource, province: Region): Promise<Task[]> {
  return dataSource.getRepository(Task).find({
    where: { regionId: province.id, reformItem: { batch: { document: { docNumber: DEMO_DOC_NUMBER } } } },
    relations: { reformItem: { batch: { document: true } } },
  });
}

/** Departments of the province and its cities with no contact yet get placeholder ones (audited as the demo admin). */
async function fillContacts(dataSource: DataSource, organisation: OrganisationService, province: Region, admin: AuthUser, tally: Tally): Promise<void> {
  const cities = await organisation.citiesOf(province.id);
  const codeById = new Map([province, ...cities].map((r) => [r.id, r.code]));
  const departments = await dataSource.getRepository(Department).find({
    where: { regionId: In([...codeById.keys()]), liaisonEmail: IsNull(), headEmail: IsNull() },
    order: { name: 'ASC' },
  });
  for (const d of departments) {
    await organisation.updateDepartment(d.id, placeholderContacts(d, codeById.get(d.regionId!)!), admin);
    tally.add('department contact', 'created');
  }
}
