-- Directory search at a million employees (issue 17, decision 85). The trigram GIN indexes on "searchText" find
-- which rows contain a name, but not the first 20 of them by name: a common prefix ("mar") matches tens of
-- thousands of rows, each read from the heap and sorted (0.5 s at 1M). A side table holds every word of every
-- employee's folded search text once, with the name it sorts by, in one btree ordered (connection, word, last
-- name, first name, id): each word is then a stream already in result order, and the first 20 of any prefix are
-- the first 20 of a merge of a few such streams, read from the index alone. Triggers with transition tables keep
-- it in step with "employee" per statement (a sync's COPY of 1 000 rows is one INSERT ... SELECT here), so no
-- writer of employees can forget it. Words with a digit (employee numbers, hex-spelt non-Latin names) stay with
-- the trigram indexes: they are nearly unique per row and a word stream would buy nothing.

-- The distinct name-like words of a folded search text, in order: letters, and characters of other scripts as
-- folding spells them ("x" and five hex digits). Not employee numbers or numbered logins ("e100001", "smith2").
CREATE FUNCTION directory_search_words(search_text text) RETURNS text[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN (SELECT coalesce(array_agg(word ORDER BY position), '{}') FROM (
            SELECT word, min(position) AS position FROM unnest(string_to_array(btrim(search_text), ' ')) WITH ORDINALITY AS t(word, position)
            WHERE word ~ '^([a-z]|x[0-9a-f]{5})+$' GROUP BY word) AS distinct_words);

-- The rows of one employee's words: each word, with all of them as one text with a space at both ends (what a
-- stream's filters read: '% word%' is a word start). Simple enough for PostgreSQL to inline.
CREATE FUNCTION directory_search_word_rows(search_text text, OUT word text, OUT words text) RETURNS SETOF record
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
  SELECT w, ' ' || array_to_string(d.a, ' ') || ' ' FROM (SELECT directory_search_words(search_text) AS a) AS d, unnest(d.a) AS w
$$;

-- One row per (employee, word). The names are stored NOT NULL ('' when absent) so that every column of the key
-- can be matched by equality when a row is removed: no second index on "employeeId" to maintain on every sync.
CREATE TABLE "employee_search_word" (
  "connectionId" uuid NOT NULL,
  "word" text COLLATE "C" NOT NULL,
  "lastName" text NOT NULL,
  "firstName" text NOT NULL,
  "employeeId" uuid NOT NULL,
  "membership" "EmployeeMembership" NOT NULL,
  -- All the employee's words (directory_search_word_rows), for the filters of a query's other words.
  "words" text NOT NULL
);
-- INCLUDE: the other words of a query and the membership filter are checked in the index, never in the heap.
CREATE INDEX "employee_search_word_stream_idx" ON "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId")
  INCLUDE ("membership", "words");

-- The distinct words of a connection's directory: which streams a prefix names, and (trigram GIN) which words a
-- typo may have meant. Words are added, never removed by the triggers: a word whose last employee left names an
-- empty stream, which costs one index probe. A connection's words go with it.
CREATE TABLE "directory_search_vocabulary" (
  "connectionId" uuid NOT NULL REFERENCES "iam_connection" ("id") ON DELETE CASCADE,
  "word" text COLLATE "C" NOT NULL,
  PRIMARY KEY ("connectionId", "word")
);
CREATE INDEX "directory_search_vocabulary_word_trgm_idx" ON "directory_search_vocabulary" USING GIN ("word" gin_trgm_ops);

CREATE FUNCTION employee_search_words_added() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  INSERT INTO "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId", "membership", "words")
    SELECT n."connectionId", w.word, coalesce(n."lastName", ''), coalesce(n."firstName", ''), n."id", n."membership", w.words
    FROM added n CROSS JOIN LATERAL directory_search_word_rows(n."searchText") AS w;
  INSERT INTO "directory_search_vocabulary" ("connectionId", "word")
    SELECT DISTINCT n."connectionId", w.word FROM added n CROSS JOIN LATERAL unnest(directory_search_words(n."searchText")) AS w(word)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

