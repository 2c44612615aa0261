import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { appConfig } from '#libs/common';
import { runMigrations } from '#libs/database';
import { AppModule } from './app.module.js';
import { configureApp } from './configure-app.js';
import { DrainingExpressAdapter } from './draining-express-adapter.js';

const config = appConfig();
const logger = new Logger('Api');
if (!config.skipMigrations) await runMigrations(config.DATABASE_URL);
const app = configureApp(await NestFactory.create(AppModule, new DrainingExpressAdapter(config.SHUTDOWN_GRACE_MS), { bufferLogs: false }));
await app.listen(config.PORT);
logger.log(`api listening on http://localhost:${config.PORT} (docs: /docs, health: /health)`);
