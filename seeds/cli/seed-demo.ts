// `npm run seed:demo`: demo users (password DEMO_PASSWORD), placeholder contacts and demo progress for Shandong (idempotent).
import 'reflect-metadata';
import { loadDemoData } from '../loader/demo-loader.js';
import { runSeed } from './run-seed.js';

await runSeed('seed:demo', (app) => loadDemoData(app));
