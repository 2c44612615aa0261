import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';

// No HTTP: the worker only consumes queues. Shutdown hooks let BullMQ workers finish or hand back active jobs.
const app = await NestFactory.createApplicationContext(WorkerModule);
app.enableShutdownHooks();
