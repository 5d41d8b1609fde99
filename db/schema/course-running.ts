// Running a course (issue 12): its schedule of sessions, calendar feeds, small groups with
// their faculty leaders, the presenting and leading rotation, and attendance. ADR 0053.
//
// Confidentiality: nothing here holds case content or patient details. The rotation records
// who presents in which session, never what; attendance records presence and minutes only.
import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './accounts.ts';
import { courseFaculty, courses } from './courses.ts';
import { organizations } from './organizations.ts';
import { registrations } from './registration.ts';

export const SESSION_KINDS = ['small_group', 'discussion_group', 'faculty_panel', 'debrief', 'large_group', 'meal', 'break', 'other'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/**
 * One block of the course's schedule. Instants are stored as timestamptz; the course's time
 * zone says how they are shown and entered. `creditMinutes` maps an accrediting body (the
 * `body` of the course's accreditation statements, e.g. "AAFP", "APA") to the minutes of
 * credit the session carries for it; breaks and meals carry none.
 */
export const courseSessions = pgTable(
  'course_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<SessionKind>().notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Where everyone meets; a small-group session's per-group room is on small_groups. */
    room: text('room').notNull().default(''),
    onlineUrl: text('online_url').notNull().default(''),
    creditMinutes: jsonb('credit_minutes').$type<Record<string, number>>().notNull().default({}),
    /** Shown on the public course page and in the course's public feed. */
    isPublic: boolean('is_public').notNull().default(true),
    /** Stable calendar UID: never changes once the session exists (`<id>@<host>` when written). */
    calendarUid: text('calendar_uid').notNull(),
    /** ICS SEQUENCE: bumped on every change a calendar should notice (time, place, title). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_sessions_course_start').on(t.courseId, t.startsAt), uniqueIndex('course_sessions_uid').on(t.calendarUid)],
);

/** When the schedule was published (public page and feeds show it) and its feed's version. */
export const courseSchedules = pgTable('course_schedules', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A person's agenda feed for one course (participant or faculty): only a SHA-256 hash of the
 * unguessable token is kept; revoking sets revokedAt and the feed answers 404 from then on.
 */
export const agendaFeeds = pgTable(
  'agenda_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastFetchedAt: timestamp('last_fetched_at', { withTimezone: true }),
  },
  (t) => [index('agenda_feeds_user_course').on(t.userId, t.courseId)],
);

export interface GroupingWeights {
  profession: number;
  experience: number;
  region: number;
  gender: number;
}

export interface LeaderRules {
  /** Faculty leaders per small group (the seed's practice: two). */
  leadersPerGroup: number;
  /** At least one leader of each group is a behavioral-health clinician. */
  requireBehavioralHealth: boolean;
}

/** A course's small-group settings and publication state. */
export const smallGroupPlans = pgTable('small_group_plans', {
  courseId: uuid('course_id')
    .primaryKey()
    .references(() => courses.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  minSize: integer('min_size').notNull().default(8),
  maxSize: integer('max_size').notNull().default(12),
  weights: jsonb('weights').$type<GroupingWeights>().notNull().default({ profession: 3, experience: 2, region: 1, gender: 1 }),
  leaderRules: jsonb('leader_rules').$type<LeaderRules>().notNull().default({ leadersPerGroup: 2, requireBehavioralHealth: true }),
  /** Set when the director publishes the groups (participants are emailed); null while drafting. */
  publishedAt: timestamp('published_at', { withTimezone: true }),
  /** Bumped on every change to membership or leaders, so a stale page cannot overwrite a newer plan. */
  version: integer('version').notNull().default(0),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const smallGroups = pgTable(
  'small_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    room: text('room').notNull().default(''),
  },
  (t) => [uniqueIndex('small_groups_position').on(t.courseId, t.position)],
);

export const smallGroupLeaders = pgTable(
  'small_group_leaders',
  {
    smallGroupId: uuid('small_group_id')
      .notNull()
      .references(() => smallGroups.id, { onDelete: 'cascade' }),
    courseFacultyId: uuid('course_faculty_id')
      .notNull()
      .references(() => courseFaculty.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.smallGroupId, t.courseFacultyId] }), index('small_group_leaders_faculty').on(t.courseFacultyId)],
);

/** A participant's place in a small group. `pinned`: placed by hand; re-optimizing keeps it. */
export const smallGroupMembers = pgTable(
  'small_group_members',
  {
    registrationId: uuid('registration_id')
      .primaryKey()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    smallGroupId: uuid('small_group_id')
      .notNull()
      .references(() => smallGroups.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    pinned: boolean('pinned').notNull().default(false),
    placedBy: text('placed_by'),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set when the participant was told of this placement (publication or a late change). */
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
  },
  (t) => [index('small_group_members_group').on(t.smallGroupId), index('small_group_members_course').on(t.courseId)],
);

/**
 * What the grouping weighs about a participant beyond the application (discipline,
 * institution, willing to present) and the profile (region): entered by the director.
 */
export const participantGroupingFacts = pgTable('participant_grouping_facts', {
  registrationId: uuid('registration_id')
    .primaryKey()
    .references(() => registrations.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  /** e.g. "new to Balint", "group member", "leader in training", "leader". */
  balintExperience: text('balint_experience').notNull().default(''),
  /** A co-leader candidate (at most one per group; two co-leading sessions in the rotation). */
  coLeaderCandidate: boolean('co_leader_candidate').notNull().default(false),
  /** Only where the participant gave it. */
  gender: text('gender').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type GroupingRunStatus = 'running' | 'finished' | 'stopped' | 'infeasible' | 'failed';

/** One optimizer run: its best-so-far is written at least every second while it runs. */
export const groupingRuns = pgTable(
  'grouping_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    status: text('status').$type<GroupingRunStatus>().notNull().default('running'),
    startedBy: text('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    timeLimitMs: integer('time_limit_ms').notNull(),
    elapsedMs: integer('elapsed_ms').notNull().default(0),
    iterations: integer('iterations').notNull().default(0),
    bestScore: jsonb('best_score').$type<number | null>(),
    /** registrationId → smallGroupId of the best assignment so far (applied when the director accepts it). */
    bestAssignment: jsonb('best_assignment').$type<Record<string, string> | null>(),
    /** Infeasible rules in words, or the failure message. */
    message: text('message'),
    stopRequested: boolean('stop_requested').notNull().default(false),
  },
  (t) => [index('grouping_runs_course').on(t.courseId, t.startedAt), uniqueIndex('grouping_runs_one_running').on(t.courseId).where(sql`${t.status} = 'running'`)],
);

export const ROTATION_ROLES = ['presenter', 'leader', 'co_leader'] as const;
export type RotationRole = (typeof ROTATION_ROLES)[number];

/** Who presents (never what) and who practises leading in a small group's session. */
export const rotationTurns = pgTable(
  'rotation_turns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    smallGroupId: uuid('small_group_id')
      .notNull()
      .references(() => smallGroups.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    role: text('role').$type<RotationRole>().notNull(),
    updatedBy: text('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('rotation_turns_unique').on(t.smallGroupId, t.sessionId, t.registrationId, t.role), index('rotation_turns_course').on(t.courseId)],
);

export type AttendanceStatus = 'present' | 'absent';

/**
 * The current attendance of one participant at one session: present (with minutes late and
 * minutes left early) or absent. `version` grows with every applied mark; a device sends the
 * version it last saw, which is how a conflict between two markers is recognised.
 */
export const attendance = pgTable(
  'attendance',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    status: text('status').$type<AttendanceStatus>().notNull(),
    lateMinutes: integer('late_minutes').notNull().default(0),
    leftEarlyMinutes: integer('left_early_minutes').notNull().default(0),
    /** The device clock when the winning mark was made (later edits win). */
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
    markedBy: text('marked_by').notNull(),
    version: integer('version').notNull().default(1),
    /** An unresolved conflict between two markers (the losing mark's id); cleared when someone re-marks. */
    conflictMarkId: uuid('conflict_mark_id'),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.registrationId] }), index('attendance_course').on(t.courseId)],
);

export type AttendanceMarkOutcome = 'applied' | 'superseded' | 'conflict';

/**
 * Every mark ever received, keyed by the id the device gave it: a replay of the same mark is
 * recognised and never applied twice.
 */
export const attendanceMarks = pgTable(
  'attendance_marks',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
    courseId: uuid('course_id').notNull().references(() => courses.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => courseSessions.id, { onDelete: 'cascade' }),
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => registrations.id, { onDelete: 'cascade' }),
    status: text('status').$type<AttendanceStatus>().notNull(),
    lateMinutes: integer('late_minutes').notNull().default(0),
    leftEarlyMinutes: integer('left_early_minutes').notNull().default(0),
    markedAt: timestamp('marked_at', { withTimezone: true }).notNull(),
    markedBy: text('marked_by').notNull(),
    /** The attendance version the device had seen when the mark was made (0: none). */
    baseVersion: integer('base_version').notNull().default(0),
    deviceId: text('device_id').notNull().default(''),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    outcome: text('outcome').$type<AttendanceMarkOutcome>().notNull(),
  },
  (t) => [index('attendance_marks_session').on(t.sessionId, t.registrationId)],
);
