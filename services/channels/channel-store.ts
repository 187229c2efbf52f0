/**
 * Channel instances: stored with their credentials sealed, read back opened for the webhook and the senders, and
 * shown to ops without them (only which are set).
 */
import type { Channel } from '../../domain/channels/channel';
import { CHANNEL_SECRETS, type ChannelBody, type ChannelSecretName } from '../../domain/channels/channel-settings';
import type { WhatsAppTemplateConfig } from '../../domain/channels/whatsapp-templates';
import { MeridianError } from '../../domain/errors';
import { ChannelModel, type ChannelDoc } from '../../models/channel.model';
import { getRegion } from '../../models/region.model';
import { webchatSettings, webchatView } from '../webchat/webchat-settings';
import { decryptSecret, encryptSecret, type SecretKeys } from './secret-box';

/** A channel with its credentials opened: only the webhook and the senders hold one. */
export interface OpenChannel {
  id: string;
  kind: Channel;
  name: string;
  regionId: string;
  enabled: boolean;
  accountId?: string;
  apiBaseUrl?: string;
  templates: WhatsAppTemplateConfig[];
  secrets: Partial<Record<ChannelSecretName, string>>;
}

/** What the API shows of a channel: never a credential, only which are set. */
export function channelView(doc: ChannelDoc, publicBaseUrl: string) {
  return {
    id: doc._id,
    kind: doc.kind,
    name: doc.name,
    regionId: doc.regionId,
    enabled: doc.enabled,
    accountId: doc.accountId ?? null,
    apiBaseUrl: doc.apiBaseUrl ?? null,
    templates: doc.templates ?? [],
    secretsSet: Object.keys(doc.secrets).sort(),
    webhookUrl: doc.kind === 'webchat' ? null : `${publicBaseUrl}/api/channels/${doc._id}/webhook`,
    webchat: webchatView(doc, publicBaseUrl),
    updatedBy: doc.updatedBy,
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A sealed credential is bound to its channel and name: moved to another field or channel, it does not open. */
const contextOf = (channelId: string, name: string) => `channel:${channelId}:${name}`;

/**
 * Creates or updates a channel. Credentials given are sealed and replace the stored ones; omitted ones are kept. A
 * channel must hold every credential its platform needs, and cannot change platform (its credentials would not fit).
 */
export async function saveChannel(body: ChannelBody, keys: SecretKeys, actor: string): Promise<{ doc: ChannelDoc; created: boolean }> {
  const stored = await ChannelModel.findById(body.id).lean<ChannelDoc>();
  if (stored && stored.kind !== body.kind)
    throw new MeridianError('INCONSISTENT_INPUT', `channel ${body.id} is a ${stored.kind} channel; create a new channel for ${body.kind}`, { errors: [{ pointer: '/body/kind', message: `stays ${stored.kind}` }] });
  if (!(await getRegion(body.regionId))) throw new MeridianError('UNKNOWN_REFERENCE', `unknown region "${body.regionId}"`, { errors: [{ pointer: '/body/regionId', message: 'no such region' }] });
  const secrets: Record<string, string> = { ...(stored?.secrets ?? {}) };
  for (const [name, value] of Object.entries(body.secrets)) if (value !== undefined) secrets[name] = encryptSecret(value, keys, contextOf(body.id, name));
  const missing = CHANNEL_SECRETS[body.kind].filter((name) => !secrets[name]);
  if (missing.length > 0)
    throw new MeridianError('INCONSISTENT_INPUT', `a ${body.kind} channel needs ${missing.join(', ')}`, { errors: missing.map((name) => ({ pointer: `/body/secrets/${name}`, message: 'required (it is not stored yet)' })) });
  const webchat = webchatSettings(body, stored);
  const fields = {
    ...{ kind: body.kind, name: body.name, regionId: body.regionId, enabled: body.enabled, secrets, templates: body.templates ?? [], updatedBy: actor },
    ...(body.accountId !== undefined ? { accountId: body.accountId } : {}),
    ...(webchat ? { webchat } : {}),
  };
  const update = body.apiBaseUrl ? { $set: { ...fields, apiBaseUrl: body.apiBaseUrl } } : { $set: fields, $unset: { apiBaseUrl: 1 } };
  const doc = await ChannelModel.findOneAndUpdate({ _id: body.id }, update, { upsert: true, new: true }).lean<ChannelDoc>();
  return { doc: doc!, created: !stored };
}

/** Every channel, ordered by id. */
export function listChannels(): Promise<ChannelDoc[]> {
  return ChannelModel.find().sort({ _id: 1 }).lean<ChannelDoc[]>();
}

export function getChannelDoc(id: string): Promise<ChannelDoc | null> {
  return ChannelModel.findById(id).lean<ChannelDoc>();
}

/** A channel with its credentials opened, or null when there is no such channel. */
export async function openChannel(id: string, keys: SecretKeys): Promise<OpenChannel | null> {
  const doc = await getChannelDoc(id);
  if (!doc) return null;
  const secrets: Partial<Record<ChannelSecretName, string>> = {};
  for (const [name, sealed] of Object.entries(doc.secrets)) secrets[name as ChannelSecretName] = decryptSecret(sealed, keys, contextOf(doc._id, name));
  return { id: doc._id, kind: doc.kind, name: doc.name, regionId: doc.regionId, enabled: doc.enabled, accountId: doc.accountId, apiBaseUrl: doc.apiBaseUrl, templates: doc.templates ?? [], secrets };
}
