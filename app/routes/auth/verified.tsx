import { Link } from 'react-router';
import { requireOrganization } from '#app/lib/guards.server.ts';
import { SiteDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/verified.ts';

// Public: where the confirmation link lands (better-auth appends ?error= when it fails).
export async function loader({ request, context, params }: Route.LoaderArgs) {
  const org = await requireOrganization(context, params.org);
  return { slug: org.slug, failed: new URL(request.url).searchParams.has('error') };
}

export default function Verified({ loaderData }: Route.ComponentProps) {
  const title = loaderData.failed ? t('auth.checkEmailTitle') : t('auth.verifiedTitle');
  return (
    <main id="main" className="page narrow">
      <title>{title}</title>
      <SiteDescription describe={(org) => t('meta.verified', { org })} />
      <h1>{title}</h1>
      <p role="status">{loaderData.failed ? t('auth.verifyFailed') : t('auth.verifiedBody')}</p>
      <p>
        <Link className="button" to={`/o/${loaderData.slug}/sign-in`}>
          {t('auth.signInSubmit')}
        </Link>
      </p>
    </main>
  );
}
