// /verify — anyone holding a certificate types its code here (no sign-in). The form is a GET
// to this page, which sends the visitor on to /verify/<code>.
import { redirect } from 'react-router';
import { MetaDescription } from '#app/components/meta-description.tsx';
import { t } from '#lib/i18n.ts';
import { VerifyForm } from './verify-form.tsx';
import type { Route } from './+types/verify.ts';

export function loader({ request }: Route.LoaderArgs) {
  const code = (new URL(request.url).searchParams.get('code') ?? '').trim().slice(0, 100);
  if (code) throw redirect(`/verify/${encodeURIComponent(code)}`);
  return null;
}

export default function Verify() {
  return (
    <main id="main" className="page narrow">
      <title>{t('verify.title')}</title>
      <MetaDescription content={t('meta.verify')} />
      <h1>{t('verify.title')}</h1>
      <p>{t('verify.intro')}</p>
      <VerifyForm />
    </main>
  );
}
