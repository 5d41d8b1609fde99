export * from './organizations.ts';
export * from './accounts.ts';
export * from './email.ts';
export * from './audit.ts';
export * from './courses.ts';
export * from './registration.ts';
export * from './money.ts';
export * from './aid.ts';
