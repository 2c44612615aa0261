import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Co-leads ("X、Y牵头", "X会同Y负责"): the first lead stays task.lead_department_id; every other lead is a row of
 * task_participant with role co_lead, which access, rankings, the task list and the reminders treat as a lead.
 */
export class TaskCoLeads1764300240000 implements MigrationInterface {
  name = 'TaskCoLeads1764300240000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE task_participant ADD COLUMN role varchar(16) NOT NULL DEFAULT 'participant' CHECK (role IN ('participant', 'co_lead'));
      CREATE INDEX ix_task_participant_co_lead ON task_participant (department_id, task_id) WHERE role = 'co_lead';
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_task_participant_co_lead; ALTER TABLE task_participant DROP COLUMN role`);
  }
}
