/**
 * Schema 4: saved views (issue 14). A view is a named selection of runs with the Curves chart's settings, kept per
 * project; the name is unique in its project (saving under a taken name replaces that view). Run ids are kept as
 * JSON, not as foreign keys: a run deleted later is left out when the view is read (and that is said), and comes
 * back in the view if the deletion is undone (undo restores runs under their old ids).
 */
import type { Migration } from './migration'

const now = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const savedViews: Migration = {
  version: 4,
  name: 'saved views of runs with chart settings',
  up: `
CREATE TABLE saved_views (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  run_ids TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(run_ids) AND json_type(run_ids) = 'array'),
  settings TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings)),
  created_at TEXT NOT NULL DEFAULT ${now},
  updated_at TEXT NOT NULL DEFAULT ${now},
  UNIQUE (project_id, name)
);
`,
}
