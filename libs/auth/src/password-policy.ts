import { badField } from '#libs/common';

/**
 * The password and lockout rules (等保 2.0 三级). The security administrator changes them in 安全管理; these are
 * the defaults until then.
 */
export interface SecurityPolicy {
  /** Fewest characters in a password. */
  minLength: number;
  /** Fewest kinds of character (upper case, lower case, digits, symbols), 1–4. */
  minClasses: number;
  /** A new password may not be any of this many previous ones (0 = no check). */
  historyCount: number;
  /** Days a password lasts before its owner must change it (0 = never expires). */
  maxAgeDays: number;
  /** Consecutive wrong passwords that lock an account. */
  lockThreshold: number;
  /** How long a lock lasts unless the security administrator lifts it. */
  lockMinutes: number;
}

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = { minLength: 8, minClasses: 3, historyCount: 5, maxAgeDays: 90, lockThreshold: 5, lockMinutes: 15 };

const CLASSES: [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

/** The rule in words, for the password pages and the API's descriptions. */
export function passwordRule(policy: SecurityPolicy = DEFAULT_SECURITY_POLICY): string {
  const kinds = policy.minClasses >= CLASSES.length ? '全部四类' : `至少${['', '一', '两', '三'][policy.minClasses]}类`;
  const history = policy.historyCount > 0 ? `，不能与最近 ${policy.historyCount} 次用过的密码相同` : '';
  return `至少 ${policy.minLength} 位，包含大写字母、小写字母、数字、符号中的${kinds}，且不含用户名${history}`;
}

export const PASSWORD_RULE = passwordRule();

/**
 * Why a password is too weak for this account, in Chinese, or null when it is acceptable. The same rule for
 * an account an admin creates, a password an admin resets and one a user changes. (Reuse of old passwords needs
 * their hashes: UsersService checks it.)
 */
export function passwordProblem(password: string, username: string, policy: SecurityPolicy = DEFAULT_SECURITY_POLICY): string | null {
  if (password.length < policy.minLength) return `密码至少 ${policy.minLength} 位 (at least ${policy.minLength} characters)`;
  const present = CLASSES.filter(([re]) => re.test(password)).length;
  if (present < policy.minClasses) {
    return `密码须包含${CLASSES.map(([, label]) => label).join('、')}中的至少${['', '一', '两', '三', '四'][policy.minClasses]}类 (use at least ${policy.minClasses} of upper case, lower case, digits, symbols)`;
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名 (the password must not contain the username)';
  return null;
}

/** A 400 naming `field` when the password breaks the rule. */
export function assertStrongPassword(field: string, password: string, username: string, policy?: SecurityPolicy): void {
  const problem = passwordProblem(password, username, policy);
  if (problem) throw badField(field, problem);
}

/** When a password set at `changedAt` stops being accepted without a change; null when passwords do not expire. */
export function passwordExpiresAt(changedAt: Date, policy: SecurityPolicy): Date | null {
  return policy.maxAgeDays > 0 ? new Date(changedAt.getTime() + policy.maxAgeDays * 86_400_000) : null;
}

/** The entity id of audit rows about no stored row: a login with an unknown username, the policy itself. */
export const NIL_ID = '00000000-0000-0000-0000-000000000000';
