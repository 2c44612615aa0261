import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorDto {
  @ApiProperty({ example: 'dueDate' })
  field: string;
  @ApiProperty({ example: ['dueDate must be a date in the form YYYY-MM-DD'] })
  messages: string[];
}

/** The one error shape every endpoint answers with. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;
  @ApiProperty({ example: 'Bad Request' })
  error: string;
  @ApiProperty({ example: 'dueDate must be a date in the form YYYY-MM-DD' })
  message: string;
  @ApiPropertyOptional({
    description:
      'What a client does next, where it differs by cause: SESSION_IDLE, SESSION_EXPIRED, SESSION_ENDED, ACCOUNT_DEACTIVATED, TOKEN_INVALID (401, back to login), ACCOUNT_LOCKED (401 at login), PASSWORD_CHANGE_REQUIRED (403, change the password first)',
  })
  code?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] })
  errors?: FieldErrorDto[];
  @ApiPropertyOptional({ description: 'Quote this id when reporting a server error' })
  errorId?: string;
}
