// Routes of CE credit, evaluations and certificates, spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const creditPublicRoutes: RouteConfigEntry[] = [
  route('registrations/:registrationId/evaluation', 'routes/credit/evaluation-form.tsx'),
  route('courses/:course/evaluation-results', 'routes/credit/evaluation-results.tsx'),
  route('certificates', 'routes/credit/certificates.tsx'),
  route('certificates/transcript.pdf', 'routes/credit/transcript-pdf.ts'),
  route('certificates/:certificateFile', 'routes/credit/certificate-pdf.ts'),
];

/** Under /o/:org/admin (the admin layout). */
export const creditAdminRoutes: RouteConfigEntry[] = [
  route('courses/:courseId/credit', 'routes/credit/credit.tsx'),
  route('courses/:courseId/certificates/:certificateFile', 'routes/credit/certificate-pdf-staff.ts'),
  route('courses/:courseId/evaluation', 'routes/credit/evaluation.tsx'),
  route('courses/:courseId/evaluation.csv', 'routes/credit/evaluation-csv.ts'),
];

/** Above every organization: anyone verifies a certificate by its code. */
export const creditDeploymentRoutes: RouteConfigEntry[] = [route('verify', 'routes/credit/verify.tsx'), route('verify/:code', 'routes/credit/verify-code.tsx')];
