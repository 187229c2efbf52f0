import { ChannelBodySchema } from '../../../domain/channels/channel-settings';
import { templateBodyParameters, templateForKind, templateLanguageCode, WhatsAppTemplatesSchema, type WhatsAppTemplateConfig } from '../../../domain/channels/whatsapp-templates';

const answer: WhatsAppTemplateConfig = {
  name: 'new_answer_on_request',
  usedFor: ['agent-reply', 'info-request'],
  languages: { en: 'en_US', pt: 'pt_BR', 'pt-PT': 'pt_PT', id: 'id' },
  fallbackLanguage: 'en',
  bodyParameters: ['customerName', 'queryCode', 'trackingUrl'],
};

describe('WhatsApp templates a channel may send outside the 24-hour window', () => {
  it('picks the template of a message kind, and none for a kind no template serves', () => {
    expect(templateForKind([answer], 'info-request')?.name).toBe('new_answer_on_request');
    expect(templateForKind([answer], 'survey')).toBeUndefined();
  });

  it.each([
    ['pt-BR', 'pt_BR'],
    ['pt-PT', 'pt_PT'],
    ['PT_pt', 'pt_PT'],
    ['id', 'id'],
    ['de-AT', 'en_US'],
    [undefined, 'en_US'],
  ])('sends a customer reading %s the %s translation', (tag, code) => {
    expect(templateLanguageCode(answer, tag)).toBe(code);
  });

  it('fills the body parameters in order, each one line, and says which value a ticket lacks', () => {
    expect(templateBodyParameters(answer, { customerName: ' Ana\n  Souza\t', queryCode: 'MRD-1', trackingUrl: 'https://x/t' })).toEqual({ parameters: ['Ana Souza', 'MRD-1', 'https://x/t'] });
    expect(templateBodyParameters(answer, { customerName: '  ', queryCode: 'MRD-1', trackingUrl: 'https://x/t' })).toEqual({ missing: 'customerName' });
  });

  it('accepts Meta’s names and language codes and refuses what Meta would not approve', () => {
    expect(WhatsAppTemplatesSchema.safeParse([answer]).success).toBe(true);
    const bad = WhatsAppTemplatesSchema.safeParse([{ ...answer, name: 'New-Answer', languages: { en: 'en-US', 'pt-br': 'pt_BR' }, bodyParameters: ['agentText'] }]);
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('/')).sort()).toEqual(['0/bodyParameters/0', '0/languages/en', '0/languages/pt-br', '0/name']);
  });

  it('refuses two templates for one kind, a name twice, a fallback without translation, the survey link outside the survey', () => {
    const checked = WhatsAppTemplatesSchema.safeParse([
      answer,
      { ...answer, usedFor: ['agent-reply'], fallbackLanguage: 'es' },
      { name: 'survey_invite', usedFor: ['survey', 'resolution'], languages: { en: 'en' }, fallbackLanguage: 'en', bodyParameters: ['surveyUrl'] },
    ]);
    expect(checked.error!.issues.map((i) => [i.path.join('/'), i.message])).toEqual([
      ['1/name', 'template "new_answer_on_request" is listed twice'],
      ['1/fallbackLanguage', 'must be one of the template’s languages'],
      ['1/usedFor', '"agent-reply" is already sent as template "new_answer_on_request"'],
      ['2/bodyParameters', 'surveyUrl exists only for a template used for the survey alone'],
    ]);
  });

  it('takes templates only on a WhatsApp channel', () => {
    const base = { id: 'tg', kind: 'telegram', name: 'Bot', regionId: 'r1', accountId: '7000000001', templates: [answer] };
    const checked = ChannelBodySchema.safeParse(base);
    expect(checked.error!.issues.map((i) => i.path.join('/'))).toEqual(['templates']);
    expect(ChannelBodySchema.safeParse({ ...base, kind: 'whatsapp', accountId: '114896151713920' }).success).toBe(true);
  });
});
