import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { parsePeriod, periodLabel, periodOf, previousPeriod, type Period } from '#libs/calendar';
import { Clock, type AuthUser } from '#libs/common';
import { OrganisationService } from '#libs/organisation';
import { TASK_STATUSES, TASK_STATUS_LABELS, type TaskStatus } from '#libs/tasks';
import { DashboardCache } from './dashboard-cache.js';
import {
  DashboardQueries,
  type BatchFigures,
  type DashboardScope,
  type DepartmentFigures,
  type DomainFigures,
  type Figures,
  type QuarterEndFigures,
  type RegionFigures,
  type TrafficLightItem,
} from './dashboard.queries.js';
import type { DashboardFilterDto, TrafficLight, TrafficLightQueryDto, TrendQueryDto } from './dto/dashboard-filter.dto.js';

export const TRAFFIC_LIGHT_LABELS: Record<TrafficLight, string> = { red: '逾期', yellow: '临期', green: '正常' };

/** What every answer says about the figures it gives: whose, filtered how, as of when. */
export type ScopeView = Omit<DashboardScope, 'period'> & { period: string; periodLabel: string };

export interface SummaryView extends Figures {
  scope: ScopeView;
  notApplicable: number;
  reportsMissing: number;
  /** 待确认: tasks whose applicability waits for the coordinator. */
  pendingDecision: number;
  byStatus: { status: TaskStatus; label: string; count: number }[];
  byBatch: BatchFigures[];
}

export interface TrendPoint extends QuarterEndFigures {
  period: string;
  label: string;
  completionRate: number | null;
  /** snapshot: frozen at the quarter's end; live: the current quarter, computed now. */
  source: 'snapshot' | 'live';
}

function badField(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors: [{ field, messages: [message] }] });
}

@Injectable()
export class DashboardsService {
  constructor(
    private readonly queries: DashboardQueries,
    private readonly cache: DashboardCache,
    private readonly organisation: OrganisationService,
    private readonly clock: Clock,
  ) {}

  /**
   * Turns filters and the caller into a scope: everyone sees their own province (a city user too, as tasks are
   * provincial); regionId may name the province or one of its cities; admins have no province and must name one.
   */
  async resolveScope(filters: DashboardFilterDto, user: AuthUser): Promise<DashboardScope> {
    const today = this.clock.today();
    const period = filters.period ? parsePeriod(filters.period) : periodOf(today);
    if (period.start > today) throw badField('period', `period ${period.key} has not started yet (不能选择未来的季度)`);
    let provinceId = user.role === 'admin' ? null : user.provinceId;
    let city: { id: string; name: string } | null = null;
    if (filters.regionId) {
      const region = await this.organisation.findRegionOrFail(filters.regionId);
      if (region.level === 'city') city = { id: region.id, name: region.name };
      else if (region.level !== 'province') throw badField('regionId', 'regionId must be a province or a city (省或地市)');
      const regionProvince = region.level === 'city' ? region.parentId : region.id;
      if (provinceId && regionProvince !== provinceId) throw new ForbiddenException('只能查看本省的统计 (you can only see your own province)');
      provinceId = regionProvince;
    }
    if (!provinceId) {
      if (user.role === 'admin') throw badField('regionId', 'regionId is required for administrators (管理员须指定省份)');
      throw new ForbiddenException('账号未关联省份，无法查看统计 (your account belongs to no province)');
    }
    // The caller's own province came with their login; only another one (an admin's choice) is looked up.
    const provinceName = provinceId === user.provinceId && user.provinceName ? user.provinceName : (await this.organisation.findRegionOrFail(provinceId)).name;
    return {
      provinceId,
      provinceName,
      cityId: city?.id ?? null,
      cityName: city?.name ?? null,
      batchId: filters.batchId ?? null,
      domain: filters.domain ?? null,
      departmentId: filters.departmentId ?? null,
      period,
      today,
    };
  }

  async summary(filters: DashboardFilterDto, user: AuthUser): Promise<SummaryView> {
    const scope = await this.resolveScope(filters, user);
    return this.cache.get(cacheKey('summary', scope), async () => {
      const [{ reportsMissing, pendingDecision, ...headline }, statuses, byBatch] = await Promise.all([this.queries.headline(scope), this.queries.statusCounts(scope), this.queries.batches(scope)]);
      const counts = new Map(statuses.map((s) => [s.status, s.count]));
      return {
        scope: scopeView(scope),
        ...headline,
        notApplicable: headline.total - headline.applicable,
        reportsMissing,
        pendingDecision,
        byStatus: TASK_STATUSES.map((status) => ({ status, label: TASK_STATUS_LABELS[status], count: counts.get(status) ?? 0 })),
        byBatch,
      };
    });
  }

  async departments(filters: DashboardFilterDto, user: AuthUser): Promise<{ scope: ScopeView; items: DepartmentFigures[] }> {
    return this.figuresPerRow('departments', filters, user, (scope) => this.queries.departments(scope));
  }

  async regions(filters: DashboardFilterDto, user: AuthUser): Promise<{ scope: ScopeView; items: RegionFigures[] }> {
    return this.figuresPerRow('regions', filters, user, (scope) => this.queries.regions(scope));
  }

  async domains(filters: DashboardFilterDto, user: AuthUser): Promise<{ scope: ScopeView; items: DomainFigures[] }> {
    return this.figuresPerRow('domains', filters, user, (scope) => this.queries.domains(scope));
  }

