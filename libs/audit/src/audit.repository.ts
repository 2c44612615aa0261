import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SealedLink } from './audit-chain.js';
import type { AuditEventView } from './audit.service.js';

/** An audit row with its link in the chain (null until the sealer has chained it). */
export interface AuditLogEntry extends AuditEventView {
  sealSeq: number | null;
}

/** Sealers of every process wait for each other: the chain has one head. */
const SEAL_LOCK_KEY = 74_251_017;

/**
 * A row as the chain hashes it. jsonb prints canonically (sorted keys, fixed spacing), so the same row always gives
 * the same text, whichever process or driver reads it; the time in UTC with microseconds, as stored.
 */
const CANONICAL = `jsonb_build_array(e.id, e.actor_id, e.actor_username, e.entity_type, e.entity_id, e.action, e.before, e.after,
  to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text`;

export interface AuditSearch {
  from?: Date;
  to?: Date;
  actor?: string;
  /** Exact action, or every action starting with it when it ends in "." (e.g. "auth."). */
  action?: string;
  entityType?: string;
  entityId?: string;
  offset: number;
  limit: number;
}

export interface UnsealedRow {
  id: string;
  at: Date;
  canonical: string;
}

/** All SQL of the audit tables: the append-only rows, their seals (hash chain) and the audit administrator's search. */
@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  async lockChain(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEAL_LOCK_KEY]);
  }

  async head(manager: EntityManager): Promise<{ seq: number; hash: string; eventAt: Date } | null> {
    const [row] = await manager.query<{ seq: string; hash: string; event_at: Date }[]>(`SELECT seq, encode(hash, 'hex') AS hash, event_at FROM audit_seal ORDER BY seq DESC LIMIT 1`);
    return row ? { seq: Number(row.seq), hash: row.hash, eventAt: row.event_at } : null;
  }

  /** Committed rows without a seal, oldest first, from `since` on (null: all; a full scan). */
  unsealed(manager: EntityManager, since: Date | null, limit: number): Promise<UnsealedRow[]> {
    return manager.query(
      `SELECT e.id, e.at, ${CANONICAL} AS canonical FROM audit_event e
       WHERE ($1::timestamptz IS NULL OR e.at >= $1) AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)
       ORDER BY e.at, e.id LIMIT $2`,
      [since, limit],
    );
  }

  async appendSeals(manager: EntityManager, links: Omit<SealedLink, 'canonical'>[]): Promise<void> {
    await manager.query(
      `INSERT INTO audit_seal (seq, event_id, event_at, prev_hash, hash)
       SELECT seq, event_id, event_at, decode(prev_hash, 'hex'), decode(hash, 'hex')
       FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::text[]) AS l(seq, event_id, event_at, prev_hash, hash)`,
      [links.map((l) => l.seq), links.map((l) => l.eventId), links.map((l) => l.eventAt), links.map((l) => l.prevHash), links.map((l) => l.hash)],
    );
  }

  /** Seals after `afterSeq` in order, with each row's canonical text as it is now (null when the row is gone). */
  async links(afterSeq: number, limit: number): Promise<SealedLink[]> {
    const rows = await this.db.query<{ seq: string; event_id: string; event_at: Date; prev_hash: string; hash: string; canonical: string | null }[]>(
      `SELECT s.seq, s.event_id, s.event_at, encode(s.prev_hash, 'hex') AS prev_hash, encode(s.hash, 'hex') AS hash, ${CANONICAL} AS canonical
       FROM audit_seal s LEFT JOIN audit_event e ON e.id = s.event_id
       WHERE s.seq > $1 ORDER BY s.seq LIMIT $2`,
      [afterSeq, limit],
    );
    return rows.map((r) => ({ seq: Number(r.seq), eventId: r.event_id, eventAt: r.event_at, prevHash: r.prev_hash, hash: r.hash, canonical: r.canonical }));
  }

  async firstSeq(): Promise<number | null> {
    const [row] = await this.db.query<{ seq: string | null }[]>(`SELECT min(seq) AS seq FROM audit_seal`);
    return row.seq === null ? null : Number(row.seq);
  }

  /** The hash a purge recorded for the last link it removed, when that link was `seq`. */
  async purgedLinkHash(seq: number): Promise<string | null> {
    const [row] = await this.db.query<{ hash: string }[]>(
      `SELECT after->>'hash' AS hash FROM audit_event WHERE action = 'audit.purge' AND (after->>'throughSeq')::bigint = $1 ORDER BY at DESC LIMIT 1`,
      [seq],
    );
    return row?.hash ?? null;
  }

  async unsealedSummary(): Promise<{ count: number; oldest: Date | null }> {
    const [row] = await this.db.query<{ count: string; oldest: Date | null }[]>(
      `SELECT count(*) AS count, min(e.at) AS oldest FROM audit_event e WHERE NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.event_id = e.id)`,
    );
    return { count: Number(row.count), oldest: row.oldest };
  }

  /**
   * The retention purge: the only deletion the tables' triggers let through (flag set in this transaction, rows older
   * than 180 days). Removes the oldest sealed links whose rows are older than `cutoff`, up to the first younger one, so
   * the chain stays whole from its new first link; answers the last removed link.
   */
  async purgeSealedBefore(manager: EntityManager, cutoff: Date): Promise<{ throughSeq: number; hash: string; eventId: string; rows: number } | null> {
    const [last] = await manager.query<{ seq: string; hash: string; event_id: string }[]>(
      `SELECT s.seq, encode(s.hash, 'hex') AS hash, s.event_id FROM audit_seal s
       WHERE s.event_at < $1 AND s.seq < coalesce((SELECT min(y.seq) FROM audit_seal y WHERE y.event_at >= $1), 'Infinity'::numeric)
       ORDER BY s.seq DESC LIMIT 1`,
      [cutoff],
    );
    if (!last) return null;
    await manager.query(`SELECT set_config('ftz.audit_purge', 'on', true)`);
    const [, rows] = await manager.query(`DELETE FROM audit_event e USING audit_seal s WHERE s.event_id = e.id AND s.seq <= $1`, [last.seq]);
    await manager.query(`DELETE FROM audit_seal WHERE seq <= $1`, [last.seq]);
    await manager.query(`SELECT set_config('ftz.audit_purge', 'off', true)`);
    return { throughSeq: Number(last.seq), hash: last.hash, eventId: last.event_id, rows: Number(rows) };
  }

  /** The purge's own audit row; `after.hash` anchors the chain's new first link (purgedLinkHash). */
  async recordPurge(manager: EntityManager, lastEventId: string, after: { throughSeq: number; hash: string } & Record<string, unknown>): Promise<void> {
    await manager.query(`INSERT INTO audit_event (entity_type, entity_id, action, after) VALUES ('audit', $1, 'audit.purge', $2::jsonb)`, [lastEventId, JSON.stringify(after)]);
  }

  async search(q: AuditSearch): Promise<{ items: AuditLogEntry[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.from) add((p) => `e.at >= ${p}`, q.from);
    if (q.to) add((p) => `e.at < ${p}`, q.to);
    if (q.actor) add((p) => `e.actor_username = ${p}`, q.actor);
    if (q.action?.endsWith('.')) add((p) => `e.action LIKE ${p}`, `${q.action.replace(/[\\%_]/g, '\\$&')}%`);
    else if (q.action) add((p) => `e.action = ${p}`, q.action);
    if (q.entityType) add((p) => `e.entity_type = ${p}`, q.entityType);
    if (q.entityId) add((p) => `e.entity_id = ${p}`, q.entityId);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.db.query<{ total: string }[]>(`SELECT count(*) AS total FROM audit_event e ${filter}`, params);
    const rows = await this.db.query<(AuditEventView & { sealSeq: string | null })[]>(
      `SELECT e.id, e.actor_id AS "actorId", e.actor_username AS "actorUsername", e.entity_type AS "entityType", e.entity_id AS "entityId",
              e.action, e.before, e.after, e.at, s.seq AS "sealSeq"
       FROM audit_event e LEFT JOIN audit_seal s ON s.event_id = e.id ${filter}
       ORDER BY e.at DESC, e.id DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, q.offset, q.limit],
    );
    return { items: rows.map((r) => ({ ...r, sealSeq: r.sealSeq === null ? null : Number(r.sealSeq) })), total: Number(total) };
  }
}
