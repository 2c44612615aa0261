import { describe, expect, it } from '@jest/globals';
import { checkLinks, GENESIS_HASH, linkHash, type SealedLink } from './audit-chain.js';

function chain(texts: string[]): SealedLink[] {
  let prev = GENESIS_HASH;
  return texts.map((canonical, i) => {
    const hash = linkHash(prev, canonical);
    const link = { seq: i + 1, eventId: `e${i + 1}`, eventAt: new Date(0), prevHash: prev, hash, canonical };
    prev = hash;
    return link;
  });
}

describe('audit chain', () => {
  it('hashes with SM3 (GB/T 32905 test vector "abc")', () => {
    expect(linkHash('', 'abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('accepts an intact chain and says where the next page continues', () => {
    const links = chain(['a', 'b', 'c']);
    expect(checkLinks(links, { seq: 1, prevHash: GENESIS_HASH })).toEqual({ next: { seq: 4, prevHash: links[2].hash } });
  });

  it('reports the edited row', () => {
    const links = chain(['a', 'b', 'c']);
    links[1].canonical = 'B';
    expect(checkLinks(links, { seq: 1, prevHash: GENESIS_HASH })).toMatchObject({ broken: { seq: 2, eventId: 'e2' } });
  });

  it('reports a removed link at the row after the gap', () => {
    const links = chain(['a', 'b', 'c']);
    expect(checkLinks([links[0], links[2]], { seq: 1, prevHash: GENESIS_HASH })).toMatchObject({ broken: { seq: 3, reason: expect.stringContaining('第 2 号') } });
  });

  it('reports a row deleted under its seal', () => {
    const links = chain(['a', 'b']);
    links[0].canonical = null;
    expect(checkLinks(links, { seq: 1, prevHash: GENESIS_HASH })).toMatchObject({ broken: { seq: 1, reason: expect.stringContaining('不存在') } });
  });

  it('refuses a chain that does not start where the purge left it', () => {
    const links = chain(['a', 'b']);
    expect(checkLinks(links.slice(1), { seq: 2, prevHash: GENESIS_HASH })).toMatchObject({ broken: { seq: 2 } });
  });
});
