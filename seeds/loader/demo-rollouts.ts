import { addDays } from '#libs/calendar';
import type { DemoContext, DemoTask } from './demo-context.js';
import { uploadDemoPdf } from './demo-evidence.js';
import { Prng } from './demo-timeline.js';

/** What a task's cities did: nothing before it started; most adopted and implemented it once it was closed. */
export interface RolloutStory {
  key: string;
  task: DemoTask;
  startedOn: string | null;
  closedOn: string | null;
  notApplicableNote?: string;
}

const MAX_CITY_FILES = 2;

/**
 * 承接/落实 across the province's cities, through RolloutService as the api's PATCH does: the demo city records its
 * own city (and files evidence for a couple), the coordinator records the others. Rollouts someone already
 * touched are left alone.
 */
export async function playRollouts(ctx: DemoContext, stories: RolloutStory[]): Promise<void> {
  const rows: { id: string; task_id: string; status: string; updated_by: string | null; code: string }[] = await ctx.db.query(
    `SELECT r.id, r.task_id, r.status, r.updated_by, g.code FROM rollout r JOIN region g ON g.id = r.region_id WHERE r.task_id = ANY($1) ORDER BY g.code`,
    [stories.map((s) => s.task.id)],
  );
  const cityUser = ctx.actors.named.city;
  let cityFiles = 0;
  for (const story of stories) {
    for (const rollout of rows.filter((r) => r.task_id === story.task.id)) {
      const rng = new Prng(`rollout ${story.key} ${rollout.code}`);
      const plan = planRollout(ctx, story, rng);
      if (!plan || rollout.status !== 'not_started' || rollout.updated_by) {
        ctx.tally.add('rollout', 'unchanged');
        continue;
      }
      const own = rollout.code === ctx.plan.cityCode;
      const user = own ? cityUser : ctx.actors.coordinator;
      await ctx.timeline.at(plan.implementedOn ?? plan.adoptedOn ?? ctx.timeline.today, () => ctx.services.rollouts.update(rollout.id, plan, user));
      if (own && plan.status === 'implemented' && story.closedOn && cityFiles < MAX_CITY_FILES) {
        cityFiles += 1;
        await uploadDemoPdf(ctx, plan.implementedOn!, {
          taskId: story.task.id,
          purpose: 'rollout',
          title: `${story.task.name}落实情况`,
          paragraphs: [`${cityUser.displayName}：${plan.note}`, `落实日期：${plan.implementedOn}`],
          user: cityUser,
          rolloutId: rollout.id,
        });
      }
      ctx.tally.add('rollout', 'updated');
    }
  }
}

function planRollout(ctx: DemoContext, story: RolloutStory, rng: Prng) {
  const shares = ctx.plan.rollouts;
  const today = ctx.timeline.today;
  const notLater = (d: string, limit: string) => (d > limit ? limit : d);
  if (story.notApplicableNote) return { status: 'not_applicable' as const, note: story.notApplicableNote };
  if (!story.startedOn) return null;
  const draw = rng.next();
  const implemented = story.closedOn ? draw < shares.closedImplementedShare : draw < shares.openImplementedShare;
  const adopted = !implemented && (story.closedOn !== null || draw < shares.openImplementedShare + shares.openAdoptedShare);
  if (!implemented && !adopted) return null;
  const adoptedOn = notLater(addDays(story.startedOn, rng.int(5, 90)), story.closedOn ?? today);
  if (!implemented) return { status: 'adopted' as const, adoptedOn, note: rng.pick(shares.adoptedNotes) };
  const implementedOn = notLater(addDays(adoptedOn, rng.int(15, 160)), today);
  return { status: 'implemented' as const, adoptedOn, implementedOn, note: rng.pick(shares.implementedNotes) };
}
