// The "delete my account" form, shared by the browser and the server.
import { z } from 'zod';

export const deleteAccountSchema = z.object({
  password: z.string().min(1).max(500),
  confirmation: z.string().trim().min(1).max(320),
});
export type DeleteAccountForm = z.infer<typeof deleteAccountSchema>;
