// A registration as stored, its states in the order staff read them, and those that hold a place.
import type { registrations } from '#db/schema/registration.ts';

export { PLACE_HOLDING, REGISTRATION_STATUSES, type RegistrationStatus } from '#db/schema/registration.ts';

export type Registration = typeof registrations.$inferSelect;
