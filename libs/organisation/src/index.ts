export * from './organisation.module.js';
export * from './organisation.service.js';
export * from './dto/region.dto.js';
export * from './dto/department.dto.js';
export * from './dto/organisation-view.dto.js';
export { Region, type RegionLevel } from './entities/region.entity.js';
export { Department, type DepartmentLevel } from './entities/department.entity.js';
