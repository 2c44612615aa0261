import { BadRequestException, ValidationError, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import type { FieldErrorDto } from './error-response.dto.js';

function flatten(errors: ValidationError[], prefix = ''): FieldErrorDto[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = e.constraints ? [{ field, messages: Object.values(e.constraints) }] : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The app's validation; `validateCustomDecorators` for a body read by a custom decorator (one OpenAPI can describe per media type). */
export function createValidationPipe(options: Pick<ValidationPipeOptions, 'validateCustomDecorators'> = {}): ValidationPipe {
  return new ValidationPipe({
    ...options,
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadRequestException({
        statusCode: 400,
        error: 'Bad Request',
        message: fields.flatMap((f) => f.messages).join('; '),
        errors: fields,
      });
    },
  });
}
