// Helpers for the staff browser tests: applications come in through the public form.
import { type Page } from '@playwright/test';
import { expect, waitForHydration } from './support.ts';

/** Submits the public application form as a visitor (a separate, signed-out browser context). */
export async function applyAsVisitor(page: Page, org: string, slug: string, applicant: { name: string; email: string; category: RegExp }) {
  const context = await page.context().browser()!.newContext({ baseURL: new URL(page.url()).origin });
  const visitor = await context.newPage();
  try {
    await visitor.goto(`/o/${org}/courses/${slug}/apply`);
    await expect(visitor.getByRole('heading', { level: 1 })).toContainText('Apply:');
    await waitForHydration(visitor);
    await visitor.getByLabel('Full name').fill(applicant.name);
    await visitor.getByLabel('Email').fill(applicant.email);
    await visitor.getByLabel('Discipline or profession').fill('Family physician');
    await visitor.getByRole('radio', { name: applicant.category }).check();
    await visitor.getByLabel('I am clinically active').check();
    await visitor.getByLabel('I commit to attending every session in full').check();
    await visitor.getByLabel('I understand this course is training, not therapy').check();
    await visitor.getByRole('button', { name: 'Submit application' }).click();
    await expect(visitor.getByRole('heading', { name: /Application received|waitlist/i })).toBeVisible();
  } finally {
    await context.close();
  }
}
