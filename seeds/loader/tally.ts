export type Outcome = 'created' | 'updated' | 'unchanged';

export type Counts = Record<Outcome, number>;

/** Created/updated/unchanged per kind of row: what a seed run prints, and what the tests compare between runs. */
export class Tally {
  readonly kinds = new Map<string, Counts>();

  add(kind: string, outcome: Outcome, n = 1): void {
    const counts = this.kinds.get(kind) ?? { created: 0, updated: 0, unchanged: 0 };
    counts[outcome] += n;
    this.kinds.set(kind, counts);
  }

  addCounts(kind: string, counts: Counts): void {
    for (const outcome of ['created', 'updated', 'unchanged'] as const) this.add(kind, outcome, counts[outcome]);
  }

  merge(other: Tally): void {
    for (const [kind, counts] of other.kinds) this.addCounts(kind, counts);
  }

  get(kind: string): Counts {
    return this.kinds.get(kind) ?? { created: 0, updated: 0, unchanged: 0 };
  }

  /** Nothing was written: the second run of an idempotent seed. */
  get changed(): number {
    return [...this.kinds.values()].reduce((n, c) => n + c.created + c.updated, 0);
  }

  lines(): string[] {
    const width = Math.max(...[...this.kinds.keys()].map((k) => k.length), 4);
    return [...this.kinds].map(([kind, c]) => `${kind.padEnd(width)}  created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`);
  }
}

/** The keys of `desired` whose value differs from the stored row (JSON comparison: arrays, dates as strings, null vs undefined). */
export function changedKeys<T extends object>(stored: T, desired: Partial<T>): (keyof T)[] {
  return (Object.keys(desired) as (keyof T)[]).filter((k) => JSON.stringify(stored[k] ?? null) !== JSON.stringify(desired[k] ?? null));
}
