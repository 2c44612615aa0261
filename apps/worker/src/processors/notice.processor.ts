import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from '#libs/queue';
import { NoticeBatcher, NoticeService, type DeadlineNoticeJob, type NoticeOutcome, type ReportNoticeJob } from '#libs/reminders';
import { WorkerSettings } from '../worker-settings.js';

/**
 * One notice per job. Deadline notices of jobs that run at the same time are stored together (NoticeBatcher);
 * report notices, a few per department and quarter, go one by one.
 */
@Injectable()
export class NoticeProcessor {
  private readonly batcher: NoticeBatcher;

  constructor(
    private readonly notices: NoticeService,
    settings: WorkerSettings,
  ) {
    this.batcher = new NoticeBatcher((jobs) => this.notices.sendDeadlines(jobs), settings.noticeBatch);
  }

  async process(job: Job<DeadlineNoticeJob | ReportNoticeJob>): Promise<NoticeOutcome> {
    if (job.name === JobName.ReportNotice) return this.notices.sendReport(job.data as ReportNoticeJob);
    return this.batcher.submit(job.data as DeadlineNoticeJob);
  }
}
