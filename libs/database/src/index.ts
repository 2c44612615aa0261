export * from './database.module.js';
export * from './data-source-options.js';
export * from './migrate.js';
export * from './prepared-query.js';
