import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createValidationPipe } from '#libs/common';

/**
 * The import request's body, validated as @Body() would be. A custom decorator because OpenAPI can then describe the
 * multipart form and the JSON body each with its own schema (ImportUploadDto, ImportRequestDto) — for a @Body()
 * parameter @nestjs/swagger writes one schema under every media type, and Swagger UI's examples fail for one of them.
 */
export const ImportBody = () =>
  createParamDecorator((_: unknown, ctx: ExecutionContext): unknown => ctx.switchToHttp().getRequest<{ body?: unknown }>().body ?? {})(
    createValidationPipe({ validateCustomDecorators: true }),
  );
