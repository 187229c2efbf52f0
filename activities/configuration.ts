import { ApplicationFailure } from '@temporalio/common';
import type { Department } from '../domain/department';
import { getDepartment } from '../models/config.repository';

/** Missing configuration is retried (ops can add it) instead of failing the ticket. */
export function configurationMissing(what: string): ApplicationFailure {
  return ApplicationFailure.retryable(`configuration missing: ${what}`, 'CONFIGURATION_MISSING');
}

/** The department, or a retryable CONFIGURATION_MISSING failure. */
export async function requireDepartment(id: string): Promise<Department> {
  const department = await getDepartment(id);
  if (!department) throw configurationMissing(`department ${id}`);
  return department;
}
