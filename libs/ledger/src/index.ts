export * from './ledger.module.js';
export * from './ledger.service.js';
export * from './dto/ledger-export-query.dto.js';
