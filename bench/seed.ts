import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashSync } from '@node-rs/argon2';
import pg from 'pg';
import { runMigrations } from '#libs/database';
import { BENCH_PASSWORD, benchDatabaseUrl, flag, scaleFlag } from './lib/args.js';
import { readSeedData } from '../seeds/loader/seed-data.js';

/**
 * Fills a separate database with a national-size, realistic data set for the benchmarks.
 * Rows are generated inside PostgreSQL (INSERT … SELECT over generate_series) with setseed(), so a run is
 * reproducible for a seed number and fast: nothing crosses the wire row by row.
 */
const scale = scaleFlag();
const seed = Number(flag('seed', '20261126'));
const url = benchDatabaseUrl(scale);
const repoRoot = [dirname(fileURLToPath(import.meta.url))].map((d) => (d.includes('/dist/') ? join(d, '../..') : join(d, '..')))[0];

const sizes = scale === 'national'
  ? { provinces: 31, itemsPerBatch: 20, batches: 20, citiesPerProvince: 11, countiesPerCity: 8, departmentsPerProvince: 40 }
  : { provinces: 1, itemsPerBatch: 20, batches: 20, citiesPerProvince: 16, countiesPerCity: 8, departmentsPerProvince: 40 };

interface SeedItem { name: string; domain?: string | null }
function realItemNames(): SeedItem[] {
  const dir = join(repoRoot, 'seeds/data/documents');
  return readdirSync(dir).flatMap((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { batches: { items: SeedItem[] }[] }).batches.flatMap((b) => b.items));
}

async function timed(client: pg.Client, label: string, sql: string, params: unknown[] = []): Promise<void> {
  const started = performance.now();
  const res = await client.query(sql, params);
  const seconds = (performance.now() - started) / 1000;
  const rows = res.rowCount ?? 0;
  console.log(`${label.padEnd(22)} ${String(rows).padStart(9)} rows  ${seconds.toFixed(1).padStart(6)} s  ${Math.round(rows / Math.max(seconds, 0.001)).toLocaleString('en').padStart(10)} rows/s`);
}

await runMigrations(url);
const client = new pg.Client({ connectionString: url });
await client.connect();
console.log(`bench:seed --scale ${scale} --seed ${seed} → ${url}`);
// The bench database is thrown away and rebuilt: bypass the audit tables' append-only triggers (superuser only).
await client.query(`SET session_replication_role = replica`);
await client.query(`TRUNCATE audit_seal, region, department, policy_document, batch, reform_item, task, task_participant, milestone, app_user, audit_event, progress_report, progress_contribution, rollout, evidence_file CASCADE`);
await client.query(`SET session_replication_role = DEFAULT`);
await client.query('SELECT setseed($1)', [(seed % 2_000_000) / 2_000_000]);

const provinces = readSeedData()
  .regions.filter((r) => r.level === 'province')
  .sort((a, b) => (a.code === '370000' ? -1 : b.code === '370000' ? 1 : a.code.localeCompare(b.code)))
  .slice(0, sizes.provinces);
await timed(client, 'provinces', `INSERT INTO region (code, name, level, coastal, has_ftz, has_special_customs_zone)
  SELECT code, name, 'province', coastal, "hasFtz", true FROM json_to_recordset($1::json) AS p(code text, name text, coastal boolean, "hasFtz" boolean)`, [JSON.stringify(provinces)]);
await timed(client, 'cities', `INSERT INTO region (code, name, level, parent_id, coastal, has_ftz, has_special_customs_zone)
  SELECT left(p.code, 2) || lpad(c::text, 2, '0') || '00', p.name || '第' || c || '市', 'city', p.id, p.coastal AND random() < 0.5, p.has_ftz AND c <= 3, random() < 0.6
  FROM region p CROSS JOIN generate_series(1, $1::int) c WHERE p.level = 'province'`, [sizes.citiesPerProvince]);
await timed(client, 'counties', `INSERT INTO region (code, name, level, parent_id, coastal, has_ftz, has_special_customs_zone)
  SELECT left(c.code, 4) || lpad(k::text, 2, '0'), c.name || '第' || k || '县', 'county', c.id, c.coastal, false, false
  FROM region c CROSS JOIN generate_series(1, $1::int) k WHERE c.level = 'city'`, [sizes.countiesPerCity]);
await timed(client, 'departments', `INSERT INTO department (name, level, region_id, liaison_name, liaison_email, head_name, head_email)
  SELECT '部门' || d, 'provincial', p.id, '联络员' || d, 'liaison' || d || '@example.gov.cn', '负责人' || d, 'head' || d || '@example.gov.cn'
  FROM region p CROSS JOIN generate_series(1, $1::int) d WHERE p.level = 'province'`, [sizes.departmentsPerProvince]);

