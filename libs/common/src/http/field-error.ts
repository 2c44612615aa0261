import { BadRequestException } from '@nestjs/common';

/** A 400 in the shape ValidationPipe gives, for rules a DTO cannot express (dates against today, ids of another task). */
export function badField(field: string, message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message, errors: [{ field, messages: [message] }] });
}
