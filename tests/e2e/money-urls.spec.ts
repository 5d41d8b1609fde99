// Money pages reached with ids a person can type: anything that names no row is "not found",
// never a server error — for each role, reading and posting.
import { demoAccount, expect, signIn, test } from './support.ts';

const NIL = '00000000-0000-0000-0000-000000000000';
const MISSING = [
  '/o/abs/registrations/not-a-uuid/pay',
  `/o/abs/registrations/${NIL}/pay`,
  '/o/abs/registrations/x/cancel',
  '/o/abs/registrations/x/statement',
  '/o/abs/registrations/x/statement.pdf',
  '/o/abs/registrations/x/financial-aid',
  '/o/abs/documents/receipts/zz.pdf',
  `/o/abs/documents/invoices/${NIL}.pdf`,
  '/o/abs/checkouts/garbage',
  '/o/abs/checkouts/garbage/cancelled',
];
const STAFF = [
  '/o/abs/admin/courses/garbage/money',
  '/o/abs/admin/courses/garbage/cancel-course',
  '/o/abs/admin/courses/garbage/applications/x/account',
  '/o/abs/admin/courses/garbage/applications/x/cancel',
  '/o/abs/admin/financial-aid/not-a-uuid',
  `/o/abs/admin/financial-aid/${NIL}/applications/abc`,
  '/o/abs/admin/refunds?view=bogus&course=%00x',
  '/o/abs/admin/money?course=zzz',
];

for (const role of ['member', 'admin', 'treasurer', 'financial_aid_committee']) {
  test(`malformed or unknown ids on money pages are never a server error (${role})`, async ({ page }) => {
    const account = demoAccount('abs', role);
    await signIn(page, 'abs', account.email, account.password);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    for (const path of MISSING) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(404);
    }
    for (const path of [...MISSING, ...STAFF]) {
      const read = await page.request.get(path, { maxRedirects: 0 });
      expect(read.status(), `GET ${path}`).toBeLessThan(500);
      const write = await page.request.post(path, { form: { intent: 'bogus', amount: '1e9', receivedOn: '2025-99-99', registrationId: 'x' }, maxRedirects: 0 });
      expect(write.status(), `POST ${path}`).toBeLessThan(500);
    }
  });
}
