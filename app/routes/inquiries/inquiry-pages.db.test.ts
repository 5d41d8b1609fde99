// The inquiry pages called as React Router calls them: the public form's refusals keep what
// was typed (more than twelve leaders, too fast, the honeypot, the per-address limit), no input
// at all makes it fail, and the staff inbox is the organization's own.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { assignRole, createVerifiedAccount } from '#domain/accounts/create-account.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { formTokenKey, issueFormToken } from '#domain/inquiries/fill-time.server.ts';
import { findInquiries } from '#domain/inquiries/find-inquiries.server.ts';
import { getInquiry } from '#domain/inquiries/get-inquiry.server.ts';
import { submitInquiry } from '#domain/inquiries/submit-inquiry.server.ts';
import { createOrganization } from '../../../tests/helpers/fixtures.ts';
import { routeHarness, thrownStatus } from '../../../tests/helpers/route-harness.ts';
import { useTestDatabase } from '../../../tests/helpers/test-database.ts';
import { action as contactAction } from './contact.tsx';
import { loader as inboxLoader } from './inbox.tsx';
import { action as roadAction, loader as roadLoader } from './intensive-on-the-road.tsx';
import { action as inquiryAction, loader as inquiryLoader } from './inquiry.tsx';
import { action as speakerAction } from './speaker.tsx';

const testDb = useTestDatabase();
const KEY = crypto.randomBytes(32);
const BASE = 'http://localhost:3997';
const harness = routeHarness(testDb, { baseUrl: BASE, encryptionKey: KEY });

afterEach(() => {
  delete process.env.INQUIRIES_PER_ADDRESS_PER_HOUR;
  delete process.env.INQUIRY_MIN_FILL_SECONDS;
});

type Answer = { data?: { errors: Record<string, string>; values: Record<string, string>; alert: string; formToken: string }; init?: { status?: number } };
const statusOf = (result: unknown) => (result instanceof Response ? result.status : ((result as Answer).init?.status ?? 200));
const answerOf = (result: unknown) => (result as Answer).data!;

/** A token for a form shown `secondsAgo` seconds ago. */
const tokenFor = (organizationId: string, secondsAgo: number) => issueFormToken(formTokenKey(KEY), organizationId, new Date(Date.now() - secondsAgo * 1000));

