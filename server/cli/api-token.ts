// npm run api-token -- create <email> --org <slug> --name <label>   prints the token once
// npm run api-token -- list --org <slug>
// npm run api-token -- revoke <id>
// Staff API tokens. Only the SHA-256 hash is stored; what a token may do is decided by its
// person's roles in the organization at each request.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { findApiTokens } from '#domain/api-tokens/find-api-tokens.server.ts';
import { issueApiTokenByEmail } from '#domain/api-tokens/issue-api-token.server.ts';
import { revokeApiToken } from '#domain/api-tokens/revoke-api-token.server.ts';
import { DomainError } from '#domain/errors.ts';
import { withDatabase } from './run-cli.ts';

const usage = [
  'usage:',
  '  npm run api-token -- create <email> --org <slug> --name "<label>"',
  '  npm run api-token -- list --org <slug>',
  '  npm run api-token -- revoke <token id>',
].join('\n');

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n${usage}\n`);
  process.exit(code);
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { org: { type: 'string' }, name: { type: 'string' } } });
const [command, arg] = positionals;

if (command === 'create') {
  const email = z.email().safeParse(arg?.trim().toLowerCase());
  if (!email.success) fail('A valid email address is required.');
  if (!values.org) fail('--org <slug> is required.');
  const name = values.name?.trim();
  if (!name || name.length > 100) fail('--name "<label>" is required (at most 100 characters), e.g. --name "registration export".');
  const outcome = await withDatabase('api-token', async ({ db }) => {
    try {
      return await issueApiTokenByEmail(db, { organizationSlug: values.org!, email: email.data, name });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'ORGANIZATION_NOT_FOUND') return { error: `No organization with the slug ${values.org}.` };
      if (error instanceof DomainError && error.code === 'PERSON_NOT_FOUND') return { error: `No account with the email ${email.data}.` };
      throw error;
    }
  });
  if ('error' in outcome) fail(outcome.error, 1);
  process.stdout.write(`Token ${outcome.id} for ${email.data} in ${outcome.organizationSlug} (shown once, store it now):\n${outcome.token}\n`);
  if (!outcome.grantsReview) {
    process.stderr.write(`Note: ${email.data} does not hold registration:review in ${outcome.organizationSlug} now; staff endpoints will refuse this token until they do.\n`);
  }
} else if (command === 'list') {
  if (!values.org) fail('--org <slug> is required.');
  const rows = await withDatabase('api-token', async ({ db }) => findApiTokens(db, values.org!));
  for (const r of rows) {
    const state = r.revokedAt ? `revoked ${r.revokedAt.toISOString()}` : `last used ${r.lastUsedAt?.toISOString() ?? 'never'}`;
    process.stdout.write(`${r.id}  ${r.email}  "${r.name}"  created ${r.createdAt.toISOString()}  ${state}\n`);
  }
  if (rows.length === 0) process.stdout.write('No tokens.\n');
} else if (command === 'revoke') {
  if (!arg || !/^[0-9a-f-]{36}$/i.test(arg)) fail('A token id is required (see `list`).');
  const revoked = await withDatabase('api-token', async ({ db }) => revokeApiToken(db, arg));
  if (!revoked) fail(`No live token with the id ${arg}.`, 1);
  process.stdout.write(`Token ${arg} revoked.\n`);
} else {
  fail(command ? `Unknown command ${command}.` : 'A command is required.');
}
