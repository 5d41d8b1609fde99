// Routes of inquiries (ADR 0060), spread into app/routes.ts. Paths are relative to app/.
import { route, type RouteConfigEntry } from '@react-router/dev/routes';

/** Under /o/:org (the public site layout). */
export const inquiriesPublicRoutes: RouteConfigEntry[] = [
  route('contact', 'routes/inquiries/contact.tsx'),
  route('contact/speaker', 'routes/inquiries/speaker.tsx'),
  route('contact/intensive-on-the-road', 'routes/inquiries/intensive-on-the-road.tsx'),
];

/** Under /o/:org/admin (the staff layout). */
export const inquiriesAdminRoutes: RouteConfigEntry[] = [route('inquiries', 'routes/inquiries/inbox.tsx'), route('inquiries/:inquiryId', 'routes/inquiries/inquiry.tsx')];
