// The leader rules a director sets ("two faculty per group, at least one behavioral-health
// clinician") checked against the leaders assigned, each broken rule in words.
import type { LeaderRules } from '#db/schema/course-running.ts';
import { t } from '#lib/i18n.ts';

export interface LeaderCheckGroup {
  id: string;
  name: string;
  leaders: { courseFacultyId: string; name: string; behavioralHealth: boolean }[];
}

export function findLeaderViolations(groups: readonly LeaderCheckGroup[], rules: LeaderRules): string[] {
  const out: string[] = [];
  const leads = new Map<string, { name: string; groups: string[] }>();
  for (const group of groups) {
    if (group.leaders.length !== rules.leadersPerGroup) {
      out.push(t('smallGroups.ruleLeaderCount', { group: group.name, count: group.leaders.length, wanted: rules.leadersPerGroup }));
    }
    if (rules.requireBehavioralHealth && group.leaders.length > 0 && !group.leaders.some((l) => l.behavioralHealth)) {
      out.push(t('smallGroups.ruleBehavioralHealth', { group: group.name }));
    }
    for (const leader of group.leaders) {
      const entry = leads.get(leader.courseFacultyId) ?? { name: leader.name, groups: [] };
      entry.groups.push(group.name);
      leads.set(leader.courseFacultyId, entry);
    }
  }
  for (const { name, groups: led } of leads.values()) {
    if (led.length > 1) out.push(t('smallGroups.ruleLeaderTwice', { name, groups: led.join(', ') }));
  }
  return out;
}