// Batches spread over ten years; item names reused from the real batches so text searches behave realistically.
const names = realItemNames();
await timed(client, 'documents', `INSERT INTO policy_document (doc_number, title, issuer, issued_on)
  SELECT '国函〔' || (2015 + b / 2) || '〕' || b || '号', '第' || b || '批改革试点经验复制推广通知', '国务院', make_date(2015 + (b - 1) / 2, 1 + ((b - 1) % 2) * 6, 15)
  FROM generate_series(1, $1::int) b`, [sizes.batches]);
await timed(client, 'batches', `INSERT INTO batch (document_id, name, kind, published_on)
  SELECT id, replace(title, '复制推广通知', ''), 'pilot-experience', issued_on FROM policy_document`);
const domains = ['投资管理', '贸易便利化', '金融开放创新', '事中事后监管', '服务业开放', '人力资源'];
await timed(client, 'reform items', `INSERT INTO reform_item (batch_id, seq, name, domain, scope, scope_text, deadline_kind, deadline_date, departments_text)
  SELECT b.id, s, ($2::text[])[1 + (s * 7 + row_number() OVER ()) % array_length($2::text[], 1)],
         ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int],
         CASE WHEN random() < 0.8 THEN '{"kind":"national","regions":[],"note":null,"label":"全国"}'::jsonb ELSE '{"kind":"special_customs_zone","regions":[],"note":null,"label":"海关特殊监管区域"}'::jsonb END,
         '全国',
         CASE WHEN random() < 0.15 THEN 'ongoing' ELSE 'date' END,
         b.published_on + (90 + floor(random() * 900))::int,
         '商务部'
  FROM batch b CROSS JOIN generate_series(1, $1::int) s`, [sizes.itemsPerBatch, names.map((n) => n.name), domains]);

// Older batches are mostly closed, newer ones mostly open: status drawn against the batch's age.
await timed(client, 'tasks', `INSERT INTO task (reform_item_id, region_id, lead_department_id, scope, scope_text, deadline_kind, due_date, status, status_reason, closed_at, submitted_at, created_at)
  SELECT i.id, p.id, d.id, i.scope, i.scope_text,
         CASE WHEN i.deadline_kind = 'ongoing' THEN 'ongoing' ELSE 'date' END,
         CASE WHEN i.deadline_kind = 'ongoing' THEN NULL ELSE i.deadline_date END,
         st.status, CASE WHEN st.status IN ('blocked', 'not_applicable') THEN '基准数据' END,
         CASE WHEN st.status = 'closed' THEN LEAST(now(), i.deadline_date + (floor(random() * 120) - 60)::int) END,
         CASE WHEN st.status IN ('submitted', 'closed') THEN LEAST(now(), i.deadline_date - 10) END,
         b.published_on
  FROM reform_item i JOIN batch b ON b.id = i.batch_id CROSS JOIN region p
  CROSS JOIN LATERAL (SELECT id FROM department WHERE region_id = p.id ORDER BY md5(i.id::text || id::text) LIMIT 1) d
  CROSS JOIN LATERAL (SELECT extract(year FROM age(now(), b.published_on)) / 10.0 AS age, random() AS r) a
  CROSS JOIN LATERAL (SELECT CASE WHEN a.r < 0.03 THEN 'not_applicable' WHEN a.r < 0.03 + 0.9 * a.age THEN 'closed' WHEN a.r < 0.08 + 0.9 * a.age THEN 'submitted'
                                   WHEN a.r < 0.12 + 0.9 * a.age THEN 'blocked' WHEN a.r < 0.6 + 0.4 * a.age THEN 'in_progress' ELSE 'not_started' END AS status) st
  WHERE p.level = 'province'`);
await timed(client, 'task participants', `INSERT INTO task_participant (task_id, department_id)
  SELECT t.id, d.id FROM task t CROSS JOIN LATERAL (SELECT id FROM department WHERE region_id = t.region_id AND id <> t.lead_department_id ORDER BY md5(t.id::text || id::text) LIMIT (floor(random() * 4))::int) d`);
await timed(client, 'milestones', `INSERT INTO milestone (task_id, title, due_date, done_at)
  SELECT t.id, '阶段目标' || m, t.due_date - (m * 60), CASE WHEN t.status = 'closed' OR random() < 0.5 THEN t.created_at + make_interval(days => m * 30) END
  FROM task t CROSS JOIN generate_series(1, 2) m WHERE t.due_date IS NOT NULL`);
