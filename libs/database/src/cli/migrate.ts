import { appConfig } from '#libs/common';
import { runMigrations } from '../migrate.js';

const applied = await runMigrations(appConfig().DATABASE_URL);
console.log(applied.length ? `migrations applied: ${applied.join(', ')}` : 'database schema is up to date');
