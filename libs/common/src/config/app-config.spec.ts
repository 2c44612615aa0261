import { describe, expect, it } from '@jest/globals';
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

  it('refuses the development secrets in production', () => {
    const bad = () => validateEnv({ NODE_ENV: 'production' });
    expect(bad).toThrow(/JWT_SECRET must be set in production/);
    expect(bad).toThrow(/WEBHOOK_SECRET must be set in production/);
    const config = validateEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-32-characters!!', WEBHOOK_SECRET: 'another-real-secret-of-32-chars!' });
    expect(config.JWT_SECRET).not.toBe(DEV_JWT_SECRET);
  });
});