// One draw per rollout, in the inner select list: a LATERAL draw that refers only to the task's status was memoised
// by the planner (one draw per task status, so every city of a closed task had the same status). Cities follow
// their province's task: most have implemented a closed task, few have started on a task not started.
await timed(client, 'rollouts', `INSERT INTO rollout (task_id, region_id, status, adopted_on, implemented_on)
  SELECT q.task_id, q.region_id, s.status, CASE WHEN s.status IN ('adopted', 'implemented') THEN q.created_at::date + 60 END, CASE WHEN s.status = 'implemented' THEN q.created_at::date + 200 END
  FROM (SELECT t.id AS task_id, r.id AS region_id, t.status AS task_status, t.created_at, random() AS x
        FROM task t JOIN region c ON c.parent_id = t.region_id AND c.level = 'city' JOIN region r ON r.id = c.id OR r.parent_id = c.id) q
  CROSS JOIN LATERAL (SELECT CASE WHEN q.task_status = 'not_applicable' THEN 'not_applicable'
    WHEN q.x < CASE q.task_status WHEN 'closed' THEN 0.05 WHEN 'submitted' THEN 0.1 WHEN 'not_started' THEN 0.7 ELSE 0.3 END THEN 'not_started'
    WHEN q.x < CASE q.task_status WHEN 'closed' THEN 0.2 WHEN 'submitted' THEN 0.4 WHEN 'not_started' THEN 0.95 ELSE 0.65 END THEN 'adopted'
    ELSE 'implemented' END AS status) s`);
// One report per task per quarter from adoption until close-out (or today): the quarterly scheduling history.
await timed(client, 'progress reports', `INSERT INTO progress_report (task_id, period, department_id, progress, problems, percent_complete, status, submitted_at, created_at)
  SELECT t.id, to_char(q, 'YYYY') || 'Q' || to_char(q, 'Q'), t.lead_department_id, '本季度推进情况：按计划推进' || to_char(q, 'YYYY"年第"Q"季度"'), CASE WHEN random() < 0.3 THEN '存在部门协调问题' END,
         GREATEST(0, LEAST(100, (extract(epoch FROM q - t.created_at) / 86400 / 10)::int)), CASE WHEN random() < 0.9 THEN 'accepted' ELSE 'submitted' END, q + interval '85 days', q + interval '80 days'
  FROM task t CROSS JOIN LATERAL generate_series(date_trunc('quarter', t.created_at), date_trunc('quarter', COALESCE(t.closed_at, now())) - interval '3 months', interval '3 months') q
  WHERE t.status <> 'not_applicable'`);
// The history: a city bureau notes its rollout when adopting, about quarterly while implementing (four updates), and
// when done; reports are created, submitted and accepted; tasks adopted, assigned and started. ≈ 5 M rows in all.
await timed(client, 'audit events', `INSERT INTO audit_event (entity_type, entity_id, action, before, after, at)
  SELECT 'rollout', r.id, a.action, NULL::jsonb, jsonb_build_object('status', r.status), LEAST(now(), r.created_at + make_interval(days => a.n * 45))
  FROM rollout r CROSS JOIN LATERAL (VALUES (1, 'adopt'), (2, 'update'), (3, 'update'), (4, 'update'), (5, 'update'), (6, 'implement')) a(n, action)
  WHERE r.status = 'implemented' OR (r.status = 'adopted' AND a.n < 6)
  UNION ALL
  SELECT 'progress_report', p.id, a.action, NULL::jsonb, jsonb_build_object('status', p.status), p.created_at + make_interval(days => a.n * 3)
  FROM progress_report p CROSS JOIN LATERAL (VALUES (1, 'create'), (2, 'submit'), (3, 'accept')) a(n, action)
  UNION ALL
  SELECT 'task', t.id, a.action, NULL::jsonb, jsonb_build_object('status', t.status), t.created_at + make_interval(days => a.n * 30)
  FROM task t CROSS JOIN LATERAL (VALUES (1, 'adopt'), (2, 'update'), (3, 'start')) a(n, action)`);
await timed(client, 'users', `INSERT INTO app_user (username, display_name, password_hash, role, region_id)
  SELECT r.role || '_' || p.code, p.name || r.label, $1, r.role, p.id FROM region p CROSS JOIN (VALUES ('leader', '领导'), ('coordinator', '商务厅')) r(role, label)
  WHERE p.level = 'province'
  UNION ALL SELECT 'bench_admin', '基准测试管理员', $1, 'admin', NULL`, [hashSync(BENCH_PASSWORD)]);
// What autovacuum would have done on a live system: statistics and the visibility map index-only scans rely on.
await client.query('VACUUM ANALYZE');
const [totals] = (await client.query(`SELECT (SELECT count(*) FROM region) regions, (SELECT count(*) FROM reform_item) items, (SELECT count(*) FROM task) tasks,
  (SELECT count(*) FROM rollout) rollouts, (SELECT count(*) FROM progress_report) reports, (SELECT count(*) FROM audit_event) audit`)).rows;
console.log('totals', totals);
await client.end();
