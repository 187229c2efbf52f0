import { Schema, model } from 'mongoose';
import type { Channel } from '../domain/channels/channel';
import type { WhatsAppTemplateConfig } from '../domain/channels/whatsapp-templates';

/** A channel instance; its credentials sealed (services/channels/secret-box.ts), each bound to the channel and its name. */
export interface ChannelDoc {
  _id: string;
  kind: Channel;
  name: string;
  regionId: string;
  enabled: boolean;
  /** Our account on the platform (absent for web chat, which is Meridian's own). */
  accountId?: string;
  /** Credential name → sealed value. */
  secrets: Record<string, string>;
  apiBaseUrl?: string;
  /** WhatsApp: the approved templates for the closed 24-hour window (absent on channels stored before them). */
  templates?: WhatsAppTemplateConfig[];
  /** Web chat only: the origins whose pages may use the widget, and the public site key the widget names the site with. */
  webchat?: { allowedOrigins: string[]; siteKey: string };
  updatedBy: string;
  createdAt: Date;
  updatedAt: Date;
}

const ChannelSchema = new Schema<ChannelDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    regionId: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    accountId: { type: String },
    secrets: { type: Schema.Types.Mixed, required: true },
    apiBaseUrl: { type: String },
    templates: { type: Schema.Types.Mixed },
    webchat: { type: Schema.Types.Mixed },
    updatedBy: { type: String, required: true },
  },
  { timestamps: true, versionKey: false, minimize: false },
);

// Channels are read by _id (the webhook URL names it) or listed whole (a handful per installation): no other index.
export const ChannelModel = model<ChannelDoc>('Channel', ChannelSchema, 'channels');
