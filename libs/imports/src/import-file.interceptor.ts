import { Injectable, PayloadTooLargeException, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import multer from 'multer';
import type { Observable } from 'rxjs';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

const MultipartFile = FileInterceptor('file', {
  storage: multer.memoryStorage(),
  // fieldSize: a pasted table comes as the `text` form field, as large as a file may be.
  limits: { fileSize: IMPORT_MAX_BYTES, fieldSize: IMPORT_MAX_BYTES, files: 1 },
  // Browsers send a Chinese file name as raw UTF-8 in the part header; busboy would read it as Latin-1.
  defParamCharset: 'utf8',
});

/**
 * Reads the multipart `file` field into memory (10 MB at most) and leaves JSON requests alone. Over the
 * limit multer's "File too large" becomes a 413 that says what the limit is.
 */
@Injectable()
export class ImportFileInterceptor implements NestInterceptor {
  private readonly multipart = new MultipartFile();

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.multipart.intercept(context, next);
    } catch (e) {
      if (!(e instanceof PayloadTooLargeException)) throw e;
      const message = '文件超过 10 MB 上限，请拆分后分批导入 (the file exceeds the 10 MB limit)';
      throw new PayloadTooLargeException({ statusCode: 413, error: 'Payload Too Large', message, errors: [{ field: 'file', messages: [message] }] });
    }
  }
}
