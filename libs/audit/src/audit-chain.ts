import { createHash } from 'node:crypto';

/** The link before the first: 32 zero bytes, the size of an SM3 digest. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One link of the audit chain: SM3 (GB/T 32905, the national standard hash) over the previous link's hash and the
 * row's canonical text (built by the database, audit.repository.ts), so editing, removing or reordering any sealed row
 * breaks every link after it.
 */
export function linkHash(prevHashHex: string, canonical: string): string {
  return createHash('sm3').update(Buffer.from(prevHashHex, 'hex')).update(canonical, 'utf8').digest('hex');
}

export interface SealedLink {
  seq: number;
  eventId: string;
  eventAt: Date;
  prevHash: string;
  hash: string;
  /** The row's canonical text as it is now; null when the row is gone. */
  canonical: string | null;
}

export interface BrokenLink {
  seq: number;
  eventId: string;
  at: Date;
  reason: string;
}

/**
 * Checks links in seq order, `expectedPrev` being the hash the first one must continue (the genesis, or the last
 * purged link's). Answers the first broken link, or the hash and seq the next page must continue from.
 */
export function checkLinks(links: SealedLink[], expected: { seq: number; prevHash: string }): { broken: BrokenLink } | { next: { seq: number; prevHash: string } } {
  let { seq, prevHash } = expected;
  for (const link of links) {
    const broken = (reason: string) => ({ broken: { seq: link.seq, eventId: link.eventId, at: link.eventAt, reason } });
    if (link.seq !== seq) return broken(`缺少第 ${seq}${link.seq - 1 > seq ? `–${link.seq - 1}` : ''} 号链接（记录被删除）`);
    if (link.prevHash !== prevHash) return broken('前一链接哈希不符（记录被删除或篡改）');
    if (link.canonical === null) return broken('审计记录已不存在（被删除）');
    if (linkHash(link.prevHash, link.canonical) !== link.hash) return broken('记录内容与哈希不符（被篡改）');
    seq = link.seq + 1;
    prevHash = link.hash;
  }
  return { next: { seq, prevHash } };
}
