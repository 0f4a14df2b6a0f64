import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { liveRecords } from '../../local/queries';
import { formatDateTime } from '../../domain/dates';
import type { DeviceSummary } from '../../domain/protocol';
import { useDatabase } from '../database-context';
import { handChairTo, listDevices, revokeDevice } from '../../sync/club-server';
import { serverErrorKey } from '../sync/server-errors';
import { AppShell } from '../ui/AppShell';
import { useDeviceRole } from '../sync/use-connection';
import { useScreenStrings } from '../i18n/screen-strings';

/**
 * The chair sees every phone that holds the club's book, can shut out a lost one, and can
 * hand the chair's role to another (a new chair, a new phone): this phone is then a board
 * member's, and the list stays in view with the new roles.
 */
export function DevicesScreen({ ownDeviceId }: { ownDeviceId: string }) {
  const { t } = useScreenStrings();
  const db = useDatabase();
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Which phone's action waits for a yes, and which action.
  const [confirming, setConfirming] = useState<{ id: string; action: 'revoke' | 'handChair' } | null>(null);
  const [handedTo, setHandedTo] = useState<string | null>(null);
  const isChair = useDeviceRole() === 'chair';
  // A volunteer's phone is named with its volunteer (tied on the invite).
  const names = useLiveQuery(async () => new Map((await liveRecords(db, 'members')).map((m) => [m.id, m.fullName])), [db]);

  const [reloads, setReloads] = useState(0);

  // The list lives on the server: fetched when the screen opens and after each revoke.
  useEffect(() => {
    let open = true;
    listDevices(db).then(
      (list) => {
        if (!open) return;
        setDevices(list);
        setError(null);
      },
      (e) => open && setError(serverErrorKey(e)),
    );
    return () => {
      open = false;
    };
  }, [db, reloads]);

  const revoke = async (id: string) => {
    try {
      await revokeDevice(db, id);
      setConfirming(null);
      setReloads((n) => n + 1);
    } catch (e) {
      setError(serverErrorKey(e));
    }
  };

  const handChair = async (device: DeviceSummary) => {
    try {
      await handChairTo(db, device.id);
      setConfirming(null);
      setError(null);
      setHandedTo(device.name);
      // The list is the chair's to fetch: this phone no longer may; it shows the new roles.
      setDevices((list) => list && list.map((d) => (d.id === device.id ? { ...d, role: 'chair' } : d.id === ownDeviceId ? { ...d, role: 'board' } : d)));
    } catch (e) {
      setError(serverErrorKey(e));
    }
  };

  return (
    <AppShell title={t('devices.title')} back="/settings">
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
      <div role="status" aria-live="polite">
        {handedTo && <p className="notice">{t('devices.chairHanded', { name: handedTo })}</p>}
      </div>
      {devices && (
        <ul className="device-list">
          {devices.map((device) => (
            <li key={device.id} className={device.revokedAt ? 'device device--revoked' : 'device'}>
              <span className="device__name">
                {device.name}
                {device.id === ownDeviceId && ` (${t('devices.thisPhone')})`}
              </span>
              <span className="field__hint">
                {t(`deviceRole.${device.role}`)}
                {device.memberId && names?.get(device.memberId) ? ` (${names.get(device.memberId)})` : ''}
                {' · '}
                {device.revokedAt
                  ? t('devices.revokedOn', { when: formatDateTime(device.revokedAt) })
                  : device.lastSeenAt
                    ? t('devices.lastSeen', { when: formatDateTime(device.lastSeenAt) })
                    : t('devices.neverSeen')}
              </span>
              {isChair && !device.revokedAt && device.id !== ownDeviceId && (
                <div className="device__actions">
                  {confirming?.id === device.id ? (
                    <div className={confirming.action === 'revoke' ? 'confirm confirm--danger' : 'confirm'}>
                      <p>{t(confirming.action === 'revoke' ? 'devices.confirmRevoke' : 'devices.confirmHandChair', { name: device.name })}</p>
                      {confirming.action === 'revoke' ? (
                        <button type="button" className="button button--danger" onClick={() => revoke(device.id)}>
                          {t('devices.revoke')}
                        </button>
                      ) : (
                        <button type="button" className="button button--primary" onClick={() => handChair(device)}>
                          {t('devices.handChair')}
                        </button>
                      )}
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  ) : (
                    <>
                      <button type="button" className="button button--quiet" onClick={() => setConfirming({ id: device.id, action: 'handChair' })}>
                        {t('devices.handChair')}
                      </button>
                      <button type="button" className="button button--quiet" onClick={() => setConfirming({ id: device.id, action: 'revoke' })}>
                        {t('devices.revoke')}
                      </button>
                    </>
                  )}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </AppShell>
  );
}
