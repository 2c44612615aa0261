import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replication map aggregates every rollout of a province's cities and counties (~40k rows nationally per
 * province). With task_id and the dates in the index it is answered from the index alone instead of one heap
 * page per rollout: regions dashboard SQL 115 ms → ~60 ms at national scale (docs/benchmarks.md).
 */
export class RolloutCoveringIndex1764190000000 implements MigrationInterface {
  name = 'RolloutCoveringIndex1764190000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_rollout_region_cover ON rollout (region_id, status) INCLUDE (task_id, adopted_on, implemented_on)`);
    await q.query(`DROP INDEX ix_rollout_region_status`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX ix_rollout_region_status ON rollout (region_id, status)`);
    await q.query(`DROP INDEX ix_rollout_region_cover`);
  }
}
