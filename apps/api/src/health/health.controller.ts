import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '#libs/auth';
import { QueueMonitor } from '#libs/queue';
import { DeliveryReconciler } from '#libs/reminders';
import { HealthStatusDto } from './health-status.dto.js';
import { RedisHealthIndicator } from './redis.health.js';

type Part = 'up' | 'down';

@ApiTags('health 健康检查')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueueMonitor,
    private readonly deliveries: DeliveryReconciler,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '服务健康状态 (database and Redis)' })
  @ApiOkResponse({ type: HealthStatusDto, description: '数据库与 Redis 均正常', example: { status: 'ok', db: 'up', redis: 'up', queues: { reminders: { waiting: 0, delayed: 0, failed: 0, lagMs: 0 } }, deliveries: { stuck: 0, oldestPendingSeconds: 0, stuckAfterSeconds: 1800 } } })
  @ApiServiceUnavailableResponse({ type: HealthStatusDto, description: '数据库或 Redis 不可用', example: { status: 'error', db: 'up', redis: 'down', queues: null, deliveries: { stuck: 3, oldestPendingSeconds: 2400, stuckAfterSeconds: 1800 } } })
  async check(@Res({ passthrough: true }) res: Response): Promise<Record<string, unknown>> {
    let result: HealthCheckResult;
    try {
      result = await this.health.check([() => this.db.pingCheck('db', { timeout: 1500 }), () => this.redis.isHealthy('redis')]);
    } catch (e) {
      if (!(e instanceof ServiceUnavailableException)) throw e;
      result = e.getResponse() as HealthCheckResult;
      res.status(503);
    }
    const part = (key: string): Part => (result.details[key]?.status === 'up' ? 'up' : 'down');
    const [queues, deliveries] = await Promise.all([
      part('redis') === 'up' ? within(1000, () => this.queues.lag()) : null,
      part('db') === 'up' ? within(1000, () => this.deliveries.backlog()) : null,
    ]);
    return { status: result.status === 'ok' ? 'ok' : 'error', db: part('db'), redis: part('redis'), queues, deliveries, details: result.details };
  }
}

/**
 * Queue lag and stuck deliveries are informative, not health conditions: /health is the api's liveness probe, and
 * a backlog is not an outage of the api — restarting it would send nothing sooner. Bounded so /health stays fast.
 */
async function within<T>(ms: number, read: () => Promise<T>): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([read().catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
