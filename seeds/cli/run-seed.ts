import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext, Type } from '@nestjs/common';
import { appConfig } from '#libs/common';
import { runMigrations } from '#libs/database';
import { SeedModule } from '../loader/seed.module.js';
import type { Tally } from '../loader/tally.js';

/**
 * What both seed commands do around their loader: validate the environment, migrate (unless SKIP_MIGRATIONS=true),
 * boot the services without HTTP, run, print the counts, and exit non-zero with the reason on failure.
 */
export async function runSeed(name: string, load: (app: INestApplicationContext) => Promise<Tally>, module: Type = SeedModule): Promise<void> {
  try {
    const config = appConfig();
    if (!config.skipMigrations) await runMigrations(config.DATABASE_URL);
    const app = await NestFactory.createApplicationContext(module, { logger: ['error', 'warn'] });
    try {
      const tally = await load(app);
      console.log(`${name}: ${tally.changed === 0 ? 'nothing to change' : `${tally.changed} rows written`}`);
      for (const line of tally.lines()) console.log(`  ${line}`);
    } finally {
      await app.close();
    }
  } catch (error) {
    console.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
