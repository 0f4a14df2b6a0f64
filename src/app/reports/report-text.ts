import type { ClubFields } from '../../domain/club';
import type { ReportFigures, TargetCheck } from '../../domain/club-report';
import type { ReportPeriod } from '../../domain/periods';
import { figureKind, formatFigure, periodDates, periodName, type FigureGroup } from './report-figures';
import type { Translate } from './strings';

/**
 * The report in a few plain lines, for the share sheet (Zalo, SMS): the period, then one line
 * for each book this phone keeps, then how many targets are met. No formatting: an SMS shows
 * the lines as they are.
 */
export function reportSummary(input: {
  club: ClubFields;
  period: ReportPeriod;
  figures: ReportFigures;
  checks: readonly TargetCheck[];
  kept: (group: FigureGroup) => boolean;
  t: Translate;
}): string {
  const { club, period, figures, checks, kept, t } = input;
  const show = (figure: keyof ReportFigures) => formatFigure(figures[figure], figureKind(figure), t);
  const judged = checks.filter((c) => c.met !== null);
  const lines = [
    t('share.head', { club: club.name, period: periodName(period, t), dates: periodDates(period, t) }),
    t('share.members', { members: show('members'), women: show('womenPercent'), older: show('olderPercent') }),
    t('share.meetings', { held: show('monthsWithMeeting'), months: show('months'), attendance: show('attendancePercent'), areas: show('areasCovered') }),
    kept('homeCare') && t('share.homeCare', { volunteers: show('careVolunteers'), caredFor: show('caredFor'), visits: show('visits') }),
    kept('health') && t('share.health', { checked: show('membersChecked'), high: show('highReadings') }),
    kept('incomeFund') && t('share.fund', { fund: show('incomeClosing'), outstanding: show('loansOutstanding'), par: show('par30Permille') }),
    kept('standard') && t('share.targets', { met: judged.filter((c) => c.met).length, judged: judged.length, score: figures.standardScore ?? '—' }),
  ];
  return lines.filter((line): line is string => typeof line === 'string').join('\n');
}
