import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { clubProfile } from '../../local/queries';
import { updateRecord } from '../../local/write';
import { fieldsOf } from '../../domain/record';
import { useDatabase } from '../database-context';
import { AppShell } from '../ui/AppShell';
import { useFlash } from '../ui/flash';
import { ClubForm } from './ClubForm';
import { useScreenStrings } from '../i18n/screen-strings';

export function ClubSettingsScreen() {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [, navigate] = useLocation();
  const flash = useFlash();
  const club = useLiveQuery(() => clubProfile(db), [db]);
  return (
    <AppShell title={t('settings.club')} back="/settings">
      {club && (
        <ClubForm
          key={club.id}
          draftKey={`club:${club.id}`}
          initial={fieldsOf(club)}
          withRules
          submitLabel={t('common.save')}
          onSave={async (_fields, edited) => {
            await updateRecord(db, 'club', club.id, edited);
            flash(t('settings.clubSaved'));
            navigate('/settings', { replace: true });
          }}
        />
      )}
    </AppShell>
  );
}
