-- Directory search (issue 6): helpdesk agents search employees as they type; PostgreSQL answers from trigram
-- (pg_trgm) GIN indexes over two columns it computes itself, so the sync (upsert-employees.ts) never writes them.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- pg_trgm counts only ASCII letters and digits as word characters in a database with the C locale (the embedded
-- default), so a Cyrillic or CJK name would yield no trigram and its search would read the whole table. Folding
-- therefore spells each character left outside ASCII as "x" and five hex digits ("山田" -> "x05c71x07530"), in
-- the stored text and in the query alike. PL/pgSQL: the common all-ASCII case costs one regex test, where a SQL
-- function with a sub-select cannot be inlined and cost ten times that on every row the sync writes.
CREATE FUNCTION directory_search_hex_non_ascii(value text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $$
BEGIN
  IF value !~ '[^\u0001-\u007f]' THEN
    RETURN value;
  END IF;
  RETURN (SELECT string_agg(CASE WHEN ascii(c) < 128 THEN c ELSE 'x' || lpad(to_hex(ascii(c)), 5, '0') END, '' ORDER BY n)
          FROM unnest(string_to_array(value, NULL)) WITH ORDINALITY AS t(c, n));
END
$$;

-- The one folding rule, for the stored text and the agent's query alike: unaccented ("José" -> "jose", "Nguyễn"
-- -> "nguyen", "ß" -> "ss", "’" -> "'"), lower-cased, apostrophes dropped ("O'Brien" -> "obrien"), other scripts
-- spelt in hex (above), and every run of anything but a-z and 0-9 turned into one space ("jose.obrien@x.com" ->
-- "jose obrien x com"), so the result never contains a LIKE wildcard. unaccent() is only STABLE (its rules file
-- could change), but a GENERATED column needs IMMUTABLE: we promise that here, and editing unaccent.rules would
-- need the column recomputed (UPDATE "employee" SET "login" = "login"). The SQL-standard body (RETURN ...) is
-- bound when created, so it does not depend on the search_path of whoever computes the column later (pg_restore
-- runs with an empty one), and PostgreSQL can inline it.
CREATE FUNCTION directory_search_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN btrim(regexp_replace(directory_search_hex_non_ascii(replace(lower(unaccent('unaccent', value)), '''', '')), '[^a-z0-9]+', ' ', 'g'));

-- " first last [first last with ae/oe/ue as a/o/u] login [email] employeeNumber ", login and e-mail without their
-- domain: the same few domains in every row would add a dozen trigrams to each, with postings as long as the
-- table, to write on every sync and to merge on every search. The e-mail is left out when it is the login. German
-- spells ä/ö/ü as ae/oe/ue where umlauts are unavailable, and folding turns ä/ö/ü into a/o/u, so the name is also
-- stored that way ("Mueller" -> "muller") and the search code tries a query word that way too: "Müller", "Mueller"
-- and "Muller" find each other. The leading and trailing spaces let one LIKE pattern ('% li%') mean "a word
-- starting with li" anywhere, including the first word. SET search_path FROM CURRENT pins the schema of the
-- functions above for pg_restore (a PL/pgSQL body is resolved when it runs).
CREATE FUNCTION directory_search_text(first_name text, last_name text, login text, email text, employee_number text) RETURNS text
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  SET search_path FROM CURRENT
AS $$
DECLARE
  name text := directory_search_fold(concat_ws(' ', first_name, last_name));
  name_without_digraphs text;
BEGIN
  IF name LIKE '%ae%' OR name LIKE '%oe%' OR name LIKE '%ue%' THEN
    name_without_digraphs := regexp_replace(name, '([aou])e', '\1', 'g');
  END IF;
  RETURN ' ' || concat_ws(' ', name, name_without_digraphs,
    directory_search_fold(concat_ws(' ', split_part(login, '@', 1),
      NULLIF(split_part(lower(email), '@', 1), split_part(lower(login), '@', 1)), employee_number))) || ' ';
END
$$;

-- The LIKE pattern for one word of a query, by how it must match: 'anywhere' ('%word%'), 'word_start' ('% word%')
-- or 'whole_word' ('% word %'). A word folded to fewer than 3 characters only matches at a word start: a
-- substring pattern that short yields no trigram, and the index could not narrow anything. NULL when folding
-- leaves nothing, so LIKE matches no row rather than every row ('%%'). Called with constants only, so the
-- planner computes the pattern once, before choosing the index.
CREATE FUNCTION directory_search_like_pattern(word text, kind text) RETURNS text
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
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
