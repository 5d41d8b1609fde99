// The director's view of a course's small groups: a card per group (members, leaders, the mix
// of professions, experience and regions, its diversity), the course's total diversity (the
// grouping's objective: the sum over groups of their members' pairwise diversity), and every
// broken rule in words — participants' hard rules and the leader rules alike.
import { breakdownGroups } from '#domain/grouping/breakdown.ts';
import { findViolations } from '#domain/grouping/verify.ts';
import { t } from '#lib/i18n.ts';
import { courseProblem, currentAssignment, type CourseGroups, type GroupWithLeaders, type Participant } from './course-groups.server.ts';
import { findLeaderViolations } from './leader-rules.ts';

export interface GroupCard extends GroupWithLeaders {
  members: (Participant & { pinned: boolean })[];
  diversity: number;
  mix: { profession: Record<string, number>; experience: Record<string, number>; region: Record<string, number> };
  weak: string[];
}

export interface GroupsSummary {
  cards: GroupCard[];
  unplaced: Participant[];
  /** Diversity total; rounded to two decimals for display by the caller. */
  score: number;
  violations: string[];
}

function countBy(people: readonly Participant[], key: (p: Participant) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of people) {
    const value = key(p).trim() || t('smallGroups.unrecorded');
    out[value] = (out[value] ?? 0) + 1;
  }
  return out;
}

export function summarizeGroups(state: CourseGroups): GroupsSummary {
  const assignment = currentAssignment(state);
  const pinned = new Set(state.members.filter((m) => m.pinned).map((m) => m.registrationId));
  const unplaced = state.participants.filter((_, i) => assignment[i]! < 0);
  const violations: string[] = [];
  let score = 0;
  let breakdown: ReturnType<typeof breakdownGroups> = [];
  if (state.groups.length > 0 && state.participants.length > 0) {
    const { problem, attributes } = courseProblem(state);
    breakdown = breakdownGroups(
      problem,
      assignment,
      state.participants.map((p) => ({ profession: p.profession.trim().toLowerCase(), region: p.region.trim().toLowerCase() })),
      (attributes ?? []).filter((a) => a.name === 'profession' || a.name === 'region'),
    );
    score = breakdown.reduce((sum, b) => sum + b.diversity, 0);
    if (unplaced.length === 0) {
      for (const v of findViolations(problem, assignment)) violations.push(v.message);
    } else {
      violations.push(t('smallGroups.ruleUnplaced', { count: unplaced.length }));
    }
  }
  violations.push(...findLeaderViolations(state.groups, state.plan.leaderRules));
  const cards = state.groups.map((group, g) => {
    const members = state.participants.filter((_, i) => assignment[i] === g).map((p) => ({ ...p, pinned: pinned.has(p.registrationId) }));
    return {
      ...group,
      members,
      diversity: breakdown[g]?.diversity ?? 0,
      mix: {
        profession: countBy(members, (p) => p.profession),
        experience: countBy(members, (p) => (p.experience ? t(`smallGroups.experience_${p.experience}`) : '')),
        region: countBy(members, (p) => p.region),
      },
      weak: breakdown[g]?.weak ?? [],
    };
  });
  return { cards, unplaced, score, violations };
}
