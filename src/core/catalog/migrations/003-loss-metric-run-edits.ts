/**
 * Schema 3: loss metric, run edits and import provenance.
 * - projects.loss_metric: which metric is the project's loss, when the user chose one (NULL: not chosen; the lab
 *   then picks by the preference order of metric-roles.ts and says which).
 * - run_edits: every edit of a run's fields, with its time, field, old and new value (JSON text).
 * - series.import_id and summaries.import_id: the import that created a series / last wrote a summary, so a
 *   re-import that replaces an earlier one can remove exactly what that import wrote. Rows written before this
 *   migration are attributed to the import that created their run (the best the catalog knows).
 */
import type { Migration } from './migration'

const now = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const lossMetricAndRunEdits: Migration = {
  version: 3,
  name: 'loss metric, run edits, import provenance of series and summaries',
  up: `
ALTER TABLE projects ADD COLUMN loss_metric TEXT;

CREATE TABLE run_edits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  field TEXT NOT NULL,
  old_value TEXT CHECK (old_value IS NULL OR json_valid(old_value)),
  new_value TEXT CHECK (new_value IS NULL OR json_valid(new_value)),
  edited_at TEXT NOT NULL DEFAULT ${now}
);
CREATE INDEX run_edits_by_run ON run_edits (run_id, id);

ALTER TABLE series ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL;
ALTER TABLE summaries ADD COLUMN import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL;
UPDATE series SET import_id = (SELECT r.import_id FROM runs r WHERE r.id = series.run_id);
UPDATE summaries SET import_id = (SELECT r.import_id FROM runs r WHERE r.id = summaries.run_id);
CREATE INDEX series_by_import ON series (import_id);
CREATE INDEX summaries_by_import ON summaries (import_id);
`,
}
