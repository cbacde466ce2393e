/** A numbered schema change: PRAGMA user_version holds the number of the last one applied. */
export interface Migration {
  version: number
  name: string
  /** SQL run inside one transaction */
  up: string
}
