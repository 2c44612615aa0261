export * from './redis-options.js';
export * from './queue-names.js';
export * from './queue-root.module.js';
export * from './jobs.js';
export * from './queue-monitor.js';
export * from './queues.module.js';
export * from './dto/queue-stats.dto.js';
export * from './redis-durability.js';
