import { quarterOf } from '@/utils/format';

const PERIOD = /^(\d{4})Q([1-4])$/;

/**
 * The quarters a coordinator schedules: the current one first, then the `count - 1` before it. A period asked for in
 * the URL (a notice's link) that is not among them but has started is added in order, so the picker can show it;
 * a malformed or future one falls back to the current quarter.
 */
export function schedulingQuarters(today: Date, asked: string | null | undefined, count = 8): { options: string[]; selected: string } {
  const current = quarterOf(today);
  const [year, quarter] = split(current);
  const options: string[] = [];
  for (let i = 0; i < count; i++) {
    const index = year * 4 + (quarter - 1) - i;
    options.push(`${Math.floor(index / 4)}Q${(index % 4) + 1}`);
  }
  if (!asked || !PERIOD.test(asked) || asked > current) return { options, selected: current };
  if (!options.includes(asked)) options.push(asked);
  options.sort().reverse();
  return { options, selected: asked };
}

function split(period: string): [number, number] {
  const m = PERIOD.exec(period)!;
  return [Number(m[1]), Number(m[2])];
}
