// Balint experience as the director records it: an ordered scale, so the grouping can mix
// newcomers with experienced members (a numeric attribute: 0 … 3).
export const BALINT_EXPERIENCE = ['new', 'member', 'training', 'leader'] as const;
export type BalintExperience = (typeof BALINT_EXPERIENCE)[number];

export function isBalintExperience(value: string): value is BalintExperience {
  return (BALINT_EXPERIENCE as readonly string[]).includes(value);
}

/** The position on the scale, or null when not recorded. */
export function experienceLevel(value: string): number | null {
  const index = (BALINT_EXPERIENCE as readonly string[]).indexOf(value);
  return index < 0 ? null : index;
}
