// Shared by the profile form in the browser and updateProfile on the server.
import { z } from 'zod';

const field = (max: number) => z.string().trim().max(max).default('');

export const profileSchema = z.object({
  name: z.string().trim().min(1).max(200),
  credentials: field(100),
  profession: field(100),
  institution: field(200),
  city: field(100),
  region: field(100),
  country: field(100),
});
export type ProfileInput = z.infer<typeof profileSchema>;
