export * from './rollout.module.js';
export * from './rollout.service.js';
export * from './rollout.view.js';
export * from './dto/rollout.dto.js';
export * from './dto/rollout-view.dto.js';
export * from './rules/rollout-change.js';
export * from './rules/rollout-access.policy.js';
export { Rollout } from './entities/rollout.entity.js';
export type { RolloutMatrix } from './rollout-matrix.query.js';
