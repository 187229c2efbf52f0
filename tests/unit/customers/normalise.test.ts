import { normaliseEmail, normaliseIdentity, normaliseIdentityValue, normalisePhone, phonesInText } from '../../../domain/customers/normalise';

describe('identity normalisation', () => {
  it.each([
    ['  Ana.Lima@Example.COM ', 'ana.lima@example.com'],
    ['o\'brien+tickets@mail.example.ie', "o'brien+tickets@mail.example.ie"],
    ['user@sub.domain.example', 'user@sub.domain.example'],
  ])('spells the e-mail %j one way: %j', (raw, expected) => expect(normaliseEmail(raw)).toBe(expected));

  it.each([['not an address'], ['@example.com'], ['ana@'], ['ana@localhost'], ['ana@@example.com'], ['ana lima@example.com'], ['.ana@example.com'], [`${'a'.repeat(65)}@example.com`], [`ana@${'a'.repeat(250)}.com`]])(
    'refuses %j as an e-mail address',
    (raw) => expect(normaliseEmail(raw)).toBeNull(),
  );

  it.each([
    ['+49 30 123456', '+4930123456'],
    ['+49 (30) 1234-5678', '+493012345678'],
    ['0049 151 12345678', '+4915112345678'],
    ['+1 415.555.2671', '+14155552671'],
    ['+55 11 91234-5678', '+5511912345678'], // São Paulo mobile
    ['+91 98765 43210', '+919876543210'],
  ])('writes the phone %j as E.164 %j', (raw, expected) => expect(normalisePhone(raw)).toBe(expected));

  it.each([
    ['030 123456', 'no country: any guess could be someone else'],
    ['+1 000 555 0100', 'not a number in the plan (area code 000)'],
    ['+49 1', 'too short'],
    ['+49 30 123456 ext 5', 'letters'],
    ['+999 1234567', 'no such country code'],
    ['', 'empty'],
  ])('refuses the phone %j (%s)', (raw) => expect(normalisePhone(raw)).toBeNull());

  it.each([
    ['whatsapp', '4915112345678', '4915112345678'], // the wa_id as the Cloud API sends it
    ['whatsapp', '+4915112345678', '4915112345678'],
    ['messenger', ' 7412589630123 ', '7412589630123'],
    ['instagram', '17841400000000000', '17841400000000000'],
    ['telegram', '-1001234567890', '-1001234567890'],
    ['line', 'U4af4980629f5d7a8c1e3b6f7d8e9a0b1', 'U4af4980629f5d7a8c1e3b6f7d8e9a0b1'],
    ['webchat', 'visitor_9fK2-xY71', 'visitor_9fK2-xY71'],
  ] as const)('keeps a %s id in its one spelling: %j → %j', (kind, raw, expected) => expect(normaliseIdentityValue(kind, raw)).toBe(expected));

  it.each([
    ['whatsapp', '49 151 12345678'],
    ['whatsapp', '10005550100'], // digits, but no number in the plan
    ['messenger', 'psid:123456'],
    ['instagram', '1234'],
    ['telegram', '12345678901234567890123'],
    ['line', 'u4af4980629f5d7a8c1e3b6f7d8e9a0b1'],
    ['line', 'U4AF4980629F5D7A8C1E3B6F7D8E9A0B1'],
    ['webchat', 'short'],
    ['webchat', 'visitor id with spaces'],
  ] as const)('refuses %s id %j', (kind, raw) => expect(normaliseIdentityValue(kind, raw)).toBeNull());

  it('returns the identity with its kind, or null', () => {
    expect(normaliseIdentity('email', ' X@Example.org')).toEqual({ kind: 'email', value: 'x@example.org' });
    expect(normaliseIdentity('phone', 'call me')).toBeNull();
  });
});

describe('phone numbers in what a person wrote', () => {
  it('takes valid international numbers from a signature, not quoted ones, national ones or invalid ones', () => {
    const text = 'See you soon.\n\n-- \nLina Park\nTel. +62 812-3456-7890 · Fax 0049 30 123456\nOffice 030 123456\n+1 000 555 0100\n> Call us at +44 20 7946 0958';
    expect(phonesInText(text)).toEqual(['+6281234567890', '+4930123456']);
    expect(phonesInText('no numbers here, order 4711')).toEqual([]);
  });
});
