import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { Connection } from '@temporalio/client';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTemporalTestServer } from '../../scripts/stack/temporal-test-server';
import { connectTestDatabase, withDatabase } from '../support/database';
import { mailHeader, startSmtpCatcher, waitForMail, type SmtpCatcher } from '../support/smtp';
import { startTimeSkippingServer } from '../support/time-skipping';

describe('embedded dev stack', () => {
  describe('SMTP catcher', () => {
    let catcher: SmtpCatcher;
    beforeAll(async () => {
      catcher = await startSmtpCatcher();
    });
    afterAll(() => catcher.stop());

    it('catches a mail sent with nodemailer, with its envelope and decoded subject', async () => {
      const transport = nodemailer.createTransport({ host: catcher.host, port: catcher.port, ignoreTLS: true });
      await transport.sendMail({
        from: 'Meridian Support <support@meridian.localhost>',
        to: ['ana@example.com', 'Ops <ops@example.com>'],
        subject: 'Ihre Anfrage MRD-7K3Q ist eingegangen – danke!',
        text: 'We received your message.',
      });
      transport.close();

      const mail = await waitForMail(catcher, (m) => m.envelope.to.includes('ana@example.com'));
      expect(mail.envelope).toEqual({ from: 'support@meridian.localhost', to: ['ana@example.com', 'ops@example.com'] });
      expect(mailHeader(mail, 'Subject')).toBe('Ihre Anfrage MRD-7K3Q ist eingegangen – danke!');
      expect(mail.raw).toContain('We received your message.');
    });

    it('refuses the recipients its policy names, with the policy\'s code, until the policy is lifted', async () => {
      const transport = nodemailer.createTransport({ host: catcher.host, port: catcher.port, ignoreTLS: true });
      const asked: string[] = [];
      catcher.refuseRecipients((address) => {
        asked.push(address);
        return address === 'gone@example.com' ? { code: 550, message: 'no such mailbox' } : undefined;
      });
      try {
        const send = (to: string) => transport.sendMail({ from: 'support@meridian.localhost', to, subject: `to ${to}`, text: 'x' });
        await expect(send('gone@example.com')).rejects.toMatchObject({ responseCode: 550, code: 'EENVELOPE' });
        await send('here@example.com');
        catcher.refuseRecipients(null);
        await send('gone@example.com');
      } finally {
        catcher.refuseRecipients(null);
        transport.close();
      }
      expect(asked).toEqual(['gone@example.com', 'here@example.com']);
      const subjects = catcher.messages.map((m) => mailHeader(m, 'Subject'));
      expect(subjects.filter((s) => s === 'to gone@example.com')).toHaveLength(1); // only after the policy was lifted
      expect(subjects).toContain('to here@example.com');
    });
  });

  it('stores a document in a private test database and reads it back', async () => {
    const db = await connectTestDatabase();
    try {
      const schema = new mongoose.Schema({ _id: String, subject: String, openedAtMs: Number });
      const Probe = mongoose.model('StackProbe', schema, 'stack_probes');
      await Probe.create({ _id: 'probe-1', subject: 'Refund for an unauthorised purchase', openedAtMs: 1_700_000_000_000 });

      const found = await Probe.findById('probe-1').lean();

      expect(found).toMatchObject({ _id: 'probe-1', subject: 'Refund for an unauthorised purchase' });
      expect(db.dbName).toMatch(/^t_\d+_[0-9a-f]{8}$/);
    } finally {
      await db.disconnect();
    }
  });

  it('serves the default Temporal namespace at TEMPORAL_ADDRESS', async () => {
    const connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS });
    try {
      const { namespaceInfo } = await connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespaceInfo?.name).toBe('default');
    } finally {
      await connection.close();
    }
  });

  it('runs a time-skipping test server whose clock follows the wall clock until a test skips time', async () => {
    const server = await startTimeSkippingServer();
    try {
      const { namespaceInfo } = await server.connection.workflowService.describeNamespace({ namespace: 'default' });
      expect(namespaceInfo?.name).toBe('default');
      expect(Math.abs(server.now() - Date.now())).toBeLessThan(1_000);
      const before = server.now();
      await server.skipTime(2 * 60 * 60_000);
      expect(server.now() - before).toBeGreaterThanOrEqual(2 * 60 * 60_000);
      expect(server.now() - before).toBeLessThan(2 * 60 * 60_000 + 5_000);
    } finally {
      await server.stop();
    }
  });

  it('reports why the time-skipping test server did not start, with its last output', async () => {
    const empty = await fs.mkdtemp(path.join(os.tmpdir(), 'meridian-no-jars-'));
    try {
      await expect(startTemporalTestServer({ classpath: empty })).rejects.toThrow(/last output of Temporal test server[^]*Could not find or load main class io\.temporal\.testserver\.TestServer/);
    } finally {
      await fs.rm(empty, { recursive: true, force: true });
    }
  });

  it.each([
    ['mongodb://127.0.0.1:4000', 'mongodb://127.0.0.1:4000/t_1'],
    ['mongodb://127.0.0.1:4000/', 'mongodb://127.0.0.1:4000/t_1'],
    ['mongodb://u:p@a:1,b:2/admin?replicaSet=rs0', 'mongodb://u:p@a:1,b:2/t_1?replicaSet=rs0'],
    ['mongodb://h:1/?directConnection=true', 'mongodb://h:1/t_1?directConnection=true'],
  ])('points %s at the test database', (base, expected) => {
    expect(withDatabase(base, 't_1')).toBe(expected);
  });
});
