/**
 * Schema 5: folders that update live (issue 14).
 * - imports.source_path: the file an import read (absolute), so a watcher finds the import of a file that grew;
 *   imports.resume: where reading that file resumes (JSON: byte offset past the last complete row, its line, the
 *   SHA-256 of the bytes before it, and the column typing the import used), NULL for imports made before.
 * - runs.status ('running' or NULL) and runs.status_at: a run whose log a watcher saw change in the last seconds.
 * - watched_folders: the folders the lab watches, per project, so watching survives a restart; with the time of
 *   the last change seen and the last error.
 */
import type { Migration } from './migration'

const now = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const watchFolders: Migration = {
  version: 5,
  name: 'watched folders, import resume points, run status',
  up: `
ALTER TABLE imports ADD COLUMN source_path TEXT;
ALTER TABLE imports ADD COLUMN resume TEXT CHECK (resume IS NULL OR json_valid(resume));
CREATE INDEX imports_by_source ON imports (project_id, source_path);

ALTER TABLE runs ADD COLUMN status TEXT CHECK (status IS NULL OR status IN ('running'));
ALTER TABLE runs ADD COLUMN status_at TEXT;

CREATE TABLE watched_folders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  path TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT ${now},
  last_activity_at TEXT,
  last_error TEXT,
  UNIQUE (project_id, path)
);
`,
}
