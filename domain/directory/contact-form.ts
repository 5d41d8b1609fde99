// The "contact the leader" form, one schema for the browser and the server.
import { z } from 'zod';

export const contactSchema = z.object({
  name: z.string().trim().min(1).max(100),
  email: z.email().max(200),
  message: z.string().trim().min(1).max(3000),
  /** Hidden from people (the honeypot); a form-filling script fills it. */
  website: z.string().max(200).optional(),
});

export type ContactInput = z.output<typeof contactSchema>;
