// Routes of email templates and unsubscribing (ADR 0069), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout): the signed link in non-essential mail, no sign-in. */
export const emailTemplatesPublicRoutes: RouteConfigEntry[] = [route('unsubscribe/:token', 'routes/email-templates/unsubscribe.tsx')];

/** Under /o/:org/admin (the staff layout). */
export const emailTemplatesAdminRoutes: RouteConfigEntry[] = [route('email-templates', 'routes/email-templates/list.tsx'), route('email-templates/:kind', 'routes/email-templates/edit.tsx')];
