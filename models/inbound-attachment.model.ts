import { Schema, model } from 'mongoose';

/** An attachment's content, stored once per SHA-256 (the same file mailed twice is kept once); size-limited at intake. */
export interface InboundAttachmentDoc {
  _id: string;
  contentType: string;
  size: number;
  data: Buffer;
  createdAt: Date;
}

const InboundAttachmentSchema = new Schema<InboundAttachmentDoc>(
  {
    _id: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    data: { type: Buffer, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);

export const InboundAttachmentModel = model<InboundAttachmentDoc>('InboundAttachment', InboundAttachmentSchema, 'inbound_attachments');
