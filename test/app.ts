import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureApp } from '../apps/api/src/configure-app.js';
import { Clock, FixedClock } from '#libs/common';
import { runMigrations } from '#libs/database';
import { loadGeography } from '../seeds/loader/reference-loader.js';

/** Today in every e2e suite unless a test moves the clock: overdue and due-soon depend on it. */
export const TEST_NOW = '2026-11-26T02:00:00Z';
export const TEST_TODAY = '2026-11-26';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  db: DataSource;
  clock: FixedClock;
  close(): Promise<void>;
}

/** The real AppModule against the run's database and Redis; only the clock is pinned. */
export async function createTestApp(): Promise<TestApp> {
  await runMigrations(process.env.DATABASE_URL!);
  const clock = new FixedClock(new Date(TEST_NOW));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).overrideProvider(Clock).useValue(clock).compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  // Scopes are read against the whole country (大连 is in 辽宁), as on a seeded server; the first suite of a run loads it.
  const [{ zones }] = await app.get(DataSource).query('SELECT count(*)::int AS zones FROM zone');
  if (zones === 0) await loadGeography(app);
  return {
    app,
    http: request(app.getHttpServer()),
    db: app.get(DataSource),
    clock,
    close: () => app.close(),
  };
}
