import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { renderSVG } from 'uqr';
import { formatDateTime, todayOn } from '../../domain/dates';
import { hasRole, isActive } from '../../domain/members';
import { INVITABLE_ROLES, type InvitableRole, type InviteResponse } from '../../domain/protocol';
import { membersInBookOrder } from '../../local/queries';
import { useDatabase } from '../database-context';
import { createInvite } from '../../sync/club-server';
import { serverErrorKey } from '../sync/server-errors';
import { AppShell } from '../ui/AppShell';
import { ChoiceButtons } from '../ui/ChoiceButtons';
import { useScreenStrings } from '../i18n/screen-strings';

/** The address a phone's camera opens: the app's join screen with the code filled in. */
export function joinLink(serverUrl: string, code: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/join?code=${encodeURIComponent(code)}`;
}

/**
 * The chair hands a new phone its way in: a short code to read aloud or type, and the same
 * as a QR code to scan. Each code lets one phone in, with the role chosen here, for 7 days.
 */
export function InviteScreen({ serverUrl }: { serverUrl: string }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [role, setRole] = useState<InvitableRole>('volunteer');
  const [invite, setInvite] = useState<InviteResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A volunteer's phone is the volunteer's own: it opens on the people they care for.
  const [memberId, setMemberId] = useState('');
  const volunteersFirst = useLiveQuery(async () => {
    const today = todayOn();
    const members = (await membersInBookOrder(db)).filter((m) => isActive(m, today) && !m.notMember);
    return [...members.filter((m) => hasRole(m, 'volunteer')), ...members.filter((m) => !hasRole(m, 'volunteer'))];
  }, [db]);

  const make = async () => {
    setError(null);
    if (role === 'volunteer' && memberId === '') {
      setError('invite.chooseVolunteer');
      return;
    }
    setBusy(true);
    try {
      setInvite(await createInvite(db, role, role === 'volunteer' ? { memberId } : {}));
    } catch (e) {
      setError(serverErrorKey(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AppShell title={t('invite.title')} back="/settings">
      <p className="field__hint">{t('invite.explain')}</p>
      <fieldset className="field">
        <legend className="field__label">{t('invite.role')}</legend>
        <ChoiceButtons
          label={t('invite.role')}
          value={role}
          choices={INVITABLE_ROLES.map((option) => ({ value: option, label: t(`deviceRole.${option}`) }))}
          onChoose={(option) => {
            setRole(option);
            setInvite(null);
          }}
        />
        <p className="field__hint">{t(`invite.roleHint.${role}`)}</p>
      </fieldset>
      {role === 'volunteer' && (
        <div className="field">
          <label className="field__label" htmlFor="invite-volunteer">
            {t('invite.whoseVolunteer')}
          </label>
          <select
            id="invite-volunteer"
            className="input"
            value={memberId}
            onChange={(e) => {
              setMemberId(e.target.value);
              setInvite(null);
            }}
          >
            <option value="">{t('invite.chooseVolunteerOption')}</option>
            {volunteersFirst?.map((m) => (
              <option key={m.id} value={m.id}>
                {m.fullName}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button button--primary" onClick={make} disabled={busy}>
          {t('invite.make')}
        </button>
      </div>
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
      {invite && (
        <section className="invite" aria-live="polite">
          <p>{t('invite.codeFor', { role: t(`deviceRole.${invite.role}`) })}</p>
          <p className="invite__code" data-testid="invite-code">
            {invite.code}
          </p>
          <div
            className="invite__qr"
            role="img"
            aria-label={t('invite.qr')}
            dangerouslySetInnerHTML={{ __html: renderSVG(joinLink(serverUrl, invite.code), { border: 2 }) }}
          />
          <p className="field__hint">{t('invite.expires', { when: formatDateTime(invite.expiresAt) })}</p>
        </section>
      )}
    </AppShell>
  );
}
