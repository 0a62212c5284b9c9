import { hoTokens } from '../db/pg/head-office';
import type { HeadOfficeDb } from '../db/pg/connect';
import { hashToken, newToken } from '../services/access/tokens';
import { AppError } from '../../shared/errors';

export type HeadOfficeRole = 'station' | 'owner';

/** Make a head-office token (a station token's name is its station code); the token is returned once. */
export async function addHeadOfficeToken(db: HeadOfficeDb, name: string, role: HeadOfficeRole, at = new Date()): Promise<{ id: number; name: string; role: HeadOfficeRole; station: string | null; token: string }> {
  if (role === 'station' && !/^[A-Za-z0-9_-]{1,40}$/.test(name)) throw new AppError('VALIDATION', 'A station token is named by its station code (letters, digits, _ or -)');
  const token = newToken();
  const station = role === 'station' ? name : null;
  const [row] = await db.insert(hoTokens).values({ name, role, station, hash: hashToken(token), createdAt: at.toISOString() }).returning({ id: hoTokens.id });
  return { id: row!.id, name, role, station, token };
}
