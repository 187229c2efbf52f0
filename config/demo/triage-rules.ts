import type { z } from 'zod';
import type { TriageRulesSchema } from '../../domain/triage-rules';

type TriageRulesInput = z.input<typeof TriageRulesSchema>;

/** Demo triage: three categories with keywords in English, German, Vietnamese and Spanish. */
export const DEMO_TRIAGE_RULES: TriageRulesInput = {
  defaultCategoryId: 'general',
  categories: [
    {
      id: 'account-safety',
      name: 'Account safety',
      processId: 'account-safety',
      minPriority: 'high',
      keywords: {
        en: ['hacked', 'unauthorized', 'unauthorised', 'fraud', 'stolen', 'someone logged in', 'my child bought'],
        de: ['gehackt', 'unbefugt', 'betrug', 'gestohlen', 'mein kind hat gekauft'],
        vi: ['bị hack', 'trái phép', 'lừa đảo', 'bị đánh cắp', 'con tôi đã mua'],
        es: ['hackeado', 'no autorizado', 'fraude', 'robado', 'mi hijo compró'],
      },
      patterns: ['\\b(password|passwort|contraseña)\\b.{0,40}\\b(changed|geändert|cambiada)\\b'],
    },
    {
      id: 'billing',
      name: 'Billing and payments',
      processId: 'billing-dispute',
      minPriority: 'normal',
      keywords: {
        en: ['refund', 'charged', 'charged twice', 'invoice', 'billing', 'payment', 'subscription'],
        de: ['rückerstattung', 'abbuchung', 'doppelt abgebucht', 'rechnung', 'zahlung', 'abo'],
        vi: ['hoàn tiền', 'bị trừ tiền', 'hóa đơn', 'thanh toán', 'gói đăng ký'],
        es: ['reembolso', 'cobro', 'cobrado dos veces', 'factura', 'pago', 'suscripción'],
      },
    },
    {
      id: 'general',
      name: 'General question',
      processId: 'general-inquiry',
      minPriority: 'low',
      keywords: {
        en: ['question', 'how do i', 'help', 'information'],
        de: ['frage', 'wie kann ich', 'hilfe', 'information'],
        vi: ['câu hỏi', 'làm thế nào', 'giúp', 'thông tin'],
        es: ['pregunta', 'cómo puedo', 'ayuda', 'información'],
      },
    },
  ],
  urgentWords: {
    en: ['urgent', 'asap', 'immediately', 'emergency'],
    de: ['dringend', 'sofort', 'notfall', 'eilig'],
    vi: ['khẩn cấp', 'gấp', 'ngay lập tức'],
    es: ['urgente', 'inmediatamente', 'emergencia', 'cuanto antes'],
    '*': ['!!!'],
  },
  tierMinPriority: { premium: 'normal', vip: 'high' },
};
