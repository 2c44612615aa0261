import { plainToInstance, Transform } from 'class-transformer';
import { DEV_JWT_SECRET, DEV_WEBHOOK_SECRET, productionSecretProblem } from './known-secrets.js';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ftz_tracker';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export { DEV_JWT_SECRET, DEV_WEBHOOK_SECRET } from './known-secrets.js';

export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL: string = DEFAULT_DATABASE_URL;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL: string = DEFAULT_REDIS_URL;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'PORT must be an integer' })
  @Min(1)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET: string = DEV_JWT_SECRET;

  // Sessions (README, 账号与会话安全): a session ends after this long without a request, and this long after login
  // whatever happens; the token expires with the absolute lifetime.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SESSION_IDLE_MINUTES must be an integer' })
  @Min(1)
  SESSION_IDLE_MINUTES: number = 30;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SESSION_MAX_HOURS must be an integer' })
  @Min(1)
  SESSION_MAX_HOURS: number = 8;

  @IsOptional()
  @IsBooleanString({ message: 'SKIP_MIGRATIONS must be true or false' })
  SKIP_MIGRATIONS?: string;

  @IsString()
  @MinLength(6, { message: 'DEMO_PASSWORD must be at least 6 characters' })
  DEMO_PASSWORD: string = 'Demo@2026';

  @IsString()
  EVIDENCE_DIR: string = './.data/evidence';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'EVIDENCE_MAX_BYTES must be an integer (bytes)' })
  @Min(1, { message: 'EVIDENCE_MAX_BYTES must be at least 1' })
  EVIDENCE_MAX_BYTES: number = 20 * 1024 * 1024;

  // Imports are bounded by what an upload unpacks to, not only by its size (docs/imports.md, "Limits").
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_BYTES must be an integer (bytes)' })
  @Min(1, { message: 'IMPORT_MAX_BYTES must be at least 1' })
  IMPORT_MAX_BYTES: number = 10 * 1024 * 1024;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_UNPACKED_BYTES must be an integer (bytes)' })
  @Min(1, { message: 'IMPORT_MAX_UNPACKED_BYTES must be at least 1' })
  IMPORT_MAX_UNPACKED_BYTES: number = 64 * 1024 * 1024;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_COMPRESSION_RATIO must be an integer' })
  @Min(2, { message: 'IMPORT_MAX_COMPRESSION_RATIO must be at least 2' })
  IMPORT_MAX_COMPRESSION_RATIO: number = 100;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_ROWS must be an integer' })
  @Min(1, { message: 'IMPORT_MAX_ROWS must be at least 1' })
  IMPORT_MAX_ROWS: number = 20_000;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_MAX_CELLS must be an integer' })
  @Min(1, { message: 'IMPORT_MAX_CELLS must be at least 1' })
  IMPORT_MAX_CELLS: number = 400_000;

  // The heap of the worker thread that parses a workbook: a file that lies about its sizes dies there, not in the api.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_PARSE_MEMORY_MB must be an integer (MB)' })
  @Min(32, { message: 'IMPORT_PARSE_MEMORY_MB must be at least 32' })
  IMPORT_PARSE_MEMORY_MB: number = 512;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'IMPORT_PARSE_TIMEOUT_MS must be an integer (milliseconds)' })
  @Min(100, { message: 'IMPORT_PARSE_TIMEOUT_MS must be at least 100' })
  IMPORT_PARSE_TIMEOUT_MS: number = 60_000;

  // On SIGTERM the api stops accepting connections and gives the requests in flight this long to finish (README, Robustness).
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer (milliseconds)' })
  @Min(0, { message: 'SHUTDOWN_GRACE_MS must be at least 0' })
  SHUTDOWN_GRACE_MS: number = 25_000;

  @IsString()
  QUEUE_PREFIX: string = 'ftz';

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T.*)?$/, { message: 'FTZ_FIXED_NOW must be an ISO date or date-time' })
  FTZ_FIXED_NOW?: string;

  // Reminders and notifications (docs/reminders.md).
  @IsOptional()
  @IsString()
  SMTP_HOST?: string;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'SMTP_PORT must be an integer' })
  @Min(1)
  @Max(65535)
  SMTP_PORT: number = 25;

  @IsBooleanString({ message: 'SMTP_SECURE must be true or false' })
  SMTP_SECURE: string = 'false';

  @IsOptional()
  @IsString()
  SMTP_USER?: string;

  @IsOptional()
  @IsString()
  SMTP_PASS?: string;

  @IsString()
  @MinLength(3, { message: 'SMTP_FROM must be an address such as "督办提醒 <noreply@example.gov.cn>"' })
  SMTP_FROM: string = '自贸试验区复制推广跟踪系统 <noreply@localhost>';

  /** The built web app the api serves at "/" (default dist/web under the repository; the e2e run builds its own copy). */
  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PUBLIC_URL must be an http(s):// URL' })
  PUBLIC_URL: string = 'http://localhost:3000';

  @Matches(/^(\S+\s+){4,5}\S+$/, { message: 'REMINDER_SWEEP_CRON must be a cron pattern with 5 or 6 fields, e.g. "0 * * * *"' })
  REMINDER_SWEEP_CRON: string = '0 * * * *';

  @Matches(/^\s*\d+(\s*,\s*\d+)*\s*$/, { message: 'REMINDER_OFFSETS must be comma-separated day counts, e.g. "14,7,3,1,0"' })
  REMINDER_OFFSETS: string = '14,7,3,1,0';

  @Matches(/^\s*\d+:\w+:\w+(\s*,\s*\d+:\w+:\w+)*\s*$/, { message: 'REMINDER_LADDER must look like "0:liaison:remind,3:head:urge,7:coordinator:supervise,14:leader:supervise"' })
  REMINDER_LADDER: string = '0:liaison:remind,3:head:urge,7:coordinator:supervise,14:leader:supervise';

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'REMINDER_OVERDUE_GRACE_DAYS must be an integer' })
  @Min(0)
  @Max(366)
  REMINDER_OVERDUE_GRACE_DAYS: number = 30;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'NOTIFY_ATTEMPTS must be an integer' })
  @Min(1)
  @Max(50)
  NOTIFY_ATTEMPTS: number = 5;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'NOTIFY_BACKOFF_MS must be an integer' })
  @Min(1)
  NOTIFY_BACKOFF_MS: number = 60_000;

  // Notice jobs in flight per worker. Deadline notices in flight together are stored in batches, so this is what
  // lets a batch grow: the database sees a couple of statements at a time, not this many (docs/reminders.md).
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'NOTIFY_CONCURRENCY must be an integer' })
  @Min(1)
  @Max(1000)
  NOTIFY_CONCURRENCY: number = 200;

  // Deliveries talk to mail servers and group robots, which limit how many connections a client may hold.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'DELIVERY_CONCURRENCY must be an integer' })
  @Min(1)
  @Max(200)
  DELIVERY_CONCURRENCY: number = 10;

  // An email or webhook still pending after this long is reported by /health and in the failures list: with the
  // default retries (5 attempts, 1+2+4+8 min of backoff) a delivery is sent or failed well within it.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'DELIVERY_STUCK_MINUTES must be an integer (minutes)' })
  @Min(1)
  @Max(7 * 24 * 60)
  DELIVERY_STUCK_MINUTES: number = 30;

  // A dashboard answer is reused until an audited write commits in this process, or for at most this long (writes
  // made by another process: a second api instance, a seed run). 0 turns the cache off.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'DASHBOARD_CACHE_SECONDS must be an integer (seconds)' })
  @Min(0)
  @Max(3600)
  DASHBOARD_CACHE_SECONDS: number = 30;

  @IsString()
  @MinLength(16, { message: 'WEBHOOK_SECRET must be at least 16 characters' })
  WEBHOOK_SECRET: string = DEV_WEBHOOK_SECRET;

  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'PROVINCE_WEBHOOK_URL must be an http(s):// URL' })
  PROVINCE_WEBHOOK_URL?: string;

  // Who reads /docs and /docs-json: open (default outside production), signed-in (bearer token; production's default), closed.
  @IsOptional()
  @IsIn(['open', 'signed-in', 'closed'], { message: 'API_DOCS must be open, signed-in or closed' })
  API_DOCS?: 'open' | 'signed-in' | 'closed';

  // Audit (README 安全): rows are chained (SM3) by the worker this often after commit, and kept this long —
  // 网络安全法 Art. 21 asks for at least six months, which the database's own triggers also enforce.
  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'AUDIT_SEAL_SECONDS must be an integer (seconds)' })
  @Min(1, { message: 'AUDIT_SEAL_SECONDS must be at least 1' })
  @Max(3600, { message: 'AUDIT_SEAL_SECONDS must be at most 3600' })
  AUDIT_SEAL_SECONDS: number = 10;

  @Transform(({ value }) => (value === undefined ? value : Number(value)))
  @IsInt({ message: 'AUDIT_RETENTION_DAYS must be an integer (days)' })
  @Min(180, { message: 'AUDIT_RETENTION_DAYS must be at least 180 (网络安全法 Art. 21: six months)' })
  AUDIT_RETENTION_DAYS: number = 180;

  get skipMigrations(): boolean {
    return this.SKIP_MIGRATIONS === 'true';
  }
}

