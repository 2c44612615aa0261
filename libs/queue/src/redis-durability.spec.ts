import { describe, expect, it } from '@jest/globals';
import { parseRedisInfo, redisDurabilityWarnings } from './redis-durability.js';

const info = (aof: string, policy: string) => parseRedisInfo(`# Server\r\nredis_version:7.0.15\r\nrun_id:abc\r\n\r\n# Memory\r\nmaxmemory_policy:${policy}\r\n\r\n# Persistence\r\naof_enabled:${aof}\r\n`);

describe(redisDurabilityWarnings.name, () => {
  it('accepts an append-only Redis that never evicts', () => {
    expect(redisDurabilityWarnings(info('1', 'noeviction'))).toEqual([]);
  });

  it('warns about a Redis without an append-only file', () => {
    expect(redisDurabilityWarnings(info('0', 'noeviction'))).toEqual([expect.stringContaining('appendonly yes')]);
  });

  it('warns about an evicting maxmemory-policy, naming it', () => {
    expect(redisDurabilityWarnings(info('1', 'allkeys-lru'))).toEqual([expect.stringContaining('maxmemory-policy allkeys-lru')]);
  });

  it('says nothing about what INFO does not report', () => {
    expect(redisDurabilityWarnings(new Map())).toEqual([]);
  });
});

describe(parseRedisInfo.name, () => {
  it('reads fields across sections, skipping headers', () => {
    const fields = info('1', 'noeviction');
    expect(fields.get('run_id')).toBe('abc');
    expect(fields.has('# Server')).toBe(false);
  });
});
