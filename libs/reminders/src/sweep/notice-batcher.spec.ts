import { describe, expect, it } from '@jest/globals';
import type { DeadlineNoticeJob } from '../jobs.js';
import { NoticeBatcher, type SendNotices } from './notice-batcher.js';
import type { NoticeOutcome } from './notice.service.js';

function job(key: string): DeadlineNoticeJob {
  return {
    dedupKey: key,
    subjectType: 'task',
    subjectId: key,
    taskId: key,
    dueDate: '2026-12-03',
    notice: { kind: 'before_due', offset: 7, recipient: 'liaison', level: 'remind', scheduledFor: '2026-11-26', key: 'before_due:7' },
  };
}

const sent = (key: string): NoticeOutcome => ({ status: 'sent', notificationId: `n-${key}`, created: true, deliveriesEnqueued: 0 });

/** A send whose batches are recorded and answered when the test says so. */
function heldSend() {
  const batches: { keys: string[]; answer: (outcomes?: PromiseSettledResult<NoticeOutcome>[]) => void; fail: (e: Error) => void }[] = [];
  const send: SendNotices = (jobs) =>
    new Promise((resolve, reject) => {
      batches.push({
        keys: jobs.map((j) => j.dedupKey),
        answer: (outcomes) => resolve(outcomes ?? jobs.map((j) => ({ status: 'fulfilled', value: sent(j.dedupKey) }))),
        fail: reject,
      });
    });
  return { send, batches };
}

// A few turns of the event loop: the batcher flushes on setImmediate, after the promise callbacks of the last batch.
const tick = async () => {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
};

describe(NoticeBatcher.name, () => {
  it('stores the notices handed in together as one batch and answers each job with its own outcome', async () => {
    const { send, batches } = heldSend();
    const batcher = new NoticeBatcher(send, { maxBatch: 10, maxInFlight: 1 });
    const outcomes = ['a', 'b', 'c'].map((k) => batcher.submit(job(k)));
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([['a', 'b', 'c']]);
    batches[0]!.answer();
    expect(await Promise.all(outcomes)).toEqual([sent('a'), sent('b'), sent('c')]);
  });

  it('sends a lone notice at once', async () => {
    const { send, batches } = heldSend();
    const batcher = new NoticeBatcher(send, { maxBatch: 10, maxInFlight: 1 });
    const outcome = batcher.submit(job('alone'));
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([['alone']]);
    batches[0]!.answer();
    expect(await outcome).toEqual(sent('alone'));
  });

  it('fails only the job whose notice failed', async () => {
    const { send, batches } = heldSend();
    const batcher = new NoticeBatcher(send, { maxBatch: 10, maxInFlight: 1 });
    const [a, b] = ['a', 'b'].map((k) => batcher.submit(job(k)));
    await tick();
    batches[0]!.answer([{ status: 'fulfilled', value: sent('a') }, { status: 'rejected', reason: new Error('no title for b') }]);
    expect(await a).toEqual(sent('a'));
    await expect(b).rejects.toThrow('no title for b');
  });

  it('retries each notice alone when the batch fails, so that only the one that fails alone fails its job', async () => {
    const batches: string[][] = [];
    const batcher = new NoticeBatcher(
      async (jobs) => {
        batches.push(jobs.map((j) => j.dedupKey));
        if (jobs.some((j) => j.dedupKey === 'bad')) throw new Error('violates foreign key');
        return jobs.map((j) => ({ status: 'fulfilled', value: sent(j.dedupKey) }));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    const [a, bad, c] = ['a', 'bad', 'c'].map((k) => batcher.submit(job(k)));
    expect(await a).toEqual(sent('a'));
    await expect(bad).rejects.toThrow('violates foreign key');
    expect(await c).toEqual(sent('c'));
    expect(batches).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('rejects every job when the database is down, so that BullMQ retries them all', async () => {
    const batcher = new NoticeBatcher(async () => Promise.reject(new Error('connection refused')), { maxBatch: 10, maxInFlight: 1 });
    const results = await Promise.allSettled(['a', 'b'].map((k) => batcher.submit(job(k))));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });

  it('lets notices gather while maxInFlight batches are stored, then sends them in batches of at most maxBatch', async () => {
    const { send, batches } = heldSend();
    const batcher = new NoticeBatcher(send, { maxBatch: 3, maxInFlight: 1 });
    const first = batcher.submit(job('a'));
    await tick();
    const later = ['b', 'c', 'd', 'e'].map((k) => batcher.submit(job(k)));
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([['a']]);
    batches[0]!.answer();
    await first;
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([['a'], ['b', 'c', 'd']]);
    batches[1]!.answer();
    await tick();
    expect(batches.map((b) => b.keys)).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    batches[2]!.answer();
    expect(await Promise.all(later)).toEqual(['b', 'c', 'd', 'e'].map(sent));
  });
});
