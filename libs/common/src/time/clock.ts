import { Injectable } from '@nestjs/common';

/**
 * The one source of "now". Injected through DI so tests and demos can pin the date
 * (deadlines, overdue and reminders all depend on it) without patching Date.
 */
export abstract class Clock {
  abstract now(): Date;

  /** Today's calendar date in the province's time zone, YYYY-MM-DD. */
  today(): string {
    return shanghaiDate(this.now());
  }
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/**
 * China has kept UTC+8 without daylight saving since 1992, so the date is arithmetic — an Intl time-zone format
 * showed up in the transition profile, as every request asks for today.
 */
export function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

@Injectable()
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock that stands still (or is moved by hand): for tests and for demos run against a fixed date. */
export class FixedClock extends Clock {
  constructor(private instant: Date) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(instant: Date | string): void {
    this.instant = new Date(instant);
  }
}
