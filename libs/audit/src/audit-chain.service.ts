import { Injectable, Logger } from '@nestjs/common';
import { AuditRepository } from './audit.repository.js';
import { checkLinks, GENESIS_HASH, linkHash, type BrokenLink, type SealedLink } from './audit-chain.js';

/** Rows chained per transaction, and links checked per read while verifying. */
const BATCH = 2_000;
/**
 * A row carries its transaction's start time but becomes visible at commit, so it can appear behind rows already
 * sealed. The regular seal looks back this far behind the head; the daily full seal catches anything later still.
 */
const LOOK_BACK_MS = 10 * 60_000;
/** 网络安全法 Art. 21: network logs are kept at least six months. The database's triggers hold the same floor. */
export const MIN_RETENTION_DAYS = 180;

export interface ChainReport {
  ok: boolean;
  /** Links checked, first and last seq. */
  checked: number;
  firstSeq: number | null;
  headSeq: number | null;
  headHash: string | null;
  broken: BrokenLink | null;
  /** Rows not chained yet (committed after the last seal), and the oldest of them. */
  unsealed: number;
  oldestUnsealed: Date | null;
}

/**
 * The audit table's tamper evidence: committed rows are chained in order by SM3 hashes (a seal per row) shortly after
 * commit, by the worker's audit-seal job, rather than at insert: a chain computed at insert would make every audited
 * transaction in the system wait for the one before it to commit. See README 安全.
 */
@Injectable()
export class AuditChainService {
  private readonly logger = new Logger(AuditChainService.name);

  constructor(private readonly repo: AuditRepository) {}

  /** Chains every committed row not chained yet; `full` looks at all rows, not only those near the head. Answers how many. */
  async seal(full = false): Promise<number> {
    let sealed = 0;
    for (;;) {
      const n = await this.repo.transaction(async (manager) => {
        await this.repo.lockChain(manager);
        const head = await this.repo.head(manager);
        const since = full || !head ? null : new Date(head.eventAt.getTime() - LOOK_BACK_MS);
        const rows = await this.repo.unsealed(manager, since, BATCH);
        let seq = head?.seq ?? 0;
        let prevHash = head?.hash ?? GENESIS_HASH;
        const links: Omit<SealedLink, 'canonical'>[] = rows.map((r) => {
          const hash = linkHash(prevHash, r.canonical);
          const link = { seq: ++seq, eventId: r.id, eventAt: r.at, prevHash, hash };
          prevHash = hash;
          return link;
        });
        if (links.length) await this.repo.appendSeals(manager, links);
        return links.length;
      });
      sealed += n;
      if (n < BATCH) return sealed;
    }
  }

  /** Walks the whole chain from its first link and reports the first broken one. Read only. */
  async verify(): Promise<ChainReport> {
    const firstSeq = await this.repo.firstSeq();
    const unsealed = await this.repo.unsealedSummary();
    const report: ChainReport = { ok: true, checked: 0, firstSeq, headSeq: null, headHash: null, broken: null, unsealed: unsealed.count, oldestUnsealed: unsealed.oldest };
    if (firstSeq === null) return report;
    // The first link continues the genesis, or the last link a retention purge removed (and recorded as audited).
    const prevHash = firstSeq === 1 ? GENESIS_HASH : ((await this.repo.purgedLinkHash(firstSeq - 1)) ?? 'no purge removed the links before');
    let expected = { seq: firstSeq, prevHash };
    for (;;) {
      const links = await this.repo.links(expected.seq - 1, BATCH);
      if (links.length === 0) break;
      const result = checkLinks(links, expected);
      if ('broken' in result) {
        report.checked += result.broken.seq - expected.seq;
        return { ...report, ok: false, broken: result.broken };
      }
      report.checked += links.length;
      expected = result.next;
      report.headSeq = expected.seq - 1;
      report.headHash = expected.prevHash;
    }
    return report;
  }

  /**
   * Deletes the chained rows older than `retentionDays` (at least 180) from the start of the chain, and audits the
   * purge with the last removed link's hash, from which verification picks the chain up again.
   */
  async purge(retentionDays: number, now = new Date()): Promise<number> {
    if (retentionDays < MIN_RETENTION_DAYS) throw new Error(`audit retention must be at least ${MIN_RETENTION_DAYS} days`);
    await this.seal(true);
    const cutoff = new Date(now.getTime() - retentionDays * 86_400_000);
    const purged = await this.repo.transaction(async (manager) => {
      await this.repo.lockChain(manager);
      const done = await this.repo.purgeSealedBefore(manager, cutoff);
      if (done) await this.repo.recordPurge(manager, done.eventId, { throughSeq: done.throughSeq, hash: done.hash, rows: done.rows, retentionDays, before: cutoff.toISOString() });
      return done?.rows ?? 0;
    });
    if (purged) this.logger.log(`audit retention: ${purged} rows older than ${retentionDays} days removed`);
    return purged;
  }
}
