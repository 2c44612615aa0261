export * from './ledger.module.js';
export * from './ledger.service.js';