function post(url: string, values: Record<string, string>) {
  return new Request(url, { method: 'POST', body: new URLSearchParams(values), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
}

const road = (organizationId: string, leadersToTrain: string, extra: Record<string, string> = {}) => ({
  formToken: tokenFor(organizationId, 30),
  website: '',
  groupName: 'Cascade Valley Residency',
  name: 'Priya Raman',
  email: 'priya@cascade.example.org',
  phone: '',
  location: 'Wenatchee, WA',
  preferredDates: 'October 2027',
  leadersToTrain,
  message: 'Faculty of all three years.',
  ...extra,
});

async function sendRoad(org: { id: string; slug: string }, values: Record<string, string>) {
  return roadAction({ request: post(`${BASE}/o/${org.slug}/contact/intensive-on-the-road`, values), context: harness.routeContext(), params: { org: org.slug } } as never);
}

describe('the Intensive on the Road form', () => {
  test('13 leaders are refused beside the field with everything typed kept; 12 are accepted and the requester sent to the thank-you page', async () => {
    process.env.INQUIRIES_PER_ADDRESS_PER_HOUR = '0';
    const org = await createOrganization(testDb.db);
    const refused = await sendRoad(org, road(org.id, '13'));
    expect(statusOf(refused)).toBe(400);
    const answer = answerOf(refused);
    expect(answer.errors).toEqual({ leadersToTrain: 'An Intensive on the Road trains up to twelve leaders. For more than twelve, please contact us and we will plan it with you.' });
    expect(answer.values).toMatchObject({ groupName: 'Cascade Valley Residency', leadersToTrain: '13', message: 'Faculty of all three years.' });
    expect(await findInquiries(testDb.db, org.id, { status: null, kind: null })).toEqual([]);

    const accepted = await sendRoad(org, { ...answer.values, leadersToTrain: '12', formToken: answer.formToken });
    expect(statusOf(accepted)).toBe(302);
    expect((accepted as Response).headers.get('location')).toBe(`/o/${org.slug}/contact/intensive-on-the-road?sent=1`);
    const [row] = await findInquiries(testDb.db, org.id, { status: null, kind: null });
    expect(row).toMatchObject({ kind: 'intensive_on_the_road', leadersToTrain: 12, status: 'new' });
  });

  test('sent quicker than the minimum fill time: refused with a message, what was typed and the first token kept, so sending again later works', async () => {
    process.env.INQUIRIES_PER_ADDRESS_PER_HOUR = '0';
    process.env.INQUIRY_MIN_FILL_SECONDS = '3';
    const org = await createOrganization(testDb.db);
    const shown = await roadLoader({ request: new Request(`${BASE}/o/${org.slug}/contact/intensive-on-the-road`), context: harness.routeContext(), params: { org: org.slug } } as never);
    const refused = await sendRoad(org, road(org.id, '6', { formToken: shown.formToken }));
    expect(statusOf(refused)).toBe(400);
    expect(answerOf(refused).alert).toBe('Your request was not sent because it came in quicker than anyone can fill in the form. Please check your answers and send it again.');
    expect(answerOf(refused).values.location).toBe('Wenatchee, WA');
    expect(answerOf(refused).formToken).toBe(shown.formToken);
    process.env.INQUIRY_MIN_FILL_SECONDS = '0';
    expect(statusOf(await sendRoad(org, road(org.id, '6', { formToken: answerOf(refused).formToken })))).toBe(302);
  });

  test('a filled honeypot, a missing or forged token are refused with what was typed kept; a fresh token comes back when ours was not usable', async () => {
    process.env.INQUIRIES_PER_ADDRESS_PER_HOUR = '0';
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const honeypot = await sendRoad(org, road(org.id, '4', { website: 'http://spam.example' }));
    expect(statusOf(honeypot)).toBe(400);
    expect(answerOf(honeypot).alert).toContain('Leave this field empty');
    expect(answerOf(honeypot).values.website).toBe('http://spam.example');
    for (const formToken of ['', 'not-a-token', tokenFor(other.id, 30)]) {
      const refused = await sendRoad(org, road(org.id, '4', { formToken }));
      expect(statusOf(refused)).toBe(400);
      expect(answerOf(refused).alert).toBe('This form was open too long or could not be checked. Nothing was lost: please send it again.');
      expect(answerOf(refused).values.groupName).toBe('Cascade Valley Residency');
      // The fresh token counts from now: sent at once it is too fast (a bad token is no shortcut)...
      const fresh = answerOf(refused).formToken;
      expect(answerOf(await sendRoad(org, road(org.id, '4', { formToken: fresh }))).alert).toContain('quicker than anyone can fill in the form');
      // ...and once the minimum has passed (here: set to 0), it is accepted.
      process.env.INQUIRY_MIN_FILL_SECONDS = '0';
      expect(statusOf(await sendRoad(org, road(org.id, '4', { formToken: fresh })))).toBe(302);
      delete process.env.INQUIRY_MIN_FILL_SECONDS;
    }
    expect(await findInquiries(testDb.db, org.id, { status: null, kind: null })).toHaveLength(3);
  });

  test('past the per-address limit: 429, with what was typed kept', async () => {
    process.env.INQUIRIES_PER_ADDRESS_PER_HOUR = '2';
    const org = await createOrganization(testDb.db);
    // The harness's client address has sent inquiries in the other tests only with the limit off.
    const results = [];
    for (let i = 0; i < 3; i++) results.push(await sendRoad(org, road(org.id, String(i + 1))));
    expect(results.map(statusOf)).toEqual([302, 302, 429]);
    expect(answerOf(results[2]).alert).toBe('Too many requests have come from your network in the last hour. Please try again in 60 minutes; what you typed is kept.');
    expect(answerOf(results[2]).values.leadersToTrain).toBe('3');
  });

  test('whatever is sent to any of the three forms, the answer is a refusal or a success, never an error', async () => {
    process.env.INQUIRIES_PER_ADDRESS_PER_HOUR = '0';
    process.env.INQUIRY_MIN_FILL_SECONDS = '0';
    const org = await createOrganization(testDb.db);
    const fields = ['formToken', 'website', 'name', 'email', 'groupName', 'speakerFormat', 'audience', 'audienceSize', 'preferredDates', 'attendance', 'location', 'phone', 'leadersToTrain', 'subject', 'message'];
    const actions = [
      [roadAction, 'contact/intensive-on-the-road'],
      [speakerAction, 'contact/speaker'],
      [contactAction, 'contact'],
    ] as const;
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('12', '13', '-1', '1e309', 'online', 'in_person', 'workshop', 'a@b.co', '\u0000', ' '.repeat(3)), fc.string({ minLength: 5001, maxLength: 5200 }));
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom(...fields), value), fc.boolean(), fc.nat({ max: 2 }), async (values, goodToken, which) => {
        const [act, path] = actions[which]!;
        const body = goodToken ? { ...values, formToken: tokenFor(org.id, 10) } : values;
        const result = await act({ request: post(`${BASE}/o/${org.slug}/${path}`, body), context: harness.routeContext(), params: { org: org.slug } } as never);
        expect([302, 400]).toContain(statusOf(result));
      }),
      { numRuns: 60 },
    );
    // Bodies that are not forms at all.
    for (const [type, body] of [
      ['multipart/form-data; boundary=x', 'not multipart at all'],
      ['text/plain', 'leadersToTrain=12'],
      ['application/json', '{"leadersToTrain":13}'],
    ]) {
      const request = new Request(`${BASE}/o/${org.slug}/contact/intensive-on-the-road`, { method: 'POST', body, headers: { 'content-type': type! } });
      expect(statusOf(await roadAction({ request, context: harness.routeContext(), params: { org: org.slug } } as never))).toBe(400);
    }
  });
});

