import type { CustomerDoc } from '../../../models/customer.model';
import { survivorSnapshot, takenFields } from '../../../services/customers/merge-plan';

const at = new Date('2026-11-02T10:00:00Z');
const customer = (id: string, fields: Partial<CustomerDoc> = {}): CustomerDoc => ({ _id: id, tier: 'standard', createdAt: at, updatedAt: at, ...fields });

describe('what a merge takes from its source', () => {
  it('takes only what the survivor lacks: its own verified values win', () => {
    const survivor = customer('cus_survivor1', { email: 's@example.com', profile: { name: 'Sam', source: 'staff', updatedAt: at }, tags: ['b2b'] });
    const source = customer('cus_source001', {
      email: 'x@example.com',
      phone: '+4930123456',
      profile: { name: 'Samuel', language: 'de', timeZone: 'Europe/Berlin', source: 'staff', updatedAt: at },
      nameKey: 'samuel',
      tags: ['b2b', 'reseller'],
      consent: { whatsapp: { granted: true, at, how: 'chat' } },
    });
    expect(Object.fromEntries(takenFields(survivor, source).map((t) => [t.path, t.value]))).toEqual({
      'profile.language': 'de',
      'profile.timeZone': 'Europe/Berlin',
      phone: '+4930123456',
      tags: ['b2b', 'reseller'],
      'consent.whatsapp': { granted: true, at, how: 'chat' },
    });
  });

  it('brings the source’s verification along when the survivor had no profile at all', () => {
    const source = customer('cus_source001', { profile: { name: 'Ana', source: 'channel', updatedAt: at }, nameKey: 'ana' });
    expect(takenFields(customer('cus_survivor1'), source)).toEqual([
      { path: 'profile.name', value: 'Ana' },
      { path: 'profile.source', value: 'channel' },
      { path: 'profile.updatedAt', value: at },
      { path: 'nameKey', value: 'ana' },
    ]);
  });

  it('takes nothing from an empty source, and snapshots absent survivor fields as null', () => {
    expect(takenFields(customer('cus_survivor1', { email: 's@example.com' }), customer('cus_source001'))).toEqual([]);
    expect(survivorSnapshot(customer('cus_survivor1', { email: 's@example.com' }))).toEqual({ email: 's@example.com', phone: null, profile: null, tags: null, consent: null, nameKey: null });
  });
});
