export * from './tasks.module.js';
export * from './tasks.service.js';
export * from './dto/task.dto.js';
export * from './dto/task-view.dto.js';
export * from './task.view.js';
export * from './rules/task-status.machine.js';
export * from './rules/task-access.policy.js';
export { Task, TASK_DEADLINE_KINDS, TASK_DEADLINE_KIND_LABELS, type TaskDeadlineKind } from './entities/task.entity.js';
export { Milestone } from './entities/milestone.entity.js';