describe('the staff inbox', () => {
  async function staffOf(organizationId: string, role: 'admin' | 'course_director' | 'treasurer') {
    const email = `${role}-${crypto.randomBytes(4).toString('hex')}@example.org`;
    const password = 'a-long-password-123';
    const { userId } = await createVerifiedAccount(testDb.db, { email, name: `A ${role}`, password }, systemActor);
    await assignRole(testDb.db, { organizationId, userId, role }, systemActor);
    return { userId, email, password };
  }

  test("is the organization's own: another organization's admin is refused, its inquiry under our address is not found, a treasurer is refused", async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    const admin = await staffOf(org.id, 'admin');
    const treasurer = await staffOf(org.id, 'treasurer');
    const otherAdmin = await staffOf(other.id, 'admin');
    const general = { kind: 'general' as const, fields: { name: 'Sam', email: 'sam@example.org', subject: '', message: 'Hello' } };
    const ours = await submitInquiry(testDb.db, { organizationId: org.id, ...general }, systemActor, { publicUrl: BASE, secretKey: KEY });
    const theirs = await submitInquiry(testDb.db, { organizationId: other.id, ...general }, systemActor, { publicUrl: BASE, secretKey: KEY });
    const page = (slug: string, id: string) => `${BASE}/o/${slug}/admin/inquiries/${id}`;
    const context = () => harness.routeContext();

    const own = await inquiryLoader({ request: await harness.signedInRequest(page(org.slug, ours.inquiryId), admin), context: context(), params: { org: org.slug, inquiryId: ours.inquiryId } } as never);
    expect(own.inquiry.requesterName).toBe('Sam');
    const inbox = await inboxLoader({ request: await harness.signedInRequest(`${BASE}/o/${org.slug}/admin/inquiries`, admin), context: context(), params: { org: org.slug } } as never);
    expect(inbox.rows.map((r) => r.id)).toEqual([ours.inquiryId]);

    // Their inquiry at our address: 404 to read and to change.
    expect(await thrownStatus(async () => inquiryLoader({ request: await harness.signedInRequest(page(org.slug, theirs.inquiryId), admin), context: context(), params: { org: org.slug, inquiryId: theirs.inquiryId } } as never))).toBe(404);
    const foreignPost = new Request(page(org.slug, theirs.inquiryId), { method: 'POST', body: new URLSearchParams({ intent: 'status', status: 'declined' }), headers: (await harness.signedInRequest(page(org.slug, theirs.inquiryId), admin)).headers });
    expect(await thrownStatus(() => inquiryAction({ request: foreignPost, context: context(), params: { org: org.slug, inquiryId: theirs.inquiryId } } as never))).toBe(404);
    expect((await getInquiry(testDb.db, other.id, theirs.inquiryId)).status).toBe('new');
    // Another organization's admin, and a treasurer: refused.
    expect(await thrownStatus(async () => inboxLoader({ request: await harness.signedInRequest(`${BASE}/o/${org.slug}/admin/inquiries`, otherAdmin), context: context(), params: { org: org.slug } } as never))).toBe(403);
    expect(await thrownStatus(async () => inquiryLoader({ request: await harness.signedInRequest(page(org.slug, ours.inquiryId), treasurer), context: context(), params: { org: org.slug, inquiryId: ours.inquiryId } } as never))).toBe(403);
  });
});
