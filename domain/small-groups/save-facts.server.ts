// What the director records about each participant for the grouping: Balint experience,
// co-leader candidate, and gender only where the participant gave it.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '#db/client.server.ts';
import { participantGroupingFacts } from '#db/schema/course-running.ts';
import { registrations } from '#db/schema/registration.ts';
import { recordAudit, type Actor } from '#domain/audit/record-audit.server.ts';
import { DomainError } from '#domain/errors.ts';
import { PARTICIPANT_STATUSES } from './course-groups.server.ts';
import type { BalintExperience } from './experience.ts';

export interface FactsInput {
  organizationId: string;
  courseId: string;
  facts: { registrationId: string; experience: BalintExperience | ''; coLeaderCandidate: boolean; gender: string }[];
}

export async function saveParticipantFacts(db: Db, input: FactsInput, actor: Actor): Promise<{ changed: number }> {
  return db.transaction(async (tx) => {
    const ids = input.facts.map((f) => f.registrationId);
    if (ids.length === 0) return { changed: 0 };
    const found = await tx
      .select({ id: registrations.id })
      .from(registrations)
      .where(
        and(
          eq(registrations.courseId, input.courseId),
          eq(registrations.organizationId, input.organizationId),
          inArray(registrations.id, ids),
          inArray(registrations.status, [...PARTICIPANT_STATUSES]),
        ),
      );
    if (found.length !== new Set(ids).size) throw new DomainError('SMALL_GROUPS_PARTICIPANT_NOT_FOUND');
    const before = await tx.select().from(participantGroupingFacts).where(inArray(participantGroupingFacts.registrationId, ids));
    const beforeById = new Map(before.map((b) => [b.registrationId, b]));
    let changed = 0;
    for (const f of input.facts) {
      const old = beforeById.get(f.registrationId);
      const same = old ? old.balintExperience === f.experience && old.coLeaderCandidate === f.coLeaderCandidate && old.gender === f.gender : !f.experience && !f.coLeaderCandidate && !f.gender;
      if (same) continue;
      changed++;
      await tx
        .insert(participantGroupingFacts)
        .values({ registrationId: f.registrationId, organizationId: input.organizationId, balintExperience: f.experience, coLeaderCandidate: f.coLeaderCandidate, gender: f.gender })
        .onConflictDoUpdate({
          target: participantGroupingFacts.registrationId,
          set: { balintExperience: f.experience, coLeaderCandidate: f.coLeaderCandidate, gender: f.gender, updatedAt: sql`now()` },
        });
      await recordAudit(tx, actor, {
        organizationId: input.organizationId,
        action: 'small_groups.facts_saved',
        entityType: 'registration',
        entityId: f.registrationId,
        before: old ? { experience: old.balintExperience, coLeaderCandidate: old.coLeaderCandidate, gender: old.gender } : null,
        after: { experience: f.experience, coLeaderCandidate: f.coLeaderCandidate, gender: f.gender },
      });
    }
    return { changed };
  });
}
