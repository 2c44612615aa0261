import { createHash } from 'node:crypto';
import { addDays, isWorkingDay, nextWorkingDay } from '#libs/calendar';
import { FixedClock } from '#libs/common';

/**
 * A deterministic random source (mulberry32) seeded from a string: the same key always draws the same numbers, so
 * the demo seed writes the same story on every run and every machine — and a task's draws do not depend on which
 * other tasks were drawn before it.
 */
export class Prng {
  private state: number;

  constructor(key: string) {
    this.state = createHash('sha256').update(key).digest().readUInt32LE(0);
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * The demo's "today" and the days around it. The product's services stamp what they write with the injected Clock
 * (submitted_at, closed_at, reviewed_at, notices' created_at…), so the seed replays each step with the clock set to
 * the day it happened — a close-out of 2017 is dated 2017 — and puts the clock back to today afterwards.
 */
export class DemoTimeline {
  readonly today: string;
  private readonly now: Date;

  constructor(private readonly clock: FixedClock) {
    this.now = clock.now();
    this.today = clock.today();
  }

  /** The instant the clock stands at: the step's moment inside `at`, now outside. */
  current(): Date {
    return this.clock.now();
  }

  /** today + n days (n < 0: in the past). */
  day(n: number): string {
    return addDays(this.today, n);
  }

  /** The working day on or after `date`, but never after today: people act on working days, and not in the future. */
  workday(date: string): string {
    const d = isWorkingDay(date) ? date : nextWorkingDay(date);
    return d > this.today ? this.today : d;
  }

  /** Runs `step` with the clock at `date` (a Beijing working hour, spread by `minute`), then back at today. */
  async at<T>(date: string, step: () => Promise<T>, minute = 0): Promise<T> {
    const instant = date >= this.today ? this.now : new Date(`${date}T09:${String(minute % 60).padStart(2, '0')}:00+08:00`);
    this.clock.set(instant);
    try {
      return await step();
    } finally {
      this.clock.set(this.now);
    }
  }
}
