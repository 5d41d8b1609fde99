// The rows the sweep puts in URLs, made through the app as its users would: in each
// organization a throwaway course (so empty POSTs can never damage the demo course other tests
// use), registrations of three people, an invoice each, an aid application, and outbox mail.
import crypto from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import type { Caller } from './callers.ts';
import { send } from './http.ts';
import { createRunningRows } from './sweep-running.ts';
import { createSiteRows } from './sweep-site.ts';
import { createSweepSeries } from './sweep-series.ts';
import { createSweepMessages } from './sweep-messages.ts';
import { createSweepMembershipTypes } from './sweep-membership.ts';

/** Sample values for one organization's route params, and whose rows they are. */
export interface IdSet {
  org: string;
  /** The email of the person the registration, checkout and document belong to. */
  owner: string;
  params: Record<string, string>;
}

export interface SweepData {
  abs: IdSet;
  nwbc: IdSet;
  /** abs rows of another person (registration, checkout, invoice); the rest as in `abs`. */
  absOtherPerson: IdSet;
  /** Rows above every organization: a message in the operator's outbox. */
  deployment: IdSet;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** A well-formed id that names no row (where the app offers no way to read a real one). */
export const NIL_UUID = '00000000-0000-0000-0000-000000000000';

async function post(request: APIRequestContext, baseURL: string, url: string, form: Record<string, string>, expected: (status: number) => boolean) {
  const response = await send(() => request.post(url, { form, headers: { origin: baseURL }, maxRedirects: 0 }));
  if (!expected(response.status())) throw new Error(`setup: POST ${url} answered ${response.status()}: ${(await response.text()).slice(0, 500)}`);
  return response;
}

async function page(request: APIRequestContext, url: string): Promise<string> {
  const response = await send(() => request.get(url, { maxRedirects: 0 }));
  if (response.status() !== 200) throw new Error(`setup: GET ${url} answered ${response.status()}`);
  return response.text();
}

function find(html: string, pattern: RegExp, what: string): string {
  const match = pattern.exec(html);
  if (!match) throw new Error(`setup: no ${what} found`);
  return match[1]!;
}

/** A published course with one price, open for registration, with financial aid; returns its id and slug. */
async function createCourse(staffRequest: APIRequestContext, baseURL: string, org: string, stamp: string) {
  const slug = `authorization-sweep-${org}-${stamp}`;
  const created = await post(
    staffRequest,
    baseURL,
    `/o/${org}/admin/courses/new`,
    {
      title: `Authorization sweep ${stamp}`,
      slug,
      kind: 'balint_weekend',
      startsOn: '2099-06-01',
      endsOn: '2099-06-02',
      timeZone: 'America/Los_Angeles',
      capacity: '500',
      registrationDeadline: '2099-05-01',
      currency: 'USD',
      section_overview: 'A throwaway course for the authorization sweep.',
    },
    (s) => s === 302,
  );
  const courseId = find(created.headers()['location'] ?? '', new RegExp(`/admin/courses/(${UUID})/prices`), 'new course id');
  const base = `/o/${org}/admin/courses/${courseId}`;
  await post(staffRequest, baseURL, `${base}/prices`, { rowCount: '1', 'rows.0.key': 'standard', 'rows.0.label': 'Standard', 'rows.0.regular': '500' }, (s) => s === 200);
  await post(staffRequest, baseURL, `${base}/edit`, { intent: 'status', status: 'published' }, (s) => s === 200);
  // A published (empty) schedule, so the course's public calendar feed answers.
  await post(staffRequest, baseURL, `${base}/schedule`, { intent: 'publish' }, (s) => s === 200);
  await post(
    staffRequest,
    baseURL,
    `/o/${org}/admin/financial-aid/${courseId}/settings`,
    { financialAidDeadline: '', financialAidAwards: '5', financialAidMax: '300', financialAidStatement: 'Aid for the sweep.' },
    (s) => s === 200,
  );
  return { courseId, slug };
}

/** Applies through the JSON API as the signed-in person (the cookie decides whose it is). */
async function apply(request: APIRequestContext, org: string, slug: string, who: { name: string; email: string }): Promise<string> {
  const key = crypto.randomUUID();
  const response = await send(() => request.post(`/api/v1/organizations/${org}/courses/${slug}/applications`, {
    headers: { 'idempotency-key': key },
    data: {
      name: who.name,
      email: who.email,
      categoryKey: 'standard',
      answers: { discipline: 'Family physician', clinicallyActive: true, commitsToAttendAll: true, understandsNotTherapy: true },
    },
  }));
  if (response.status() !== 201) throw new Error(`setup: applying to ${org}/${slug} as ${who.email} answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** Chooses "pay by invoice"; returns the checkout id and the invoice document's file name. */
async function invoice(request: APIRequestContext, baseURL: string, org: string, registrationId: string) {
  const response = await post(request, baseURL, `/o/${org}/registrations/${registrationId}/pay`, { method: 'invoice', donation: '' }, (s) => s === 302);
  const checkoutId = find(response.headers()['location'] ?? '', new RegExp(`/checkouts/(${UUID})`), 'checkout id');
  const statement = await page(request, `/o/${org}/registrations/${registrationId}/statement`);
  const file = find(statement, new RegExp(`/documents/invoices/(${UUID}\\.pdf)`), 'invoice link on the statement');
  return { checkoutId, file };
}

export async function createSweepData(baseURL: string, callers: Caller[]): Promise<SweepData> {
  const by = (name: string) => {
    const caller = callers.find((c) => c.name === name);
    if (!caller) throw new Error(`setup: no caller "${name}" among ${callers.map((c) => c.name).join(', ')}`);
    return caller;
  };
  const director = by('course_director of abs');
  const absAdmin = by('admin of abs');
  const member = by('member of abs');
  const otherPerson = by('financial_aid_committee of abs');
  const aidCommittee = otherPerson;
  const nwbcAdmin = by('admin of nwbc');
  const stamp = `${Date.now().toString(36)}-${crypto.randomBytes(2).toString('hex')}`;

  // Credential mail that cannot be sent waits for the deployment's operator: a password reset,
  // asked for first since a job sends it.
  const operator = callers.find((c) => c.operator);
  if (operator) await post(by('anonymous').request, baseURL, '/o/abs/forgot-password', { email: member.email! }, (s) => s < 400);

  const [absCourse, nwbcCourse] = await Promise.all([
    createCourse(director.request, baseURL, 'abs', stamp),
    createCourse(nwbcAdmin.request, baseURL, 'nwbc', stamp),
  ]);

  const [absSite, nwbcSite] = await Promise.all([createSiteRows(absAdmin.request, baseURL, 'abs', stamp), createSiteRows(nwbcAdmin.request, baseURL, 'nwbc', stamp)]);

  const memberRegistration = await apply(member.request, 'abs', absCourse.slug, { name: 'Morgan Member', email: member.email! });
  const otherRegistration = await apply(otherPerson.request, 'abs', absCourse.slug, { name: 'Alex Aid-Committee', email: otherPerson.email! });
  const nwbcRegistration = await apply(nwbcAdmin.request, 'nwbc', nwbcCourse.slug, { name: 'Noel Northwest', email: nwbcAdmin.email! });

  const [memberInvoice, otherInvoice, nwbcInvoice] = await Promise.all([
    invoice(member.request, baseURL, 'abs', memberRegistration),
    invoice(otherPerson.request, baseURL, 'abs', otherRegistration),
    invoice(nwbcAdmin.request, baseURL, 'nwbc', nwbcRegistration),
  ]);

  // The member applies for aid; the committee's list gives the application's id.
  await post(member.request, baseURL, `/o/abs/registrations/${memberRegistration}/financial-aid`, { statement: 'Sweep', requested: '100' }, (s) => s === 200);
  const aidList = await page(aidCommittee.request, `/o/abs/admin/financial-aid/${absCourse.courseId}`);
  const applicationId = find(aidList, new RegExp(`/financial-aid/${absCourse.courseId}/applications/(${UUID})`), 'aid application link');

  // A person's id, as staff find it with the people search (account ids are not UUIDs).
  const personId = async (admin: Caller, org: string, email: string) =>
    find(await page(admin.request, `/o/${org}/admin/search?q=${encodeURIComponent(email)}`), new RegExp(`/o/${org}/admin/person/([A-Za-z0-9_-]+)"`), `${org} person id`);
  const [absPerson, nwbcPerson] = await Promise.all([personId(absAdmin, 'abs', member.email!), personId(nwbcAdmin, 'nwbc', nwbcAdmin.email!)]);

  const absMessage = find(await page(absAdmin.request, '/o/abs/admin/outbox'), new RegExp(`/o/abs/admin/outbox/(${UUID})`), 'abs outbox message');
  const nwbcMessage = find(await page(nwbcAdmin.request, '/o/nwbc/admin/outbox'), new RegExp(`/o/nwbc/admin/outbox/(${UUID})`), 'nwbc outbox message');

  // The demo inquiries (server/demo-inquiries.server.ts): one of each organization's, from its inbox.
  const absInquiry = find(await page(absAdmin.request, '/o/abs/admin/inquiries'), new RegExp(`/o/abs/admin/inquiries/(${UUID})`), 'abs inquiry');
  const nwbcInquiry = find(await page(nwbcAdmin.request, '/o/nwbc/admin/inquiries'), new RegExp(`/o/nwbc/admin/inquiries/(${UUID})`), 'nwbc inquiry');

  // The reset mail is sent by a job: wait for it in the operator's outbox.
  let operatorMessage = NIL_UUID;
  if (operator) {
    const pattern = new RegExp(`/operator/outbox/(${UUID})`);
    for (let waited = 0; ; waited += 500) {
      const match = pattern.exec(await page(operator.request, '/operator'));
      if (match) {
        operatorMessage = match[1]!;
        break;
      }
      if (waited > 30_000) throw new Error("setup: no message in the operator's outbox after 30 s");
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  const [absRunning, nwbcRunning] = await createRunningRows([
    { courseId: absCourse.courseId, ownerRegistrationId: memberRegistration },
    { courseId: nwbcCourse.courseId, ownerRegistrationId: nwbcRegistration },
  ]);

  const [absSeries, nwbcSeries] = await createSweepSeries(['abs', 'nwbc']);
  const [absCourseMessage, nwbcCourseMessage] = await createSweepMessages([absCourse.courseId, nwbcCourse.courseId]);
  const [absMembershipType, nwbcMembershipType] = await createSweepMembershipTypes(['abs', 'nwbc']);

  const abs: IdSet = {
    org: 'abs',
    owner: member.email!,
    params: {
      course: absCourse.slug,
      courseId: absCourse.courseId,
      registrationId: memberRegistration,
      checkoutId: memberInvoice.checkoutId,
      kind: 'invoices',
      file: memberInvoice.file,
      message: absMessage,
      applicationId,
      // The API's names.
      id: memberRegistration,
      sessionId: absRunning!.sessionId,
      groupId: absRunning!.groupId,
      userId: absPerson,
      inquiryId: absInquiry,
      ...absSite,
      seriesId: absSeries!,
      messageId: absCourseMessage!,
      membershipType: absMembershipType!,
    },
  };
  return {
    abs,
    deployment: { org: 'deployment', owner: '', params: { message: operatorMessage } },
    absOtherPerson: {
      org: 'abs',
      owner: otherPerson.email!,
      params: { ...abs.params, registrationId: otherRegistration, id: otherRegistration, checkoutId: otherInvoice.checkoutId, file: otherInvoice.file },
    },
    nwbc: {
      org: 'nwbc',
      owner: nwbcAdmin.email!,
      params: {
        course: nwbcCourse.slug,
        courseId: nwbcCourse.courseId,
        registrationId: nwbcRegistration,
        id: nwbcRegistration,
        checkoutId: nwbcInvoice.checkoutId,
        kind: 'invoices',
        file: nwbcInvoice.file,
        message: nwbcMessage,
        // nwbc has no financial-aid committee, so no page shows an aid application's id there.
        applicationId: NIL_UUID,
        sessionId: nwbcRunning!.sessionId,
        groupId: nwbcRunning!.groupId,
        userId: nwbcPerson,
        inquiryId: nwbcInquiry,
        ...nwbcSite,
        seriesId: nwbcSeries!,
        messageId: nwbcCourseMessage!,
        membershipType: nwbcMembershipType!,
      },
    },
  };
}
