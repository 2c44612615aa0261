import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import bcrypt from 'bcryptjs';

// OWASP's argon2id minimum (19 MiB, 2 passes, 1 lane): ≈ 20–40 ms on the libuv thread pool, not on the event loop.
// (Algorithm is an ambient const enum, out of reach under isolatedModules: 2 is its Argon2id.)
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

const isBcrypt = (stored: string) => /^\$2[aby]\$/.test(stored);

/**
 * At most this many hashes at once, one core short of the machine: a login storm then queues here, in a list,
 * instead of taking every core and every libuv thread from the requests of people already signed in
 * (npm run bench:login; docs/benchmarks.md).
 */
export const HASH_CONCURRENCY = Math.max(1, availableParallelism() - 1);

/** A counting semaphore: cheap, in-process, first come first served. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/**
 * Hashes and checks passwords with argon2id. Accounts from before it carry bcrypt hashes: those still verify, and
 * the caller stores the argon2id hash it is handed back (upgrade at the next successful login).
 */
@Injectable()
export class PasswordHasher {
  // A hash of nothing anyone knows: an unknown username is checked against it, so it costs what a wrong password costs.
  private readonly dummy = hash(randomBytes(16).toString('hex'), ARGON2);
  private readonly slots = new Slots(HASH_CONCURRENCY);

  hash(password: string): Promise<string> {
    return this.slots.run(() => hash(password, ARGON2));
  }

  /** Whether the password matches; `upgraded` is the argon2id hash to store instead of a legacy one. */
  async verify(stored: string, password: string): Promise<{ ok: boolean; upgraded?: string }> {
    if (isBcrypt(stored)) {
      const ok = await bcrypt.compare(password, stored);
      return ok ? { ok, upgraded: await this.hash(password) } : { ok };
    }
    // A stored value that is no hash at all (an account imported without one) matches nothing.
    return { ok: await this.slots.run(() => verify(stored, password)).catch(() => false) };
  }

  /** Spends a real verification on a username that does not exist; always false. */
  async verifyUnknown(password: string): Promise<false> {
    await this.verify(await this.dummy, password);
    return false;
  }
}
