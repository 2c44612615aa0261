import { plainToInstance, Transform } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/ftz_tracker';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
// A fixed development secret keeps `npm start` one command; production refuses it (see validateEnv).
export const DEV_JWT_SECRET = 'ftz-tracker-development-secret-change-me';

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

  @IsString()
  JWT_EXPIRES_IN: string = '8h';

  @IsOptional()
  @IsBooleanString({ message: 'SKIP_MIGRATIONS must be true or false' })
  SKIP_MIGRATIONS?: string;

  @IsString()
  @MinLength(6, { message: 'DEMO_PASSWORD must be at least 6 characters' })
  DEMO_PASSWORD: string = 'Demo@2026';

  @IsString()
  EVIDENCE_DIR: string = './.data/evidence';

  @IsString()
  QUEUE_PREFIX: string = 'ftz';

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}(T.*)?$/, { message: 'FTZ_FIXED_NOW must be an ISO date or date-time' })
  FTZ_FIXED_NOW?: string;

  get skipMigrations(): boolean {
    return this.SKIP_MIGRATIONS === 'true';
  }
}

/** Validates the environment once at boot; a bad variable stops the start with a message naming it. */
export function validateEnv(env: Record<string, unknown>): AppConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const config = plainToInstance(AppConfig, defined, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}));
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET must be set in production');
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
