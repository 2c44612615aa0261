import type { AuthUser } from '#libs/common';
import type { TaskStatus } from '#libs/tasks';
import type { DemoContext, DemoTask } from './demo-context.js';
import { uploadDemoPdf } from './demo-evidence.js';

/** One status change on the day it happened, by whoever the workflow lets take it. */
export function move(ctx: DemoContext, task: DemoTask, on: string, to: TaskStatus, user: AuthUser, reason?: string): Promise<unknown> {
  return ctx.timeline.at(on, () => ctx.services.tasks.transition(task.id, { to, reason }, user));
}

export interface CompletionStory {
  /** The day the lead department submits 销号 (with its evidence uploaded the same morning). */
  submitOn: string;
  summary: string;
  evidenceTitle: string;
  /** What the coordinator decided and when; none = still waiting for review. */
  decision?: { on: string; verify: true; note: string } | { on: string; verify: false; reason: string };
}

/**
 * 销号 as the product runs it: the lead uploads completion evidence and submits (task → submitted), then the
 * coordinator verifies (→ closed, closed_at that day) or returns it with the reason (→ in_progress).
 */
export async function completeTask(ctx: DemoContext, task: DemoTask, lead: AuthUser, story: CompletionStory): Promise<void> {
  const { closeOut } = ctx.services;
  const file = await uploadDemoPdf(ctx, story.submitOn, {
    taskId: task.id,
    purpose: 'completion',
    title: story.evidenceTitle,
    paragraphs: [story.summary, `牵头单位：${task.leadName ?? ''}`, `报送日期：${story.submitOn}`],
    user: lead,
  });
  await ctx.timeline.at(story.submitOn, () => closeOut.submit(task.id, { summary: story.summary, evidenceIds: [file.id] }, lead), 30);
  const decision = story.decision;
  if (!decision) return;
  await ctx.timeline.at(decision.on, () =>
    decision.verify ? closeOut.verify(task.id, { note: decision.note }, ctx.actors.coordinator) : closeOut.returnCompletion(task.id, { reason: decision.reason }, ctx.actors.coordinator),
  );
}

/** Marks a task's milestone done on `on`, as its lead department. */
export async function milestoneDone(ctx: DemoContext, taskId: string, milestoneId: string, on: string, lead: AuthUser): Promise<void> {
  await ctx.timeline.at(on, () => ctx.services.tasks.updateMilestone(taskId, milestoneId, { done: true }, lead));
}
