import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { appConfig } from '#libs/common';

/** The repository root, found from this file so the same code works from apps/ (tests) and from dist/apps/ (built). */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Paths the app never answers: the api, its docs, the health check, the old cockpit URL and missing hashed files. */
const NOT_THE_APP = /^\/(api|docs|docs-json|health|dashboard|assets)(\/|$)/;

/**
 * The browser app (apps/web, built into dist/web) at "/": its files, and index.html for every other GET, so a history
 * URL such as /tasks/<id> opened from a notice loads the app, which routes it. Hashed files under /assets never change:
 * cached for a year; index.html is revalidated on every load so a new release is picked up at once.
 *
 * Written on express.static rather than @nestjs/serve-static: that module picks its HTTP loader while providers are
 * instantiated, before a testing module has its HTTP adapter, so in the e2e app it silently served nothing and the
 * browser journeys would have tested a different server from production's.
 */
export function serveWebApp(app: INestApplication): void {
  // Where `npm run build:web` (vite) writes the browser app, unless WEB_DIST says otherwise.
  const WEB_DIST = path.resolve(appConfig().WEB_DIST ?? path.join(repoRoot(), 'dist', 'web'));
  const ASSETS = path.join(WEB_DIST, 'assets') + path.sep;
  const index = path.join(WEB_DIST, 'index.html');
  app.use(
    express.static(WEB_DIST, {
      index: false,
      setHeaders: (res, file) => res.setHeader('Cache-Control', file.startsWith(ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache'),
    }),
  );
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_THE_APP.test(req.path)) return next();
    res.sendFile(index, { headers: { 'Cache-Control': 'no-cache' } }, (err) => {
      // No build yet (npm run build:web): fall through to the api's JSON 404 instead of an HTML error page.
      if (err && !res.headersSent) next();
    });
  });
}
