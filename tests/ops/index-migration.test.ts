import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import mongoose from 'mongoose';
import '../../models/all.models';
import { connectDatabase, disconnectDatabase } from '../../models/connection';
import { ensureModelIndexes, IndexMigrationRequiredError } from '../../models/index-migration';
import { withDatabase } from '../support/database';

const ROOT = path.resolve(__dirname, '../..');
const DECLARED = 'customerId_1_createdAt_-1'; // tickets: a customer's tickets, newest first

const tickets = () => mongoose.connection.collection('tickets');
const ticketIndexes = async () => (await tickets().indexes()).map((index) => index.name);

/** `npm run migrate` against `uri` (what bootstrap runs for it), with its exit code and output. */
function migrate(uri: string, ...args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/migrate.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, MONGODB_URI: uri },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}

/** Disconnects and connects again, as a restarted API or worker does. */
async function reboot(uri: string): Promise<void> {
  await disconnectDatabase();
  await connectDatabase(uri);
}

describe('indexes at boot and in npm run migrate', () => {
  let uri: string;
  beforeEach(async () => {
    uri = withDatabase(process.env.MONGODB_URI ?? '', `t_${process.pid}_${randomBytes(4).toString('hex')}`);
    await connectDatabase(uri); // the first boot creates what the models declare
  });
  afterEach(async () => {
    await mongoose.connection.dropDatabase();
    await disconnectDatabase();
  });

  it('keeps an index a DBA created when Meridian boots again', async () => {
    await tickets().createIndex({ subject: 1 }, { name: 'dba_subject' });

    await reboot(uri);

    expect(await ticketIndexes()).toEqual(expect.arrayContaining(['dba_subject', DECLARED]));
  });

  it('creates a declared index that went missing when Meridian boots again', async () => {
    await tickets().dropIndex(DECLARED);

    await reboot(uri);

    expect(await ticketIndexes()).toContain(DECLARED);
  });

  it('creates the indexes once when the API and the worker boot together on a fresh database', async () => {
    await mongoose.connection.dropDatabase();

    await Promise.all([ensureModelIndexes(), ensureModelIndexes(), ensureModelIndexes()]);

    expect(await ticketIndexes()).toContain(DECLARED);
  });

  it('lists an index no model declares and drops it only when asked with --apply', async () => {
    await tickets().createIndex({ status: 1 }, { name: 'legacy_status' });

    const dryRun = await migrate(uri);

    expect(dryRun).toMatchObject({ code: 0 });
    expect(dryRun.output).toContain('tickets: drop legacy_status (no model declares it)');
    expect(dryRun.output).toContain('dry run, nothing changed');
    expect(await ticketIndexes()).toContain('legacy_status');

    expect(await migrate(uri, '--apply')).toMatchObject({ code: 0 });

    expect(await ticketIndexes()).not.toContain('legacy_status');
    expect(await ticketIndexes()).toContain(DECLARED);
    expect((await migrate(uri)).output).toContain('the indexes match the models; nothing to do');
  });

  it('keeps the indexes named with --keep when it applies the others', async () => {
    await tickets().createIndex({ subject: 1 }, { name: 'dba_subject' });
    await tickets().createIndex({ status: 1 }, { name: 'legacy_status' });

    expect(await migrate(uri, '--apply', '--keep', 'tickets.dba_subject')).toMatchObject({ code: 0 });

    expect(await ticketIndexes()).toContain('dba_subject');
    expect(await ticketIndexes()).not.toContain('legacy_status');
  });

  it('refuses to boot next to an index whose options differ from the declared one, until migrate replaces it', async () => {
    await tickets().dropIndex(DECLARED);
    await tickets().createIndex({ customerId: 1, createdAt: -1 }, { name: DECLARED, unique: true });

    await expect(reboot(uri)).rejects.toThrow(IndexMigrationRequiredError);
    await reboot(uri).catch(() => undefined); // connected again, for the checks below
    expect(await migrate(uri)).toMatchObject({ output: expect.stringContaining(`tickets: drop ${DECLARED}`) });

    expect(await migrate(uri, '--apply')).toMatchObject({ code: 0 });

    await reboot(uri);
    const declared = (await tickets().indexes()).find((index) => index.name === DECLARED);
    expect(declared?.unique).toBeUndefined();
  });
});
