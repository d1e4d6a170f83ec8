-- Counts per key and service day that every instance shares: a network's remote numbers and
-- bookings, a held number's wrong hall codes. Rows of earlier days are swept.
CREATE TABLE daily_counts (
  center text NOT NULL,
  key text NOT NULL,
  day text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (center, day, key)
);
