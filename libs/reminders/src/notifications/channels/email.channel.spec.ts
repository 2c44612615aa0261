import { describe, expect, it } from '@jest/globals';
import { deliveryMessageId } from './email.channel.js';

describe(deliveryMessageId.name, () => {
  it('gives every attempt of one delivery the same Message-ID, on the product’s host', () => {
    const id = '6f1c2a4e-0000-4000-8000-000000000001';
    expect(deliveryMessageId(id, 'https://ftz.example.gov.cn/app')).toBe(`<delivery.${id}@ftz.example.gov.cn>`);
    expect(deliveryMessageId(id, 'https://ftz.example.gov.cn')).toBe(deliveryMessageId(id, 'https://ftz.example.gov.cn'));
  });

  it('falls back to localhost when the public URL has no host', () => {
    expect(deliveryMessageId('x', 'not a url')).toBe('<delivery.x@localhost>');
  });
});
