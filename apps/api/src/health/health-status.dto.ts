import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { QueueLagDto } from '#libs/queue';
import { DeliveryBacklogDto } from '#libs/reminders';

/** GET /health, both when healthy (200) and not (503). */
@ApiExtraModels(QueueLagDto)
export class HealthStatusDto {
  @ApiProperty({ enum: ['ok', 'error'], description: '总体状态：数据库与 Redis 都正常为 ok' }) status: 'ok' | 'error';
  @ApiProperty({ enum: ['up', 'down'], description: '数据库' }) db: 'up' | 'down';
  @ApiProperty({ enum: ['up', 'down'], description: 'Redis' }) redis: 'up' | 'down';
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(QueueLagDto) },
    nullable: true,
    description: '各队列积压（仅供参考，不影响健康状态）；Redis 不可用或 1 秒内未取得时为空',
  })
  queues: Record<string, QueueLagDto> | null;
  @ApiProperty({
    type: DeliveryBacklogDto,
    nullable: true,
    description: '待发送过久的投递（仅供监控告警，不影响健康状态：重启 api 无法解决投递积压）；数据库不可用或 1 秒内未取得时为空',
  })
  deliveries: DeliveryBacklogDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '各检查项详情（@nestjs/terminus）' }) details: Record<string, unknown>;
}
