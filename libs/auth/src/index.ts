export * from './auth.module.js';
export * from './auth.service.js';
export * from './users.service.js';
export * from './decorators.js';
export * from './dto/auth.dto.js';
export * from './guards/login-rate-limit.guard.js';
export * from './guards/roles.guard.js';
export * from './guards/auth.guard.js';
