import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import type { AuthUser } from '#libs/common';
import { DEFAULT_SECURITY_POLICY, NIL_ID, type SecurityPolicy } from './password-policy.js';

/**
 * The password and lockout policy in force: the security administrator's, else the defaults. Read when a password
 * is checked or set (not on every request), so a change applies at once on every api instance.
 */
@Injectable()
export class SecurityPolicyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async current(): Promise<SecurityPolicy & { custom: boolean }> {
    const [row] = await this.dataSource.query<{ policy: Partial<SecurityPolicy> }[]>('SELECT policy FROM security_policy');
    return { ...DEFAULT_SECURITY_POLICY, ...row?.policy, custom: row !== undefined };
  }

  async put(policy: SecurityPolicy, actor: AuthUser): Promise<SecurityPolicy & { custom: boolean }> {
    const value: SecurityPolicy = {
      minLength: policy.minLength,
      minClasses: policy.minClasses,
      historyCount: policy.historyCount,
      maxAgeDays: policy.maxAgeDays,
      lockThreshold: policy.lockThreshold,
      lockMinutes: policy.lockMinutes,
    };
    await this.dataSource.transaction(async (m) => {
      const [before] = await m.query<{ policy: SecurityPolicy }[]>('SELECT policy FROM security_policy FOR UPDATE');
      await m.query(
        `INSERT INTO security_policy (id, policy, updated_by, updated_at) VALUES (true, $1, $2, now())
         ON CONFLICT (id) DO UPDATE SET policy = EXCLUDED.policy, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [JSON.stringify(value), actor.id],
      );
      await this.audit.record(m, { actor, entityType: 'security_policy', entityId: NIL_ID, action: 'security_policy', before: before?.policy ?? DEFAULT_SECURITY_POLICY, after: value });
    });
    return { ...value, custom: true };
  }
}
