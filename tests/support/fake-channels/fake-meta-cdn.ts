/**
 * Meta's CDN for tests (what Messenger and Instagram attachment URLs point at: `*.fbcdn.net`, `lookaside.fbsbx.com`):
 * signed URLs answered without any credential, `oe` the expiry (hex Unix seconds) and 403 "URL signature expired"
 * past it, files sent at once or chunked without a Content-Length, and redirects elsewhere.
 */
import { randomBytes } from 'node:crypto';
import { startFakeServer, type FakeAnswer, type FakeRequest, type FakeServer } from './fake-server';

export interface FakeMetaCdn extends FakeServer {
  /** The signed URL of a file; `expired`: its `oe` has passed; `chunked`: sent without a Content-Length. */
  addFile(content: Buffer, contentType: string, options?: { expired?: boolean; chunked?: boolean }): string;
  /** A signed URL answered 302 to `location`. */
  addRedirect(location: string): string;
}

type Entry = { kind: 'file'; content: Buffer; contentType: string; chunked: boolean } | { kind: 'redirect'; location: string };

/** Starts the fake CDN on a loopback port. */
export async function startFakeMetaCdn(): Promise<FakeMetaCdn> {
  const entries = new Map<string, Entry>();
  const nowS = () => Math.floor(Date.now() / 1000);

  function route(req: FakeRequest): FakeAnswer | null {
    const entry = entries.get(req.path);
    if (req.method !== 'GET' || !entry) return null;
    if (parseInt(req.query.get('oe') ?? '0', 16) < nowS()) return { status: 403, raw: Buffer.from('URL signature expired'), headers: { 'Content-Type': 'text/plain' } };
    if (entry.kind === 'redirect') return { status: 302, headers: { Location: entry.location } };
    return { status: 200, raw: entry.content, chunked: entry.chunked, headers: { 'Content-Type': entry.contentType } };
  }

  const server = await startFakeServer({
    authorize: () => true, // the signature is in the URL; Meta's CDN takes no credential
    unauthorized: () => ({ status: 403 }),
    route,
    notFound: () => ({ status: 404, raw: Buffer.from('Not Found'), headers: { 'Content-Type': 'text/plain' } }),
  });

  function signed(entry: Entry, expired = false): string {
    const path = `/v/t1.15752-9/${randomBytes(8).toString('hex')}_n.jpg`;
    entries.set(path, entry);
    const oe = (nowS() + (expired ? -3600 : 3 * 86400)).toString(16).toUpperCase();
    return `${server.url}${path}?_nc_cat=1&ccb=1-7&_nc_sid=fc17b8&oh=03_${randomBytes(12).toString('base64url')}&oe=${oe}`;
  }

  return {
    ...server,
    addFile: (content, contentType, options = {}) => signed({ kind: 'file', content, contentType, chunked: options.chunked ?? false }, options.expired),
    addRedirect: (location) => signed({ kind: 'redirect', location }),
  };
}
