-- One deployment, many centers: every row belongs to a center.

-- The center's documents, one row each: config, sessions, procedures, dossiers, appointments.
CREATE TABLE center_documents (
  center text NOT NULL,
  kind text NOT NULL,
  doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (center, kind)
);

-- Secrets the server makes once (the phone-hash key): a table of their own, so they can be
-- granted, backed up and restored apart from what they protect.
CREATE TABLE center_keys (
  center text PRIMARY KEY,
  keys jsonb NOT NULL
);

-- A service day's snapshot, holding its journal up to seq.
CREATE TABLE day_snapshots (
  center text NOT NULL,
  day text NOT NULL CHECK (day ~ '^\d{4}-\d{2}-\d{2}$'),
  seq integer NOT NULL CHECK (seq >= 0),
  state jsonb NOT NULL,
  PRIMARY KEY (center, day)
);

-- Every applied command, numbered per center and day. The key is the fence: a second writer
-- for a position already taken is refused by the database itself.
CREATE TABLE journal (
  center text NOT NULL,
  day text NOT NULL,
  seq integer NOT NULL CHECK (seq > 0),
  at bigint NOT NULL,
  command jsonb NOT NULL,
  PRIMARY KEY (center, day, seq)
);

-- Finished days' report summaries.
CREATE TABLE day_summaries (
  center text NOT NULL,
  day text NOT NULL,
  summary jsonb NOT NULL,
  PRIMARY KEY (center, day)
);
