/**
 * How an attachment leaves the API: always as a download (Content-Disposition: attachment, its name encoded per
 * RFC 6266/5987 by `content-disposition`), never rendered: a sender's HTML or SVG is served as
 * application/octet-stream, no type is sniffed, and a page that opens it anyway runs sandboxed (no script, no origin).
 */
import { create as contentDisposition } from 'content-disposition';
import type { Response } from 'express';

/** Types a browser shows without running anything the sender wrote; everything else downloads as bytes. */
const PASSIVE_TYPE = /^(image\/(png|jpeg|gif|webp|bmp|heic|heif|tiff)|application\/pdf|text\/plain|text\/csv|audio\/[a-z0-9.+-]+|video\/[a-z0-9.+-]+|application\/(zip|gzip|msword|vnd\.[a-z0-9.+-]+))$/;

/** The Content-Type an attachment is served with. */
export function servedContentType(declared: string): string {
  const type = declared.split(';')[0]!.trim().toLowerCase();
  return PASSIVE_TYPE.test(type) ? type : 'application/octet-stream';
}

/** Sends an attachment's bytes as a download. */
export function sendAttachment(res: Response, file: { filename: string; contentType: string; data: Buffer }): void {
  res.setHeader('Content-Type', servedContentType(file.contentType));
  res.setHeader('Content-Disposition', contentDisposition(file.filename, { type: 'attachment' }));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Cache-Control', 'private, no-store');
  res.status(200).end(file.data);
}
