import { ReportScreen } from './ReportScreen';

/**
 * The report's routes, loaded (lazily, from App.tsx) when the report is first opened: one
 * screen, whose period is in the address (/reports?period=2026-H1), so no more routes.
 */
export function ReportRoutes() {
  return <ReportScreen />;
}
