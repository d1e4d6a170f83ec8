-- One deployment, many centers: every row belongs to a center.

-- The center's documents, one row each: config, procedures, dossiers, appointments.
CREATE TABLE center_documents (
  center text NOT NULL,
  kind text NOT NULL,
  doc jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (center, kind)
);

-- Staff sessions by the sha256 of their bearer token (a stolen backup holds no usable token),
-- one row each, so instances opening sessions at once never overwrite each other's.
CREATE TABLE sessions (
  center text NOT NULL,
  hash text NOT NULL,
  record jsonb NOT NULL,
  expires_at bigint NOT NULL,
  PRIMARY KEY (center, hash)
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

-- @socket.io/postgres-adapter's messages too large for a NOTIFY (its documented schema).
CREATE TABLE socket_io_attachments (
  id bigserial UNIQUE,
  created_at timestamptz DEFAULT now(),
  payload bytea
);
