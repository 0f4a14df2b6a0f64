import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { Route, Switch, Router, type BaseLocationHook, type BaseSearchHook } from 'wouter';
import type { ClubBookDatabase } from '../local/database';
import { clubProfile } from '../local/queries';
import { DatabaseProvider, useDatabase } from './database-context';
import { FIRST_SCREEN_MARK } from './first-screen';
import { useAppLock } from './lock/use-app-lock';
import { HomeScreen } from './home/HomeScreen';
import { MemberListScreen } from './members/MemberListScreen';
import { applyTextSize, textSize } from './preferences';
import type { ServerConnection as Connection } from '../sync/connection';
import { SyncProvider, type SyncControl } from './sync/sync-context';
import { useConnection } from './sync/use-connection';
import { UpdatePrompt, type UpdateState } from './ui/UpdatePrompt';

// The first screens (home, member list) load with the app; forms, settings and first-start
// screens load when opened, to keep the first screen's JavaScript small on a cheap phone.
const NewMemberScreen = lazy(() => import('./members/MemberFormScreen').then((m) => ({ default: m.NewMemberScreen })));
const EditMemberScreen = lazy(() => import('./members/MemberFormScreen').then((m) => ({ default: m.EditMemberScreen })));
const MemberScreen = lazy(() => import('./members/MemberScreen').then((m) => ({ default: m.MemberScreen })));
const SettingsScreen = lazy(() => import('./settings/SettingsScreen').then((m) => ({ default: m.SettingsScreen })));
const ClubSettingsScreen = lazy(() => import('./settings/ClubSettingsScreen').then((m) => ({ default: m.ClubSettingsScreen })));
const ConnectScreen = lazy(() => import('./settings/ConnectScreen').then((m) => ({ default: m.ConnectScreen })));
const JoinScreen = lazy(() => import('./settings/JoinScreen').then((m) => ({ default: m.JoinScreen })));
const InviteScreen = lazy(() => import('./settings/InviteScreen').then((m) => ({ default: m.InviteScreen })));
const DevicesScreen = lazy(() => import('./settings/DevicesScreen').then((m) => ({ default: m.DevicesScreen })));
const NeedsAttentionScreen = lazy(() => import('./sync/NeedsAttentionScreen').then((m) => ({ default: m.NeedsAttentionScreen })));
const OnboardingScreen = lazy(() => import('./onboarding/OnboardingScreen').then((m) => ({ default: m.OnboardingScreen })));
const MeetingBookScreen = lazy(() => import('./meetings/MeetingBookScreen').then((m) => ({ default: m.MeetingBookScreen })));
const NewMeetingScreen = lazy(() => import('./meetings/MeetingFormScreen').then((m) => ({ default: m.NewMeetingScreen })));
const EditMeetingScreen = lazy(() => import('./meetings/MeetingFormScreen').then((m) => ({ default: m.EditMeetingScreen })));
const MeetingScreen = lazy(() => import('./meetings/MeetingScreen').then((m) => ({ default: m.MeetingScreen })));
const RollCallScreen = lazy(() => import('./meetings/RollCallScreen').then((m) => ({ default: m.RollCallScreen })));
const FollowUpScreen = lazy(() => import('./meetings/FollowUpScreen').then((m) => ({ default: m.FollowUpScreen })));
const CareBookScreen = lazy(() => import('./care/CareBookScreen').then((m) => ({ default: m.CareBookScreen })));
const VisitScreen = lazy(() => import('./care/VisitScreen').then((m) => ({ default: m.VisitScreen })));
const PersonCareScreen = lazy(() => import('./care/PersonCareScreen').then((m) => ({ default: m.PersonCareScreen })));
const NewCarePlanScreen = lazy(() => import('./care/CarePlanFormScreen').then((m) => ({ default: m.NewCarePlanScreen })));
const EditCarePlanScreen = lazy(() => import('./care/CarePlanFormScreen').then((m) => ({ default: m.EditCarePlanScreen })));
const HealthBookScreen = lazy(() => import('./health/HealthBookScreen').then((m) => ({ default: m.HealthBookScreen })));
const HealthDayScreen = lazy(() => import('./health/HealthDayScreen').then((m) => ({ default: m.HealthDayScreen })));
const NewReadingScreen = lazy(() => import('./health/ReadingFormScreen').then((m) => ({ default: m.NewReadingScreen })));
const NewReferralScreen = lazy(() => import('./health/ReferralScreen').then((m) => ({ default: m.NewReferralScreen })));
const PersonHealthScreen = lazy(() => import('./health/PersonHealthScreen').then((m) => ({ default: m.PersonHealthScreen })));
const FundBookScreen = lazy(() => import('./fund/FundBookScreen').then((m) => ({ default: m.FundBookScreen })));
const RecordMenuScreen = lazy(() => import('./fund/RecordScreen').then((m) => ({ default: m.RecordMenuScreen })));
const RecordScreen = lazy(() => import('./fund/RecordScreen').then((m) => ({ default: m.RecordScreen })));
const DuesScreen = lazy(() => import('./fund/DuesScreen').then((m) => ({ default: m.DuesScreen })));
const RepaymentChooseScreen = lazy(() => import('./fund/RepaymentScreen').then((m) => ({ default: m.RepaymentChooseScreen })));
const RepaymentScreen = lazy(() => import('./fund/RepaymentScreen').then((m) => ({ default: m.RepaymentScreen })));
const ApplicationsScreen = lazy(() => import('./fund/ApplicationsScreen').then((m) => ({ default: m.ApplicationsScreen })));
const NewApplicationScreen = lazy(() => import('./fund/ApplicationsScreen').then((m) => ({ default: m.NewApplicationScreen })));
const VoteScreen = lazy(() => import('./fund/VoteScreen').then((m) => ({ default: m.VoteScreen })));
const DisburseScreen = lazy(() => import('./fund/DisburseScreen').then((m) => ({ default: m.DisburseScreen })));
const LoansScreen = lazy(() => import('./fund/LoansScreen').then((m) => ({ default: m.LoansScreen })));
const LoanScreen = lazy(() => import('./fund/LoanScreen').then((m) => ({ default: m.LoanScreen })));
const EntryScreen = lazy(() => import('./fund/EntryScreen').then((m) => ({ default: m.EntryScreen })));
const CashCountScreen = lazy(() => import('./fund/CashCountScreen').then((m) => ({ default: m.CashCountScreen })));
const OpeningScreen = lazy(() => import('./fund/OpeningScreen').then((m) => ({ default: m.OpeningScreen })));
const LockScreen = lazy(() => import('./lock/LockScreen').then((m) => ({ default: m.LockScreen })));

