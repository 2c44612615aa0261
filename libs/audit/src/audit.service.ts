import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { AuditedCommits } from './audited-commits.js';
import { AuditEvent } from './entities/audit-event.entity.js';

export interface AuditEntry {
  actor: Pick<AuthUser, 'id' | 'username'> | null;
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
}

export interface AuditEventView {
  id: string;
  actorId: string | null;
  actorUsername: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: Date;
}

// JSON round-trip turns Dates into strings and drops undefined, so what is stored is what an API shows.
function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  return value == null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}

const AUDIT_INSERT = 'INSERT INTO audit_event (actor_id, actor_username, entity_type, entity_id, action, before, after)';

/**
 * The audit insert for a set-based statement of another module (a CTE of it), so that only this module knows the
 * audit table: `select` yields actor id, actor username, entity type, entity id, action, before, after — in that order.
 * AuditedCommits does not count such writes: the one user, the notices, changes no figure a cache could hold.
 */
export function auditInsertSql(select: string): string {
  return `${AUDIT_INSERT} ${select}`;
}

@Injectable()
export class AuditService {
  constructor(
    @InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>,
    private readonly commits: AuditedCommits,
  ) {}

  /** Records within the caller's transaction: the audit rows commit or roll back with the change. */
  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.insert(manager, entries);
    this.commits.wrote(manager);
  }

  /**
   * Records who came in, who was refused and who left (logins, lockouts, logouts, refused permissions): AuditedCommits
   * is not told, as no figure a cache could hold changes — a login storm must not empty the dashboards' cache.
   */
  async recordAccess(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length > 0) await this.insert(manager, entries);
  }

  private async insert(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    await manager.save(
      entries.map((e) => manager.create(AuditEvent, {
        actorId: e.actor?.id ?? null,
        actorUsername: e.actor?.username ?? null,
        entityType: e.entityType,
        entityId: e.entityId,
        action: e.action,
        before: snapshot(e.before),
        after: snapshot(e.after),
      })),
    );
  }

  /**
   * Runs a data-modifying statement that changes at most one row and ends in `RETURNING id`, together with its
   * audit row, as ONE statement: both happen or neither, with no transaction round trips around them.
   * Returns the ids changed (empty when the statement's WHERE matched nothing, e.g. a concurrent change won).
   */
  async recordChange(manager: EntityManager, change: { sql: string; params: unknown[] }, entry: Omit<AuditEntry, 'entityId'>): Promise<string[]> {
    const n = change.params.length;
    const rows: { entity_id: string }[] = await manager.query(
      `WITH changed AS (${change.sql})
       ${AUDIT_INSERT} SELECT $${n + 1}::uuid, $${n + 2}, $${n + 3}, changed.id, $${n + 4}, $${n + 5}::jsonb, $${n + 6}::jsonb FROM changed
       RETURNING entity_id`,
      [...change.params, entry.actor?.id ?? null, entry.actor?.username ?? null, entry.entityType, entry.action, JSON.stringify(snapshot(entry.before)), JSON.stringify(snapshot(entry.after))],
    );
    if (rows.length > 0) this.commits.wrote(manager);
    return rows.map((r) => r.entity_id);
  }

  /**
   * Like recordChange, for a change whose rows say themselves what is audited — columns `audit_action`,
   * `audit_before` and `audit_after` (jsonb) beside `id` — when only the database knows the row as it was, and
   * answering `select` over the changed rows (CTE `changed`) from the same statement — a prepared statement under
   * `name`, as such a change is a hot path and its text must not vary with the values.
   */
  async recordRowChanges<T>(manager: EntityManager, change: { name: string; sql: string; params: unknown[]; select: string }, actor: AuditEntry['actor'], entityType: string): Promise<T[]> {
    const n = change.params.length;
    const rows = await queryPrepared<T>(
      manager,
      change.name,
      `WITH changed AS (${change.sql}),
       audited AS (${AUDIT_INSERT} SELECT $${n + 1}::uuid, $${n + 2}, $${n + 3}, changed.id, changed.audit_action, changed.audit_before, changed.audit_after FROM changed)
       ${change.select}`,
      [...change.params, actor?.id ?? null, actor?.username ?? null, entityType],
    );
    if (rows.length > 0) this.commits.wrote(manager);
    return rows;
  }

  history(entityType: string, entityId: string): Promise<AuditEventView[]> {
    return this.events.find({ where: { entityType, entityId }, order: { at: 'ASC' } });
  }

  historyOf(entityIds: { entityType: string; entityId: string }[]): Promise<AuditEventView[]> {
    if (entityIds.length === 0) return Promise.resolve([]);
    return this.events.find({ where: entityIds, order: { at: 'ASC' } });
  }
}
