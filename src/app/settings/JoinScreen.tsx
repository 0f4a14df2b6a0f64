import { useLocation } from 'wouter';
import { JoinStep } from '../onboarding/JoinStep';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { NoServerForSampleBook } from '../home/SampleBookNotice';
import { useSampleBook } from '../home/use-sample-book';
import { useScreenStrings } from '../i18n/screen-strings';

/** Joining again from Settings: a removed phone, or a book restored from a backup. */
export function JoinScreen() {
  const { t } = useScreenStrings();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const sample = useSampleBook();
  if (sample !== false) return <NoServerForSampleBook title={t('join.title')} sample={sample} />;
  return (
    <AppShell title={t('join.title')} back="/settings">
      <JoinStep
        code={null}
        onJoined={() => {
          flash(t('join.joinedShort'));
          navigate('/settings', { replace: true });
        }}
      />
    </AppShell>
  );
}
