/** `--name value` / `--name=value` flags for the bench scripts (npm passes them after `--`). */
export function flag(name: string, fallback: string): string {
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === `--${name}`) return argv[i + 1] ?? fallback;
    if (argv[i].startsWith(`--${name}=`)) return argv[i].slice(name.length + 3);
  }
  return fallback;
}

export type Scale = 'province' | 'national';

export function scaleFlag(): Scale {
  const scale = flag('scale', 'province');
  if (scale !== 'province' && scale !== 'national') throw new Error(`--scale must be province or national, not ${scale}`);
  return scale;
}

/** The benchmark database: separate from the product's, one per scale so both can be kept. */
export function benchDatabaseUrl(scale: Scale): string {
  const base = process.env.BENCH_DATABASE_URL_BASE ?? 'postgres://postgres@127.0.0.1:5432';
  return `${base.replace(/\/$/, '')}/ftz_bench_${scale}`;
}

/** Password of the generated leader accounts (leader_<province code>). */
export const BENCH_PASSWORD = process.env.BENCH_PASSWORD ?? 'Bench@2026';
