// Console helpers for scripts/start.mjs: one prefix per source, colours only on a TTY.
const useColour = process.stdout.isTTY && !process.env.NO_COLOR;
const COLOURS = { start: 36, api: 32, worker: 35, redis: 31, postgres: 34, migrate: 33, seed: 33, 'seed:demo': 33 };

export function tag(name) {
  const text = `[${name}]`;
  const code = COLOURS[name] ?? 90;
  return useColour ? `\x1b[${code}m${text}\x1b[0m` : text;
}

export function log(message) {
  console.log(`${tag('start')} ${message}`);
}

export function warn(message) {
  console.warn(`${tag('start')} WARNING: ${message}`);
}

/** An error whose message is meant for the user as is (no stack trace). */
export class StartError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.name = 'StartError';
    this.exitCode = exitCode;
  }
}

/** postgres://user:secret@host/db -> postgres://user:***@host/db */
export function redactUrl(url) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

export function errorText(error) {
  if (error == null) return 'unknown error';
  if (error instanceof AggregateError && error.errors?.length) {
    return error.errors.map(errorText).join('; ');
  }
  const code = error.code ? `${error.code}: ` : '';
  return `${code}${error.message || String(error)}`;
}