/** Screens that only make sense once this phone is connected to a server. */
function Connected({ children }: { children: (connection: Connection) => ReactNode }) {
  const connection = useConnection();
  if (connection === undefined) return null;
  return connection ? children(connection) : <SettingsScreen />;
}

function Screens({ onFirstScreen }: { onFirstScreen?: () => void }) {
  const db = useDatabase();
  // null: this phone keeps no club yet; undefined: still reading.
  const club = useLiveQuery(() => clubProfile(db), [db]);
  const { lock, locked, unlock } = useAppLock();
  const known = club !== undefined && lock !== undefined;
  // Runs once a screen (not the loading state) is committed: a lazy screen suspends the
  // whole of this component until it is ready.
  useEffect(() => {
    if (!known) return;
    if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) performance.mark(FIRST_SCREEN_MARK);
    onFirstScreen?.();
  }, [known, onFirstScreen]);
  if (club === undefined || lock === undefined) return null;
  if (club === null) return <OnboardingScreen />;
  // A phone shared in a family: its PIN first (sync goes on behind it).
  if (locked) return <LockScreen onUnlocked={unlock} />;
  return (
    <Switch>
      <Route path="/" component={HomeScreen} />
      <Route path="/members" component={MemberListScreen} />
      <Route path="/members/new" component={NewMemberScreen} />
      <Route path="/members/:id/edit">{(params) => <EditMemberScreen id={params.id} />}</Route>
      <Route path="/members/:id">{(params) => <MemberScreen id={params.id} />}</Route>
      <Route path="/meetings" component={MeetingBookScreen} />
      <Route path="/meetings/new" component={NewMeetingScreen} />
      <Route path="/meetings/follow-up" component={FollowUpScreen} />
      <Route path="/meetings/:id/edit">{(params) => <EditMeetingScreen id={params.id} />}</Route>
      <Route path="/meetings/:id/roll">{(params) => <RollCallScreen id={params.id} />}</Route>
      <Route path="/meetings/:id">{(params) => <MeetingScreen id={params.id} />}</Route>
      <Route path="/care" component={CareBookScreen} />
      <Route path="/care/visit/:personId">{(params) => <VisitScreen personId={params.personId} />}</Route>
      <Route path="/care/people/:id">{(params) => <PersonCareScreen id={params.id} />}</Route>
      <Route path="/care/plans/new" component={NewCarePlanScreen} />
      <Route path="/care/plans/:id/edit">{(params) => <EditCarePlanScreen id={params.id} />}</Route>
      <Route path="/health" component={HealthBookScreen} />
      <Route path="/health/day" component={HealthDayScreen} />
      <Route path="/health/readings/new" component={NewReadingScreen} />
      <Route path="/health/referrals/new" component={NewReferralScreen} />
      <Route path="/health/people/:id">{(params) => <PersonHealthScreen id={params.id} />}</Route>
      <Route path="/fund" component={FundBookScreen} />
      <Route path="/fund/record" component={RecordMenuScreen} />
      <Route path="/fund/record/:kind">{(params) => <RecordScreen kind={params.kind} />}</Route>
      <Route path="/fund/dues" component={DuesScreen} />
      <Route path="/fund/repay" component={RepaymentChooseScreen} />
      <Route path="/fund/repay/:loanId">{(params) => <RepaymentScreen loanId={params.loanId} />}</Route>
      <Route path="/fund/applications" component={ApplicationsScreen} />
      <Route path="/fund/applications/new" component={NewApplicationScreen} />
      <Route path="/fund/applications/:id/disburse">{(params) => <DisburseScreen id={params.id} />}</Route>
      <Route path="/fund/applications/:id">{(params) => <VoteScreen id={params.id} />}</Route>
      <Route path="/fund/loans" component={LoansScreen} />
      <Route path="/fund/loans/:id">{(params) => <LoanScreen id={params.id} />}</Route>
      <Route path="/fund/entries/:id">{(params) => <EntryScreen id={params.id} />}</Route>
      <Route path="/fund/count" component={CashCountScreen} />
      <Route path="/fund/opening" component={OpeningScreen} />
      <Route path="/settings" component={SettingsScreen} />
      <Route path="/settings/club" component={ClubSettingsScreen} />
      <Route path="/settings/connect" component={ConnectScreen} />
      <Route path="/settings/join" component={JoinScreen} />
      <Route path="/settings/invite">{() => <Connected>{(c) => <InviteScreen serverUrl={c.serverUrl} />}</Connected>}</Route>
      <Route path="/settings/devices">{() => <Connected>{(c) => <DevicesScreen ownDeviceId={c.deviceId} />}</Connected>}</Route>
      <Route path="/attention" component={NeedsAttentionScreen} />
      <Route component={HomeScreen} />
    </Switch>
  );
}

/** `location` lets tests drive the app with an in-memory address instead of the browser's. */
export function App(props: {
  db: ClubBookDatabase;
  i18n: i18n;
  update?: UpdateState;
  sync?: SyncControl;
  location?: { hook: BaseLocationHook; searchHook: BaseSearchHook };
  /** Called when the first screen is on the page (main.tsx then loads what can wait). */
  onFirstScreen?: () => void;
}) {
  useEffect(() => applyTextSize(textSize()), []);
  return (
    <I18nextProvider i18n={props.i18n}>
      <DatabaseProvider db={props.db}>
        <SyncProvider control={props.sync}>
        <Router hook={props.location?.hook} searchHook={props.location?.searchHook}>
          <Suspense fallback={<div className="loading" aria-busy="true" />}>
            <Screens onFirstScreen={props.onFirstScreen} />
          </Suspense>
        </Router>
        {props.update && <UpdatePrompt update={props.update} />}
        </SyncProvider>
      </DatabaseProvider>
    </I18nextProvider>
  );
}
