import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/;

/**
 * Evidence bytes on disk, addressed by their sha256 (ab/cd/abcd…): the path never contains anything the client
 * sent, and the same file uploaded twice is stored once. Files are never overwritten or deleted by the API.
 */
export class EvidenceStorage {
  readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  static keyOf(sha256: string): string {
    return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
  }

  async put(content: Buffer): Promise<{ storageKey: string; sha256: string }> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const storageKey = EvidenceStorage.keyOf(sha256);
    const path = this.pathOf(storageKey);
    const existing = await stat(path).catch(() => null);
    if (existing?.size !== content.length) {
      await mkdir(dirname(path), { recursive: true });
      // Write beside, then rename: a reader never sees half a file, and two uploads of the same bytes both end well.
      const temp = `${path}.${randomUUID()}.tmp`;
      await writeFile(temp, content, { flag: 'wx' });
      await rename(temp, path);
    }
    return { storageKey, sha256 };
  }

  /** Refuses anything but a key this class made, so a tampered row cannot point outside the evidence directory. */
  pathOf(storageKey: string): string {
    if (!KEY.test(storageKey)) throw new Error(`invalid evidence storage key ${JSON.stringify(storageKey)}`);
    return join(this.root, storageKey);
  }

  /** Opens a stored file; a file missing from disk is a server fault (lost storage), not the caller's mistake. */
  async open(storageKey: string): Promise<ReadStream> {
    const path = this.pathOf(storageKey);
    await stat(path);
    return createReadStream(path);
  }
}
