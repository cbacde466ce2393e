/** The catalog lives in the user's application-data folder unless --catalog or SCALING_LAB_CATALOG says otherwise. */
import { homedir } from 'node:os'
import { join } from 'node:path'

export function userDataDir(): string {
  const home = homedir()
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Scaling Lab')
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Scaling Lab')
  return join(process.env.XDG_DATA_HOME ?? join(home, '.local', 'share'), 'scaling-lab')
}

export function defaultCatalogPath(explicit?: string): string {
  return explicit ?? process.env.SCALING_LAB_CATALOG ?? join(userDataDir(), 'catalog.sqlite')
}
