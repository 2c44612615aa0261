import type { DeadlineNoticeJob } from '../jobs.js';
import type { NoticeOutcome } from './notice.service.js';

export interface NoticeBatchOptions {
  /** The most notices one batch stores. */
  maxBatch: number;
  /** Batches being stored at once. While they are, new notices wait and form the next batch. */
  maxInFlight: number;
}

export const DEFAULT_NOTICE_BATCH: NoticeBatchOptions = { maxBatch: 200, maxInFlight: 2 };

/** Stores notices together, answering each in the order given (see NoticeService.sendDeadlines). */
export type SendNotices = (jobs: DeadlineNoticeJob[]) => Promise<PromiseSettledResult<NoticeOutcome>[]>;

interface Waiting {
  job: DeadlineNoticeJob;
  resolve: (outcome: NoticeOutcome) => void;
  reject: (reason: unknown) => void;
}

/**
 * Gathers the deadline notices that a worker's concurrent jobs hand in at the same time, so that one query and one
 * statement serve many jobs instead of several round trips each. A job still settles on its own: the promise
 * submit() returns is its outcome, and a notice that fails rejects only its own job, which BullMQ then retries.
 *
 * Batches form by themselves (group commit): a notice waits only for the replies Node has already read (one
 * setImmediate) or, while maxInFlight batches are being stored, for one of them to finish. A lone notice goes out
 * at once; under load the batches grow with the backlog.
 */
export class NoticeBatcher {
  private waiting: Waiting[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly send: SendNotices,
    private readonly options: NoticeBatchOptions = DEFAULT_NOTICE_BATCH,
  ) {}

  submit(job: DeadlineNoticeJob): Promise<NoticeOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ job, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.waiting.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.store(batch).finally(() => {
        this.inFlight -= 1;
        this.schedule();
      });
    }
  }

  private async store(batch: Waiting[]): Promise<void> {
    let outcomes: PromiseSettledResult<NoticeOutcome>[];
    try {
      outcomes = await this.send(batch.map((w) => w.job));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // The statement stored none of the batch. One notice's own problem (its task deleted since it was loaded)
      // must not fail the others, nor every retry of theirs: each goes again alone and fails, if at all, alone.
      for (const w of batch) await this.store([w]);
      return;
    }
    for (const [i, w] of batch.entries()) {
      const outcome = outcomes[i]!;
      if (outcome.status === 'fulfilled') w.resolve(outcome.value);
      else w.reject(outcome.reason);
    }
  }
}
