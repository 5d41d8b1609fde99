// The permission table: for every React Router route (its loader: GET, its action: POST) and
// every JSON API operation, who may use it. tests/e2e/authorization.spec.ts enumerates the
// routes from the server build and the operations from the API's OpenAPI document, fails on
// any that is missing here (or listed here but gone), and requests each one as every caller
// with ids from the same organization, another organization and another person.
// See docs/security-permissions.md.
//
// Adding a route is one line: its full path (as in app/routes.ts, with every prefix) and a rule
// for each method its module has, e.g.
//   '/o/:org/admin/money/settings': { GET: staff('money:read'), POST: staff('money:settings') },
// Rules name a permission of domain/accounts/permissions.ts, never a list of roles: the roles
// come from the PERMISSIONS map itself, so changing who holds a permission changes the
// expectations here too.
import type { Permission } from '#domain/accounts/permissions.ts';

/** What a caller gets. */
export type Outcome =
  /** 2xx, or a 3xx that is not to sign-in; for a POST with an empty form also 400/409/422 (the guard let it through). */
  | 'allowed'
  /** A redirect to /o/<org>/sign-in?next=… (pages). */
  | 'sign-in'
  /** 401 (API without a usable credential). */
  | 'unauthenticated'
  /** 403. */
  | 'refused'
  /** 404: the row does not exist for this caller (another organization's or another person's id). */
  | 'not-found';

/** Who may use a route, and what everyone else gets. */
export type Rule =
  /** Anyone, signed in or not. */
  | { kind: 'public' }
  /** Any signed-in person (requireUser); anonymous is sent to sign in. */
  | { kind: 'signed-in' }
  /**
   * Staff of the organization in the URL holding the permission (requirePermission): others 403.
   * `leaders`: callers who also pass because the demo makes them leaders of a listed group
   * (server/demo-directory.server.ts), by caller name; with `ownRowsOnly` they pass the guard
   * but the sweep's rows are not their group's: another organization's row is 404, their own
   * organization's 403.
   */
  | { kind: 'staff'; permission: Permission; leaders?: { callers: readonly string[]; ownRowsOnly: boolean } }
  /**
   * Rows that belong to a person (a registration, a checkout, a document): the person themself,
   * and staff of the organization holding `staff` if given. Anyone else gets 404, as if the
   * row did not exist.
   */
  | { kind: 'owner'; staff?: Permission }
  /**
   * A JSON endpoint behind the page session (the attendance sync): staff of the organization in
   * the URL holding the permission (and, with `faculty`, holders of the faculty role: the demo's
   * faculty lead groups, and the endpoint's rule is row by row); no session 401 (never a
   * redirect), others 403.
   */
  | { kind: 'staff-json'; permission: Permission; faculty?: boolean }
  /**
   * Current members of the organization in the URL (the member directory, ADR 0070): decided by
   * the membership capability, not by a role. The demo makes everyone holding a role in an
   * organization its current member (server/demo.server.ts), so the sweep expects exactly the
   * callers with a role there to pass; signed-in others 403, anonymous sent to sign in.
   */
  | { kind: 'member' }
  /** The deployment's operator (not an organization's role); signed-in others 403. */
  | { kind: 'operator' }
  /** Nobody: the catch-all "page not found". */
  | { kind: 'nobody' }
  // JSON API
  /** A bearer token of the organization in the URL whose person holds the permission; no token 401, others 403. */
  | { kind: 'api-token'; permission: Permission }
  /** A registration read by its own applicant (cookie) or by a token holding the permission in its organization; others 404, no credential 401. */
  | { kind: 'api-owner-or-token'; permission: Permission };

export interface Entry {
  GET?: Rule;
  POST?: Rule;
  /** Values for route params the sweep has no sample for (e.g. a token), by param name. */
  samples?: Record<string, string>;
  /** A query string the route needs to answer at all, e.g. `?table=revenue`. */
  query?: string;
  /** Why, when the rule is not obvious. */
  note?: string;
}

