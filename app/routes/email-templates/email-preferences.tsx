// The profile page's email preferences (ADR 0069): one button per organization.
import { Form } from 'react-router';
import { FormAlert } from '#app/components/field.tsx';
import { t } from '#lib/i18n.ts';

export function EmailPreferences({ preferences, address, saved }: { preferences: { organizationId: string; name: string; subscribed: boolean }[]; address: string; saved: boolean }) {
  return (
    <section aria-labelledby="email-preferences">
      <h2 id="email-preferences">{t('emailPreferences.title')}</h2>
      <p>{t('emailPreferences.intro', { address })}</p>
      <FormAlert message={saved ? t('emailPreferences.changed') : undefined} tone="success" />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('emailPreferences.organization')}</th>
            <th scope="col">{t('emailPreferences.state')}</th>
            <td />
          </tr>
        </thead>
        <tbody>
          {preferences.map((p) => (
            <tr key={p.organizationId}>
              <th scope="row">{p.name}</th>
              <td>{p.subscribed ? t('emailPreferences.subscribed') : t('emailPreferences.unsubscribed')}</td>
              <td>
                <Form method="post">
                  <input type="hidden" name="intent" value="email-preference" />
                  <input type="hidden" name="organizationId" value={p.organizationId} />
                  <input type="hidden" name="receive" value={p.subscribed ? '0' : '1'} />
                  <button type="submit" className="secondary">
                    {p.subscribed ? t('emailPreferences.unsubscribe', { org: p.name }) : t('emailPreferences.resubscribe', { org: p.name })}
                  </button>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
