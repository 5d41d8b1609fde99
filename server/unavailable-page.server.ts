// The page a browser gets while the database cannot be reached (503 with Retry-After). Written
// by the host without React Router or the database: what failed is the data every page needs.
// It says what happened and what to do, and asks the reader to check a form they sent.
import { t } from '#lib/i18n.ts';

export function unavailablePage(retryAfterSeconds: string): string {
  const title = t('app.unavailable');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${t('app.name')}</title>
</head>
<body>
<main id="main">
<h1>${title}</h1>
<p>${t('app.unavailableBody', { seconds: retryAfterSeconds })}</p>
<p>${t('app.unavailableForms')}</p>
<p><a href="">${t('app.tryAgain')}</a></p>
</main>
</body>
</html>
`;
}
