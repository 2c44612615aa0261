import { ParseUUIDPipe } from '@nestjs/common';
import { badField } from './field-error.js';

/** `@Param('id', UuidParam)`: a non-uuid id is a 400 naming the parameter, not a database error. */
export const UuidParam = new ParseUUIDPipe({ exceptionFactory: () => badField('id', 'id must be a UUID') });
