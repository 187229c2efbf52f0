import type { z } from 'zod';
import type { ProcessBodySchema } from '../../domain/processes/process';

type ProcessInput = z.input<typeof ProcessBodySchema>;

/**
 * Demo processes: a dispute that may need billing, and an account-safety case. The plain answer (general-inquiry) is
 * built in: processes/general-inquiry.yaml.
 */
export const DEMO_PROCESSES: ProcessInput[] = [
  {
    id: 'billing-dispute',
    name: 'Billing dispute',
    steps: [
      {
        id: 'triage',
        type: 'task',
        title: 'Check the charge and answer, or hand over to billing',
        departmentId: 'support',
        requiredSkills: ['billing-basics'],
        outcomes: ['needs_billing', 'answered'],
        next: { needs_billing: 'billing-review', answered: '$resolve' },
      },
      {
        id: 'billing-review',
        type: 'task',
        title: 'Review the dispute and refund or explain the charge',
        departmentId: 'billing',
        requiredSkills: ['refunds'],
        outcomes: ['refunded', 'charge_upheld'],
      },
    ],
  },
  {
    id: 'account-safety',
    name: 'Account safety',
    steps: [
      {
        id: 'verify-identity',
        type: 'task',
        title: 'Verify the account holder’s identity',
        departmentId: 'risk',
        requiredSkills: ['identity-verification'],
        outcomes: ['verified', 'not_verified'],
        next: { verified: 'restrict-account', not_verified: '$resolve' },
      },
      {
        id: 'restrict-account',
        type: 'task',
        title: 'Secure or restrict the account',
        departmentId: 'trust-safety',
        requiredSkills: ['account-restriction'],
        outcomes: ['restricted', 'no_action'],
      },
    ],
  },
];
