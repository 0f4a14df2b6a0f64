import { lazy } from 'react';
import { Route, Switch } from 'wouter';

/** The meetings book's routes, loaded with its first screen (see FundRoutes.tsx): one lazy import in the app's first screen. */
const MeetingBookScreen = lazy(() => import('./MeetingBookScreen').then((m) => ({ default: m.MeetingBookScreen })));
const NewMeetingScreen = lazy(() => import('./MeetingFormScreen').then((m) => ({ default: m.NewMeetingScreen })));
const EditMeetingScreen = lazy(() => import('./MeetingFormScreen').then((m) => ({ default: m.EditMeetingScreen })));
const MeetingScreen = lazy(() => import('./MeetingScreen').then((m) => ({ default: m.MeetingScreen })));
const RollCallScreen = lazy(() => import('./RollCallScreen').then((m) => ({ default: m.RollCallScreen })));
const FollowUpScreen = lazy(() => import('./FollowUpScreen').then((m) => ({ default: m.FollowUpScreen })));

export function MeetingRoutes() {
  return (
    <Switch>
      <Route path="/meetings" component={MeetingBookScreen} />
      <Route path="/meetings/new" component={NewMeetingScreen} />
      <Route path="/meetings/follow-up" component={FollowUpScreen} />
      <Route path="/meetings/:id/edit">{(params) => <EditMeetingScreen id={params.id} />}</Route>
      <Route path="/meetings/:id/roll">{(params) => <RollCallScreen id={params.id} />}</Route>
      <Route path="/meetings/:id">{(params) => <MeetingScreen id={params.id} />}</Route>
    </Switch>
  );
}
