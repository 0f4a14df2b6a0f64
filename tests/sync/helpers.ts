import type { DeviceRole } from '../../src/domain/record';
import type { ClubBookDatabase } from '../../src/local/database';
import { META, type ServerConnection } from '../../src/local/device';
import type { FakeServer } from './fake-server';

export const SERVER_URL = 'http://club.test';

/** A phone already enrolled on the fake server with `role` (as joinClub would leave it). */
export async function connectToFake(db: ClubBookDatabase, server: FakeServer, role: DeviceRole = 'board'): Promise<string> {
  const token = server.addDevice(role);
  const connection: ServerConnection = {
    serverUrl: SERVER_URL,
    token,
    deviceId: server.devices.get(token)!.id,
    role,
    clubId: server.clubId!,
    connectedAt: new Date().toISOString(),
  };
  await db.meta.put({ key: META.connection, value: connection });
  if (!(await db.meta.get(META.clubId))) await db.meta.put({ key: META.clubId, value: server.clubId });
  return token;
}