export const PUBLIC: Rule = { kind: 'public' };
export const SIGNED_IN: Rule = { kind: 'signed-in' };
export const OPERATOR: Rule = { kind: 'operator' };
export const NOBODY: Rule = { kind: 'nobody' };
export const MEMBERS: Rule = { kind: 'member' };
export const staff = (permission: Permission): Rule => ({ kind: 'staff', permission });
/** The demo's leaders of ABS listings (server/demo-directory.server.ts): the member and the faculty. */
const ABS_LISTING_LEADERS = ['member of abs', 'faculty of abs'] as const;
const staffOrLeader = (permission: Permission, ownRowsOnly: boolean): Rule => ({ kind: 'staff', permission, leaders: { callers: ABS_LISTING_LEADERS, ownRowsOnly } });
export const staffJson = (permission: Permission, options: { faculty?: boolean } = {}): Rule => ({ kind: 'staff-json', permission, ...options });
export const owner = (staffPermission?: Permission): Rule => (staffPermission ? { kind: 'owner', staff: staffPermission } : { kind: 'owner' });
export const apiToken = (permission: Permission): Rule => ({ kind: 'api-token', permission });
export const apiOwnerOrToken = (permission: Permission): Rule => ({ kind: 'api-owner-or-token', permission });
const both = (rule: Rule): Pick<Entry, 'GET' | 'POST'> => ({ GET: rule, POST: rule });

/**
 * React Router routes by full path. Pathless layouts are keyed `layout <route id>`: their
 * loader runs for every page below them, but each page must guard itself too (the sweep
 * requests every loader on its own, as a client-side navigation does).
 */
