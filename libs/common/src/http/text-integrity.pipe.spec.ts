import { describe, expect, it } from '@jest/globals';
import type { BadRequestException } from '@nestjs/common';
import { TextIntegrityPipe } from './text-integrity.pipe.js';

const pipe = new TextIntegrityPipe();

function refusedField(value: unknown, metadata: Parameters<TextIntegrityPipe['transform']>[1]): string | null {
  try {
    pipe.transform(value, metadata);
    return null;
  } catch (e) {
    return ((e as BadRequestException).getResponse() as { errors: { field: string }[] }).errors[0]!.field;
  }
}

describe(TextIntegrityPipe.name, () => {
  it('passes valid text through untouched, emoji (surrogate pairs) and Chinese included', () => {
    const body = { title: '关于推广“单一窗口”的通知 😀', rows: [{ 改革事项: '甲' }], file: { fieldname: 'file', originalname: '分工表.xlsx', buffer: Buffer.from([0]) } };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses NUL and lone surrogates naming the field, nested paths and keys included', () => {
    expect(refusedField({ title: 'a\u0000b' }, { type: 'body' })).toBe('title');
    expect(refusedField({ rows: [{ ok: 'x' }, { 改革事项: '\ud800' }] }, { type: 'body' })).toBe('rows.1.改革事项');
    expect(refusedField({ ['k\u0000']: 'v' }, { type: 'body' })).toBe('k\u0000');
    expect(refusedField({ q: 'x\udc00' }, { type: 'query' })).toBe('q');
    expect(refusedField('abc\u0000', { type: 'param', data: 'id' })).toBe('id');
    expect(refusedField({ fieldname: 'file', originalname: 'a\u0000.xlsx', buffer: Buffer.alloc(1) }, { type: 'custom' })).toBe('file');
  });
});
