import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

/** Accept a caller's id only when it is short and plain, so it is safe to log and echo. */
const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id (the caller's `X-Request-Id` or a new UUID), echoed in the response. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader('X-Request-Id', id);
  next();
};
