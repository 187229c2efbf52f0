/**
 * CORS for the web chat endpoints, limited to each channel's configured origins. A request must come from a page (no
 * Origin: 403); a preflight from an origin the channel does not list is a 403, and so is a request (after its visitor
 * token, if the endpoint takes one, is checked: a missing or forged token is 401 whatever the origin). Either way the
 * answer carries no Access-Control-Allow-Origin (the browser shows the page nothing), no body is read and nothing
 * is stored. From an allowed origin every answer carries Access-Control-Allow-Origin, problems included (the widget
 * reads a 401 to start a new session, a 429's Retry-After). No credentials: the widget authenticates with its
 * visitor token, never a cookie.
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
  /** Whether the request's Origin is one the channel lists (allowedOriginOnly refuses it otherwise). */
  originAllowed: boolean;
}

const PREFLIGHT_MAX_AGE_S = '600';

/** The channel of the request and whether its page's origin is one the channel allows (then the CORS answer headers are set). */
async function admit(req: Request, res: Response, channels: (id: string) => Promise<ChannelDoc | null>): Promise<WebchatChannel> {
  res.vary('Origin');
  const origin = req.get('origin');
  if (!origin) throw new MeridianError('FORBIDDEN', 'the web chat endpoints answer pages of the channel’s allowed origins: this request names no Origin');
  const { channelId } = parseInput(ChannelParamsSchema, req.params, 'params');
  const doc = await channels(channelId);
  if (!doc?.enabled || doc.kind !== 'webchat' || !doc.webchat) throw new MeridianError('CHANNEL_NOT_FOUND', `no web chat channel ${channelId}`);
  const originAllowed = doc.webchat.allowedOrigins.includes(origin);
  if (originAllowed) {
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Access-Control-Expose-Headers', 'Retry-After');
  }
  return { id: doc._id, siteKey: doc.webchat.siteKey, originAllowed };
}

const foreignOrigin = () => new MeridianError('FORBIDDEN', 'this origin may not use this web chat channel (see its allowedOrigins)');

/** Refuses (403) a request from a page of an origin the channel does not list. */
export const allowedOriginOnly: RequestHandler = (_req, res, next) => {
  if (!webchatChannelOf(res).originAllowed) throw foreignOrigin();
  next();
};

/** The web chat channel `webchatGate` admitted the request for. */
export function webchatChannelOf(res: Response): WebchatChannel {
  const channel = res.locals.webchatChannel as WebchatChannel | undefined;
  if (!channel) throw new MeridianError('INTERNAL', 'webchatGate did not run');
  return channel;
}

/**
 * Finds the channel of a web chat request and answers its preflight (OPTIONS; 403 for an origin the channel does not
 * list); methods the path does not have pass untouched, on to their 405.
 */
export function webchatGate(channels: (id: string) => Promise<ChannelDoc | null>, methods: readonly string[]): RequestHandler {
  return async (req, res, next) => {
    const method = req.method === 'HEAD' ? 'GET' : req.method; // Express answers HEAD with the GET route
    if (method !== 'OPTIONS' && !methods.includes(method)) return next();
    const channel = await admit(req, res, channels);
    res.locals.webchatChannel = channel;
    if (req.method !== 'OPTIONS') return next();
    if (!channel.originAllowed) throw foreignOrigin();
    res.setHeader('Access-Control-Allow-Methods', methods.join(', '));
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
    res.setHeader('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_S);
    res.status(204).end();
  };
}
