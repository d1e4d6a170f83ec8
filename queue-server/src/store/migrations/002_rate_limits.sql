-- Rate limits every instance counts against: a kiosk, or someone guessing passwords, gets the same
-- answer from each. One row per key and minute window; rows of past windows are swept.
CREATE TABLE rate_limits (
  center text NOT NULL,
  key text NOT NULL,
  window_start bigint NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (center, key)
);
CREATE INDEX rate_limits_by_window ON rate_limits (window_start);
