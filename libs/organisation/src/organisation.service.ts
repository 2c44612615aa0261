import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, ILike, In, IsNull, Repository, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, definedOnly, pageOf, type AuthUser, type Page } from '#libs/common';
import { queryPrepared } from '#libs/database';
import { Gazetteer, type GazetteerRegion, type GazetteerZone } from '#libs/parsing';
import type { CreateDepartmentDto, DepartmentQueryDto, UpdateDepartmentDto } from './dto/department.dto.js';
import type { CreateRegionDto, RegionQueryDto, UpdateRegionDto } from './dto/region.dto.js';
import { Department, type DepartmentLevel } from './entities/department.entity.js';
import { Region } from './entities/region.entity.js';
import { Zone } from './entities/zone.entity.js';
import type { ZoneQueryDto } from './dto/zone.dto.js';

const REGION_BY_ID = `
  SELECT id, code, name, short_name AS "shortName", aliases, level, parent_id AS "parentId", coastal, has_ftz AS "hasFtz",
         has_special_customs_zone AS "hasSpecialCustomsZone", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM region WHERE id = $1`;

/** A new department with its region decided (null for a national ministry). */
type PlacedDepartment = Omit<CreateDepartmentDto, 'regionId'> & { regionId: string | null };

@Injectable()
export class OrganisationService {
  private cachedGazetteer: { version: string; gazetteer: Gazetteer } | null = null;

  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectRepository(Zone) private readonly zones: Repository<Zone>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Regions by level, parent and name: `q` matches the full name, the short name or an alias (大连, 内蒙古, 恩施州). */
  async listRegions(query: RegionQueryDto): Promise<Page<Region>> {
    const qb = this.regions.createQueryBuilder('r').orderBy('r.code', 'ASC');
    if (query.level) qb.andWhere('r.level = :level', { level: query.level });
    if (query.parentId) qb.andWhere('r.parent_id = :parentId', { parentId: query.parentId });
    if (query.q) {
      qb.andWhere(`(r.name ILIKE :q OR r.short_name ILIKE :q OR array_to_string(r.aliases, ' ') ILIKE :q)`, { q: `%${query.q}%` });
      // An exact name first: 大连 lists 大连市 before 大连湾里… and 吉林 the province before the city.
      qb.orderBy(`(r.name = :exact OR r.short_name = :exact OR :exact = ANY(r.aliases))`, 'DESC').addOrderBy('r.code', 'ASC').setParameter('exact', query.q);
    }
    const [items, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return pageOf(items, total, query);
  }

  /** Zones (FTZ areas, special customs zones, new areas, groups), each with the region it lies in. */
  async listZones(query: ZoneQueryDto): Promise<Page<Zone & { region: Pick<Region, 'id' | 'code' | 'name' | 'level'> | null }>> {
    const qb = this.zones.createQueryBuilder('z').orderBy('z.kind', 'ASC').addOrderBy('z.name', 'ASC');
    if (query.kind) qb.andWhere('z.kind = :kind', { kind: query.kind });
    if (query.q) qb.andWhere(`(z.name ILIKE :q OR array_to_string(z.aliases, ' ') ILIKE :q)`, { q: `%${query.q}%` });
    if (query.regionId) {
      // A zone lies in the region or below it (a 片区 in a district of the city asked about), or the region is a member.
      qb.andWhere(
        `(z.region_id IN (WITH RECURSIVE down AS (SELECT id FROM region WHERE id = :regionId UNION ALL SELECT r.id FROM region r JOIN down ON r.parent_id = down.id) SELECT id FROM down)
          OR :regionId = ANY(z.member_region_ids))`,
        { regionId: query.regionId },
      );
    }
    const [items, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    const regions = new Map((await this.regions.findBy({ id: In([...new Set(items.map((z) => z.regionId).filter((id): id is string => id !== null))]) })).map((r) => [r.id, r]));
    const withRegion = items.map((z) => {
      const r = z.regionId ? regions.get(z.regionId) : undefined;
      return { ...z, region: r ? { id: r.id, code: r.code, name: r.name, level: r.level } : null };
    });
    return pageOf(withRegion, total, query);
  }

  /**
   * Every name a scope may use, built from the regions and zones in the database. Kept while neither table changed
   * (one cheap statement checks), so a seed or an edit in another process is seen by the next adoption.
   */
  async gazetteer(): Promise<Gazetteer> {
    const [{ version }] = await this.dataSource.query(
      `SELECT concat_ws('/', (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM region), (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') FROM zone)) AS version`,
    );
    const cached = this.cachedGazetteer;
    if (cached && cached.version === version) return cached.gazetteer;
    const regions: GazetteerRegion[] = await this.dataSource.query(
      `SELECT r.code, r.name, r.short_name AS "shortName", r.aliases, r.level, p.code AS "parentCode" FROM region r LEFT JOIN region p ON p.id = r.parent_id`,
    );
    const zones: GazetteerZone[] = await this.dataSource.query(
      `SELECT z.name, z.aliases, z.kind, r.code AS "regionCode", pz.name AS "parentName",
              coalesce((SELECT array_agg(m.code) FROM region m WHERE m.id = ANY(z.member_region_ids)), '{}') AS "memberCodes"
       FROM zone z LEFT JOIN region r ON r.id = z.region_id LEFT JOIN zone pz ON pz.id = z.parent_id`,
    );
    const gazetteer = new Gazetteer(regions, zones);
    this.cachedGazetteer = { version, gazetteer };
    return gazetteer;
  }

  /** Every dashboard request resolves its province through here, hence a prepared statement rather than findOneBy. */
  async findRegionOrFail(id: string): Promise<Region> {
    const [row] = await queryPrepared<Region>(this.dataSource.manager, 'region_by_id', REGION_BY_ID, [id]);
    if (!row) throw new NotFoundException(`行政区不存在 (region ${id} not found)`);
    return Object.assign(new Region(), row);
  }

  /**
   * The province a user asks about by id: 404 when unknown, 400 naming `field` when it is not a province, 403 when it
   * is not the user's own (admins see every province).
   */
  async requireOwnProvince(regionId: string, user: AuthUser, field = 'regionId'): Promise<Region> {
    const region = await this.findRegionOrFail(regionId);
    if (region.level !== 'province') throw badField(field, `${field} 应为省级行政区，${region.name}不是省 (${field} must be a province)`);
    if (user.role !== 'admin' && user.provinceId !== region.id) throw new ForbiddenException('只能查看本省的情况 (you can only see your own province)');
    return region;
  }

  findRegionByCode(code: string): Promise<Region | null> {
    return this.regions.findOneBy({ code });
  }

  citiesOf(provinceId: string): Promise<Region[]> {
    return this.regions.find({ where: { parentId: provinceId, level: 'city' }, order: { code: 'ASC' } });
  }

  /**
   * Where a province's tasks roll out: its direct divisions — the cities, and the counties directly under it
   * (省直辖县级: 济源, 仙桃; every district of a municipality).
   */
  unitsOf(provinceId: string): Promise<Region[]> {
    return this.regions.find({ where: { parentId: provinceId }, order: { code: 'ASC' } });
  }

  /** The province a region belongs to (itself for a province). */
  async provinceIdOf(regionId: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `WITH RECURSIVE up AS (SELECT id, parent_id, level FROM region WHERE id = $1
         UNION ALL SELECT r.id, r.parent_id, r.level FROM region r JOIN up ON r.id = up.parent_id)
       SELECT id FROM up WHERE level = 'province' LIMIT 1`,
      [regionId],
    );
    return rows[0]?.id ?? null;
  }

  async createRegion(dto: CreateRegionDto, actor: AuthUser): Promise<Region> {
    if (dto.parentId) await this.findRegionOrFail(dto.parentId);
    return this.dataSource.transaction(async (m) => {
      const region = await m.save(Region, m.create(Region, { coastal: false, hasFtz: false, hasSpecialCustomsZone: false, shortName: null, aliases: [], parentId: null, ...dto }));
      await this.audit.record(m, { actor, entityType: 'region', entityId: region.id, action: 'create', after: region });
      return region;
    });
  }

  async updateRegion(id: string, dto: UpdateRegionDto, actor: AuthUser): Promise<Region> {
    const before = await this.findRegionOrFail(id);
    if (dto.parentId) {
      if (dto.parentId === id) throw badField('parentId', 'parentId cannot be the region itself');
      await this.findRegionOrFail(dto.parentId);
    }
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(Region, { ...before, ...dto });
      await this.audit.record(m, { actor, entityType: 'region', entityId: id, action: 'update', before, after });
      return after;
    });
  }

  async listDepartments(query: DepartmentQueryDto): Promise<Page<Department>> {
    const qb = this.departments.createQueryBuilder('d').orderBy('d.level', 'ASC').addOrderBy('d.name', 'ASC');
    if (query.level) qb.andWhere('d.level = :level', { level: query.level });
    if (query.regionId) qb.andWhere('d.region_id = :regionId', { regionId: query.regionId });
    // Aliases are searched too: documents still say 工商总局 years after it became 市场监管总局.
    if (query.q) qb.andWhere(`(d.name ILIKE :q OR array_to_string(d.aliases, ' ') ILIKE :q)`, { q: `%${query.q}%` });
    const [items, total] = await qb.skip((query.page - 1) * query.pageSize).take(query.pageSize).getManyAndCount();
    return pageOf(items, total, query);
  }

  async findDepartmentOrFail(id: string): Promise<Department> {
    const department = await this.departments.findOneBy({ id });
    if (!department) throw new NotFoundException(`部门不存在 (department ${id} not found)`);
    return department;
  }

  findDepartmentsByIds(ids: string[]): Promise<Department[]> {
    return ids.length ? this.departments.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  findDepartmentByName(name: string, regionId: string | null): Promise<Department | null> {
    return this.departments.findOneBy({ name, regionId: regionId ?? IsNull() });
  }

  /** A region's departments (its own agencies and central agencies' branches in it); null gives the national ministries. */
  departmentsOfRegion(regionId: string | null): Promise<Department[]> {
    return this.departments.find({ where: { regionId: regionId ?? IsNull() }, order: { name: 'ASC' } });
  }

  /** Admins, and a coordinator for the departments of its own province (its cities' included); national ministries are the admins'. */
  async createDepartment(dto: CreateDepartmentDto, actor: AuthUser | null): Promise<Department> {
    const placed = await this.placeNewDepartment(dto, actor);
    return this.dataSource.transaction((m) => this.insertDepartment(m, placed, actor));
  }

  /**
   * Creates a department inside the caller's transaction (an import mapping an unknown name), under the same rules
   * as createDepartment; the region defaults to the actor's province (national for an admin without one).
   */
  async createDepartmentIn(m: EntityManager, dto: Pick<CreateDepartmentDto, 'name' | 'regionId'>, actor: AuthUser): Promise<Department> {
    const regionId = dto.regionId ?? actor.provinceId ?? undefined;
    const level = regionId ? ((await this.findRegionOrFail(regionId)).level === 'province' ? 'provincial' : 'city') : 'national';
    return this.insertDepartment(m, await this.placeNewDepartment({ name: dto.name, level, regionId }, actor), actor);
  }

  async updateDepartment(id: string, changes: UpdateDepartmentDto, actor: AuthUser | null): Promise<Department> {
    const before = await this.findDepartmentOrFail(id);
    await this.assertCanManageDepartments(actor, before.regionId);
    const dto = definedOnly(changes);
    const after = { ...before, ...dto };
    if (dto.regionId !== undefined || dto.level !== undefined) {
      await this.checkPlacement(after.level, after.regionId);
      await this.assertCanManageDepartments(actor, after.regionId);
    }
    if (dto.name !== undefined || dto.regionId !== undefined) await this.assertNameFree(after.name, after.regionId, id);
    return this.dataSource.transaction(async (m) => {
      const saved = await m.save(Department, after);
      await this.audit.record(m, { actor, entityType: 'department', entityId: id, action: 'update', before, after: saved });
      return saved;
    });
  }

  /**
   * Adds another way of writing a department's name (an import mapping an unknown name to it), inside the caller's
   * transaction, so later imports and matching recognise it. Nothing changes when it is already its name or an alias.
   * A coordinator may do this for national ministries too: its province's tables name them the old ways (工商总局).
   */
  async addDepartmentAlias(m: EntityManager, id: string, alias: string, actor: AuthUser): Promise<Department> {
    const before = await this.findDepartmentOrFail(id);
    if (before.regionId !== null) await this.assertCanManageDepartments(actor, before.regionId);
    if (before.name === alias || before.aliases.includes(alias)) return before;
    const after = await m.save(Department, { ...before, aliases: [...before.aliases, alias] });
    await this.audit.record(m, { actor, entityType: 'department', entityId: id, action: 'add_alias', before, after });
    return after;
  }

  private async placeNewDepartment(dto: CreateDepartmentDto, actor: AuthUser | null): Promise<PlacedDepartment> {
    // A coordinator files departments under its province unless it names one of its cities.
    const regionId = dto.regionId ?? (actor?.role === 'coordinator' && dto.level !== 'national' ? actor.provinceId : null) ?? null;
    await this.checkPlacement(dto.level, regionId);
    await this.assertCanManageDepartments(actor, regionId);
    await this.assertNameFree(dto.name, regionId);
    return { ...dto, regionId };
  }

  private async insertDepartment(m: EntityManager, dto: PlacedDepartment, actor: AuthUser | null): Promise<Department> {
    const department = await m.save(Department, m.create(Department, { aliases: [], ...dto }));
    await this.audit.record(m, { actor, entityType: 'department', entityId: department.id, action: 'create', after: department });
    return department;
  }

  /** National ministries have no region; provincial departments belong to a province; city departments to a city or county. */
  private async checkPlacement(level: DepartmentLevel, regionId: string | null): Promise<void> {
    if (level === 'national') {
      if (regionId) throw badField('regionId', '国家部委不属于任何行政区，regionId 应为空 (a national department has no region)');
      return;
    }
    if (!regionId) throw badField('regionId', '省直部门和市级部门须选择所属行政区 (regionId is required for a provincial or city department)');
    const region = await this.findRegionOrFail(regionId);
    if (level === 'provincial' && region.level !== 'province') throw badField('regionId', `省直部门应属于省级行政区，${region.name}不是省 (a provincial department belongs to a province)`);
    if (level === 'city' && region.level === 'province') throw badField('regionId', `市级部门应属于市或区县，${region.name}是省 (a city department belongs to a city or county)`);
  }

  private async assertCanManageDepartments(actor: AuthUser | null, regionId: string | null): Promise<void> {
    if (!actor || actor.role === 'admin') return;
    if (regionId === null) throw new ForbiddenException('国家部委的信息只能由系统管理员维护 (only admins maintain national departments)');
    if (actor.role !== 'coordinator' || !actor.provinceId || (await this.provinceIdOf(regionId)) !== actor.provinceId) {
      throw new ForbiddenException('只能维护本省的部门 (you can only maintain departments of your own province)');
    }
  }

  // Checked first to name the department; the unique index still decides a race (409 from the exception filter).
  private async assertNameFree(name: string, regionId: string | null, exceptId?: string): Promise<void> {
    const same = await this.departments.findOneBy({ name, regionId: regionId ?? IsNull() });
    if (same && same.id !== exceptId) throw new ConflictException(`该地区已有名为“${name}”的部门，请勿重复登记 (a department with this name already exists in this region)`);
  }
}
