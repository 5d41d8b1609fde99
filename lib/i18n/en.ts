// The English catalog, one file per capability so each can grow on its own. Top-level keys
// are namespaces and must not collide.
import { aid } from './en/aid.ts';
import { attendanceCatalog } from './en/attendance.ts';
import { billing } from './en/billing.ts';
import { core } from './en/core.ts';
import { credit } from './en/credit.ts';
import { money } from './en/money.ts';
import { payments } from './en/payments.ts';
import { refunds } from './en/refunds.ts';
import { registration } from './en/registration.ts';
import { schedule } from './en/schedule.ts';
import { security } from './en/security.ts';
import { series } from './en/series.ts';
import { smallGroups } from './en/small-groups.ts';
import { staff } from './en/staff.ts';

export const en = { ...core, ...registration, ...staff, ...money, ...payments, ...refunds, ...aid, ...billing, ...security, ...credit, ...schedule, ...attendanceCatalog, ...smallGroups, ...series } as const;
