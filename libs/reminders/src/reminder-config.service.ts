import { ForbiddenException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, type AuthUser } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import type { ReminderConfigDto, ReminderConfigView } from './dto/reminders.dto.js';
import { ReminderSettings } from './reminder-settings.js';
import { ReminderConfigError, validateReminderConfig, type ReminderConfig } from './rules/index.js';

/** Reminder offsets and escalation ladder per province: a reminder_setting row, else the deployment default. */
@Injectable()
export class ReminderConfigService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisation: OrganisationService,
    private readonly audit: AuditService,
    private readonly settings: ReminderSettings,
  ) {}

  /** Every province's own config (validated when written); provinces not in the map use the default. */
  async all(): Promise<Map<string, ReminderConfig>> {
    const rows: { province_id: string; offsets: number[]; ladder: unknown }[] = await this.dataSource.query('SELECT province_id, offsets, ladder FROM reminder_setting');
    return new Map(rows.map((r) => [r.province_id, validateReminderConfig({ offsets: r.offsets, ladder: r.ladder })]));
  }

  async configFor(provinceId: string): Promise<ReminderConfig> {
    return (await this.all()).get(provinceId) ?? this.settings.defaults;
  }

  private async requireProvince(provinceId: string, user: AuthUser): Promise<void> {
    const region = await this.organisation.findRegionOrFail(provinceId);
    if (region.level !== 'province') throw badField('provinceId', '提醒规则按省设置 (reminder rules are set per province)');
    if (user.role !== 'admin' && user.provinceId !== provinceId) throw new ForbiddenException('只能查看或设置本省的提醒规则 (only your own province)');
  }

  async get(provinceId: string, user: AuthUser): Promise<ReminderConfigView> {
    await this.requireProvince(provinceId, user);
    const own = (await this.all()).get(provinceId);
    return { provinceId, custom: own !== undefined, ...(own ?? this.settings.defaults) };
  }

  async put(provinceId: string, dto: ReminderConfigDto, user: AuthUser): Promise<ReminderConfigView> {
    await this.requireProvince(provinceId, user);
    let config: ReminderConfig;
    try {
      config = validateReminderConfig({ offsets: dto.offsets, ladder: dto.ladder });
    } catch (e) {
      if (e instanceof ReminderConfigError) throw badField(e.field, e.message);
      throw e;
    }
    await this.dataSource.transaction(async (m) => {
      const [before]: { offsets: number[]; ladder: unknown }[] = await m.query('SELECT offsets, ladder FROM reminder_setting WHERE province_id = $1', [provinceId]);
      await m.query(
        `INSERT INTO reminder_setting (province_id, offsets, ladder, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (province_id) DO UPDATE SET offsets = EXCLUDED.offsets, ladder = EXCLUDED.ladder, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [provinceId, config.offsets, JSON.stringify(config.ladder), user.id],
      );
      await this.audit.record(m, { actor: user, entityType: 'region', entityId: provinceId, action: 'reminder_config', before: before ?? null, after: config });
    });
    return { provinceId, custom: true, ...config };
  }
}
