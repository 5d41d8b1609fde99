// The three public inquiry forms' schemas, shared by the browser (instant feedback) and the
// action (the real check). What a form must refuse whatever else is typed — more than twelve
// leaders for an Intensive on the Road — is said beside its field.
import { z } from 'zod';
import { ATTENDANCE_MODES, MAX_LEADERS_ON_THE_ROAD, SPEAKER_FORMATS, type InquiryKind } from '#db/schema/inquiries.ts';
import { t } from '#lib/i18n.ts';

/** The honeypot: a field people never see nor hear; only a script fills it. */
export const HONEYPOT_FIELD = 'website';
/** The signed time the form was shown (fill-time.server.ts). */
export const FORM_TOKEN_FIELD = 'formToken';

const required = (max: number) => z.string().trim().min(1).max(max);
const optional = (max: number) => z.string().trim().max(max).default('');
const name = () => required(200);
const email = () => z.string().trim().min(1).max(254).pipe(z.email());
const message = (min: 0 | 1) => (min === 1 ? required(5000) : optional(5000));
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: () => t('form.invalidChoice') });

/** A whole number typed as text: an empty field is "required", anything else not a number is said so. */
function wholeNumber(options: { required: boolean; min: number; max: number; tooMany: () => string; tooFew: () => string }) {
  return z
    .string()
    .trim()
    .default('')
    .superRefine((value, ctx) => {
      if (value === '') {
        if (options.required) ctx.addIssue({ code: 'custom', message: t('form.required') });
        return;
      }
      if (!/^\d{1,7}$/.test(value)) {
        ctx.addIssue({ code: 'custom', message: t('inquiriesForm.wholeNumber') });
        return;
      }
      const n = Number(value);
      if (n < options.min) ctx.addIssue({ code: 'custom', message: options.tooFew() });
      else if (n > options.max) ctx.addIssue({ code: 'custom', message: options.tooMany() });
    })
    .transform((value) => (value === '' ? null : Number(value)));
}

export const leadersToTrain = () =>
  wholeNumber({
    required: true,
    min: 1,
    max: MAX_LEADERS_ON_THE_ROAD,
    tooFew: () => t('inquiriesForm.leadersAtLeastOne'),
    tooMany: () => t('inquiriesForm.leadersAtMostTwelve'),
  });

export const speakerSchema = z
  .object({
    name: name(),
    email: email(),
    groupName: required(200),
    speakerFormat: choice(SPEAKER_FORMATS),
    audience: required(500),
    audienceSize: wholeNumber({ required: false, min: 1, max: 100_000, tooFew: () => t('inquiriesForm.audienceSizeRange'), tooMany: () => t('inquiriesForm.audienceSizeRange') }),
    preferredDates: required(500),
    attendance: choice(ATTENDANCE_MODES),
    location: optional(300),
    message: message(0),
  })
  .superRefine((v, ctx) => {
    if (v.attendance === 'in_person' && v.location === '') ctx.addIssue({ code: 'custom', path: ['location'], message: t('inquiriesForm.locationForInPerson') });
  });

export const intensiveOnTheRoadSchema = z.object({
  groupName: required(200),
  name: name(),
  email: email(),
  phone: z
    .string()
    .trim()
    .max(40)
    .default('')
    .refine((v) => v === '' || /^[+()0-9 .\-/]{5,40}$/.test(v), { message: t('inquiriesForm.phoneFormat') }),
  location: required(300),
  preferredDates: required(500),
  leadersToTrain: leadersToTrain(),
  message: message(0),
});

export const generalContactSchema = z.object({
  name: name(),
  email: email(),
  subject: optional(200),
  message: message(1),
});

export const INQUIRY_FORMS = {
  speaker: speakerSchema,
  intensive_on_the_road: intensiveOnTheRoadSchema,
  general: generalContactSchema,
} as const satisfies Record<InquiryKind, z.ZodType>;

export type SpeakerRequest = z.output<typeof speakerSchema>;
export type IntensiveOnTheRoadRequest = z.output<typeof intensiveOnTheRoadSchema>;
export type GeneralContact = z.output<typeof generalContactSchema>;

/** One submitted inquiry, by kind. */
export type InquiryFields =
  | { kind: 'speaker'; fields: SpeakerRequest }
  | { kind: 'intensive_on_the_road'; fields: IntensiveOnTheRoadRequest }
  | { kind: 'general'; fields: GeneralContact };

/** The fields of each form, in its order, for the error summary's links. */
export const FORM_FIELDS: Record<InquiryKind, readonly string[]> = {
  speaker: ['name', 'email', 'groupName', 'speakerFormat', 'audience', 'audienceSize', 'preferredDates', 'attendance', 'location', 'message'],
  intensive_on_the_road: ['groupName', 'name', 'email', 'phone', 'location', 'preferredDates', 'leadersToTrain', 'message'],
  general: ['name', 'email', 'subject', 'message'],
};
