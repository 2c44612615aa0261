export * from './catalog.module.js';
export * from './catalog.service.js';
export * from './dto/document.dto.js';
export * from './dto/batch.dto.js';
export * from './dto/reform-item.dto.js';
export * from './dto/catalog-view.dto.js';
export { PolicyDocument } from './entities/policy-document.entity.js';
export { Batch, BATCH_KINDS, BATCH_KIND_LABELS, type BatchKind } from './entities/batch.entity.js';
export { ReformItem, type StoredScope } from './entities/reform-item.entity.js';
