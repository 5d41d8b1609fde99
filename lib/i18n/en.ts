// The English catalog, one file per capability so each can grow on its own. Top-level keys
// are namespaces and must not collide.
import { core } from './en/core.ts';
import { registration } from './en/registration.ts';
import { staff } from './en/staff.ts';

export const en = { ...core, ...registration, ...staff } as const;
