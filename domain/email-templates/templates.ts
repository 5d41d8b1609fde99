// The words of one organization's automated messages: its override where it has one, the
// registry's default otherwise. Builders stay pure: the sender loads the overrides
// (load-templates.server.ts) and passes this object in.
import { t } from '#lib/i18n.ts';
import { getTemplateDefinition } from './registry.ts';
import { renderPlaceholders, splitParagraphs, type TemplateValues } from './render.ts';

export interface TemplateOverride {
  subject: string;
  body: string;
}

export interface EmailTemplates {
  subject(kind: string, values: TemplateValues): string;
  /**
   * The body's paragraphs. `defaultKey` names a variant of the default wording (a notice with or
   * without a group); an override, when there is one, replaces every variant.
   */
  body(kind: string, values: TemplateValues, defaultKey?: string): string[];
  /** Whether the organization has its own words for this kind. */
  overridden(kind: string): boolean;
}

export function emailTemplates(overrides: ReadonlyMap<string, TemplateOverride> = new Map()): EmailTemplates {
  return {
    subject(kind, values) {
      const override = overrides.get(kind);
      // Without an override the catalog renders exactly as before the registry existed.
      return override ? renderPlaceholders(override.subject, values).trim() : t(getTemplateDefinition(kind).subjectKey, values);
    },
    body(kind, values, defaultKey) {
      const override = overrides.get(kind);
      return override ? splitParagraphs(renderPlaceholders(override.body, values)) : [t(defaultKey ?? getTemplateDefinition(kind).bodyKey, values)];
    },
    overridden: (kind) => overrides.has(kind),
  };
}

/** The defaults alone: for tests and for messages composed outside an organization. */
export const defaultEmailTemplates: EmailTemplates = emailTemplates();
