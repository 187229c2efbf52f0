/** Who may answer an approval level, read from the departments as they are when the level starts. */
import type { ApproverGroup } from '../../domain/processes/steps';
import { configurationMissing, requireDepartment } from '../configuration';

export interface ApproversInput {
  group: ApproverGroup;
  /** Members who may not answer: the requester and whoever answered an earlier level. */
  exclude: string[];
  /** An escalation may find nobody (ops are alerted anyway); a level that starts must have someone. */
  required: boolean;
}

export function createApproverActivities() {
  return {
    /** Members of the group's department that hold its role or are listed by id, minus `exclude`. */
    async approversFor(input: ApproversInput): Promise<{ memberIds: string[] }> {
      const { group, exclude } = input;
      const department = await requireDepartment(group.departmentId);
      const listed = new Set(group.memberIds ?? []);
      const memberIds = department.members
        .filter((m) => (group.role !== undefined && (m.roles ?? []).includes(group.role)) || listed.has(m.id))
        .map((m) => m.id)
        .filter((id) => !exclude.includes(id));
      if (input.required && memberIds.length === 0)
        throw configurationMissing(`an approver in department ${group.departmentId}${group.role ? ` with role ${group.role}` : ''} (the requester and earlier approvers excluded)`);
      return { memberIds };
    },

    /** The department's lead, when it has one and they may answer. */
    async departmentLead(input: { departmentId: string; exclude: string[] }): Promise<{ memberIds: string[] }> {
      const department = await requireDepartment(input.departmentId);
      const lead = department.leadId;
      return { memberIds: lead && !input.exclude.includes(lead) ? [lead] : [] };
    },
  };
}
