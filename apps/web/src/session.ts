import { reactive } from 'vue';
import type { components } from '@/api/schema';

export type User = components['schemas']['UserView'];
export type Role = User['role'];

const TOKEN_KEY = 'ftz.token';
// Kept beside the token so the login page still says why after a reload (an expiry seen by a background request).
const NOTICE_KEY = 'ftz.notice';

/**
 * Who is logged in. The token lives in sessionStorage (closed with the tab, never shared across windows of an
 * in-app browser); the user is re-read from /api/auth/me on every load, so a changed role or a deactivated account
 * shows at once.
 */
export const session = reactive({
  token: sessionStorage.getItem(TOKEN_KEY) as string | null,
  user: null as User | null,
  /** Why the user is on the login page, shown there (session expired, logged out …). */
  notice: sessionStorage.getItem(NOTICE_KEY),
  /** Unread notices, shown in the header badge; refreshed by the layout and by the inbox. */
  unread: 0,

  signIn(token: string, user: User) {
    this.token = token;
    this.user = user;
    this.notice = null;
    sessionStorage.setItem(TOKEN_KEY, token);
    sessionStorage.removeItem(NOTICE_KEY);
  },
  signOut(notice: string | null = null) {
    this.token = null;
    this.user = null;
    this.unread = 0;
    this.notice = notice;
    sessionStorage.removeItem(TOKEN_KEY);
    if (notice) sessionStorage.setItem(NOTICE_KEY, notice);
    else sessionStorage.removeItem(NOTICE_KEY);
  },
  /** Called on any 401: back to login with the api's reason (idle, 8 hours, logged out elsewhere …), returning to the same page afterwards. */
  expire(reason?: string | null) {
    if (!this.token) return;
    this.signOut(reason || '登录已过期，请重新登录');
    onExpire?.();
  },
  /** Called on a 403 PASSWORD_CHANGE_REQUIRED: the password page, and nothing else, until it is changed. */
  requirePasswordChange() {
    if (this.user && !this.user.passwordChangeRequired) this.user.passwordChangeRequired = 'expired';
    onPasswordChange?.();
  },
});

let onExpire: (() => void) | undefined;
let onPasswordChange: (() => void) | undefined;
/** The router registers how to go to the login page (kept out of here so the session has no router import). */
export function onSessionExpired(handler: () => void) {
  onExpire = handler;
}
/** … and to the change-password page. */
export function onPasswordChangeRequired(handler: () => void) {
  onPasswordChange = handler;
}
