// The course's participants and small groups as the grouping solver's input
// (domain/grouping/json-format.ts): profession and institution from the application, region
// from the profile, Balint experience, gender and co-leader candidacy from the director's facts.
// Hard rules: people of one institution apart, at most one co-leader candidate per group, and
// every placement made by hand (pinned) kept.
import type { GroupingWeights } from '#db/schema/course-running.ts';
import type { AttributeSpec } from '#domain/grouping/diversity.ts';
import type { GroupingInput } from '#domain/grouping/json-format.ts';
import { experienceLevel } from './experience.ts';

export interface GroupingParticipant {
  registrationId: string;
  name: string;
  profession: string;
  institution: string;
  region: string;
  experience: string;
  gender: string;
  coLeaderCandidate: boolean;
}

export interface GroupingGroup {
  id: string;
  name: string;
}

export const CO_LEADER_KIND = 'coLeaderCandidate';

/** Institutions compare without case or extra spaces: "St. Luke's  Clinic" is "st. luke's clinic". */
export function institutionKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function groupingAttributes(weights: GroupingWeights): AttributeSpec[] {
  const specs: AttributeSpec[] = [
    { name: 'profession', type: 'categorical', weight: weights.profession },
    { name: 'experience', type: 'numeric', weight: weights.experience },
    { name: 'region', type: 'categorical', weight: weights.region },
    { name: 'gender', type: 'categorical', weight: weights.gender },
  ];
  return specs.filter((s) => s.weight > 0);
}

export function buildGroupingInput(options: {
  participants: readonly GroupingParticipant[];
  groups: readonly GroupingGroup[];
  minSize: number;
  maxSize: number;
  weights: GroupingWeights;
  /** registrationId → smallGroupId of placements made by hand. */
  pins: ReadonlyMap<string, string>;
  coLeaderLabel: string;
  pinReason: string;
}): GroupingInput {
  const groupIds = new Set(options.groups.map((g) => g.id));
  return {
    format: 'balint-hub/grouping@1',
    groups: options.groups.map((g) => ({ id: g.id, name: g.name, minSize: options.minSize, maxSize: options.maxSize })),
    people: options.participants.map((p) => ({
      id: p.registrationId,
      name: p.name,
      attributes: {
        profession: p.profession.trim().toLowerCase(),
        institution: institutionKey(p.institution),
        region: p.region.trim().toLowerCase(),
        experience: experienceLevel(p.experience),
        gender: p.gender.trim().toLowerCase(),
      },
      kinds: p.coLeaderCandidate ? [CO_LEADER_KIND] : [],
    })),
    attributes: groupingAttributes(options.weights),
    rules: {
      apartWhenSame: ['institution'],
      kinds: [{ id: 'co-leader', kind: CO_LEADER_KIND, name: options.coLeaderLabel, maxPerGroup: 1 }],
      pins: options.participants
        .filter((p) => groupIds.has(options.pins.get(p.registrationId) ?? ''))
        .map((p) => ({ id: `pin:${p.registrationId}`, person: p.registrationId, group: options.pins.get(p.registrationId)!, reason: options.pinReason })),
    },
  };
}
