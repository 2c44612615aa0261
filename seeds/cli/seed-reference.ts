// `npm run seed`: regions, departments, the national batches and Shandong's task tables from seeds/data (idempotent).
import 'reflect-metadata';
import { loadReferenceData } from '../loader/reference-loader.js';
import { runSeed } from './run-seed.js';

await runSeed('seed', (app) => loadReferenceData(app));
