import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '#domain/accounts/password.ts';

const email = z.string().trim().min(1).max(254).pipe(z.email());

export const signInSchema = z.object({
  email,
  password: z.string().min(1).max(256),
  next: z.string().optional(),
});

export const signUpSchema = z.object({
  name: z.string().trim().min(1).max(200),
  email,
  password: z.string().min(MIN_PASSWORD_LENGTH).max(256),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z.object({
  token: z.string().min(1),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(256),
});
