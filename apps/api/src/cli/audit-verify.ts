// npm run audit:verify — walks the audit table's SM3 hash chain and reports the first broken link (exit 1), or that
// the chain is whole (exit 0). Read only; run it against production's DATABASE_URL, e.g. from cron, and keep the
// head hash it prints somewhere else (a printout, another system): that pins the chain as it stood (README 安全).
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuditChainService, AuditModule } from '#libs/audit';
import { DatabaseModule } from '#libs/database';

@Module({ imports: [DatabaseModule, AuditModule] })
class AuditVerifyModule {}

const asJson = process.argv.includes('--json');
const app = await NestFactory.createApplicationContext(AuditVerifyModule, { logger: ['error'] });
try {
  const report = await app.get(AuditChainService).verify();
  if (asJson) console.log(JSON.stringify(report, null, 2));
  else if (report.broken) {
    console.log(`审计哈希链断开：第 ${report.broken.seq} 号链接，记录 ${report.broken.eventId}（${report.broken.at.toISOString()}）：${report.broken.reason}`);
    console.log(`此前 ${report.checked} 条链接完好。`);
  } else {
    console.log(report.headSeq === null ? '审计哈希链为空。' : `审计哈希链完好：第 ${report.firstSeq}–${report.headSeq} 号共 ${report.checked} 条链接，最新哈希 ${report.headHash}`);
  }
  if (!asJson && report.unsealed > 0) console.log(`尚有 ${report.unsealed} 条记录未入链（最早 ${report.oldestUnsealed?.toISOString()}），由 worker 的审计封存任务处理。`);
  process.exitCode = report.ok ? 0 : 1;
} finally {
  await app.close();
}
