// The organization's email templates (ADR 0069): every automated message, essential or not,
// and whether it uses the default wording or the organization's own.
import { Link } from 'react-router';
import { requirePermission, services } from '#app/lib/guards.server.ts';
import { findEmailTemplates } from '#domain/email-templates/manage-templates.server.ts';
import { templateNameKey } from '#domain/email-templates/registry.ts';
import { t } from '#lib/i18n.ts';
import type { Route } from './+types/list.ts';

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const { org } = await requirePermission(request, context, params.org, 'email_templates:manage');
  const templates = await findEmailTemplates(services(context).db, org.id);
  return {
    slug: org.slug,
    orgName: org.name,
    templates: templates.map((v) => ({
      kind: v.definition.kind,
      name: t(templateNameKey(v.definition.kind)),
      group: t(`emailTemplates.group_${v.definition.group}`),
      essential: v.definition.essential,
      version: v.override?.version ?? null,
    })),
  };
}

export default function EmailTemplates({ loaderData }: Route.ComponentProps) {
  const { slug, orgName, templates } = loaderData;
  return (
    <main id="main">
      <title>{t('emailTemplates.title')}</title>
      <h1>{t('emailTemplates.title')}</h1>
      <p>{t('emailTemplates.intro', { org: orgName })}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('emailTemplates.kind')}</th>
            <th scope="col">{t('emailTemplates.group')}</th>
            <th scope="col">{t('emailTemplates.category')}</th>
            <th scope="col">{t('emailTemplates.wording')}</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((tpl) => (
            <tr key={tpl.kind}>
              <th scope="row">
                <Link to={`/o/${slug}/admin/email-templates/${tpl.kind}`}>{tpl.name}</Link>
              </th>
              <td>{tpl.group}</td>
              <td>{tpl.essential ? t('emailTemplates.essential') : t('emailTemplates.nonEssential')}</td>
              <td>{tpl.version === null ? t('emailTemplates.defaultWording') : t('emailTemplates.own', { version: tpl.version })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  );
}
