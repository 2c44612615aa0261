import { Global, Module } from '@nestjs/common';
import { appConfig } from '../config/app-config.js';
import { Clock, FixedClock, SystemClock } from './clock.js';

/** Provides the Clock everywhere; FTZ_FIXED_NOW pins it for demos, tests override the provider. */
@Global()
@Module({
  providers: [{ provide: Clock, useFactory: () => (appConfig().FTZ_FIXED_NOW ? new FixedClock(new Date(appConfig().FTZ_FIXED_NOW!)) : new SystemClock()) }],
  exports: [Clock],
})
export class ClockModule {}
