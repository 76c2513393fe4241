-- Directory search (issue 6): helpdesk agents search employees as they type; PostgreSQL answers from trigram
-- (pg_trgm) GIN indexes over two columns it computes itself, so the sync (upsert-employees.ts) never writes them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- pg_trgm counts only ASCII letters and digits as word characters in a database with the C locale (the embedded
-- default), so a Cyrillic or CJK name would yield no trigram and its search would read the whole table. Folding
-- therefore spells each character left outside ASCII as "x" and five hex digits ("山田" -> "x05c71x07530"), in
-- the stored text and in the query alike; names in Latin script never take this slower path.
CREATE FUNCTION directory_search_hex_non_ascii(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN CASE WHEN value ~ '[^\u0001-\u007f]' THEN
    (SELECT string_agg(CASE WHEN ascii(c) < 128 THEN c ELSE 'x' || lpad(to_hex(ascii(c)), 5, '0') END, '' ORDER BY n)
     FROM unnest(string_to_array(value, NULL)) WITH ORDINALITY AS t(c, n))
  ELSE value END;

-- The one folding rule, for stored text and for the agent's query alike: unaccented ("José" -> "jose",
-- "Nguyễn" -> "nguyen", "ß" -> "ss"), lower-cased, apostrophes dropped ("O'Brien" -> "obrien") and every other
-- ASCII punctuation or space run turned into one space ("jose.obrien@x.com" -> "jose obrien x com"), so the
-- result never contains a LIKE wildcard; other scripts spelt in hex (above). unaccent() is only STABLE (its rules
-- file could change), but a GENERATED column needs IMMUTABLE: we promise that here and accept that editing
-- unaccent.rules would need the column recomputed (UPDATE "employee" SET "login" = "login"). SET search_path FROM CURRENT pins the schema the
-- extensions were installed in, so pg_restore (which runs with an empty search_path) can recompute the column.
CREATE FUNCTION directory_search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path FROM CURRENT
  RETURN directory_search_hex_non_ascii(btrim(regexp_replace(
    regexp_replace(lower(unaccent('unaccent', normalize(value, NFC))), '[''`\u00b4\u2018\u2019\u02bc]', '', 'g'),
    '[\u0001-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007f\u00a0\u00b7\u2010-\u2015\u201c-\u201f\u2022]+', ' ', 'g')));

-- German spells ä/ö/ü as ae/oe/ue where umlauts are unavailable, and folding turns them into a/o/u: so the name
-- is also stored with ae/oe/ue as a/o/u ("Mueller" -> "muller"), and the search code tries a query word that way
-- too. "Müller", "Mueller" and "Muller" then find each other. The leading and trailing spaces of the text let one
-- LIKE pattern ('% li%') mean "a word starting with li" anywhere, including the first word. The e-mail is left
-- out when it is the login (it usually is with Entra), which keeps the text and its trigram postings short.
CREATE FUNCTION directory_search_text(first_name text, last_name text, login text, email text, employee_number text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  SET search_path FROM CURRENT
  RETURN (SELECT ' ' || concat_ws(' ', name,
            NULLIF(regexp_replace(name, '([aou])e', '\1', 'g'), name),
            directory_search_fold(concat_ws(' ', login, NULLIF(lower(email), lower(login)), employee_number))) || ' '
          FROM (SELECT directory_search_fold(concat_ws(' ', first_name, last_name)) AS name) AS folded);

-- The LIKE pattern for one word of a query, by how it must match: 'anywhere' ('%word%'), 'word_start' ('% word%')
-- or 'whole_word' ('% word %'). A word folded to fewer than 3 characters only matches at a word start: a
-- substring pattern that short yields no trigram, and the index could not narrow anything. NULL when folding
-- leaves nothing, so LIKE matches no row rather than every row ('%%').
CREATE FUNCTION directory_search_like_pattern(word text, kind text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  SET search_path FROM CURRENT
  RETURN (SELECT CASE
            WHEN kind = 'whole_word' THEN '% ' || folded || ' %'
            WHEN kind = 'word_start' OR length(folded) < 3 THEN '% ' || folded || '%'
            ELSE '%' || folded || '%' END
          FROM (SELECT NULLIF(directory_search_fold(word), '') AS folded) AS f);

-- AlterTable (adding STORED generated columns rewrites the table, which computes them for existing rows)
ALTER TABLE "employee"
  ADD COLUMN "phoneDigits" text GENERATED ALWAYS AS (NULLIF(regexp_replace("mobilePhone", '[^0-9]', '', 'g'), '')) STORED,
  ADD COLUMN "searchText" text GENERATED ALWAYS AS (directory_search_text("firstName", "lastName", "login", "email", "employeeNumber")) STORED;

-- CreateIndex
CREATE INDEX "employee_searchText_trgm_idx" ON "employee" USING GIN ("searchText" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "employee_phoneDigits_trgm_idx" ON "employee" USING GIN ("phoneDigits" gin_trgm_ops);
