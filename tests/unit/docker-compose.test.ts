import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
}

const FILE = path.resolve(__dirname, '../../docker-compose.yml');
const SOURCE = fs.readFileSync(FILE, 'utf8');
const document = parseDocument(SOURCE, { merge: true }); // merge: the x-meridian-env anchor is merged into api
const services = (document.toJS() as { services: Record<string, Service> }).services;
const SECRETS = ['MERIDIAN_SECRET', 'MONGO_ROOT_PASSWORD', 'TEMPORAL_DB_PASSWORD'];

describe('docker-compose.yml', () => {
  it('is valid YAML', () => {
    expect(document.errors).toEqual([]);
    expect(Object.keys(services)).toEqual(['mongodb', 'temporal-postgresql', 'temporal', 'temporal-ui', 'mailpit', 'worker', 'api']);
  });

  it("does not publish Temporal's frontend, which would let anyone update ticket workflows", () => {
    expect(services.temporal?.ports).toBeUndefined();
  });

  it('publishes only the API beyond the host loopback (Temporal UI, Mailpit and MongoDB on 127.0.0.1)', () => {
    const published = Object.entries(services).flatMap(([name, service]) => (service.ports ?? []).map((port) => `${name} ${port}`));

    expect(published.filter((entry) => !/ 127\.0\.0\.1:\d+:\d+$/.test(entry))).toEqual(['api 3000:3000']);
    expect(published).toEqual(expect.arrayContaining(['temporal-ui 127.0.0.1:8080:8080', 'mongodb 127.0.0.1:27017:27017']));
  });

  it('takes every secret from the environment, with no default, and refuses to start without it', () => {
    const references = [...SOURCE.matchAll(/\$\{([A-Z_]+)(:?[-?])?([^}]*)\}/g)].map(([, name, operator]) => ({ name, operator }));

    expect(new Set(references.filter((r) => r.operator === ':?').map((r) => r.name))).toEqual(new Set(SECRETS));
    expect(references.filter((r) => SECRETS.includes(r.name!) && r.operator !== ':?')).toEqual([]);
    const secretSettings = Object.values(services).flatMap((service) =>
      Object.entries(service.environment ?? {}).filter(([key]) => /PASSWORD|PWD|SECRET/.test(key)),
    );
    expect(secretSettings.length).toBeGreaterThanOrEqual(5);
    for (const [key, value] of secretSettings) expect(`${key}=${value}`).toMatch(/=\$\{[A-Z_]+:\?[^}]+\}$/);
  });

  it('runs MongoDB with access control and connects Meridian with credentials', () => {
    expect(services.mongodb?.environment).toMatchObject({
      MONGO_INITDB_ROOT_USERNAME: '${MONGO_ROOT_USERNAME:-meridian}',
      MONGO_INITDB_ROOT_PASSWORD: expect.stringMatching(/^\$\{MONGO_ROOT_PASSWORD:\?/),
    });
    expect(services.mongodb?.command).toEqual(expect.arrayContaining(['--keyFile', '/etc/mongo-keyfile']));
    for (const name of ['api', 'worker']) {
      expect(services[name]?.environment?.MONGODB_URI).toMatch(
        /^mongodb:\/\/\$\{MONGO_ROOT_USERNAME:-meridian\}:\$\{MONGO_ROOT_PASSWORD:\?[^}]+\}@mongodb:27017\/meridian\?replicaSet=rs0&authSource=admin$/,
      );
    }
  });

  it("lets the Temporal Web UI decode payloads through the API's codec endpoint", () => {
    expect(services['temporal-ui']?.environment?.TEMPORAL_CODEC_ENDPOINT).toBe('http://localhost:3000/codec');
    expect(services.api?.environment?.TEMPORAL_UI_ORIGIN).toBe('http://localhost:8080'); // CORS for the UI's requests
  });
});
