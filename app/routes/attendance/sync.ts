// POST /o/:org/attendance/sync: a device sends the attendance marks it has queued (JSON). Each
// mark carries the id the device gave it, so a replay is answered with the stored outcome and
// never applied twice. Errors are problem details (RFC 9457, application/problem+json); a batch
// with a refused mark is refused whole and names each refused mark, so the device can drop those
// and send the rest again.
import { getSessionUser, requireOrganization, services } from '#app/lib/guards.server.ts';
import { errorMessage } from '#app/lib/error-messages.ts';
import { findRoles } from '#domain/accounts/roles.server.ts';
import { getAttendanceAccess, takesAttendance } from '#domain/attendance/access.server.ts';
import { markBatchSchema } from '#domain/attendance/marks.ts';
import { MarkBatchRejected, recordMarks } from '#domain/attendance/record-marks.server.ts';
import { DomainError } from '#domain/errors.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/sync.ts';

interface ProblemError {
  markId?: string;
  pointer?: string;
  code: string;
  detail: string;
}

function problem(status: number, title: string, detail: string, errors: ProblemError[] = [], headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: 'about:blank', title, status, detail, ...(errors.length ? { errors } : {}) }), {
    status,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...headers },
  });
}

export async function action({ request, context, params }: Route.ActionArgs) {
  const org = await requireOrganization(context, params.org);
  if (request.method !== 'POST') return problem(405, 'Method Not Allowed', 'Send marks with POST.', [], { allow: 'POST' });
  const user = await getSessionUser(request, context);
  if (!user) return problem(401, 'Unauthorized', 'Sign in again to send the marks waiting on this device.');
  const { db, requestId } = services(context);
  const roles = await findRoles(db, org.id, user.id);
  const access = await getAttendanceAccess(db, { organizationId: org.id, userId: user.id, roles });
  if (!takesAttendance(access)) return problem(403, 'Forbidden', t('attendanceErrors.notYourGroup'));
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return problem(400, 'Bad Request', 'Send the marks as application/json.');
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return problem(400, 'Bad Request', 'The body is not JSON.');
  }
  const parsed = markBatchSchema.safeParse(body);
  if (!parsed.success) {
    return problem(
      400,
      'Bad Request',
      'The marks do not have the expected shape.',
      parsed.error.issues.slice(0, 50).map((issue) => ({ pointer: `/${issue.path.join('/')}`, code: 'INVALID', detail: issue.message })),
    );
  }
  try {
    const { emailIds, ...result } = await recordMarks(db, { organizationId: org.id, deviceId: parsed.data.deviceId, marks: parsed.data.marks, publicUrl: services(context).publicUrl }, access, { userId: user.id, requestId });
    await services(context).jobs.deliverEmails(emailIds);
    return Response.json(result, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (error instanceof MarkBatchRejected) {
      return problem(
        error.status,
        error.status === 403 ? 'Forbidden' : 'Unprocessable Content',
        'Some marks were refused; nothing in this request was saved. Send the others again without them.',
        error.problems.map((p) => ({ markId: p.markId, code: p.code, detail: errorMessage(p.code) })),
      );
    }
    if (error instanceof DomainError && error.code === 'BUSY') return problem(503, 'Service Unavailable', errorMessage('BUSY'), [], { 'retry-after': '5' });
    throw error;
  }
}
