export * from './audit.module.js';
export * from './audit.service.js';
export * from './audit-chain.service.js';
export * from './audit-log.service.js';
export * from './dto/audit-event-view.dto.js';
export * from './dto/audit-log.dto.js';
export * from './audited-commits.js';
