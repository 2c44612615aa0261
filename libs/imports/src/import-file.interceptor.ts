import { Injectable, PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import type { Observable } from 'rxjs';
import { appConfig } from '#libs/common';
import { importTooLarge, megabytes } from './import-limits.js';

/**
 * Reads the multipart `file` field into memory (IMPORT_MAX_BYTES, 10 MB by default) and leaves JSON requests alone.
 * Over the limit multer's "File too large" becomes a 413 that says what the limit is. What the file unpacks to is
 * bounded later, by the reader (import-limits.ts).
 */
@Injectable()
export class ImportFileInterceptor implements NestInterceptor {
  private readonly maxBytes = appConfig().IMPORT_MAX_BYTES;
  private readonly multipart = new (FileInterceptor('file', {
    storage: multer.memoryStorage(),
    // fieldSize: a pasted table comes as the `text` form field, as large as a file may be.
    limits: { fileSize: this.maxBytes, fieldSize: this.maxBytes, files: 1 },
    // Browsers send a Chinese file name as raw UTF-8 in the part header; busboy would read it as Latin-1.
    defParamCharset: 'utf8',
  }))();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (e) {
      if (!(e instanceof PayloadTooLargeException)) throw e;
      throw importTooLarge(`文件超过 ${megabytes(this.maxBytes)} 上限，请拆分后分批导入 (the file exceeds the ${megabytes(this.maxBytes)} limit)`);
    }
  }
}
