import type { RequestHandler } from 'express';
import { MeridianError } from '../../domain/errors';

/** Headers the Web UI sends to a codec server (Authorization-Extras carries the ID token next to the access token). */
const ALLOWED_HEADERS = 'Authorization, Authorization-Extras, Content-Type, X-Namespace';

/**
 * Lets the Temporal Web UI at `uiOrigin`, and no other web page, call the codec endpoint from the browser; answers
 * its preflight. Requests without an Origin (CLI, curl) pass; a browser request from another origin is refused.
 */
export function codecCors(uiOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    res.vary('Origin');
    const origin = req.get('origin');
    if (origin === undefined) return next();
    if (origin !== uiOrigin) throw new MeridianError('FORBIDDEN', 'this origin may not call the codec endpoint (see TEMPORAL_UI_ORIGIN)');
    res.setHeader('Access-Control-Allow-Origin', origin);
    // For the UI's "include cross-origin credentials" setting; Meridian itself authenticates by header, not cookie.
    res.setHeader('Access-Control-Allow-Credentials', 'true');
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', 'POST');
    res.setHeader('Access-Control-Allow-Headers', ALLOWED_HEADERS);
    res.setHeader('Access-Control-Max-Age', '600');
    res.status(204).end();
  };
}
