import zlib from 'node:zlib';
import request from 'supertest';
import { problemBody } from '../../api/middleware/problem';
import { startConfigApi, type ConfigApiHarness } from './config-api.helpers';

/** Compressed request bodies: decoded when valid, a 400 (not a logged 500) when they do not decompress. */
describe('Content-Encoding of request bodies', () => {
  let api: ConfigApiHarness;
  beforeAll(async () => {
    api = await startConfigApi();
  });
  afterAll(async () => api?.close());

  /** POSTs raw bytes as JSON with the given Content-Encoding (superagent would otherwise re-serialise a Buffer). */
  const postRaw = (encoding: string, bytes: Buffer) =>
    request(api.app)
      .post('/api/tickets')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .serialize((body: unknown) => body as string)
      .send(bytes as unknown as string);
  const errorLines = () => api.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);

  it.each([
    ['gzip', Buffer.from('{"subject":"plain text, not gzip"}')],
    ['gzip', zlib.gzipSync('{"subject":"cut off"}').subarray(0, 16)],
    ['deflate', Buffer.from('{"subject":"not deflate"}')],
    ['br', Buffer.from('{"subject":"not brotli"}')],
  ])('answers a %s body that does not decompress with a 400 problem, not a logged 500', async (encoding, bytes) => {
    api.logs.length = 0;
    const res = await postRaw(encoding, bytes).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: `the request body is not valid ${encoding} data (Content-Encoding: ${encoding})` });
    expect(errorLines()).toEqual([]);
  });

  it.each([['compress'], ['zstd-like'], ['gzip, br']])('answers the unsupported Content-Encoding %p with 415', async (encoding) => {
    const res = await postRaw(encoding, Buffer.from('{}')).expect(415);
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', detail: expect.stringContaining(`"${encoding}"`) });
  });

  it.each([
    ['gzip', zlib.gzipSync('{}')],
    ['deflate', zlib.deflateSync('{}')],
    ['br', zlib.brotliCompressSync('{}')],
  ])('decodes a valid %s body (here: an empty ticket, refused field by field)', async (encoding, bytes) => {
    const res = await postRaw(encoding, bytes).expect(400);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(expect.arrayContaining(['/body/subject', '/body/customer']));
  });

  it('turns any 4xx a body parser raises into a problem with that status rather than a 500', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    expect(problemBody(tooLarge)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'invalid request body' });
    const odd = Object.assign(new Error('internal detail'), { status: 400, expose: true });
    expect(problemBody(odd)).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(problemBody(Object.assign(new Error('boom'), { status: 500, expose: false }))).toMatchObject({ status: 500 });
  });
});
