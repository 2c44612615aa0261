// `npm run seed:demo`: the demo province in mid-work relative to today (FTZ_FIXED_NOW, or now), demo users
// (password DEMO_PASSWORD), placeholder contacts — idempotent. Needs PostgreSQL and Redis.
import 'reflect-metadata';
import { DemoSeedModule } from '../loader/demo-seed.module.js';
import { loadDemoData } from '../loader/demo-loader.js';
import { runSeed } from './run-seed.js';

// The seed replays history by moving a FixedClock: pin one at this moment unless the caller pinned a demo date.
process.env.FTZ_FIXED_NOW ||= new Date().toISOString();
await runSeed('seed:demo', (app) => loadDemoData(app), DemoSeedModule);
