import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { i18n } from 'i18next';
import { Route, Switch, Router, useLocation, type BaseLocationHook, type BaseSearchHook } from 'wouter';
import type { ClubBookDatabase } from '../local/database';
import { clubProfile } from '../local/queries';
import { DatabaseProvider, useDatabase } from './database-context';
import { FIRST_SCREEN_MARK } from './first-screen';
import { useStartRead } from './use-start-read';
import { useAppLock } from './lock/use-app-lock';
import { HomeScreen } from './home/HomeScreen';
import { MemberListScreen } from './members/MemberListScreen';
import { applyTextSize, textSize } from './preferences';
import type { ServerConnection as Connection } from '../sync/connection';
import { SyncProvider, type SyncControl } from './sync/sync-context';
import { ConnectionProvider, useConnection } from './sync/use-connection';
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
// Each book's screens come with the book's own router: one lazy import here for a book, not one per screen.
const MeetingRoutes = lazy(() => import('./meetings/MeetingRoutes').then((m) => ({ default: m.MeetingRoutes })));
const CareRoutes = lazy(() => import('./care/CareRoutes').then((m) => ({ default: m.CareRoutes })));
const HealthRoutes = lazy(() => import('./health/HealthRoutes').then((m) => ({ default: m.HealthRoutes })));
const FundRoutes = lazy(() => import('./fund/FundRoutes').then((m) => ({ default: m.FundRoutes })));
const ReportRoutes = lazy(() => import('./reports/ReportRoutes').then((m) => ({ default: m.ReportRoutes })));
// The association's pages: for an officer's browser, online, with no club book on it.
const AssociationRoutes = lazy(() => import('./association/AssociationRoutes').then((m) => ({ default: m.AssociationRoutes })));
const LockScreen = lazy(() => import('./lock/LockScreen').then((m) => ({ default: m.LockScreen })));

/** Screens that only make sense once this phone is connected to a server. */
function Connected({ children }: { children: (connection: Connection) => ReactNode }) {
  const connection = useConnection();
  if (connection === undefined) return null;
  return connection ? children(connection) : <SettingsScreen />;
}

function Screens({ onFirstScreen }: { onFirstScreen?: () => void }) {
  const [location] = useLocation();
  if (location === '/association' || location.startsWith('/association/')) return <AssociationRoutes />;
  return <ClubScreens onFirstScreen={onFirstScreen} />;
}

function ClubScreens({ onFirstScreen }: { onFirstScreen?: () => void }) {
  const db = useDatabase();
  // null: this phone keeps no club yet; undefined: still reading.
  const club = useStartRead(() => clubProfile(db), [db]);
  const { lock, locked, unlock } = useAppLock();
  // Who this phone is, known before any screen draws: no screen's buttons appear a moment late.
  const connection = useConnection();
  const known = club !== undefined && lock !== undefined && connection !== undefined;
  // Runs once a screen (not the loading state) is committed: a lazy screen suspends the
  // whole of this component until it is ready.
  useEffect(() => {
    if (!known) return;
    if (performance.getEntriesByName(FIRST_SCREEN_MARK).length === 0) performance.mark(FIRST_SCREEN_MARK);
    onFirstScreen?.();
  }, [known, onFirstScreen]);
  if (!known) return null;
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
      <Route path="/meetings" component={MeetingRoutes} />
      <Route path="/meetings/*" component={MeetingRoutes} />
      <Route path="/care" component={CareRoutes} />
      <Route path="/care/*" component={CareRoutes} />
      <Route path="/health" component={HealthRoutes} />
      <Route path="/health/*" component={HealthRoutes} />
      <Route path="/fund" component={FundRoutes} />
      <Route path="/fund/*" component={FundRoutes} />
      <Route path="/reports" component={ReportRoutes} />
      <Route path="/reports/*" component={ReportRoutes} />
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
        <ConnectionProvider>
          <SyncProvider control={props.sync}>
            <Router hook={props.location?.hook} searchHook={props.location?.searchHook}>
              <Suspense fallback={<div className="loading" aria-busy="true" />}>
                <Screens onFirstScreen={props.onFirstScreen} />
              </Suspense>
            </Router>
            {props.update && <UpdatePrompt update={props.update} />}
          </SyncProvider>
        </ConnectionProvider>
      </DatabaseProvider>
    </I18nextProvider>
  );
}
