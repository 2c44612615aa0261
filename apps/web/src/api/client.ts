import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { session } from '@/session';
import { chinesePart } from '@/utils/errors';
import { ApiFailure, type ApiError } from './failure';

export { ApiFailure, type ApiError };

/**
 * The typed client for every call the app makes: paths, parameters and answers come from the api's OpenAPI document
 * (npm run openapi regenerates schema.d.ts), so a changed DTO is a type error here.
 */
export const api = createClient<paths>({ baseUrl: '' });

const auth: Middleware = {
  onRequest({ request }) {
    if (session.token) request.headers.set('Authorization', `Bearer ${session.token}`);
    return request;
  },
  async onResponse({ response, request }) {
    if (response.status !== 401 && response.status !== 403) return response;
    if (new URL(request.url).pathname.startsWith('/api/auth/login')) return response;
    const body = (await response.clone().json().catch(() => undefined)) as ApiError | undefined;
    // An ended session (idle, past 8 hours, logged out or password changed elsewhere) sends the user back to login, saying why.
    if (response.status === 401) session.expire(body?.message ? chinesePart(body.message) : null);
    else if (body?.code === 'PASSWORD_CHANGE_REQUIRED') session.requirePasswordChange();
    return response;
  },
};
api.use(auth);

/**
 * Unwraps an openapi-fetch answer: the data, or an ApiFailure to show with errorText().
 * `await unwrap(api.GET('/api/tasks', { params }))`
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response };
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, { statusCode: 0, message: '网络连接失败，请检查网络后重试' });
  }
  if (!result.response.ok) throw new ApiFailure(result.response.status, result.error as ApiError | undefined);
  return result.data as T;
}

/** A binary answer (XLSX, evidence) saved by the browser under the server's file name. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const response = await fetch(url, { headers: session.token ? { Authorization: `Bearer ${session.token}` } : {} });
  if (response.status === 401) return session.expire(chinesePart(((await response.json().catch(() => undefined)) as ApiError | undefined)?.message ?? ''));
  if (!response.ok) throw new ApiFailure(response.status, (await response.json().catch(() => undefined)) as ApiError | undefined);
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]) : (plain?.[1] ?? fallbackName);
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
