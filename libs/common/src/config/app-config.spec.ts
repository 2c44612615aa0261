import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DEV_JWT_SECRET, validateEnv } from './app-config.js';

describe('validateEnv', () => {
  it('fills sensible defaults for a fresh machine', () => {
    const config = validateEnv({});
    expect(config.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/ftz_tracker');
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config.PORT).toBe(3000);
    expect(config.skipMigrations).toBe(false);
  });

  it('stops the start with a message naming each bad variable', () => {
    const bad = () => validateEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    expect(bad).toThrow(/PORT must be an integer/);
    expect(bad).toThrow(/DATABASE_URL must be a postgres/);
    expect(() => validateEnv({ SKIP_MIGRATIONS: 'yes' })).toThrow(/SKIP_MIGRATIONS/);
    expect(() => validateEnv({ DELIVERY_CONCURRENCY: 'many' })).toThrow(/DELIVERY_CONCURRENCY must be an integer/);
    expect(() => validateEnv({ IMPORT_MAX_ROWS: 'lots' })).toThrow(/IMPORT_MAX_ROWS must be an integer/);
    expect(() => validateEnv({ IMPORT_MAX_COMPRESSION_RATIO: '1' })).toThrow(/IMPORT_MAX_COMPRESSION_RATIO must be at least 2/);
    expect(() => validateEnv({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS must be at least 0/);
  });

  it('refuses in production the development secrets, any secret written in the repository, and short ones', () => {
    const bad = () => validateEnv({ NODE_ENV: 'production' });
    expect(bad).toThrow(/JWT_SECRET must be set in production/);
    expect(bad).toThrow(/WEBHOOK_SECRET must be set in production/);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'local-docker-only-jwt-secret-change-me-0123456789' })).toThrow(/JWT_SECRET must be set in production/);
    const short = randomBytes(31).toString('hex').slice(0, 31);
    expect(() => validateEnv({ NODE_ENV: 'production', JWT_SECRET: short, WEBHOOK_SECRET: randomBytes(32).toString('hex') })).toThrow(/JWT_SECRET must be at least 32 characters/);
    const config = validateEnv({ NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex'), WEBHOOK_SECRET: randomBytes(32).toString('hex') });
    expect(config.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
  });
});
