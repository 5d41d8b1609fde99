// npm run operator:create -- <email> [--name "<person>"]
// Makes <email> an operator of the deployment: the person who runs this Balint Hub
// installation and alone may read credential mail (resets, confirmations) that cannot be
// delivered without SMTP. Creates the account (verified, with a random password printed
// once) when it does not exist.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { createVerifiedAccount, randomPassword } from '#domain/accounts/create-account.server.ts';
import { grantOperator } from '#domain/accounts/operators.server.ts';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { withDatabase } from './run-cli.ts';

const usage = 'usage: npm run operator:create -- <email> [--name "<person name>"]';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { name: { type: 'string' } } });
const email = z.email().safeParse(positionals[0]?.trim().toLowerCase());
if (!email.success) {
  process.stderr.write(`A valid email address is required.\n${usage}\n`);
  process.exit(2);
}

const outcome = await withDatabase('operator-create', async ({ db }) =>
  db.transaction(async (tx) => {
    const password = randomPassword();
    const account = await createVerifiedAccount(tx, { email: email.data, name: values.name ?? email.data.split('@')[0]!, password }, systemActor);
    await grantOperator(tx, account.userId, systemActor);
    return { created: account.created, password };
  }),
);

process.stdout.write(
  outcome.created
    ? `${email.data} is now an operator of this deployment (pages at /operator).\nPassword (shown once): ${outcome.password}\n`
    : `${email.data} (an existing account, password unchanged) is now an operator of this deployment (pages at /operator).\n`,
);
