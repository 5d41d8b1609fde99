// The member directory's consent (issue 15, ADR 0070): per person and organization, one switch
// per field a member may show to the organization's other current members. Every switch is off
// until the person turns it on; without a row nothing about the person is shown. The same
// switches decide what the faculty's participant list prints (ADR 0065).
import { boolean, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { organizations } from './organizations.ts';

export const directoryConsents = pgTable(
  'directory_consents',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    showName: boolean('show_name').notNull().default(false),
    showCredentials: boolean('show_credentials').notNull().default(false),
    showCity: boolean('show_city').notNull().default(false),
    showProfession: boolean('show_profession').notNull().default(false),
    /** Balint training: the verified trainings staff recorded (leader_trainings: intensives, other). */
    showTraining: boolean('show_training').notNull().default(false),
    /** Leader status: a verified credential as leader or supervisor (leader_trainings). */
    showLeaderStatus: boolean('show_leader_status').notNull().default(false),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.organizationId, t.userId] })],
);
