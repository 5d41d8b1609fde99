// The English catalog, one file per capability so each can grow on its own. Top-level keys
// are namespaces and must not collide.
import { aid } from './en/aid.ts';
import { attendanceCatalog } from './en/attendance.ts';
import { billing } from './en/billing.ts';
import { content } from './en/content.ts';
import { core } from './en/core.ts';
import { courseCopy } from './en/course-copy.ts';
import { coursePaper } from './en/course-paper.ts';
import { people } from './en/people.ts';
import { credit } from './en/credit.ts';
import { directory } from './en/directory.ts';
import { emailTemplatesCatalog } from './en/email-templates.ts';
import { inquiriesCatalog } from './en/inquiries.ts';
import { membership } from './en/membership.ts';
import { meta } from './en/meta.ts';
import { money } from './en/money.ts';
import { payments } from './en/payments.ts';
import { refunds } from './en/refunds.ts';
import { registration } from './en/registration.ts';
import { schedule } from './en/schedule.ts';
import { security } from './en/security.ts';
import { series } from './en/series.ts';
import { smallGroups } from './en/small-groups.ts';
import { staff } from './en/staff.ts';
import { members } from './en/members.ts';

export const en = { ...core, ...registration, ...staff, ...money, ...payments, ...refunds, ...aid, ...billing, ...security, ...credit, ...schedule, ...attendanceCatalog, ...smallGroups, ...courseCopy, ...coursePaper, ...people, ...directory, ...inquiriesCatalog, ...meta, ...content, ...series, ...emailTemplatesCatalog, ...members, ...messagesCatalog, ...membership } as const;
import { messagesCatalog } from './en/messages.ts';

