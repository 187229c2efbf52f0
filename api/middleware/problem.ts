import type { ErrorRequestHandler, RequestHandler } from 'express';
import { isGrpcServiceError, ServiceError } from '@temporalio/client';
import { z } from 'zod';
import { loggableError, type Logger } from '../../config/logger';
import { ERROR_STATUS, MeridianError, type ErrorCode } from '../../domain/errors';
import { zodFieldProblems, type FieldProblem } from '../validation';

/** An RFC 9457 problem document as Meridian sends it. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: ErrorCode;
  detail: string;
  instance?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

const MONGO_UNAVAILABLE = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);
const GENERIC_500 = 'an unexpected error occurred';
const GRPC_UNAVAILABLE = 14;
const GRPC_DEADLINE_EXCEEDED = 4;

/** Body-parser failures (they carry `type` and `status`) mapped to our codes. */
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'entity.parse.failed': 'VALIDATION_FAILED',
  'entity.verify.failed': 'VALIDATION_FAILED',
  'request.aborted': 'VALIDATION_FAILED',
  'request.size.invalid': 'VALIDATION_FAILED',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
};
const BODY_PARSER_MESSAGES: Partial<Record<ErrorCode, string>> = {
  VALIDATION_FAILED: 'request body is not valid JSON',
  UNSUPPORTED_MEDIA_TYPE: 'unsupported body encoding or charset',
};

/** Client errors a parser marks with a status but no known `type` (http-errors: `expose` is set for 4xx only). */
const CLIENT_ERROR_CODES: Partial<Record<number, ErrorCode>> = {
  403: 'FORBIDDEN',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

/** The code of a 4xx http-error that no other rule recognised, or undefined for anything else. */
function clientErrorCode(err: unknown): ErrorCode | undefined {
  const { status, expose } = (err ?? {}) as { status?: unknown; expose?: unknown };
  if (expose !== true || typeof status !== 'number' || status < 400 || status > 499) return undefined;
  return CLIENT_ERROR_CODES[status] ?? 'VALIDATION_FAILED';
}

/** The parser's limit in kB (body-parser errors carry it in bytes). */
function limitOf(err: unknown): string {
  const limit = (err as { limit?: unknown }).limit;
  return typeof limit === 'number' ? `${Math.floor(limit / 1024)} kB` : 'the limit';
}

/** Whether an error means a dependency (MongoDB, Temporal) cannot be reached right now. */
export function isDependencyUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (MONGO_UNAVAILABLE.has(err.name) || /buffering timed out/i.test(err.message)) return true;
  const grpc = err instanceof ServiceError ? err.cause : err;
  if (isGrpcServiceError(grpc)) return grpc.code === GRPC_UNAVAILABLE || grpc.code === GRPC_DEADLINE_EXCEEDED;
  return false;
}

/** "VERSION_CONFLICT" → "Version conflict". */
function titleOf(code: ErrorCode): string {
  const words = code.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function problem(code: ErrorCode, detail: string, extra: Record<string, unknown> = {}): ProblemBody {
  return {
    ...extra,
    type: `https://meridian.dev/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: titleOf(code),
    status: ERROR_STATUS[code],
    code,
    detail,
  };
}

/** The problem document for any thrown value; unknown errors become a generic 500. */
export function problemBody(err: unknown): ProblemBody {
  if (err instanceof MeridianError) {
    // A 500 is our fault: its message and detail are for the log, never for the caller.
    if (ERROR_STATUS[err.code] === 500) return problem('INTERNAL', GENERIC_500);
    return problem(err.code, err.message, err.detail);
  }
  if (err instanceof z.ZodError) return problem('VALIDATION_FAILED', 'invalid input', { errors: zodFieldProblems(err) });
  if (isDependencyUnavailable(err)) return problem('SERVICE_UNAVAILABLE', 'a backing service is unavailable, retry shortly');
  const parserType = (err as { type?: unknown } | null)?.type;
  const parserCode = typeof parserType === 'string' ? BODY_PARSER_CODES[parserType] : undefined;
  if (parserCode === 'PAYLOAD_TOO_LARGE') return problem(parserCode, `request body is larger than ${limitOf(err)}`);
  if (parserCode) return problem(parserCode, BODY_PARSER_MESSAGES[parserCode] ?? 'invalid request body');
  // A parser's 4xx is the caller's doing, never a 500: its own message is not ours to repeat, so a generic one.
  const clientCode = clientErrorCode(err);
  if (clientCode) return problem(clientCode, 'invalid request body');
  return problem('INTERNAL', GENERIC_500);
}

/** Sends a problem document with the right content type and headers. */
export function sendProblem(res: Parameters<RequestHandler>[1], body: ProblemBody): void {
  if (body.status === 503) res.setHeader('Retry-After', '5');
  if (body.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="meridian"');
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** The last middleware: every error becomes `application/problem+json`; a 500 never leaks its message. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) return next(err);
    const body = problemBody(err);
    const requestId = res.locals.requestId as string | undefined;
    if (body.status >= 500) logger.error({ err: loggableError(err), requestId, code: body.code }, 'request failed');
    sendProblem(res, { ...body, instance: req.originalUrl.split('?')[0], ...(requestId ? { requestId } : {}) });
  };
}

/** Unknown route → 404 problem. */
export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new MeridianError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
};