  /** The answer of the endpoints that list one row of figures per department, region or domain. */
  private async figuresPerRow<T>(endpoint: string, filters: DashboardFilterDto, user: AuthUser, load: (scope: DashboardScope) => Promise<T[]>): Promise<{ scope: ScopeView; items: T[] }> {
    const scope = await this.resolveScope(filters, user);
    return this.cache.get(cacheKey(endpoint, scope), async () => ({ scope: scopeView(scope), items: await load(scope) }));
  }

  async trafficLights(query: TrafficLightQueryDto, user: AuthUser) {
    const scope = await this.resolveScope(query, user);
    return this.cache.get(cacheKey('traffic-lights', scope, query.light ?? null), async () => {
      const [counts, items] = await Promise.all([this.queries.trafficLightCounts(scope), this.queries.trafficLightItems(scope, query.light ?? null)]);
      return {
        scope: scopeView(scope),
        counts,
        labels: TRAFFIC_LIGHT_LABELS,
        items: items.map((i: TrafficLightItem) => ({ ...i, lightLabel: TRAFFIC_LIGHT_LABELS[i.light], statusLabel: TASK_STATUS_LABELS[i.status] })),
      };
    });
  }

  /**
   * The last `quarters` quarters up to the period. Past quarters are read from quarter_snapshot; one that has no
   * snapshot yet for these filters is computed as at its end and frozen on this first request. The current quarter
   * is live and never stored.
   */
  async trend(query: TrendQueryDto, user: AuthUser): Promise<{ scope: ScopeView; points: TrendPoint[] }> {
    const scope = await this.resolveScope(query, user);
    return this.cache.get(cacheKey('trend', scope, query.quarters), () => this.computeTrend(scope, query.quarters));
  }

  private async computeTrend(scope: DashboardScope, quarters: number): Promise<{ scope: ScopeView; points: TrendPoint[] }> {
    const current = periodOf(scope.today);
    const periods: Period[] = [scope.period];
    while (periods.length < quarters) periods.unshift(previousPeriod(periods[0]));
    const past = periods.filter((p) => p.key !== current.key);
    const key = filterKey(scope);
    // The frozen quarters and the live one are independent reads: both go out at once.
    const [snapshots, live] = await Promise.all([
      this.queries.snapshots(scope.provinceId, key, past.map((p) => p.key)),
      periods.some((p) => p.key === current.key) ? this.queries.headline(scope) : null,
    ]);
    const stored = new Map(snapshots.map((s) => [s.period, s]));
    const missing = past.filter((p) => !stored.has(p.key));
    if (missing.length) {
      for (const p of missing) await this.snapshotQuarter(scope, p);
      for (const s of await this.queries.snapshots(scope.provinceId, key, missing.map((p) => p.key))) stored.set(s.period, s);
    }
    const points = periods.map((p): TrendPoint => {
      const f = p.key === current.key ? live! : stored.get(p.key)!;
      const figures = { total: f.total, applicable: f.applicable, closed: f.closed, overdue: f.overdue, completionRate: f.completionRate };
      return { period: p.key, label: periodLabel(p), ...figures, source: p.key === current.key ? 'live' : 'snapshot' };
    });
    return { scope: scopeView(scope), points };
  }

  /**
   * The worker's quarter-end job: freezes the quarter that just ended for every province with tasks (whole-province
   * figures; filtered combinations are frozen on first request). Re-running it changes nothing.
   */
  async snapshotEndedQuarter(): Promise<{ period: string; provinces: number }> {
    const today = this.clock.today();
    const period = previousPeriod(periodOf(today));
    const provinces = await this.queries.provincesWithTasks();
    for (const province of provinces) {
      const scope: DashboardScope = { provinceId: province.id, provinceName: province.name, cityId: null, cityName: null, batchId: null, domain: null, departmentId: null, period, today };
      await this.snapshotQuarter(scope, period);
    }
    return { period: period.key, provinces: provinces.length };
  }

  /** Freezes a finished quarter's figures for a scope; a no-op when already frozen. */
  async snapshotQuarter(scope: DashboardScope, period: Period): Promise<void> {
    if (period.end >= scope.today) throw new RangeError(`quarter ${period.key} has not ended on ${scope.today}`);
    await this.queries.saveSnapshot(scope.provinceId, filterKey(scope), period.key, await this.queries.quarterEndFigures(scope, period));
  }
}

/** One answer per endpoint, scope (the caller's province, filters, period and today) and endpoint option. */
function cacheKey(endpoint: string, scope: DashboardScope, option: unknown = null): string {
  return JSON.stringify([endpoint, scope.provinceId, scope.cityId, scope.batchId, scope.domain, scope.departmentId, scope.period.key, scope.today, option]);
}

function scopeView({ period, ...rest }: DashboardScope): ScopeView {
  return { ...rest, period: period.key, periodLabel: periodLabel(period) };
}

/** Snapshots are kept per filter combination; '' is the whole province. Key order is fixed so equal filters share rows. */
export function filterKey(s: Pick<DashboardScope, 'cityId' | 'batchId' | 'domain' | 'departmentId'>): string {
  const parts = [
    ['batch', s.batchId],
    ['city', s.cityId],
    ['department', s.departmentId],
    ['domain', s.domain],
  ].filter(([, v]) => v);
  return parts.map(([k, v]) => `${k}=${v}`).join('&');
}

