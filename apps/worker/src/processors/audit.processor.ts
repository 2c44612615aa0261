import { Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import { AuditChainService } from '#libs/audit';
import { JobName } from '#libs/queue';

/** Audit housekeeping: chain what committed since the last seal; daily, chain stragglers and purge past retention. */
@Injectable()
export class AuditProcessor {
  constructor(
    private readonly chain: AuditChainService,
    private readonly retentionDays: number,
  ) {}

  async process(job: Job): Promise<{ sealed: number; purged?: number }> {
    if (job.name !== JobName.AuditDaily) return { sealed: await this.chain.seal() };
    const sealed = await this.chain.seal(true);
    return { sealed, purged: await this.chain.purge(this.retentionDays) };
  }
}
