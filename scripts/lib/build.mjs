// Step 1: build dist/ when it is missing or older than the TypeScript sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { log, StartError } from './log.mjs';

/**
 * Flags of the long-running api and worker processes. An explicit heap limit makes V8 size and collect its heap for
 * that limit instead of for this machine's memory: under 50 concurrent connections the api peaks at ≈ 190 MB instead
 * of ≈ 340 MB, with the same throughput (docs/benchmarks.md). 512 MB leaves room for the largest import (10 MB).
 * The Dockerfile (NODE_OPTIONS) and the bench's api (bench/lib/measure.ts) use the same value.
 */
export const SERVICE_NODE_FLAGS = ['--max-old-space-size=512'];

export const ENTRY_POINTS = {
  api: 'dist/apps/api/src/main.js',
  worker: 'dist/apps/worker/src/main.js',
  migrate: 'dist/libs/database/src/cli/migrate.js',
  seedReference: 'dist/seeds/cli/seed-reference.js',
  seedDemo: 'dist/seeds/cli/seed-demo.js',
  webApp: 'dist/web/index.html',
};

const SOURCE_DIRS = ['apps', 'libs', 'seeds'];

/** Newest mtime (ms) of the .ts files that the build compiles, or 0 if there are none. */
function newestSourceMtime(root) {
  let newest = 0;
  const walk = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(full);
      } else if (/\.(ts|vue)$/.test(entry.name) && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) {
        newest = Math.max(newest, statSync(full).mtimeMs);
      }
    }
  };
  for (const dir of SOURCE_DIRS) walk(path.join(root, dir));
  return newest;
}

function buildReason(root) {
  const apiEntry = path.join(root, ENTRY_POINTS.api);
  const webEntry = path.join(root, ENTRY_POINTS.webApp);
  if (!existsSync(apiEntry)) return `${ENTRY_POINTS.api} is missing`;
  if (!existsSync(webEntry)) return `${ENTRY_POINTS.webApp} is missing`;
  const built = Math.min(statSync(apiEntry).mtimeMs, statSync(webEntry).mtimeMs);
  if (newestSourceMtime(root) > built) return 'sources under apps/ libs/ seeds/ changed since the last build';
  return null;
}

/** @param {import('./processes.mjs').Supervisor} supervisor */
export async function ensureBuilt(root, env, supervisor) {
  const reason = buildReason(root);
  if (reason) {
    log(`Building (${reason}): npm run build`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    await supervisor.run('build', npm, ['run', 'build'], { cwd: root, env });
  } else {
    log('dist/ is up to date, skipping the build');
  }
  const missing = Object.values(ENTRY_POINTS).filter((file) => !existsSync(path.join(root, file)));
  if (missing.length > 0) {
    throw new StartError(
      `The build did not produce ${missing.join(', ')}.\n` +
        '  The application code for these entry points is not there yet (or tsconfig.build.json does not include it).\n' +
        '  Check that apps/api/src/main.ts, apps/worker/src/main.ts, libs/database/src/cli/migrate.ts,\n' +
        '  seeds/cli/seed-reference.ts, seeds/cli/seed-demo.ts and apps/web/index.html exist, then run `npm run build`.',
    );
  }
}
