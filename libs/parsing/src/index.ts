export * from './normalise.js';
export * from './dates.js';
export * from './deadline.js';
export * from './departments.js';
export * from './scope.js';
export * from './applicability.js';
export * from './import-columns.js';
