import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AuthService, bearerToken } from '#libs/auth';
import { appConfig } from '#libs/common';

/**
 * Security headers for the api and the web app it serves. The CSP fits the Vite build: scripts only from our own
 * files (no inline script anywhere), styles inline too because Element Plus and ECharts set style attributes, images
 * and fonts also as data:/blob: URLs (icons, ECharts' canvas export). No framing at all (clickjacking). No
 * upgrade-insecure-requests: intranet deployments may serve plain HTTP behind their own gateway.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    workerSrc: ["'self'", 'blob:'],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    scriptSrcAttr: ["'none'"],
  },
};

/** Who may read the api's documentation: anyone, signed-in users (a bearer token), or nobody. */
export type ApiDocsAccess = 'open' | 'signed-in' | 'closed';

export function apiDocsAccess(): ApiDocsAccess {
  const config = appConfig();
  return config.API_DOCS ?? (config.NODE_ENV === 'production' ? 'signed-in' : 'open');
}

const DOCS = /^\/docs(-json|-yaml)?(\/|$)/;

export function hardenHttp(app: INestApplication): void {
  app.getHttpAdapter().getInstance().disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameguard: { action: 'deny' } }));
  const access = apiDocsAccess();
  if (access === 'open') return;
  const auth = app.get(AuthService);
  // Registered before SwaggerModule.setup so it runs first; answers like the api does (JSON 401 / 404).
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!DOCS.test(req.path)) return next();
    if (access === 'closed') return void res.status(404).json({ statusCode: 404, message: '接口文档未开放', error: 'Not Found' });
    const token = bearerToken(req.headers.authorization);
    if (!token) return void res.status(401).json({ statusCode: 401, message: '请先登录 (missing bearer token)', error: 'Unauthorized' });
    auth.authenticate(token).then(() => next(), () => res.status(401).json({ statusCode: 401, message: '登录已失效', error: 'Unauthorized' }));
  });
}
