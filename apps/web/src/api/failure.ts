// Kept apart from the client (which reads the session from sessionStorage) so error handling is testable in Node.

/** The error body every endpoint answers with (ErrorResponseDto). */
export interface ApiError {
  statusCode: number;
  message: string;
  errors?: { field: string; messages: string[] }[];
  errorId?: string;
  /** Set where the client acts on the cause: PASSWORD_CHANGE_REQUIRED, SESSION_IDLE … (ErrorResponseDto). */
  code?: string;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(body?.message ?? `HTTP ${status}`);
  }
}
