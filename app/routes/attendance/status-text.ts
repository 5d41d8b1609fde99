// One person's attendance in words: "Present", "Present, 10 min late", "Absent".
import { t } from '#lib/i18n.ts';

export function statusText(mark: { status: 'present' | 'absent'; lateMinutes: number; leftEarlyMinutes: number }): string {
  if (mark.status === 'absent') return t('attendance.absent');
  const late = mark.lateMinutes;
  const early = mark.leftEarlyMinutes;
  if (late && early) return t('attendance.presentLateLeftEarly', { late, early });
  if (late) return t('attendance.presentLate', { late });
  if (early) return t('attendance.presentLeftEarly', { early });
  return t('attendance.present');
}
