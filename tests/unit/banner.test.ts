import { banner, type BannerInfo } from '../../scripts/start/banner';

const info: BannerInfo = {
  apiUrl: 'http://127.0.0.1:3000',
  temporalAddress: '127.0.0.1:7233',
  temporalNamespace: 'default',
  temporalUiUrl: 'http://127.0.0.1:8233',
  databaseUri: 'mongodb://127.0.0.1:27017/meridian',
  smtpPort: 1025,
  adminKey: { file: '/home/dana/.cache/meridian/bootstrap-admin-key', created: true, fileExists: true },
  started: ['Temporal dev server', 'ferretdb'],
};

describe('npm start banner', () => {
  it('names the Temporal gRPC address and namespace, for temporal workflow list', () => {
    expect(banner(info)).toContain('Temporal      127.0.0.1:7233   (gRPC, namespace "default": temporal workflow list --address 127.0.0.1:7233)');
  });

  it('names the database URI, for a database shell', () => {
    expect(banner(info)).toContain('Database      mongodb://127.0.0.1:27017/meridian   (shell: mongosh "mongodb://127.0.0.1:27017/meridian")');
  });

  it('masks a password in the database URI', () => {
    const text = banner({ ...info, databaseUri: 'mongodb://meridian:s3cr3t-pw@db.internal:27017/meridian?authSource=admin' });

    expect(text).toContain('mongodb://meridian:****@db.internal:27017/meridian?authSource=admin');
    expect(text).not.toContain('s3cr3t-pw');
  });

  it.each([
    [{ created: true, fileExists: true }, 'Admin API key: created and saved to /home/dana/.cache/meridian/bootstrap-admin-key (readable by you only)'],
    [{ created: false, fileExists: true }, 'Admin API key: in /home/dana/.cache/meridian/bootstrap-admin-key (saved on the first start)'],
    [{ created: false, fileExists: false }, 'its file /home/dana/.cache/meridian/bootstrap-admin-key is gone; create more keys with POST /api/api-keys'],
  ])('points to the admin key file in one line (%o), never to a key', (state, line) => {
    const text = banner({ ...info, adminKey: { file: info.adminKey.file, ...state } });

    expect(text.split('\n').filter((l) => l.includes('Admin API key'))).toEqual([expect.stringContaining(line)]);
    expect(text).not.toMatch(/mrd_[A-Za-z0-9_-]{20,}/);
  });
});
