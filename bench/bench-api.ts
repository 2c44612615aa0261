import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Roles } from '#libs/auth';
import { appConfig } from '#libs/common';
import { TransitionDto } from '#libs/tasks';
import { AppModule } from '../apps/api/src/app.module.js';
import { configureApp } from '../apps/api/src/configure-app.js';

/**
 * The floor for write throughput: a route on the same app that passes the same auth guard, roles guard and
 * validation pipe with the same DTO, and then does nothing. The bench compares transitions against it.
 */
@Controller('bench')
class BenchFloorController {
  @Post('noop')
  @HttpCode(200)
  @Roles('coordinator', 'department')
  noop(@Body() dto: TransitionDto): { to: string } {
    return { to: dto.to };
  }
}

@Module({ imports: [AppModule], controllers: [BenchFloorController] })
class BenchAppModule {}

const app = configureApp(await NestFactory.create(BenchAppModule, { logger: ['error', 'warn'] }));
await app.listen(appConfig().PORT, '127.0.0.1');
console.log(`bench api listening on ${appConfig().PORT}`);
