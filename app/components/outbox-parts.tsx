import { MailText } from '#app/components/mail-text.tsx';
import { t } from '#lib/i18n.ts';

/**
 * The outbox's filter by recipient and, for an organization's outbox, by what happened to the
 * message (a GET form: the filter is in the URL to share).
 */
export function RecipientFilter({ id, value, label, view }: { id: string; value: string; label: string; view?: { value: string; options: readonly string[] } }) {
  return (
    <form method="get" className="stack" role="search">
      <div className="field">
        <label htmlFor={id}>{t('admin.to')}</label>
        <input id={id} name="to" type="email" defaultValue={value} />
      </div>
      {view ? (
        <div className="field">
          <label htmlFor={`${id}-view`}>{t('admin.status')}</label>
          <select id={`${id}-view`} name="view" defaultValue={view.value}>
            <option value="">{t('admin.outboxView_all')}</option>
            {view.options.map((o) => (
              <option key={o} value={o}>
                {t(`admin.outboxView_${o}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div>
        <button type="submit" className="secondary">
          {label}
        </button>
      </div>
    </form>
  );
}

/** One message as staff or the operator see it: recipient, time, status, a notice, the text. */
export function MailView({ message, notice }: { message: { to: string; replyTo?: string | null; created: string; status: string; deliveryError?: string | null; text: string }; notice?: string }) {
  return (
    <>
      <dl className="facts">
        <dt>{t('admin.to')}</dt>
        <dd>{message.to}</dd>
        {message.replyTo ? (
          <>
            <dt>{t('directoryMail.replyTo')}</dt>
            <dd>{message.replyTo}</dd>
          </>
        ) : null}
        <dt>{t('admin.created')}</dt>
        <dd>{message.created}</dd>
        <dt>{t('admin.status')}</dt>
        <dd>{t(`admin.status_${message.status}`)}</dd>
        {message.deliveryError ? (
          <>
            <dt>{t('admin.deliveryError')}</dt>
            <dd>
              <code>{message.deliveryError}</code>
            </dd>
          </>
        ) : null}
      </dl>
      {notice ? (
        <div className="notice" role="note">
          <p>{notice}</p>
        </div>
      ) : null}
      <h2>{t('admin.textPart')}</h2>
      <MailText text={message.text} />
    </>
  );
}
