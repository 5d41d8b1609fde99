// The roles a person can hold in an organization (stored in organization_roles).
export { ROLES, type Role } from '#db/schema/accounts.ts';
