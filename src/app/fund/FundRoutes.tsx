import { lazy } from 'react';
import { Route, Switch } from 'wouter';

/**
 * The fund book's routes, loaded with the first fund screen opened: the first screen of the
 * app carries one lazy import for the whole book, and each screen still loads on its own.
 */
const FundBookScreen = lazy(() => import('./FundBookScreen').then((m) => ({ default: m.FundBookScreen })));
const RecordMenuScreen = lazy(() => import('./RecordScreen').then((m) => ({ default: m.RecordMenuScreen })));
const RecordScreen = lazy(() => import('./RecordScreen').then((m) => ({ default: m.RecordScreen })));
const DuesScreen = lazy(() => import('./DuesScreen').then((m) => ({ default: m.DuesScreen })));
const RepaymentChooseScreen = lazy(() => import('./RepaymentScreen').then((m) => ({ default: m.RepaymentChooseScreen })));
const RepaymentScreen = lazy(() => import('./RepaymentScreen').then((m) => ({ default: m.RepaymentScreen })));
const ApplicationsScreen = lazy(() => import('./ApplicationsScreen').then((m) => ({ default: m.ApplicationsScreen })));
const NewApplicationScreen = lazy(() => import('./ApplicationsScreen').then((m) => ({ default: m.NewApplicationScreen })));
const VoteScreen = lazy(() => import('./VoteScreen').then((m) => ({ default: m.VoteScreen })));
const DisburseScreen = lazy(() => import('./DisburseScreen').then((m) => ({ default: m.DisburseScreen })));
const LoansScreen = lazy(() => import('./LoansScreen').then((m) => ({ default: m.LoansScreen })));
const LoanScreen = lazy(() => import('./LoanScreen').then((m) => ({ default: m.LoanScreen })));
const EntryScreen = lazy(() => import('./EntryScreen').then((m) => ({ default: m.EntryScreen })));
const CashCountScreen = lazy(() => import('./CashCountScreen').then((m) => ({ default: m.CashCountScreen })));
const OpeningScreen = lazy(() => import('./OpeningScreen').then((m) => ({ default: m.OpeningScreen })));

export function FundRoutes() {
  return (
    <Switch>
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
    </Switch>
  );
}
