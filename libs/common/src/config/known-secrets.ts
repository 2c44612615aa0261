// A fixed development secret keeps `npm start` one command; production refuses it (see validateEnv).
export const DEV_JWT_SECRET = 'ftz-tracker-development-secret-change-me';
export const DEV_WEBHOOK_SECRET = 'ftz-webhook-development-secret-change-me';

/**
 * Every secret value ever written in this repository (defaults, examples, docker-compose's former fallbacks, test and
 * benchmark values): public, so production refuses each of them. known-secrets.spec.ts scans the repository and
 * fails when a secret literal appears that is not listed here.
 */
export const SECRETS_IN_REPOSITORY: readonly string[] = [
  DEV_JWT_SECRET,
  DEV_WEBHOOK_SECRET,
  'local-docker-only-jwt-secret-change-me-0123456789',
  'local-docker-only-webhook-secret-change-me-0123',
  'bench-secret-0123456789abcdef',
  'bench-webhook-secret-0123456789',
  'a-real-secret-of-32-characters!!',
  'another-real-secret-of-32-chars!',
];

/** What a production secret must be: long enough to resist guessing, and not one anybody can read in the repository. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;

export function productionSecretProblem(name: string, value: string): string | null {
  if (SECRETS_IN_REPOSITORY.includes(value)) return `${name} must be set in production to a value of your own (this one is written in the repository)`;
  if (value.length < MIN_PRODUCTION_SECRET_LENGTH) return `${name} must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production (e.g. openssl rand -hex 32)`;
  return null;
}
