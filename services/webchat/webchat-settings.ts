/**
 * A web chat channel's own settings: the origins whose pages may use the widget and the site key that names the site.
 * The site key is public (it sits in the site's HTML): the server makes it when the channel is created and replaces it
 * when ops ask (`rotateSiteKey`); ops copy it, with the snippet to paste, from the channel's view.
 */
import { randomBytes } from 'node:crypto';
import type { ChannelBody } from '../../domain/channels/channel-settings';
import type { ChannelDoc } from '../../models/channel.model';

/** A new site key: 192 random bits, URL-safe. */
export function newSiteKey(): string {
  return `wk_${randomBytes(24).toString('base64url')}`;
}

/** What a PUT stores for a web chat channel (undefined for the platforms): its origins, and the site key kept, made or replaced. */
export function webchatSettings(body: ChannelBody, stored: Pick<ChannelDoc, 'webchat'> | null): ChannelDoc['webchat'] {
  if (body.kind !== 'webchat') return undefined;
  const kept = body.rotateSiteKey ? undefined : stored?.webchat?.siteKey;
  return { allowedOrigins: body.allowedOrigins ?? [], siteKey: kept ?? newSiteKey() };
}

/** The script tag a site pastes into its pages. */
export function widgetSnippet(publicBaseUrl: string, channelId: string, siteKey: string): string {
  return `<script src="${publicBaseUrl}/webchat/widget.js" data-channel="${channelId}" data-site-key="${siteKey}" async></script>`;
}

/** What the channel view shows of a web chat channel (null for the platforms). */
export function webchatView(doc: Pick<ChannelDoc, '_id' | 'webchat'>, publicBaseUrl: string) {
  if (!doc.webchat) return null;
  const { allowedOrigins, siteKey } = doc.webchat;
  return { allowedOrigins, siteKey, widgetUrl: `${publicBaseUrl}/webchat/widget.js`, snippet: widgetSnippet(publicBaseUrl, doc._id, siteKey) };
}
