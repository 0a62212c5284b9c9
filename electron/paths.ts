import os from 'node:os';
import path from 'node:path';

export const PRODUCT_NAME = 'Dispatch Desk';

/** The per-user app data folder, the same one Electron's app.getPath('userData') gives. */
export function userDataDir(): string {
  if (process.env.DESK_DATA_DIR) return process.env.DESK_DATA_DIR;
  const home = os.homedir();
  switch (process.platform) {
    case 'win32':
      return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), PRODUCT_NAME);
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT_NAME);
    default:
      return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), PRODUCT_NAME);
  }
}

/** Where the station database lives unless --db or DESK_DB says otherwise. */
export function defaultDbPath(): string {
  return process.env.DESK_DB ?? path.join(userDataDir(), 'station.db');
}
