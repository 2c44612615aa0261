import { afterAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EvidenceStorage } from './evidence-storage.js';

const root = mkdtempSync(join(tmpdir(), 'evidence-spec-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe(EvidenceStorage.name, () => {
  const storage = new EvidenceStorage(root);
  const content = Buffer.from('%PDF-1.7 验收材料');
  const sha = createHash('sha256').update(content).digest('hex');

  it('stores the bytes under their sha256 and reads them back', async () => {
    const stored = await storage.put(content);
    expect(stored).toEqual({ sha256: sha, storageKey: `${sha.slice(0, 2)}/${sha.slice(2, 4)}/${sha}` });
    expect(readFileSync(join(root, stored.storageKey))).toEqual(content);
    const chunks: Buffer[] = [];
    for await (const chunk of await storage.open(stored.storageKey)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks)).toEqual(content);
  });

  it('stores the same bytes once, leaving no temporary files', async () => {
    await storage.put(content);
    await storage.put(content);
    expect(readdirSync(join(root, sha.slice(0, 2), sha.slice(2, 4)))).toEqual([sha]);
  });

  it('refuses keys it did not make, so nothing outside the directory can be read', async () => {
    for (const key of ['../../etc/passwd', `${sha.slice(0, 2)}/../${sha}`, '/etc/passwd', `ab/cd/${'g'.repeat(64)}`]) {
      expect(() => storage.pathOf(key)).toThrow(/invalid evidence storage key/);
    }
    await expect(storage.open(EvidenceStorage.keyOf('0'.repeat(64)))).rejects.toThrow(/ENOENT/);
  });
});
