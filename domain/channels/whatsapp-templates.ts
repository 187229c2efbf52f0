/**
 * The approved WhatsApp templates a channel may send when the 24-hour customer-service window is closed: which Meridian
 * messages each stands in for, its WhatsApp language code per Meridian language, and which ticket values fill its body's
 * {{1}}, {{2}} … Meta approves a template's wording, so its parameters come from a fixed list, never from free text.
 */
import { z } from 'zod';
import { OUTBOUND_KINDS, type OutboundKind } from '../outbound-message';
import { ruleIssue } from '../rules';

/** The messages a template may stand in for: every message to a customer (ops alerts go by e-mail). */
export const TEMPLATE_KINDS = OUTBOUND_KINDS.filter((k): k is Exclude<OutboundKind, 'ops-alert'> => k !== 'ops-alert');

/** The values a template's body parameters may hold; the survey link exists only for the survey. */
export const TEMPLATE_PARAMETERS = ['customerName', 'ticketSubject', 'queryCode', 'trackingUrl', 'surveyUrl'] as const;
export type TemplateParameter = (typeof TEMPLATE_PARAMETERS)[number];

/** Meta's rule for a template name: lowercase letters, digits and underscores, at most 512 characters. */
export const TemplateNameSchema = z.string().regex(/^[a-z0-9_]{1,512}$/, 'expected a WhatsApp template name: lowercase letters, digits and underscores');
/** WhatsApp's language codes: `en`, `fil`, `en_US`, `pt_BR`, `zh_HK` (language, then an underscore and a region). */
const WhatsAppLanguageSchema = z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'expected a WhatsApp language code such as "en_US" or "pt_BR"');
/** A Meridian language tag: `en`, `pt-BR`, `zh-Hans`, `es-419`. */
const MeridianLanguageSchema = z.string().regex(/^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|\d{3}))?$/, 'expected a language tag such as "en" or "pt-BR"');

export const WhatsAppTemplateSchema = z.strictObject({
  name: TemplateNameSchema.describe('The template’s name as approved in WhatsApp Manager'),
  usedFor: z
    .array(z.enum(TEMPLATE_KINDS))
    .max(TEMPLATE_KINDS.length)
    .default([])
    .describe('The messages it is sent for when the window is closed (none: only when an agent picks it)'),
  languages: z
    .record(MeridianLanguageSchema, WhatsAppLanguageSchema)
    // A rule (422), not a schema constraint: the OpenAPI document cannot say how many keys a map holds.
    .superRefine((l, ctx) => {
      const n = Object.keys(l).length;
      if (n < 1 || n > 60) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [], 'expected 1 to 60 languages'));
    })
    .describe('Meridian language → the approved translation’s WhatsApp code, e.g. {"en": "en_US", "pt": "pt_BR"}'),
  fallbackLanguage: MeridianLanguageSchema.describe('The Meridian language used when the customer’s has no translation (one of `languages`)'),
  bodyParameters: z.array(z.enum(TEMPLATE_PARAMETERS)).max(10).default([]).describe('What fills {{1}}, {{2}} … of the body, in order'),
});
export type WhatsAppTemplateConfig = z.infer<typeof WhatsAppTemplateSchema>;

/** A WhatsApp channel's templates: names unique, each message kind served by at most one. */
export const WhatsAppTemplatesSchema = z
  .array(WhatsAppTemplateSchema)
  .max(50)
  .superRefine((templates, ctx) => {
    const names = new Set<string>();
    const kinds = new Map<string, string>();
    templates.forEach((t, i) => {
      if (names.has(t.name)) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [i, 'name'], `template "${t.name}" is listed twice`));
      names.add(t.name);
      if (!(t.fallbackLanguage in t.languages)) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [i, 'fallbackLanguage'], 'must be one of the template’s languages'));
      if (t.bodyParameters.includes('surveyUrl') && (t.usedFor.length !== 1 || t.usedFor[0] !== 'survey'))
        ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [i, 'bodyParameters'], 'surveyUrl exists only for a template used for the survey alone'));
      for (const kind of t.usedFor) {
        const other = kinds.get(kind);
        if (other !== undefined) ctx.addIssue(ruleIssue('INCONSISTENT_INPUT', [i, 'usedFor'], `"${kind}" is already sent as template "${other}"`));
        kinds.set(kind, t.name);
      }
    });
  });

/** The template a channel sends for a message kind outside the window, if ops configured one. */
export function templateForKind(templates: readonly WhatsAppTemplateConfig[], kind: OutboundKind): WhatsAppTemplateConfig | undefined {
  return templates.find((t) => (t.usedFor as readonly string[]).includes(kind));
}

/** Whether an agent may pick the template for a reply: its parameters must exist outside the survey. */
export const agentMayPick = (t: WhatsAppTemplateConfig) => !t.bodyParameters.includes('surveyUrl');

/**
 * The WhatsApp language code to send in for a customer's language tag: the tag itself, then shorter forms of it
 * (pt-BR → pt), else the template's fallback language.
 */
export function templateLanguageCode(template: WhatsAppTemplateConfig, customerTag: string | undefined): string {
  const subtags = (customerTag ?? '').trim().replace(/_/g, '-').split('-').filter(Boolean);
  for (let n = subtags.length; n > 0; n -= 1) {
    const wanted = subtags.slice(0, n).join('-').toLowerCase();
    const held = Object.keys(template.languages).find((l) => l.toLowerCase() === wanted);
    if (held) return template.languages[held]!;
  }
  return template.languages[template.fallbackLanguage]!;
}

/**
 * The body parameters in order, or the first value the ticket lacks. Meta refuses a parameter that is empty or holds
 * line breaks, tabs or more than four spaces in a row, so each is one line of single spaces.
 */
export function templateBodyParameters(
  template: WhatsAppTemplateConfig,
  values: Partial<Record<TemplateParameter, string>>,
): { parameters: string[] } | { missing: TemplateParameter } {
  const parameters: string[] = [];
  for (const name of template.bodyParameters) {
    const value = (values[name] ?? '').replace(/\s+/g, ' ').trim();
    if (!value) return { missing: name };
    parameters.push(value);
  }
  return { parameters };
}
