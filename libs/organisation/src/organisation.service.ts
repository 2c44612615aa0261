import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, ILike, In, IsNull, Repository, type FindOptionsWhere } from 'typeorm';
import { AuditService } from '#libs/audit';
import { badField, pageOf, type AuthUser, type Page } from '#libs/common';
import { queryPrepared } from '#libs/database';
import type { CreateDepartmentDto, DepartmentQueryDto, UpdateDepartmentDto } from './dto/department.dto.js';
import type { CreateRegionDto, RegionQueryDto, UpdateRegionDto } from './dto/region.dto.js';
import { Department } from './entities/department.entity.js';
import { Region } from './entities/region.entity.js';

const REGION_BY_ID = `
  SELECT id, code, name, short_name AS "shortName", level, parent_id AS "parentId", coastal, has_ftz AS "hasFtz",
         has_special_customs_zone AS "hasSpecialCustomsZone", created_at AS "createdAt", updated_at AS "updatedAt"
  FROM region WHERE id = $1`;

@Injectable()
export class OrganisationService {
  constructor(
    @InjectRepository(Region) private readonly regions: Repository<Region>,
    @InjectRepository(Department) private readonly departments: Repository<Department>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async listRegions(query: RegionQueryDto): Promise<Page<Region>> {
    const where: FindOptionsWhere<Region> = {};
    if (query.level) where.level = query.level;
    if (query.parentId) where.parentId = query.parentId;
    if (query.q) where.name = ILike(`%${query.q}%`);
    const [items, total] = await this.regions.findAndCount({ where, order: { code: 'ASC' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
    return pageOf(items, total, query);
  }

  /** Every dashboard request resolves its province through here, hence a prepared statement rather than findOneBy. */
  async findRegionOrFail(id: string): Promise<Region> {
    const [row] = await queryPrepared<Region>(this.dataSource.manager, 'region_by_id', REGION_BY_ID, [id]);
    if (!row) throw new NotFoundException(`行政区不存在 (region ${id} not found)`);
    return Object.assign(new Region(), row);
  }

  findRegionByCode(code: string): Promise<Region | null> {
    return this.regions.findOneBy({ code });
  }

  citiesOf(provinceId: string): Promise<Region[]> {
    return this.regions.find({ where: { parentId: provinceId, level: 'city' }, order: { code: 'ASC' } });
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
      const region = await m.save(Region, m.create(Region, { coastal: false, hasFtz: false, hasSpecialCustomsZone: false, shortName: null, parentId: null, ...dto }));
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

  async createDepartment(dto: CreateDepartmentDto, actor: AuthUser): Promise<Department> {
    if (dto.regionId) await this.findRegionOrFail(dto.regionId);
    return this.dataSource.transaction(async (m) => {
      const department = await m.save(Department, m.create(Department, { aliases: [], regionId: null, ...dto }));
      await this.audit.record(m, { actor, entityType: 'department', entityId: department.id, action: 'create', after: department });
      return department;
    });
  }

  async updateDepartment(id: string, dto: UpdateDepartmentDto, actor: AuthUser): Promise<Department> {
    const before = await this.findDepartmentOrFail(id);
    if (dto.regionId) await this.findRegionOrFail(dto.regionId);
    return this.dataSource.transaction(async (m) => {
      const after = await m.save(Department, { ...before, ...dto });
      await this.audit.record(m, { actor, entityType: 'department', entityId: id, action: 'update', before, after });
      return after;
    });
  }
}
