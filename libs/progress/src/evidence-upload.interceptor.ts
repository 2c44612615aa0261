import { Injectable, PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor, type Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { appConfig } from '#libs/common';

const MulterSingleFile: Type<NestInterceptor> = FileInterceptor('file', {
  // In memory: the type is checked on the bytes before anything touches the disk.
  storage: multer.memoryStorage(),
  // A function so the limit is read from the validated config per request, not when this file is imported.
  limits: () => ({ fileSize: appConfig().EVIDENCE_MAX_BYTES, files: 1, fields: 10 }),
  // Browsers and curl send the file name as UTF-8; multer's latin1 default would garble 验收报告.pdf.
  defParamCharset: 'utf8',
});

/** Nest's FileInterceptor for the `file` field, answering an oversized upload with the limit in words. */
@Injectable()
export class EvidenceUploadInterceptor extends MulterSingleFile {
  override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await super.intercept(context, next);
    } catch (error) {
      if (!(error instanceof PayloadTooLargeException)) throw error;
      const limit = appConfig().EVIDENCE_MAX_BYTES;
      const message = `文件超过大小上限 ${(limit / 1024 / 1024).toFixed(1)} MB (the file exceeds the limit of ${limit} bytes)`;
      throw new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', message, errors: [{ field: 'file', messages: [message] }] });
    }
  }
}
