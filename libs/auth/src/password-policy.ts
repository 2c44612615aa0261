import { badField } from '#libs/common';

export const PASSWORD_MIN_LENGTH = 8;

const CLASSES: [RegExp, string][] = [
  [/[A-Z]/, '大写字母'],
  [/[a-z]/, '小写字母'],
  [/[0-9]/, '数字'],
  [/[^A-Za-z0-9]/, '符号'],
];

export const PASSWORD_RULE = `至少 ${PASSWORD_MIN_LENGTH} 位，包含大写字母、小写字母、数字、符号中的至少三类，且不含用户名`;

/**
 * Why a password is too weak for this account, in Chinese, or null when it is acceptable. The same rule for
 * an account an admin creates, a password an admin resets and one a user changes.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少 ${PASSWORD_MIN_LENGTH} 位 (at least ${PASSWORD_MIN_LENGTH} characters)`;
  const present = CLASSES.filter(([re]) => re.test(password)).length;
  if (present < 3) return `密码须包含${CLASSES.map(([, label]) => label).join('、')}中的至少三类 (use at least three of upper case, lower case, digits, symbols)`;
  if (username && password.toLowerCase().includes(username.toLowerCase())) return '密码不能包含用户名 (the password must not contain the username)';
  return null;
}

/** A 400 naming `field` when the password breaks the rule. */
export function assertStrongPassword(field: string, password: string, username: string): void {
  const problem = passwordProblem(password, username);
  if (problem) throw badField(field, problem);
}
