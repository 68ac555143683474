import { describe, expect, it } from 'vitest'
import { readMigrations } from './migrate.server'
import { findTransactionControl } from './transaction-control'

describe('findTransactionControl', () => {
  it.each([
    ['BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;', 'BEGIN'],
    ['CREATE TABLE a (id int);\ncommit;', 'commit'],
    ['CREATE TABLE a (id int); COMMIT', 'COMMIT'],
    ['START TRANSACTION; SELECT 1;', 'START TRANSACTION'],
    ['SELECT 1;\n  Begin Work;', 'Begin Work'],
    ['SELECT 1; END;', 'END'],
    ['SELECT 1; ROLLBACK;', 'ROLLBACK'],
    ['SELECT 1; abort;', 'abort'],
    ["PREPARE TRANSACTION 'x';", "PREPARE TRANSACTION"],
  ])('finds it in %j', (sql, found) => {
    expect(findTransactionControl(sql)).toBe(found)
  })

  it.each([
    ['a PL/pgSQL body', "DO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;"],
    ['a tagged body', 'CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $fn$ BEGIN RETURN; END $fn$;'],
    ['comments', '-- then COMMIT;\n/* BEGIN; */ SELECT 1;'],
    ['quoted text', "INSERT INTO note VALUES ('x; COMMIT; y'); SELECT \"commit\" FROM t;"],
    ['a BEGIN ATOMIC function body', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END; SELECT f();'],
    ['CASE … END', 'SELECT CASE WHEN true THEN 1 END;'],
    ['words that start like one', 'CREATE TABLE beginnings (id int); CREATE TABLE ending (id int); COMMENT ON TABLE ending IS $$x$$;'],
  ])('ignores %s', (_, sql) => {
    expect(findTransactionControl(sql)).toBeUndefined()
  })

  it("finds none in the repository's migrations, whose PL/pgSQL blocks say BEGIN", async () => {
    const migrations = await readMigrations()
    expect(migrations.some((migration) => /\bBEGIN\b/.test(migration.sql))).toBe(true)
    for (const migration of migrations) {
      expect(findTransactionControl(migration.sql), migration.name).toBeUndefined()
    }
  })
})
