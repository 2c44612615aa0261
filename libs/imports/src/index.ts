export * from './imports.module.js';
export * from './imports.service.js';
export * from './import-file.interceptor.js';
export * from './import-body.decorator.js';
export * from './import-template.js';
export * from './dto/import-request.dto.js';
export * from './dto/import-result.dto.js';
export { ImportRecord, IMPORT_FORMATS, type ImportFormat } from './entities/import-record.entity.js';
export { type RowProblem } from './import-table.js';
