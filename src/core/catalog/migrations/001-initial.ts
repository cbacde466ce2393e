/**
 * Schema 1: projects, runs, per-run summaries, metric series and their points, evaluations, per-example
 * predictions, imports (provenance) and fits. Points are clustered by (series_id, x) in a WITHOUT ROWID table,
 * so reading one curve of a 10-million-point catalog is a single range scan. AUTOINCREMENT keeps ids of
 * deleted rows from being reused, so an undo can put them back under their old ids.
 */
import type { Migration } from './migration'

const now = `(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: `
CREATE TABLE projects (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE,
  description TEXT,
  source TEXT,
  created_at TEXT NOT NULL DEFAULT ${now}
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  mapping TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(mapping)),
  counts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(counts)),
  imported_at TEXT NOT NULL DEFAULT ${now},
  UNIQUE (project_id, sha256)
);

CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  family TEXT,
  params REAL,
  active_params REAL,
  nonembedding_params REAL,
  tokens REAL,
  flops REAL,
  experts INTEGER,
  top_k INTEGER,
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  notes TEXT,
  config TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(config)),
  hidden INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
  import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT ${now},
  UNIQUE (project_id, name)
);
CREATE INDEX runs_by_family ON runs (project_id, family);
CREATE INDEX runs_by_import ON runs (import_id);

CREATE TABLE summaries (
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  PRIMARY KEY (run_id, metric)
) WITHOUT ROWID;

CREATE TABLE series (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  metric TEXT NOT NULL,
  x_kind TEXT NOT NULL CHECK (x_kind IN ('step', 'tokens', 'flops')),
  UNIQUE (run_id, metric, x_kind)
);

CREATE TABLE points (
  series_id INTEGER NOT NULL REFERENCES series(id) ON DELETE CASCADE,
  x REAL NOT NULL,
  value REAL NOT NULL,
  lo REAL,
  hi REAL,
  PRIMARY KEY (series_id, x)
) WITHOUT ROWID;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  metric TEXT NOT NULL,
  value REAL NOT NULL,
  stderr REAL,
  shots INTEGER,
  checkpoint NUMERIC,
  tokens REAL,
  choices INTEGER,
  import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX evaluations_key ON evaluations (run_id, task, metric, ifnull(shots, -1), ifnull(checkpoint, ''));
CREATE INDEX evaluations_by_task ON evaluations (project_id, task, metric);
CREATE INDEX evaluations_by_import ON evaluations (import_id);

CREATE TABLE predictions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
  task TEXT NOT NULL,
  item TEXT NOT NULL,
  probability REAL CHECK (probability IS NULL OR (probability >= 0 AND probability <= 1)),
  confidence REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
  correct INTEGER CHECK (correct IS NULL OR correct IN (0, 1)),
  import_id INTEGER REFERENCES imports(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX predictions_key ON predictions (run_id, task, item);
CREATE INDEX predictions_by_task ON predictions (project_id, task);
CREATE INDEX predictions_by_import ON predictions (import_id);

CREATE TABLE fits (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id INTEGER NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  selection TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(selection)),
  excluded TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(excluded)),
  options TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(options)),
  seed INTEGER,
  result TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(result)),
  objective REAL,
  code_version TEXT,
  duration_ms REAL,
  created_at TEXT NOT NULL DEFAULT ${now}
);
CREATE INDEX fits_by_project ON fits (project_id, kind, created_at);
`,
}
