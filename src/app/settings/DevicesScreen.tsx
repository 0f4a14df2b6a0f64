import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../domain/dates';
import type { DeviceSummary } from '../../domain/protocol';
import { useDatabase } from '../database-context';
import { listDevices, revokeDevice } from '../../sync/club-server';
import { serverErrorKey } from '../sync/server-errors';
import { AppShell } from '../ui/AppShell';

/** The chair sees every phone that holds the club's book, and can shut out a lost one. */
export function DevicesScreen({ ownDeviceId }: { ownDeviceId: string }) {
  const { t } = useTranslation();
  const db = useDatabase();
  const [devices, setDevices] = useState<DeviceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

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

  return (
    <AppShell title={t('devices.title')} back="/settings">
      {error && (
        <p className="form__error" role="alert">
          {t(error)}
        </p>
      )}
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
                {' · '}
                {device.revokedAt
                  ? t('devices.revokedOn', { when: formatDateTime(device.revokedAt) })
                  : device.lastSeenAt
                    ? t('devices.lastSeen', { when: formatDateTime(device.lastSeenAt) })
                    : t('devices.neverSeen')}
              </span>
              {!device.revokedAt && device.id !== ownDeviceId && device.role !== 'chair' && (
                <div className="device__actions">
                  {confirming === device.id ? (
                    <div className="confirm confirm--danger">
                      <p>{t('devices.confirmRevoke', { name: device.name })}</p>
                      <button type="button" className="button button--danger" onClick={() => revoke(device.id)}>
                        {t('devices.revoke')}
                      </button>
                      <button type="button" className="button" onClick={() => setConfirming(null)}>
                        {t('common.cancel')}
                      </button>
                    </div>
                  ) : (
                    <button type="button" className="button button--quiet" onClick={() => setConfirming(device.id)}>
                      {t('devices.revoke')}
                    </button>
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
