import { describe, expect, test } from 'vitest';
import { rolesGrant } from './permissions.ts';

describe('rolesGrant', () => {
  test.each([
    [['admin'], 'admin:access', true],
    [['member'], 'admin:access', false],
    [[], 'member:area', false],
    [['member'], 'member:area', true],
    [['course_director'], 'registration:review', true],
    [['course_director'], 'outbox:read', false],
    [['admin'], 'financial-aid:review', false], // aid applications are the committee's alone
    [['financial_aid_committee'], 'financial-aid:review', true],
    [['course_director'], 'inquiries:manage', true],
    [['treasurer'], 'inquiries:manage', false],
  ] as const)('%j → %s = %s', (roles, permission, expected) => {
    expect(rolesGrant(roles, permission)).toBe(expected);
  });
});
