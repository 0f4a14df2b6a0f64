import type { ClubFields } from '../../domain/club';
import { STANDARD_CHECKLIST, standardItems, type ClubReport } from '../../domain/club-report';
import { formatDong } from '../../domain/money';
import type { FigureRow } from './report-csv';
import { figureKind, figureName, formatFigure, GROUPS, targetText, verdictText, type FigureGroup } from './report-figures';
import { useReportStrings } from './strings';

function lineClass(met: boolean | null | undefined): string {
  return met === true ? 'report-figure report-figure--met' : met === false ? 'report-figure report-figure--unmet' : 'report-figure';
}

/** One figure: its name, its value, and — where it has one — its target and whether it is met, in words and a mark. */
function FigureLine({ row, olderAgeFrom }: { row: FigureRow; olderAgeFrom: number }) {
  const { t } = useReportStrings();
  const { figure, value, check } = row;
  return (
    <li className={lineClass(check?.met)} data-figure={figure}>
      <span className="report-figure__name">{figureName(figure, t, olderAgeFrom)}</span>
      <span className="report-figure__value">{formatFigure(value, figureKind(figure), t)}</span>
      {check && (
        <span className="report-figure__check">
          <span className="report-figure__target">{targetText(check, t)}</span>
          <span className="report-figure__met">{verdictText(check.met, t)}</span>
        </span>
      )}
    </li>
  );
}

/** The lists behind a group's figures that a reader of the paper asks about: which villages, which months had no meeting. */
function GroupDetails({ group, report }: { group: FigureGroup; report: ClubReport }) {
  const { t } = useReportStrings();
  const { details } = report;
  if (group === 'members' && details.villages.length > 0) {
    const list = details.villages.map((v) => `${v.village || t('details.noVillage')} ${v.members}`).join(', ');
    return <p className="report-detail">{t('details.villages', { list })}</p>;
  }
  const missing = details.months.filter((m) => !m.held);
  if (group === 'meetings' && missing.length > 0) {
    const list = missing.map((m) => `${m.month.slice(5, 7)}/${m.month.slice(0, 4)}`).join(', ');
    return <p className="report-detail">{t('details.monthsMissing', { list })}</p>;
  }
  return null;
}

/** The standard club's checklist (club-report.ts): each item with its points, met or not. */
function Checklist({ report, club }: { report: ClubReport; club: ClubFields }) {
  const { t } = useReportStrings();
  const met = standardItems(report.figures, club);
  const targets = { attendance: club.attendanceTargetPercent, fund: formatDong(club.fundTarget), membersChecked: club.checkedTargetPercent };
  return (
    <ul className="report-figures">
      {STANDARD_CHECKLIST.map(({ item, weight }) => (
        <li key={item} className={lineClass(met[item])}>
          <span className="report-figure__name">{t(`standardItem.${item}`, { target: targets[item as keyof typeof targets] })}</span>
          <span className="report-figure__value">{t('standardItem.weight', { points: weight })}</span>
          <span className="report-figure__check">
            <span className="report-figure__met">{verdictText(met[item], t)}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Every figure of the report, in its groups; a group whose books this phone does not keep says so instead of showing zeros. */
export function ReportFigureList({ rows, report, club }: { rows: readonly FigureRow[]; report: ClubReport; club: ClubFields }) {
  const { t } = useReportStrings();
  return (
    <>
      {GROUPS.map((group) => {
        const lines = rows.filter((row) => row.group === group);
        const kept = lines.every((row) => row.kept);
        return (
          <section key={group} className="report-group" aria-labelledby={`report-group-${group}`}>
            <h2 id={`report-group-${group}`} className="section-title">
              {t(`group.${group}`)}
            </h2>
            {kept ? (
              <>
                <ul className="report-figures">
                  {lines.map((row) => (
                    <FigureLine key={row.figure} row={row} olderAgeFrom={club.olderAgeFrom} />
                  ))}
                </ul>
                <GroupDetails group={group} report={report} />
                {group === 'standard' && <Checklist report={report} club={club} />}
              </>
            ) : (
              <p className="report-detail">{t('notOnPhone')}</p>
            )}
          </section>
        );
      })}
    </>
  );
}