/** Validates the environment once at boot; a bad variable stops the start with a message naming it. */
const SESSION_IDLE_MINUTES_MAX = 24 * 60;
const SESSION_MAX_HOURS_MAX = 7 * 24;

export function validateEnv(env: Record<string, unknown>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  // 等保: a session may not outlive a working day idle nor a week in all. Only the test suites go past it: they move the
  // injected clock by days and months, and test the limits themselves with the defaults (accounts-security).
  if (config.NODE_ENV !== 'test') {
    if (config.SESSION_IDLE_MINUTES > SESSION_IDLE_MINUTES_MAX) problems.push(`SESSION_IDLE_MINUTES must not be greater than ${SESSION_IDLE_MINUTES_MAX}`);
    if (config.SESSION_MAX_HOURS > SESSION_MAX_HOURS_MAX) problems.push(`SESSION_MAX_HOURS must not be greater than ${SESSION_MAX_HOURS_MAX}`);
  }
  if (config.NODE_ENV === 'production') {
    for (const name of ['JWT_SECRET', 'WEBHOOK_SECRET'] as const) {
      const problem = productionSecretProblem(name, config[name]);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid environment:\n  - ${problems.join('\n  - ')}`);
  }
  return config;
}

let cached: AppConfig | undefined;
export function appConfig(): AppConfig {
  cached ??= validateEnv(process.env);
  return cached;
}
