import type { z } from 'zod';
import type { TriageRulesSchema } from '../../domain/triage-rules';

type TriageRulesInput = z.input<typeof TriageRulesSchema>;

/** Demo triage: five categories with keywords in English, German, Vietnamese and Spanish. */
export const DEMO_TRIAGE_RULES: TriageRulesInput = {
  defaultCategoryId: 'general',
  categories: [
    {
      id: 'minor-purchase',
      name: 'Purchase by a minor',
      processId: 'minor-purchase',
      minPriority: 'high',
      keywords: {
        en: ['my child bought', 'my son bought', 'my daughter bought', 'without my permission'],
        de: ['mein kind hat gekauft', 'ohne meine erlaubnis'],
        vi: ['con tôi đã mua', 'không có sự cho phép'],
        es: ['mi hijo compró', 'mi hija compró', 'sin mi permiso'],
      },
    },
    {
      id: 'account-safety',
      name: 'Account safety',
      processId: 'account-hacked',
      minPriority: 'high',
      keywords: {
        en: ['hacked', 'unauthorized', 'unauthorised', 'fraud', 'stolen', 'someone logged in'],
        de: ['gehackt', 'unbefugt', 'betrug', 'gestohlen'],
        vi: ['bị hack', 'trái phép', 'lừa đảo', 'bị đánh cắp'],
        es: ['hackeado', 'no autorizado', 'fraude', 'robado'],
      },
      patterns: ['\\b(password|passwort|contraseña)\\b.{0,40}\\b(changed|geändert|cambiada)\\b'],
    },
    {
      id: 'refund',
      name: 'Refund request',
      processId: 'refund-request',
      minPriority: 'normal',
      keywords: {
        en: ['refund', 'money back'],
        de: ['rückerstattung', 'geld zurück'],
        vi: ['hoàn tiền', 'trả lại tiền'],
        es: ['reembolso', 'devolución del dinero'],
      },
    },
    {
      id: 'billing',
      name: 'Billing and payments',
      processId: 'billing-dispute',
      minPriority: 'normal',
      keywords: {
        en: ['charged', 'charged twice', 'invoice', 'billing', 'payment', 'subscription'],
        de: ['abbuchung', 'doppelt abgebucht', 'rechnung', 'zahlung', 'abo'],
        vi: ['bị trừ tiền', 'hóa đơn', 'thanh toán', 'gói đăng ký'],
        es: ['cobro', 'cobrado dos veces', 'factura', 'pago', 'suscripción'],
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
