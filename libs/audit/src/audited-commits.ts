import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';

const AUDITED = 'auditedWrite';

/**
 * Counts the commits of audited writes in this process. Every write is audited in its own transaction, so a value
 * derived from the data (a dashboard's figures) is still current while the count it was computed under stands.
 * A write in a transaction counts when the transaction commits — not before, or a reader could cache what the
 * transaction had not yet made visible; a single-statement write counts when it returns.
 */
@Injectable()
export class AuditedCommits implements EntitySubscriberInterface {
  private count = 0;
  private readonly listeners: (() => void)[] = [];

  constructor(@InjectDataSource() dataSource: DataSource) {
    dataSource.subscribers.push(this);
  }

  get generation(): number {
    return this.count;
  }

  /** Called after each audited commit of this process (e.g. to tell other processes). */
  onCommit(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Another process committed an audited write: what was derived here before it is stale too. */
  committedElsewhere(): void {
    this.count += 1;
  }

  private committed(): void {
    this.count += 1;
    for (const listener of this.listeners) listener();
  }

  /** Called by AuditService after it wrote audit rows through `manager`. */
  wrote(manager: EntityManager): void {
    const runner = manager.queryRunner;
    if (runner?.isTransactionActive) runner.data[AUDITED] = true;
    else this.committed();
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (!event.queryRunner.data[AUDITED]) return;
    delete event.queryRunner.data[AUDITED];
    this.committed();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    delete event.queryRunner.data[AUDITED];
  }
}
