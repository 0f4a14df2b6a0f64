import { lazy } from 'react';
import { Route, Switch } from 'wouter';

/** The care book's routes, loaded with its first screen (see FundRoutes.tsx): one lazy import in the app's first screen. */
const CareBookScreen = lazy(() => import('./CareBookScreen').then((m) => ({ default: m.CareBookScreen })));
const VisitScreen = lazy(() => import('./VisitScreen').then((m) => ({ default: m.VisitScreen })));
const PersonCareScreen = lazy(() => import('./PersonCareScreen').then((m) => ({ default: m.PersonCareScreen })));
const NewCarePlanScreen = lazy(() => import('./CarePlanFormScreen').then((m) => ({ default: m.NewCarePlanScreen })));
const EditCarePlanScreen = lazy(() => import('./CarePlanFormScreen').then((m) => ({ default: m.EditCarePlanScreen })));

export function CareRoutes() {
  return (
    <Switch>
      <Route path="/care" component={CareBookScreen} />
      <Route path="/care/visit/:personId">{(params) => <VisitScreen personId={params.personId} />}</Route>
      <Route path="/care/people/:id">{(params) => <PersonCareScreen id={params.id} />}</Route>
      <Route path="/care/plans/new" component={NewCarePlanScreen} />
      <Route path="/care/plans/:id/edit">{(params) => <EditCarePlanScreen id={params.id} />}</Route>
    </Switch>
  );
}
