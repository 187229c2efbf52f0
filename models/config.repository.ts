/**
 * The configuration reads activities use: plain, validated domain objects, or null when absent.
 * Each lives next to its model; this module is the one place to import them from.
 */
export { getRegion } from './region.model';
export { getDepartment, listDepartments } from './department.model';
export { getSlaPolicyForRegion } from './sla-policy.model';
export { getTriageRules } from './triage-rules.model';
export { getLatestProcess, getProcessVersion } from './process.model';
