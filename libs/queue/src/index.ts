export * from './redis-options.js';
export * from './queue-names.js';
export * from './queue-root.module.js';
