import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuthUser } from '#libs/common';
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

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEvent) private readonly events: Repository<AuditEvent>) {}

  /** Records within the caller's transaction: the audit rows commit or roll back with the change. */
  async record(manager: EntityManager, ...entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
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
       INSERT INTO audit_event (actor_id, actor_username, entity_type, entity_id, action, before, after)
       SELECT $${n + 1}::uuid, $${n + 2}, $${n + 3}, changed.id, $${n + 4}, $${n + 5}::jsonb, $${n + 6}::jsonb FROM changed
       RETURNING entity_id`,
      [...change.params, entry.actor?.id ?? null, entry.actor?.username ?? null, entry.entityType, entry.action, JSON.stringify(snapshot(entry.before)), JSON.stringify(snapshot(entry.after))],
    );
    return rows.map((r) => r.entity_id);
  }

  history(entityType: string, entityId: string): Promise<AuditEventView[]> {
    return this.events.find({ where: { entityType, entityId }, order: { at: 'ASC' } });
  }

  historyOf(entityIds: { entityType: string; entityId: string }[]): Promise<AuditEventView[]> {
    if (entityIds.length === 0) return Promise.resolve([]);
    return this.events.find({ where: entityIds, order: { at: 'ASC' } });
  }
}
