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

const shanghaiFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

export function shanghaiDate(instant: Date): string {
  return shanghaiFormat.format(instant);
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
