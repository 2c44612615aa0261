import { describe, expect, it } from '@jest/globals';
import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './all-exceptions.filter.js';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe(isDatabaseUnavailable.name, () => {
  it('recognises an unreachable, restarting or full database, also wrapped by TypeORM or in an AggregateError', () => {
    expect(isDatabaseUnavailable(pgError('ECONNREFUSED'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Cannot use a pool after calling end on the pool'))).toBe(true);
    for (const code of ['57P01', '57P03', '53300', '08006']) expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], pgError(code)))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([pgError('ECONNREFUSED')], 'connect failed'))).toBe(true);
  });

  it('leaves query errors alone: they are the request or the code, not an outage', () => {
    for (const code of ['23505', '23503', '22021', '42P01']) expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], pgError(code)))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});
