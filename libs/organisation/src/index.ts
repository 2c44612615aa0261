export * from './organisation.module.js';
export * from './organisation.service.js';
export * from './dto/region.dto.js';
export * from './dto/department.dto.js';
export * from './dto/organisation-view.dto.js';
export { Region, type RegionLevel } from './entities/region.entity.js';
export { Department, type DepartmentLevel } from './entities/department.entity.js';
export * from './dto/zone.dto.js';
export { Zone, ZONE_KINDS, ZONE_KIND_LABELS, type ZoneKind } from './entities/zone.entity.js';