export const PAGES: Record<string, Entry> = {
  // ── Deployment ──────────────────────────────────────────────────────────────────────
  '/': { GET: PUBLIC },
  '*': { GET: NOBODY },

  // ── The deployment's operator ──────────────────────────────────────────────────────────
  '/operator': { GET: OPERATOR },
  '/operator/outbox/:message': { GET: OPERATOR },
  '/operator/audit': { GET: OPERATOR },
  '/operator/people': { GET: OPERATOR },

  // ── Certificate verification (anyone, no sign-in; throttled per address) ───────────────────
  '/verify': { GET: PUBLIC },
  '/verify/:code': { GET: PUBLIC, samples: { code: 'not-a-code' }, note: 'A malformed code answers 200 with "check the code".' },
  // What search engines read (issue 14).
  '/sitemap.xml': { GET: PUBLIC },
  '/robots.txt': { GET: PUBLIC },

  // ── An organization's public site ─────────────────────────────────────────────────────
  'layout routes/site/layout': { GET: PUBLIC },
  '/o/:org': { GET: PUBLIC },
  '/o/:org/courses/:course': { GET: PUBLIC },
  '/o/:org/courses/:course/apply': both(PUBLIC),
  '/o/:org/registrations/confirm/:token': { ...both(PUBLIC), samples: { token: 'not-a-real-token' } },
  '/o/:org/unsubscribe/:token': {
    ...both(PUBLIC),
    samples: { token: 'not-a-real-token' },
    note: 'The signed link of non-essential mail (ADR 0069): the token is the check. A token that does not verify shows "not valid" (GET 200) and unsubscribes nobody (POST 400).',
  },
  // Pages, events, news and images the organization's admins published (issue 14).
  '/o/:org/pages/:slug': { GET: PUBLIC },
  '/o/:org/events': { GET: PUBLIC },
  '/o/:org/news': { GET: PUBLIC },
  '/o/:org/media/:image': { GET: PUBLIC },

  // ── Inquiries (issue 14): public forms, throttled per address; the staff inbox ──────────────
  '/o/:org/contact': both(PUBLIC),
  '/o/:org/contact/speaker': both(PUBLIC),
  '/o/:org/contact/intensive-on-the-road': both(PUBLIC),
  '/o/:org/admin/inquiries': { GET: staff('inquiries:manage') },
  '/o/:org/admin/inquiries/:inquiryId': both(staff('inquiries:manage')),
  // Email templates (ADR 0069): the kind is a registry key, the same in every organization.
  '/o/:org/admin/email-templates': { GET: staff('email_templates:manage') },
  '/o/:org/admin/email-templates/:kind': {
    ...both(staff('email_templates:manage')),
    samples: { kind: 'inquiry.staff_notice' },
    note: 'An empty POST is a save with no subject or body: refused field by field (400), nothing stored.',
  },

  // ── Accounts ───────────────────────────────────────────────────────────────────────────
  '/o/:org/sign-in': both(PUBLIC),
  '/o/:org/sign-up': both(PUBLIC),
  '/o/:org/check-email': { GET: PUBLIC },
  '/o/:org/verified': { GET: PUBLIC },
  '/o/:org/forgot-password': both(PUBLIC),
  '/o/:org/reset-password': both(PUBLIC),
  '/o/:org/sign-out': { ...both(PUBLIC), note: 'GET redirects home; POST signs out whoever asks (the sweep runs it last).' },
  '/o/:org/profile': both(SIGNED_IN),
  // A person's own data (ADR 0070): always the signed-in person's, never an id in the URL.
  '/o/:org/account/data': { GET: SIGNED_IN, note: 'Downloads the caller’s own data as JSON (audited).' },
  '/o/:org/account/delete': { ...both(SIGNED_IN), note: 'An empty form is 400: the password and the typed address are required.' },
  // The member directory: current members only.
  '/o/:org/members': { GET: MEMBERS },

  // ── A person's own registrations, payments and documents ──────────────────────────────
  '/o/:org/registrations': both(SIGNED_IN),
  // ── Attendance and the rotation (issue 12) ────────────────────────────────────────────
  // Faculty take attendance too, for the members of the groups they lead (a row-level rule the
  // table cannot name: a faculty account leading a group of the sample course is allowed there).
  '/o/:org/attendance': { GET: SIGNED_IN },
  '/o/:org/attendance/mine': { GET: SIGNED_IN },
  '/o/:org/attendance/sync': { POST: staffJson('attendance:take', { faculty: true }), note: 'JSON, problem details; faculty of the marked person’s group too' },
  '/o/:org/attendance/sessions/:sessionId': { ...both(staff('attendance:take')), note: 'faculty too, for their own groups' },
  // Members read their group's plan; its faculty and the course's staff change it.
  '/o/:org/groups/:groupId/rotation': { GET: owner('course:manage'), POST: staff('course:manage'), note: 'the owner is a member of the group; its faculty may edit too' },
  '/o/:org/registrations/:registrationId/pay': both(owner()),
  '/o/:org/registrations/:registrationId/cancel': both(owner()),
  '/o/:org/registrations/:registrationId/financial-aid': { ...both(owner()), note: 'Only the applicant: staff never open a sealed aid application here.' },
  '/o/:org/registrations/:registrationId/statement': { GET: owner('money:read') },
  '/o/:org/registrations/:registrationId/statement.pdf': { GET: owner('money:read') },
  '/o/:org/documents/:kind/:file': { GET: owner('money:read') },
  '/o/:org/checkouts/:checkoutId': { GET: owner() },
  '/o/:org/checkouts/:checkoutId/cancelled': { GET: owner() },
  '/o/:org/registrations/:registrationId/evaluation': { ...both(owner()), note: 'Only the participant: nobody, staff included, sees whose answers are whose.' },
  // ── Group series with a minimum to run (ADR 0063) ─────────────────────────────────────────
  // Staff holding series:manage, and a listed group's own leaders for its series (a row-level
  // rule the table cannot name: no sweep caller leads a listing).
  '/o/:org/series': { GET: staffOrLeader('series:manage', false), note: 'Leaders of a listed group manage its series too.' },
  '/o/:org/series/new': both(staffOrLeader('series:manage', false)),
  '/o/:org/membership': { GET: PUBLIC, POST: SIGNED_IN, note: "A person's own memberships (ADR 0068); anyone reads the offer, joining needs an account; an empty POST is a 400." },
  '/o/:org/series/:seriesId': { ...both(PUBLIC), note: 'The public sign-up page; an empty POST is a 400 (a paid series: sign in first).' },
  '/o/:org/series/:seriesId/manage': { ...both(staffOrLeader('series:manage', true)), note: "A leader manages only their own groups' series: the sweep's series is not theirs." },
  '/o/:org/series/:seriesId/edit': both(staffOrLeader('series:manage', true)),
  '/o/:org/certificates': { GET: SIGNED_IN, note: 'The signed-in person\'s own transcript, across every organization.' },
  '/o/:org/certificates/transcript.pdf': { GET: SIGNED_IN },
  '/o/:org/certificates/:certificateFile': {
    GET: owner(),
    samples: { certificateFile: '00000000-0000-0000-0000-000000000000.pdf' },
    note: 'The sweep has no certificate: a well-formed id of none is 404 for everyone signed in.',
  },
  // Balint groups directory (issue 14, ADR 0062).
  '/o/:org/groups': { GET: PUBLIC, note: 'Filters are query parameters of a GET form.' },
  '/o/:org/groups/:listing': {
    ...both(PUBLIC),
    samples: { listing: 'balint-group-for-residents' },
    note: 'A listing by its address (slug): both demo organizations list a group under this one (server/demo-directory.server.ts). POST is "contact the leader" (honeypot, per-address limit).',
  },
  '/o/:org/my-groups': { ...both(SIGNED_IN), note: 'The signed-in person\'s own listings; a listing id that is not theirs is 404 in the action.' },
  '/o/:org/my-groups/new': both(SIGNED_IN),
  '/o/:org/my-groups/:listingId': {
    ...both(owner()),
    samples: { listingId: '00000000-0000-0000-0000-000000000000' },
    note: 'Only the listing\'s leaders; the sweep has no listing of its callers: a well-formed id of none is 404 for everyone signed in.',
  },
  '/o/:org/donate': { ...both(PUBLIC), note: 'Visitors give with a name and an email (throttled); the signed-in give as themselves.' },

  // ── Admin area: shell, mail, people, audit ──────────────────────────────────────────────
  'layout routes/staff/layout': { GET: staff('admin:access') },
  '/o/:org/admin': { GET: staff('admin:access') },
  '/o/:org/admin/outbox': { GET: staff('outbox:read') },
  '/o/:org/admin/outbox/:message': { GET: staff('outbox:read') },
  '/o/:org/admin/people': both(staff('roles:manage')),
  '/o/:org/admin/audit': { GET: staff('audit:read') },

  // ── Admin: courses and applications ────────────────────────────────────────────────────
  '/o/:org/admin/courses': { GET: staff('registration:review') },
  '/o/:org/admin/courses/new': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId': { GET: staff('registration:review') },
  '/o/:org/admin/courses/:courseId/edit': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/prices': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/questions': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/copy': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/copied': { GET: staff('course:manage') },
  '/o/:org/admin/search': { GET: staff('people:search') },
  '/o/:org/admin/person/:userId': { GET: staff('people:search'), note: 'Another organization\'s person, or a stranger, is a 404.' },
  '/o/:org/admin/courses/:courseId/paper': { GET: staff('registration:review') },
  '/o/:org/admin/courses/:courseId/paper.pdf': { GET: staff('registration:review') },
  '/o/:org/admin/courses/:courseId/messages': both(staff('course_messages:send')),
  '/o/:org/admin/courses/:courseId/messages/new': both(staff('course_messages:send')),
  '/o/:org/admin/courses/:courseId/messages/:messageId': { GET: staff('course_messages:send') },
  '/o/:org/admin/courses/:courseId/discount-codes': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/applications': both(staff('registration:review')),
  '/o/:org/admin/courses/:courseId/applications.csv': { GET: staff('registration:review') },
  '/o/:org/admin/courses/:courseId/applications/:registrationId': both(staff('registration:review')),

  // ── Schedule and calendars (docs/schedule.md) ──────────────────────────────────────────
  '/o/:org/courses/:course/schedule.ics': { GET: PUBLIC, note: 'Answers once the schedule is published (the sweep publishes its courses\' empty schedules); 404 before.' },
  '/o/:org/courses/:course/agenda': { ...both(SIGNED_IN), note: 'Anyone signed in; someone with no place on the course is told so, and cannot make a feed address.' },
  '/o/:org/courses/:course/agenda.ics': { GET: SIGNED_IN, note: 'Someone with no agenda is redirected to the agenda page, which says why.' },
  '/o/:org/calendar/:feed': {
    GET: NOBODY,
    samples: { feed: 'not-a-real-token.ics' },
    note: 'The token is the only credential: an unknown token is 404 for every caller, signed in or not. Real tokens: tests/e2e/schedule.spec.ts.',
  },
  '/o/:org/admin/courses/:courseId/schedule': both(staff('course:manage')),
  '/o/:org/courses/:course/evaluation-results': { GET: staff('certificates:manage'), note: 'the course\'s own faculty too (linked to one of its faculty entries): aggregates only' },
  // ── Admin: the public site (issue 14) ──────────────────────────────────────────────────
  '/o/:org/admin/site': both(staff('site:manage')),
  '/o/:org/admin/site/pages/new': both(staff('site:manage')),
  '/o/:org/admin/site/pages/:pageId': both(staff('site:manage')),
  '/o/:org/admin/site/pages/:pageId/revisions': both(staff('site:manage')),
  '/o/:org/admin/site/entries': { GET: staff('site:manage') },
  '/o/:org/admin/site/entries/new': both(staff('site:manage')),
  '/o/:org/admin/site/entries/:entryId': both(staff('site:manage')),
  '/o/:org/admin/site/images': both(staff('site:manage')),
  '/o/:org/admin/site/settings': both(staff('site:manage')),
  // ── Admin: CE credit, certificates and the evaluation ────────────────────────────────────
  '/o/:org/admin/courses/:courseId/credit': both(staff('certificates:manage')),
  '/o/:org/admin/courses/:courseId/certificates/:certificateFile': {
    GET: staff('certificates:manage'),
    samples: { certificateFile: '00000000-0000-0000-0000-000000000000.pdf' },
    note: 'The sweep has no certificate: an id of none sends staff back to the course\'s credit page (a redirect).',
  },
  '/o/:org/admin/courses/:courseId/evaluation': both(staff('certificates:manage')),
  '/o/:org/admin/courses/:courseId/evaluation.csv': { GET: staff('certificates:manage') },

  // ── Admin: memberships ─────────────────────────────────────────────────────────────────
  '/o/:org/admin/memberships': both(staff('membership:manage')),
  '/o/:org/admin/memberships/import': both(staff('membership:manage')),
  '/o/:org/admin/members': { ...both(staff('membership:manage')), note: 'An empty POST (revoke) is a 400: no term id.' },
  '/o/:org/admin/members/export': { GET: staff('membership:manage') },
  '/o/:org/admin/membership-types': both(staff('membership:manage')),
  '/o/:org/admin/membership-types/:membershipType': { ...both(staff('membership:manage')), note: "The sweep's retired type in each organization; the other organization's id is 404." },

  // ── Admin: money ───────────────────────────────────────────────────────────────────────
  '/o/:org/admin/money': { GET: staff('money:read') },
  '/o/:org/admin/money/export.csv': { GET: staff('money:read'), query: '?table=revenue' },
  '/o/:org/admin/money/invoices': both(staff('payments:record')),
  '/o/:org/admin/money/settings': both(staff('money:settings')),
  '/o/:org/admin/money/reconcile': { GET: staff('money:read') },
  '/o/:org/admin/courses/:courseId/money': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/applications/:registrationId/account': both(staff('payments:record')),

  // ── Admin: refunds and cancellations ───────────────────────────────────────────────────
  '/o/:org/admin/refunds': both(staff('refunds:manage')),
  '/o/:org/admin/refunds.csv': { GET: staff('refunds:manage') },
  '/o/:org/admin/courses/:courseId/applications/:registrationId/cancel': both(staff('refunds:manage')),
  '/o/:org/admin/courses/:courseId/cancel-course': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/rotation': both(staff('course:manage')),
  // ── Admin: small groups (issue 12) ─────────────────────────────────────────────────────
  '/o/:org/admin/directory': both(staff('directory:manage')),
  '/o/:org/admin/directory/trainings': both(staff('directory:manage')),
  '/o/:org/admin/courses/:courseId/small-groups': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/small-groups/settings': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/small-groups/participants': both(staff('course:manage')),
  '/o/:org/admin/courses/:courseId/small-groups/progress': { GET: staff('course:manage') },
  '/o/:org/admin/courses/:courseId/small-groups/rosters.csv': { GET: staff('course:manage') },
  '/o/:org/admin/courses/:courseId/small-groups/rosters.pdf': { GET: staff('course:manage') },

  // ── Admin: financial aid ───────────────────────────────────────────────────────────────
  '/o/:org/admin/financial-aid': { GET: staff('financial-aid:report') },
  '/o/:org/admin/financial-aid/report': { GET: staff('financial-aid:report') },
  '/o/:org/admin/financial-aid/:courseId': { GET: staff('financial-aid:review') },
  '/o/:org/admin/financial-aid/:courseId/settings': both(staff('course:manage')),
  '/o/:org/admin/financial-aid/:courseId/applications/:applicationId': both(staff('financial-aid:review')),
};

/**
 * JSON API operations, `METHOD path` as in the OpenAPI document (server/api/openapi.ts). The
 * document itself is served by the router outside the OpenAPI paths, so it is listed too.
 */
export const API: Record<string, Rule> = {
  'GET /api/openapi.json': PUBLIC,
  'GET /api/v1/organizations/{org}/courses': PUBLIC,
  'GET /api/v1/organizations/{org}/courses/{course}': PUBLIC,
  'GET /api/v1/organizations/{org}/courses/{course}/availability': PUBLIC,
  'POST /api/v1/organizations/{org}/courses/{course}/applications': PUBLIC,
  'GET /api/v1/organizations/{org}/courses/{course}/applications': apiToken('registration:review'),
  'POST /api/v1/organizations/{org}/registrations/{id}/decision': apiToken('registration:review'),
  'GET /api/v1/registrations/{id}': apiOwnerOrToken('registration:review'),
};
