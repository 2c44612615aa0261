import { BadRequestException, ParseUUIDPipe } from '@nestjs/common';

/** `@Param('id', UuidParam)`: a non-uuid id is a 400 naming the parameter, not a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: () =>
    new BadRequestException({ statusCode: 400, error: 'Bad Request', message: 'id must be a UUID', errors: [{ field: 'id', messages: ['id must be a UUID'] }] }),
});
