import { HttpException, HttpStatus, Injectable, type CanActivate, type ExecutionContext, type OnModuleDestroy } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Redis } from 'ioredis';
import { appConfig } from '#libs/common';
import { redisOptions } from '#libs/queue';

export const LOGIN_ATTEMPTS_PER_WINDOW = 10;
export const LOGIN_WINDOW_SECONDS = 60;

/**
 * Counts login attempts per client address and username in Redis, so the limit holds across api instances
 * and one office behind a NAT does not lock out its colleagues.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate, OnModuleDestroy {
  private readonly redis = new Redis(redisOptions(appConfig().REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 }));

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    const username = typeof req.body?.username === 'string' ? req.body.username.slice(0, 64) : '';
    const key = `${appConfig().QUEUE_PREFIX}:login-attempts:${req.ip}:${username}`;
    const [[, attempts], [, ttl]] = (await this.redis.multi().incr(key).expire(key, LOGIN_WINDOW_SECONDS, 'NX').ttl(key).exec()) as [[null, number], [null, number], [null, number]];
    if (attempts > LOGIN_ATTEMPTS_PER_WINDOW) {
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(ttl));
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: `登录尝试过于频繁，请 ${ttl} 秒后再试 (too many login attempts, retry in ${ttl}s)` },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
