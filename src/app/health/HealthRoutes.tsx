import { lazy } from 'react';
import { Route, Switch } from 'wouter';

/** The health book's routes, loaded with its first screen (see FundRoutes.tsx): one lazy import in the app's first screen. */
const HealthBookScreen = lazy(() => import('./HealthBookScreen').then((m) => ({ default: m.HealthBookScreen })));
const HealthDayScreen = lazy(() => import('./HealthDayScreen').then((m) => ({ default: m.HealthDayScreen })));
const NewReadingScreen = lazy(() => import('./ReadingFormScreen').then((m) => ({ default: m.NewReadingScreen })));
const NewReferralScreen = lazy(() => import('./ReferralScreen').then((m) => ({ default: m.NewReferralScreen })));
const PersonHealthScreen = lazy(() => import('./PersonHealthScreen').then((m) => ({ default: m.PersonHealthScreen })));

export function HealthRoutes() {
  return (
    <Switch>
      <Route path="/health" component={HealthBookScreen} />
      <Route path="/health/day" component={HealthDayScreen} />
      <Route path="/health/readings/new" component={NewReadingScreen} />
      <Route path="/health/referrals/new" component={NewReferralScreen} />
      <Route path="/health/people/:id">{(params) => <PersonHealthScreen id={params.id} />}</Route>
    </Switch>
  );
}
