import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { JobName } from '#libs/queue';
import { NoticeService, type DeadlineNoticeJob, type NoticeOutcome, type ReportNoticeJob } from '#libs/reminders';

/** One notice: reload its subject, return early if it is gone, otherwise let the service decide and publish. */
@Injectable()
export class NoticeProcessor {
  constructor(private readonly notices: NoticeService) {}

  async process(job: Job<DeadlineNoticeJob | ReportNoticeJob>): Promise<NoticeOutcome> {
    if (job.name === JobName.ReportNotice) return this.notices.sendReport(job.data as ReportNoticeJob);
    const data = job.data as DeadlineNoticeJob;
    const subject = await this.notices.loadDeadlineSubject(data);
    if (!subject) return { status: 'skipped', reason: `${data.subjectType} deleted` };
    return this.notices.sendDeadline(data, subject);
  }
}
