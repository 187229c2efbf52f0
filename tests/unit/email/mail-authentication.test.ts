import { authenticationAction, bestDkim, type MailAuthentication } from '../../../domain/email/mail-authentication';

const base: MailAuthentication = { fromDomain: 'example.test', spf: 'none', dkim: 'none', dkimDomains: [], dmarc: 'none', arc: 'none', aligned: false, spoofSuspected: false };

describe('what Meridian does with a mail by its sender verdict', () => {
  it.each<[string, Partial<MailAuthentication>, boolean, string]>([
    ['DMARC pass', { dmarc: 'pass', aligned: true }, true, 'accept'],
    ['no DMARC record, unsigned', {}, true, 'accept'],
    ['DMARC p=reject fails over SMTP', { dmarc: 'fail', dmarcPolicy: 'reject', spoofSuspected: true }, true, 'refuse'],
    ['DMARC p=reject fails in a mailbox (IMAP: nobody to refuse)', { dmarc: 'fail', dmarcPolicy: 'reject', spoofSuspected: true }, false, 'hold'],
    ['DMARC p=quarantine fails', { dmarc: 'fail', dmarcPolicy: 'quarantine', spoofSuspected: true }, true, 'hold'],
    ['DMARC p=none fails', { dmarc: 'fail', dmarcPolicy: 'none', spoofSuspected: true }, true, 'hold'],
    ['two From addresses (no single author domain)', { dmarc: 'permerror', spoofSuspected: true }, true, 'hold'],
    ['the DMARC record did not come (DNS timeout)', { dmarc: 'temperror' }, true, 'defer'],
    ['DMARC fails because the DKIM key did not come', { dmarc: 'fail', dmarcPolicy: 'reject', dkim: 'temperror', spoofSuspected: true }, true, 'defer'],
  ])('%s', (_name, verdict, canRefuse, action) => {
    expect(authenticationAction({ ...base, ...verdict }, canRefuse)).toBe(action);
  });

  it('counts a mail as DKIM-passed when any of its signatures passes', () => {
    expect(bestDkim(['fail', 'pass', 'neutral'])).toBe('pass');
    expect(bestDkim(['fail', 'temperror'])).toBe('temperror');
    expect(bestDkim([])).toBe('none');
  });
});
