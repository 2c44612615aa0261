/**
 * Runs in each test worker before its suites (jest `setupFiles`): worker N uses the run's database and Redis prefix with
 * `_wN` appended (worker 1 keeps the run's own), created by test/global-setup.ts. Jest keeps a worker's id when it
 * restarts the worker for memory, so a suite always finds its worker's database.
 */
const worker = Number(process.env.JEST_WORKER_ID ?? '1');
if (worker > 1 && process.env.DATABASE_URL && !process.env.FTZ_TEST_WORKER) {
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `${url.pathname}_w${worker}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}_w${worker}`;
  process.env.EVIDENCE_DIR = `${process.env.EVIDENCE_DIR}-w${worker}`;
  // A worker evaluates setupFiles once per suite: rewrite the run's values once only.
  process.env.FTZ_TEST_WORKER = String(worker);
}
