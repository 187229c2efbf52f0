import type { z } from 'zod';
import type { ProcessBodySchema } from '../../domain/processes/process';

type ProcessInput = z.input<typeof ProcessBodySchema>;

/**
 * Demo process: a dispute that may need billing. The plain answer, refunds, hacked accounts and purchases by minors
 * are built in (processes/*.yaml).
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
];
