/**
 * CORS for the web chat endpoints, limited to each channel's configured origins. A request (or preflight) must come
 * from a page: without an Origin, or from an origin the channel does not list, it is a 403 problem without
 * Access-Control-Allow-Origin (so the browser shows the page nothing), before any body is read or anything stored.
 * From an allowed origin it carries Access-Control-Allow-Origin, problems included (the widget reads a 429's
 * Retry-After). No credentials: the widget authenticates with its visitor token, never a cookie.
 */
import type { Request, RequestHandler, Response } from 'express';
import { MeridianError } from '../../domain/errors';
import type { ChannelDoc } from '../../models/channel.model';
import { parseInput } from '../validation';
import { ChannelParamsSchema } from './webchat.schema';

/** A web chat channel as the endpoints use it. */
export interface WebchatChannel {
  id: string;
  siteKey: string;
  allowedOrigins: readonly string[];
}

const PREFLIGHT_MAX_AGE_S = '600';

/** The channel of the request, once its origin is one the channel allows; sets the CORS answer headers. */
async function admit(req: Request, res: Response, channels: (id: string) => Promise<ChannelDoc | null>): Promise<WebchatChannel> {
  res.vary('Origin');
  const origin = req.get('origin');
  if (!origin) throw new MeridianError('FORBIDDEN', 'the web chat endpoints answer pages of the channel’s allowed origins: this request names no Origin');
  const { channelId } = parseInput(ChannelParamsSchema, req.params, 'params');
  const doc = await channels(channelId);
  if (!doc?.enabled || doc.kind !== 'webchat' || !doc.webchat) throw new MeridianError('CHANNEL_NOT_FOUND', `no web chat channel ${channelId}`);
  if (!doc.webchat.allowedOrigins.includes(origin)) throw new MeridianError('FORBIDDEN', 'this origin may not use this web chat channel (see its allowedOrigins)');
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  return { id: doc._id, siteKey: doc.webchat.siteKey, allowedOrigins: doc.webchat.allowedOrigins };
}

/** The web chat channel `webchatGate` admitted the request for. */
export function webchatChannelOf(res: Response): WebchatChannel {
  const channel = res.locals.webchatChannel as WebchatChannel | undefined;
  if (!channel) throw new MeridianError('INTERNAL', 'webchatGate did not run');
  return channel;
}

/**
 * Answers preflights (OPTIONS) of the web chat paths and admits their requests; other methods pass untouched, on to
 * the 405 of methods a path does not have.
 */
export function webchatGate(channels: (id: string) => Promise<ChannelDoc | null>, methods: readonly string[]): RequestHandler {
  return async (req, res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method; // Express answers HEAD with the GET route
    if (method !== 'OPTIONS' && !methods.includes(method)) return next();
    res.locals.webchatChannel = await admit(req, res, channels);
    if (req.method !== 'OPTIONS') return next();
    res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S);
    res.status(204).end();
  };
}
