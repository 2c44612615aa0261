import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';

interface PgError {
  code?: string;
  detail?: string;
  constraint?: string;
}

// Sentences for constraints a user can hit; the rest get a generic conflict message.
const CONSTRAINT_MESSAGES: Record<string, string> = {
  uq_policy_document_doc_number: '该文号的文件已存在 (a document with this docNumber already exists)',
  uq_reform_item_batch_seq: '该批次中已有相同序号的改革事项 (this batch already has an item with this seq)',
  uq_task_item_region: '该改革事项在本省已有任务 (this item already has a task in this province)',
  uq_user_username: '用户名已存在 (username already taken)',
  uq_region_code: '行政区划代码已存在 (region code already exists)',
  uq_department_name_region: '该地区已有同名部门 (a department with this name already exists in this region)',
  uq_batch_document_name: '该文件下已有同名批次 (this document already has a batch with this name)',
  uq_progress_report_task_period: '该任务本季度已有进展报告，请修改原报告 (a report for this task and period already exists: edit it instead)',
  uq_progress_contribution_report_department: '本部门已填写该报告的进展，请修改原内容 (your department has already added its part to this report)',
  uq_rollout_task_region: '该任务在该地区已有承接落实记录 (this task already has a rollout in this region)',
  uq_task_completion_pending: '该任务已有待核验的销号申请 (a completion for this task is already awaiting verification)',
};

// Seconds a client is told to wait when the database cannot be reached: long enough for a restart or a failover.
export const DATABASE_RETRY_AFTER_SECONDS = 10;

// Errors that say the database cannot be reached or will not take the query now, not that the query was wrong:
// sockets refused, reset or timed out; pg's pool timing out or ended (at shutdown); PostgreSQL's connection exceptions
// (class 08), shutdowns and restarts (57P01 admin, 57P02 crash, 57P03 cannot connect now) and too many connections.
const UNAVAILABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|08...|57P0[123]|53300)$/;
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)/i;

/** Whether an error, or one it wraps (TypeORM's driverError, a cause, an AggregateError's errors), is the database being unavailable. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === 'string' && UNAVAILABLE_CODES.test(e.code)) return true;
  if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((x) => x !== error && isDatabaseUnavailable(x, depth + 1));
}

/** One filter for every error: 4xx pass through with their field messages, database conflicts become 409, 5xx are logged with an id. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      // Not a fault of this request or of the code: no error id, no stack, and the client may simply try again.
      this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: `数据库暂时不可用，请 ${DATABASE_RETRY_AFTER_SECONDS} 秒后重试 (the database is unavailable: retry later)` });
      return;
    }
    const { status, body } = this.describe(exception);
    if (status >= 500) {
      const errorId = randomUUID();
      this.logger.error(`${errorId} ${exception instanceof Error ? exception.stack : String(exception)}`);
      res.status(status).json({ statusCode: status, error: 'Internal Server Error', message: '服务器内部错误，请联系管理员 (internal error)', errorId });
      return;
    }
    res.status(status).json(body);
  }

  private describe(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const body = typeof response === 'string' ? { statusCode: status, message: response } : (response as Record<string, unknown>);
      if (Array.isArray(body.message)) body.message = body.message.join('; ');
      return { status, body: { statusCode: status, error: HttpStatus[status] ?? 'Error', ...body } };
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as PgError;
      if (pg.code === '23505') {
        const message = (pg.constraint && CONSTRAINT_MESSAGES[pg.constraint]) ?? '与已有数据冲突 (conflicts with an existing record)';
        return { status: 409, body: { statusCode: 409, error: 'Conflict', message } };
      }
      // 22021: a NUL byte in text; 22P05: \u0000 in jsonb. TextIntegrityPipe refuses them first, naming the field;
      // this answers any path it does not see (a value built from a header, say) with the same 400 rather than a 500.
      if (pg.code === '22021' || pg.code === '22P05') {
        return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: '提交的内容含有无效字符（NUL 空字符 U+0000），请删除后重试 (the request contains a NUL character)' } };
      }
      if (pg.code === '23503') {
        return { status: 409, body: { statusCode: 409, error: 'Conflict', message: '引用的数据不存在或仍被引用 (a referenced record is missing or still in use)' } };
      }
    }
    const bodyParser = exception as { type?: string; status?: number };
    if (bodyParser?.type === 'entity.parse.failed') {
      return { status: 400, body: { statusCode: 400, error: 'Bad Request', message: '请求体不是合法的 JSON (malformed JSON body)' } };
    }
    if (bodyParser?.type === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, error: 'Payload Too Large', message: '请求体过大 (request body too large)' } };
    }
    return { status: 500, body: {} };
  }
}
