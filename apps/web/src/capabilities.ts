import { session, type Role } from '@/session';

/**
 * 三员分立 in the web app, decided here only. The system administrator opens the coordinator's pages read-only, for
 * the province picked in the header; their business writes (import, adopt, assign, 催办, review, close out, decide
 * applicability, record 承接) are the coordinator's — the api answers the admin 403, so their buttons are not shown.
 */
export const READS_COORDINATION: Role[] = ['admin', 'coordinator'];
export const WRITES_COORDINATION: Role[] = ['coordinator'];

/** The signed-in user makes the coordinator's business writes (reactive: read it inside a computed or a template). */
export function canCoordinate(): boolean {
  const role = session.user?.role;
  return role !== undefined && WRITES_COORDINATION.includes(role);
}
