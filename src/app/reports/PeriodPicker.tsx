import { useState } from 'react';
import { useForm } from 'react-hook-form';
import * as z from 'zod/mini';
import { addDays, type CalendarDate } from '../../domain/dates';
import { customPeriod, periodContaining, previousPeriod, type PeriodKind, type ReportPeriod } from '../../domain/periods';
import { calendarDate } from '../../domain/validation';
import { useScreenStrings } from '../i18n/screen-strings';
import { ChoiceButtons } from '../ui/ChoiceButtons';
import { domainResolver } from '../ui/domain-resolver';
import { DateField } from '../ui/fields';
import { useReportStrings } from './strings';

type Stepped = Exclude<PeriodKind, 'custom'>;
const KINDS: PeriodKind[] = ['month', 'quarter', 'half', 'year', 'custom'];

/** The period just after (the one whose "before" is this one). */
function nextPeriod(period: ReportPeriod & { kind: Stepped }): ReportPeriod {
  return periodContaining(period.kind, addDays(period.to, 1));
}

interface Dates {
  from: CalendarDate;
  to: CalendarDate;
}
const datesResolver = domainResolver<Dates>(z.object({ from: calendarDate, to: calendarDate }));

/** Any two dates, typed dd/MM/yyyy as everywhere in the app; the earlier is taken as the start whichever way round. */
function CustomDates({ period, onChoose }: { period: ReportPeriod; onChoose: (key: string) => void }) {
  // The dates' messages ("write it as day/month/year") are the forms' own.
  useScreenStrings();
  const { t } = useReportStrings();
  const { control, handleSubmit } = useForm<Dates>({ defaultValues: { from: period.from, to: period.to }, resolver: datesResolver, shouldFocusError: true });
  return (
    <form className="report-dates-form" noValidate onSubmit={handleSubmit((dates) => onChoose(customPeriod(dates.from, dates.to).key))}>
      <DateField control={control} name="from" required label={t('choose.from')} />
      <DateField control={control} name="to" required label={t('choose.to')} />
      <button type="submit" className="button button--primary">
        {t('choose.show')}
      </button>
    </form>
  );
}

/**
 * Which period the report is for, in few taps: a kind (each opens on the one running today:
 * this month, this quarter, …), then a step back or forward; or any two dates.
 */
export function PeriodPicker({ period, today, onChoose }: { period: ReportPeriod; today: CalendarDate; onChoose: (key: string) => void }) {
  const { t } = useReportStrings();
  // "Dates" opens the two fields at once; the period changes when they are sent.
  const [typingDates, setTypingDates] = useState(false);
  const kind = typingDates ? 'custom' : period.kind;
  const stepped = kind === 'custom' ? null : (period as ReportPeriod & { kind: Stepped });
  const next = stepped && nextPeriod(stepped);
  return (
    <section className="report-picker no-print" aria-label={t('choose.label')}>
      <ChoiceButtons
        label={t('choose.label')}
        value={kind}
        choices={KINDS.map((value) => ({ value, label: t(`choose.${value}`) }))}
        onChoose={(chosen) => {
          setTypingDates(chosen === 'custom');
          if (chosen !== 'custom') onChoose(periodContaining(chosen, today).key);
        }}
      />
      {stepped && (
        <div className="button-row">
          <button type="button" className="button" onClick={() => onChoose(previousPeriod(stepped).key)}>
            {t(`previous.${stepped.kind}`)}
          </button>
          {next && next.from <= today && (
            <button type="button" className="button" onClick={() => onChoose(next.key)}>
              {t(`next.${stepped.kind}`)}
            </button>
          )}
        </div>
      )}
      {kind === 'custom' && (
        <CustomDates
          key={period.key}
          period={period}
          onChoose={(key) => {
            setTypingDates(false);
            onChoose(key);
          }}
        />
      )}
    </section>
  );
}
