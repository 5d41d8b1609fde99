import { requireOrganization } from '#app/lib/guards.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/check-email.ts';

// Public notice after sign-up.
export async function loader({ context, params }: Route.LoaderArgs) {
  await requireOrganization(context, params.org);
  return null;
}

export default function CheckEmail() {
  return (
    <main id="main" className="page narrow">
      <title>{t('auth.checkEmailTitle')}</title>
      <SiteDescription describe={(org) => t('meta.checkEmail', { org })} />
      <h1>{t('auth.checkEmailTitle')}</h1>
      <p role="status">{t('auth.checkEmailBody')}</p>
    </main>
  );
}
