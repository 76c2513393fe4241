-- Directory search at a million employees (issue 17, decision 85). The trigram GIN indexes on "searchText" find
-- which rows contain a name, but not the first 20 of them by name: a common prefix ("mar") matches tens of
-- thousands of rows, each read from the heap and sorted (0.5 s at 1M). A side table holds every word of every
-- employee's folded search text once, with the name it sorts by, in one btree ordered (connection, word, last
-- name, first name, id): each word is then a stream already in result order, and the first 20 of any prefix are
-- the first 20 of a merge of a few such streams, read from the index alone (the words a prefix names are found by
-- skipping through the same index, one probe per distinct word). Triggers with transition tables keep
-- it in step with "employee" per statement (a sync's COPY of 1 000 rows is one INSERT ... SELECT here), so no
-- writer of employees can forget it. Words with a digit (employee numbers, hex-spelt non-Latin names) stay with
-- the trigram indexes: they are nearly unique per row and a word stream would buy nothing.

-- The distinct name-like words of a folded search text, in order: letters, and characters of other scripts as
-- folding spells them ("x" and five hex digits). Not employee numbers or numbered logins ("e100001", "smith2").
-- PL/pgSQL: a loop over the few words costs a tenth of a set-returning SQL function on every row a sync writes.
-- Words of at most 100 characters, at most 64 of them: no name an identity provider sends can make a sync page
-- fail or one employee fill the streams.
CREATE FUNCTION directory_search_words(search_text text) RETURNS text[]
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  result text[] := '{}';
  word text;
BEGIN
  FOREACH word IN ARRAY string_to_array(btrim(search_text), ' ') LOOP
    IF length(word) <= 100 AND (word !~ '[0-9]' OR word ~ '^([a-z]|x[0-9a-f]{5})+$') AND NOT word = ANY(result) THEN
      result := result || word;
      EXIT WHEN cardinality(result) = 64;
    END IF;
  END LOOP;
  RETURN result;
END
$$;

-- Those words as one text with a space at both ends ('% word%' is a word start), what a stream's filters read for
-- a query's other words; cut at a word before 1 200 characters, so that with the names (cut to 100 characters) a
-- row of the stream index stays under btree's 2.7 kB limit.
CREATE FUNCTION directory_search_word_text(words text[]) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
DECLARE
  result text := ' ';
  word text;
BEGIN
  FOREACH word IN ARRAY words LOOP
    EXIT WHEN length(result) + length(word) + 1 > 1200;
    result := result || word || ' ';
  END LOOP;
  RETURN result;
END
$$;

-- One row per (employee, word). The names are stored NOT NULL ('' when absent, cut to 100 characters) so that every
-- column of the key can be matched by equality when a row is removed: no second index on "employeeId" to maintain
-- on every sync.
CREATE TABLE "employee_search_word" (
  "connectionId" uuid NOT NULL,
  "word" text COLLATE "C" NOT NULL,
  "lastName" text NOT NULL,
  "firstName" text NOT NULL,
  "employeeId" uuid NOT NULL,
  "membership" "EmployeeMembership" NOT NULL,
  -- All the employee's words (directory_search_words) as one text with a space at both ends, for the filters of
  -- a query's other words ('% word%' is a word start).
  "words" text NOT NULL
);
-- New rows' words into the streams. Nothing here is shared between rows (no vocabulary table, no counters): the
-- parallel page transactions of a sync never wait for each other on this table.
CREATE FUNCTION employee_search_words_added() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  INSERT INTO "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId", "membership", "words")
    SELECT n."connectionId", w.word, left(coalesce(n."lastName", ''), 100), left(coalesce(n."firstName", ''), 100), n."id",
      n."membership", directory_search_word_text(d.words)
    FROM added n CROSS JOIN LATERAL (SELECT directory_search_words(n."searchText") AS words OFFSET 0) AS d CROSS JOIN LATERAL unnest(d.words) AS w(word);
  RETURN NULL;
END
$$;

-- Old rows' words out of the streams, each by its full key (an index probe, no index on "employeeId" needed).
CREATE FUNCTION employee_search_words_removed() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  DELETE FROM "employee_search_word" s
    USING removed o CROSS JOIN LATERAL unnest(directory_search_words(o."searchText")) AS w(word)
    WHERE s."connectionId" = o."connectionId" AND s."word" = w.word AND s."lastName" = left(coalesce(o."lastName", ''), 100)
      AND s."firstName" = left(coalesce(o."firstName", ''), 100) AND s."employeeId" = o."id";
  RETURN NULL;
END
$$;

-- An update rewrites the words of the rows whose search text, names or membership changed, in one statement (its
-- DELETE sees the streams as they were before it, so it never removes what its INSERT adds); a sync's UPDATE of
-- unchanged rows (lastSeenSyncRunId, lastSyncedAt) finds nothing changed and writes nothing here.
CREATE FUNCTION employee_search_words_changed() RETURNS trigger
  LANGUAGE plpgsql
  SET search_path FROM CURRENT
AS $$
BEGIN
  WITH changed AS MATERIALIZED (
    SELECT o."connectionId" AS "oldConnectionId", o."searchText" AS "oldSearchText", left(coalesce(o."lastName", ''), 100) AS "oldLastName",
      left(coalesce(o."firstName", ''), 100) AS "oldFirstName", n.*
    FROM removed o JOIN added n ON n."id" = o."id"
    WHERE (o."searchText", o."lastName", o."firstName", o."membership", o."connectionId")
      IS DISTINCT FROM (n."searchText", n."lastName", n."firstName", n."membership", n."connectionId")),
  word_rows AS (
    SELECT c."connectionId", w.word, left(coalesce(c."lastName", ''), 100) AS "lastName", left(coalesce(c."firstName", ''), 100) AS "firstName", c."id",
      c."membership", directory_search_word_text(d.words) AS "words"
    FROM changed c CROSS JOIN LATERAL (SELECT directory_search_words(c."searchText") AS words OFFSET 0) AS d CROSS JOIN LATERAL unnest(d.words) AS w(word)),
  old_streams AS (
    DELETE FROM "employee_search_word" s
      USING changed c CROSS JOIN LATERAL unnest(directory_search_words(c."oldSearchText")) AS w(word)
      WHERE s."connectionId" = c."oldConnectionId" AND s."word" = w.word AND s."lastName" = c."oldLastName"
        AND s."firstName" = c."oldFirstName" AND s."employeeId" = c."id")
  INSERT INTO "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId", "membership", "words")
    SELECT * FROM word_rows;
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
  SELECT e."connectionId", w.word, left(coalesce(e."lastName", ''), 100), left(coalesce(e."firstName", ''), 100), e."id", e."membership", directory_search_word_text(d.words)
  FROM "employee" e CROSS JOIN LATERAL (SELECT directory_search_words(e."searchText") AS words OFFSET 0) AS d CROSS JOIN LATERAL unnest(d.words) AS w(word);


-- Built after the rows are in: one sort instead of a million insertions.
-- INCLUDE: the other words of a query and the membership filter are checked in the index, never in the heap.
CREATE INDEX "employee_search_word_stream_idx" ON "employee_search_word" ("connectionId", "word", "lastName", "firstName", "employeeId")
  INCLUDE ("membership", "words");

-- Which words are common decides which stream a query walks (lib/directory/search/estimate-word-streams.ts):
-- a thousand most common words rather than a hundred.
ALTER TABLE "employee_search_word" ALTER COLUMN "word" SET STATISTICS 1000;
ANALYZE "employee_search_word";
