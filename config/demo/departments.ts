import type { z } from 'zod';
import type { DepartmentSchema, MemberSchema } from '../../domain/department';
import type { WeeklyHours } from '../../domain/region';
import { MON_FRI, days } from './regions';

type DepartmentInput = z.input<typeof DepartmentSchema>;
type MemberInput = z.input<typeof MemberSchema>;

const OFFICE = days(MON_FRI, [{ start: '09:00', end: '17:00' }]);
const ALWAYS: WeeklyHours = days([...MON_FRI, 'sat', 'sun'], [{ start: '00:00', end: '24:00' }]);

function member(id: string, name: string, timeZone: string, languages: string[], skills: string[], weeklyHours = OFFICE, roles: string[] = []): MemberInput {
  return { id, name, email: `${id.replace('-', '.')}@example.com`, languages, skills, roles, shift: { timeZone, weeklyHours } };
}

/**
 * Demo departments, listed so that escalation targets come first (each must exist when the next is saved):
 * support → billing → risk → trust-safety (the last tier, which notifies ops); finance approves refunds.
 */
export const DEMO_DEPARTMENTS: DepartmentInput[] = [
  {
    id: 'trust-safety',
    name: 'Trust & Safety',
    leadId: 'omar-haddad',
    opsEmail: 'trust-safety-ops@example.com',
    members: [
      member('omar-haddad', 'Omar Haddad', 'America/New_York', ['en', 'ar'], ['account-restriction', 'minor-safety']),
      member('mai-le', 'Lê Thị Mai', 'Asia/Ho_Chi_Minh', ['vi', 'en'], ['account-restriction'], days([...MON_FRI, 'sat'], [{ start: '08:00', end: '17:00' }])),
    ],
  },
  {
    id: 'risk',
    name: 'Risk',
    leadId: 'hannah-schulz',
    escalationDepartmentId: 'trust-safety',
    opsEmail: 'risk-ops@example.com',
    members: [
      member('hannah-schulz', 'Hannah Schulz', 'Europe/Berlin', ['de', 'en'], ['identity-verification', 'fraud-review']),
      member('linh-pham', 'Phạm Thùy Linh', 'Asia/Ho_Chi_Minh', ['vi', 'en'], ['identity-verification'], days([...MON_FRI, 'sat'], [{ start: '08:00', end: '17:00' }])),
    ],
  },
  {
    // Follows up on low satisfaction scores (the built-in processes' surveys).
    id: 'quality',
    name: 'Quality',
    leadId: 'grace-okafor',
    opsEmail: 'quality-ops@example.com',
    members: [member('grace-okafor', 'Grace Okafor', 'Europe/London', ['en'], ['quality'], OFFICE), member('demo-quality', 'Demo Quality', 'UTC', ['en', 'de', 'vi', 'es'], ['quality'], ALWAYS)],
  },
  {
    // Approves refunds above the team leads' limit (processes/refund-request.yaml, processes/minor-purchase.yaml).
    id: 'finance',
    name: 'Finance',
    leadId: 'ingrid-berg',
    opsEmail: 'finance-ops@example.com',
    members: [
      member('ingrid-berg', 'Ingrid Berg', 'Europe/Berlin', ['de', 'en'], ['refunds'], OFFICE, ['finance_manager', 'finance_director']),
      member('rafael-souza', 'Rafael Souza', 'America/Sao_Paulo', ['pt', 'en', 'es'], ['refunds'], OFFICE, ['finance_manager']),
      member('aiko-tanaka', 'Aiko Tanaka', 'Asia/Tokyo', ['ja', 'en'], ['refunds'], OFFICE, ['finance_manager']),
    ],
  },
  {
    id: 'billing',
    name: 'Billing',
    leadId: 'sofia-martin',
    escalationDepartmentId: 'risk',
    opsEmail: 'billing-ops@example.com',
    members: [
      member('sofia-martin', 'Sofía Martín', 'Europe/Madrid', ['es', 'en'], ['refunds', 'chargebacks']),
      member('david-cohen', 'David Cohen', 'America/New_York', ['en'], ['refunds', 'invoices']),
    ],
  },
  {
    id: 'support',
    name: 'Customer Support (tier 1)',
    leadId: 'marcus-lee',
    escalationDepartmentId: 'billing',
    opsEmail: 'support-ops@example.com',
    members: [
      member('marcus-lee', 'Marcus Lee', 'America/New_York', ['en'], ['general', 'escalations'], days(MON_FRI, [{ start: '08:00', end: '16:00' }]), ['team_lead']),
      member('ana-ruiz', 'Ana Ruiz', 'America/New_York', ['en', 'es'], ['general', 'billing-basics'], days(MON_FRI, [{ start: '10:00', end: '18:00' }])),
      member('lena-fischer', 'Lena Fischer', 'Europe/Berlin', ['de', 'en'], ['general', 'account-security'], days(MON_FRI, [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]), ['team_lead']),
      member('jonas-weber', 'Jonas Weber', 'Europe/Berlin', ['de', 'en', 'fr'], ['general', 'billing-basics'], days(['tue', 'wed', 'thu', 'fri', 'sat'], [{ start: '12:00', end: '20:00' }])),
      member('minh-nguyen', 'Nguyễn Văn Minh', 'Asia/Ho_Chi_Minh', ['vi', 'en'], ['general'], {
        ...days(MON_FRI, [{ start: '08:00', end: '12:00' }, { start: '13:30', end: '17:30' }]),
        sat: [{ start: '08:00', end: '12:00' }],
      }),
      member('thao-tran', 'Trần Thu Thảo', 'Asia/Ho_Chi_Minh', ['vi', 'en'], ['general', 'billing-basics'], days(['tue', 'wed', 'thu', 'fri', 'sat'], [{ start: '13:00', end: '22:00' }])),
      // Always on shift, in every demo language: a ticket in the demo-fast region is assigned at any hour.
      member('demo-agent', 'Demo Agent', 'UTC', ['en', 'de', 'vi', 'es'], ['general', 'billing-basics', 'account-security'], ALWAYS),
    ],
  },
];