-- Removes the rows of `removed` (old versions) by their full key, so each DELETE is an index probe.
CREATE FUNCTION employee_search_words_removed() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  DELETE FROM "employee_search_word" s
    USING removed o CROSS JOIN LATERAL unnest(directory_search_words(o."searchText")) AS w(word)
    WHERE s."connectionId" = o."connectionId" AND s."word" = w.word AND s."lastName" = coalesce(o."lastName", '')
      AND s."firstName" = coalesce(o."firstName", '') AND s."employeeId" = o."id";
  RETURN NULL;
END
$$;

-- An update rewrites the words of the rows whose search text, names or membership changed; a sync's UPDATE of
-- unchanged rows (lastSeenSyncRunId only) writes nothing here.
CREATE FUNCTION employee_search_words_changed() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  IF NOT EXISTS (
    SELECT FROM removed o JOIN added n ON n."id" = o."id"
    WHERE (o."searchText", o."lastName", o."firstName", o."membership", o."connectionId")
      IS DISTINCT FROM (n."searchText", n."lastName", n."firstName", n."membership", n."connectionId")) THEN
    RETURN NULL;
  END IF;
  WITH changed AS (
    SELECT o."id" FROM removed o JOIN added n ON n."id" = o."id"
    WHERE (o."searchText", o."lastName", o."firstName", o."membership", o."connectionId")
      IS DISTINCT FROM (n."searchText", n."lastName", n."firstName", n."membership", n."connectionId"))
  DELETE FROM "employee_search_word" s
    USING removed o JOIN changed c ON c."id" = o."id" CROSS JOIN LATERAL unnest(directory_search_words(o."searchText")) AS w(word)
    WHERE s."connectionId" = o."connectionId" AND s."word" = w.word AND s."lastName" = coalesce(o."lastName", '')
      AND s."firstName" = coalesce(o."firstName", '') AND s."employeeId" = o."id";
  WITH changed AS (
    SELECT n.* FROM removed o JOIN added n ON n."id" = o."id"
    WHERE (o."searchText", o."lastName", o."firstName", o."membership", o."connectionId")
      IS DISTINCT FROM (n."searchText", n."lastName", n."firstName", n."membership", n."connectionId"))
  INSERT INTO "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId", "membership", "words")
    SELECT n."connectionId", w.word, coalesce(n."lastName", ''), coalesce(n."firstName", ''), n."id", n."membership", w.words
    FROM changed n CROSS JOIN LATERAL directory_search_word_rows(n."searchText") AS w;
  WITH changed AS (
    SELECT n.* FROM removed o JOIN added n ON n."id" = o."id" WHERE o."searchText" IS DISTINCT FROM n."searchText")
  INSERT INTO "directory_search_vocabulary" ("connectionId", "word")
    SELECT DISTINCT n."connectionId", w.word FROM changed n CROSS JOIN LATERAL unnest(directory_search_words(n."searchText")) AS w(word)
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER "employee_search_words_insert" AFTER INSERT ON "employee"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION employee_search_words_added();
CREATE TRIGGER "employee_search_words_update" AFTER UPDATE ON "employee"
  REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION employee_search_words_changed();
CREATE TRIGGER "employee_search_words_delete" AFTER DELETE ON "employee"
  REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION employee_search_words_removed();

-- The employees stored already.
INSERT INTO "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId", "membership", "words")
  SELECT e."connectionId", w.word, coalesce(e."lastName", ''), coalesce(e."firstName", ''), e."id", e."membership", w.words
  FROM "employee" e CROSS JOIN LATERAL directory_search_word_rows(e."searchText") AS w;
INSERT INTO "directory_search_vocabulary" ("connectionId", "word")
  SELECT DISTINCT "connectionId", "word" FROM "employee_search_word" ON CONFLICT DO NOTHING;

-- Which words are common decides which stream a query walks (lib/directory/search/estimate-word-streams.ts):
-- a thousand most common words rather than a hundred.
ALTER TABLE "employee_search_word" ALTER COLUMN "word" SET STATISTICS 1000;
ANALYZE "employee_search_word";
