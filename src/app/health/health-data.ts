import { lastDayOfMonth, type CalendarDate } from '../../domain/dates';
import { healthAlerts, healthByMonth } from '../../domain/health-figures';
import { monthsOf, onRoll, twelveMonthsTo } from '../../domain/meeting-figures';
import { healthRecords } from '../../local/care-queries';
import type { ClubBookDatabase } from '../../local/database';
import { liveRecords } from '../../local/queries';

/** The health book's first screen: who needs the board now, and the last twelve months. */
export async function healthBook(db: ClubBookDatabase, today: CalendarDate) {
  const [members, health] = await Promise.all([liveRecords(db, 'members'), healthRecords(db)]);
  const byId = new Map(members.map((m) => [m.id, m]));
  const months = monthsOf(twelveMonthsTo(today));
  // Each month counts the members in the club at its end (or today, for this month).
  const peopleOn = (month: string) => {
    const day = month === today.slice(0, 7) ? today : lastDayOfMonth(month);
    return new Set(members.filter((m) => onRoll(m, day)).map((m) => m.id));
  };
  return {
    byId,
    alerts: healthAlerts(health.readings, health.referrals, today),
    months: healthByMonth(health.readings, months, peopleOn).reverse(),
  };
}
