/** Every error the product can answer with, and the HTTP status it maps to. */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  SIGNATURE_INVALID: 401,
  SITE_KEY_INVALID: 401,
  FORBIDDEN: 403,
  NOT_AN_APPROVER: 403,
  REQUESTER_CANNOT_APPROVE: 403,
  NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  DEPARTMENT_NOT_FOUND: 404,
  REGION_NOT_FOUND: 404,
  PROCESS_NOT_FOUND: 404,
  SLA_POLICY_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  QUERY_CODE_NOT_FOUND: 404,
  APPROVAL_NOT_FOUND: 404,
  SURVEY_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  MERGE_NOT_FOUND: 404,
  ATTACHMENT_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  TICKET_CLOSED: 409,
  VERSION_CONFLICT: 409,
  APPROVAL_DECIDED: 409,
  ALREADY_ANSWERED: 409,
  SURVEY_ANSWERED: 409,
  SURVEY_CLOSED: 409,
  CUSTOMER_MERGED: 409,
  MERGE_IN_PROGRESS: 409,
  UNDO_REFUSED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IDEMPOTENCY_KEY_REUSED: 422,
  INCONSISTENT_INPUT: 422,
  UNKNOWN_REFERENCE: 422,
  INVALID_AMOUNT: 422,
  WEBHOOK_PAYLOAD_INVALID: 422,
  INVALID_IDENTITY: 422,
  UNSUPPORTED_PATTERN: 422,
  MESSAGE_CATALOG_INVALID: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** A failure the caller can act on: a stable code, a human message, optional structured detail. */
export class MeridianError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'MeridianError';
  }
}

/** Exhaustiveness guard for switches over unions. */
export function assertNever(value: never): never {
  throw new MeridianError('INTERNAL', `unhandled case: ${JSON.stringify(value)}`);
}
