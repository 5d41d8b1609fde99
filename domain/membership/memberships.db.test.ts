import { describe, expect, test } from 'vitest';
import { systemActor } from '#domain/audit/record-audit.server.ts';
import { useTestDatabase } from '../../tests/helpers/test-database.ts';
import { createOrganization } from '../../tests/helpers/fixtures.ts';
import { addMembership, findMemberships, importMemberships, MembershipImportError } from './memberships.server.ts';

const testDb = useTestDatabase();
const header = 'email,name,type,valid_from,valid_to';

describe('memberships', () => {
  test('added by hand and imported from CSV, scoped to the organization', async () => {
    const org = await createOrganization(testDb.db);
    const other = await createOrganization(testDb.db);
    await addMembership(testDb.db, { organizationId: org.id, email: 'Ann@Example.org', name: 'Ann', type: 'regular', validFrom: '2025-01-01', validTo: '2025-12-31' }, systemActor);
    const count = await importMemberships(testDb.db, { organizationId: org.id, csv: `${header}\nbob@example.org,Bob,,2025-01-01,2025-12-31\n"cy@example.org","Cy, Jr.",life,2025-01-01,2099-12-31\n` }, systemActor);
    expect(count).toBe(2);
    const rows = await findMemberships(testDb.db, org.id);
    expect(rows.map((r) => r.email).sort()).toEqual(['ann@example.org', 'bob@example.org', 'cy@example.org']);
    expect(rows.find((r) => r.email === 'cy@example.org')).toMatchObject({ name: 'Cy, Jr.', type: 'life', source: 'csv' });
    expect(await findMemberships(testDb.db, other.id)).toEqual([]);
  });

  test('one bad row: row-level problems and nothing saved', async () => {
    const org = await createOrganization(testDb.db);
    const attempt = importMemberships(testDb.db, { organizationId: org.id, csv: `${header}\ngood@example.org,Good,,2025-01-01,2025-12-31\nbad-email,Bad,,2025-01-01,2025-12-31\n` }, systemActor);
    await expect(attempt).rejects.toBeInstanceOf(MembershipImportError);
    await expect(attempt).rejects.toMatchObject({ problems: [{ line: 3, field: 'email', code: 'INVALID_EMAIL' }] });
    expect(await findMemberships(testDb.db, org.id)).toEqual([]);
  });
});
