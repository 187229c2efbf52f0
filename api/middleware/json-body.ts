import express, { type Request } from 'express';

/** A request whose JSON body was parsed; `rawBody` keeps the exact bytes for signature checks. */
export type RawBodyRequest = Request & { rawBody?: Buffer };

/** Parses JSON bodies up to 64 kB; keeps the raw bytes on `req.rawBody` for webhook signatures. */
export function jsonBody(): express.RequestHandler {
  return express.json({
    limit: '64kb',
    type: ['application/json', 'application/*+json'],
    verify: (req, _res, buf) => {
      (req as RawBodyRequest).rawBody = buf;
    },
  });
}
