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

  history(entityType: string, entityId: string): Promise<AuditEventView[]> {
    return this.events.find({ where: { entityType, entityId }, order: { at: 'ASC' } });
  }

  historyOf(entityIds: { entityType: string; entityId: string }[]): Promise<AuditEventView[]> {
    if (entityIds.length === 0) return Promise.resolve([]);
    return this.events.find({ where: entityIds, order: { at: 'ASC' } });
  }
}
