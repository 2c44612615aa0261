import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { ReminderSweepService, type ReminderSweepJob, type SweepResultDto } from '#libs/reminders';

/** The scheduled sweep: plans today's notices and enqueues them. The job result keeps the counts, not the list. */
@Injectable()
export class ReminderSweepProcessor {
  constructor(private readonly sweeps: ReminderSweepService) {}

  async process(job: Job<ReminderSweepJob>): Promise<Omit<SweepResultDto, 'notices'>> {
    const { notices: _notices, ...counts } = await this.sweeps.sweep(job.data.provinceId ?? null);
    return counts;
  }
}
