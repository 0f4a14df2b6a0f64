import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { formatDate } from '../../domain/dates';
import { loanApplications, LOAN_DECISIONS, type LoanApplication, type LoanApplicationFields } from '../../domain/loan-applications';
import { formatDong } from '../../domain/money';
import { liveRecords, recordById } from '../../local/queries';
import { updateRecord } from '../../local/write';
import { useDatabase } from '../database-context';
import { useMayWrite } from '../sync/use-connection';
import { AppShell } from '../ui/AppShell';
import { BookFormView, useBookForm } from '../ui/book-form';
import { domainResolver } from '../ui/domain-resolver';
import { ChoiceField, DigitsField, SelectField } from '../ui/fields';
import { useFlash } from '../ui/flash';
import { useFundStrings } from './strings';

const resolver = domainResolver(loanApplications.fieldsSchema);

function VoteForm({ application, meetings }: { application: LoanApplication; meetings: { value: string; label: string }[] }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const flash = useFlash();
  const [, navigate] = useLocation();
  const { id: _id, clubId: _c, createdAt: _a, updatedAt: _u, deleted: _d, version: _v, ...fields } = application;
  // The vote is what the form is for: a pending application opens on "approved" at the latest meeting.
  const initial: LoanApplicationFields = {
    ...fields,
    decision: fields.decision === 'pending' ? 'approved' : fields.decision,
    meetingId: fields.meetingId ?? meetings[0]?.value ?? null,
  };
  const book = useBookForm<LoanApplicationFields>({ draftKey: `vote:${application.id}`, initial, resolver });
  const { control } = book.form;
  const save = book.onSubmit(async (values) => {
    await updateRecord(db, 'loanApplications', application.id, { decision: values.decision, meetingId: values.meetingId, votesFor: values.votesFor, votesAgainst: values.votesAgainst });
    flash(t('vote.saved'));
    navigate(values.decision === 'approved' ? `/fund/applications/${application.id}/disburse` : '/fund/applications', { replace: true });
  });
  return (
    <BookFormView book={book} onSubmit={save} submitLabel={t('vote.save')}>
      <ChoiceField control={control} name="decision" label={t('vote.decision')} choices={LOAN_DECISIONS.filter((d) => d !== 'pending').map((d) => ({ value: d, label: t(`decision.${d}`) }))} />
      <SelectField control={control} name="meetingId" label={t('vote.meeting')} choices={meetings} placeholder={t('field.choose')} required />
      <DigitsField control={control} name="votesFor" as="number" optional maxLength={3} label={t('vote.for')} />
      <DigitsField control={control} name="votesAgainst" as="number" optional maxLength={3} label={t('vote.against')} />
    </BookFormView>
  );
}

/** The club's vote on an application, recorded with the meeting that voted (from the meeting book). */
export function VoteScreen({ id }: { id: string }) {
  const { t } = useFundStrings();
  const db = useDatabase();
  const mayWrite = useMayWrite('loanApplications');
  const data = useLiveQuery(async () => {
    const application = await recordById(db, 'loanApplications', id);
    const [member, meetings] = await Promise.all([application ? recordById(db, 'members', application.memberId) : undefined, liveRecords(db, 'meetings')]);
    const choices = meetings.sort((a, b) => b.heldOn.localeCompare(a.heldOn)).slice(0, 24).map((m) => ({ value: m.id, label: `${formatDate(m.heldOn)} · ${m.topic ?? t(`meetingKind.${m.kind}`)}` }));
    return { application: application ?? null, name: member?.fullName ?? t('unknownMember'), meetings: choices };
  }, [db, id]);
  if (!data) return <AppShell title={t('vote.title')} back="/fund/applications">{null}</AppShell>;
  const { application } = data;
  if (!application) {
    return (
      <AppShell title={t('vote.title')} back="/fund/applications">
        <p className="empty">{t('notFound')}</p>
      </AppShell>
    );
  }
  return (
    <AppShell title={data.name} back="/fund/applications">
      <p className="field__hint">
        {[formatDong(application.amount), t('months', { count: application.termMonths }), application.purpose ?? '', t('applications.appliedOn', { date: formatDate(application.appliedOn) })].filter(Boolean).join(' · ')}
      </p>
      {data.meetings.length === 0 && <p className="notice">{t('vote.noMeeting')}</p>}
      {mayWrite ? <VoteForm application={application} meetings={data.meetings} /> : <p className="notice">{t('readOnly')}</p>}
    </AppShell>
  );
}
