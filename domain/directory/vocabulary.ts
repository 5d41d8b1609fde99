// The directory's vocabulary, for the pages: formats, cadences, enrollment statuses,
// professions and kinds of training (defined with the schema, db/schema/directory.ts).
export { ENROLLMENT_STATUSES, LISTING_CADENCES, LISTING_FORMATS, PROFESSIONS, TRAINING_KINDS } from '#db/schema/directory.ts';
export type { EnrollmentStatus, ListingCadence, ListingFormat, Profession, TrainingKind } from '#db/schema/directory.ts';
