import express from 'express';
import { MeridianError } from '../../domain/errors';

const ENCODINGS = 'gzip, deflate or br';

/**
 * A body-parser failure in the caller's terms. raw-body tags each of its own failures with a `type`; an untyped 400
 * on a compressed body is the decompression stream's error: the bytes are not valid data in that encoding.
 */
function bodyError(err: unknown, contentEncoding: string): unknown {
  const { type, status } = (err ?? {}) as { type?: unknown; status?: unknown };
  if (type === 'encoding.unsupported') {
    const named = contentEncoding.slice(0, 40); // echo the header, not kilobytes of it
    return new MeridianError('UNSUPPORTED_MEDIA_TYPE', `unsupported Content-Encoding "${named}": send the body as is or as ${ENCODINGS}`);
  }
  if (contentEncoding !== 'identity' && type === undefined && status === 400) {
    return new MeridianError('VALIDATION_FAILED', `the request body is not valid ${contentEncoding} data (Content-Encoding: ${contentEncoding})`);
  }
  return err;
}

/** Parses JSON bodies up to 64 kB once decompressed (gzip, deflate, br); a body that does not decompress is a 400. */
export function jsonBody(): express.RequestHandler {
  const parse = express.json({ limit: '64kb', type: ['application/json', 'application/*+json'] });
  return (req, res, next) => {
    parse(req, res, (err?: unknown) => {
      if (err === undefined) return next();
      next(bodyError(err, (req.get('content-encoding') ?? 'identity').trim().toLowerCase()));
    });
  };
}
