import type Database from 'better-sqlite3';

/**
 * The log table, as in kine: every write appends one row and nothing is updated in place.
 * `id` is the global revision. The store assigns ids itself (it is the only writer), so
 * there is no AUTOINCREMENT, which would rewrite sqlite_sequence on every commit (~15%
 * of write throughput); instead compaction, the only thing that can remove the newest
 * row, records the revision high-water mark in `meta`. A key's state is its row with the highest id; a row
 * with deleted = 1 is a tombstone carrying the last value. `prev_revision` is the id of
 * the row this one supersedes (0 for the first write); the unique (name, prev_revision)
 * index makes two writes that both claim to follow the same row impossible, which is
 * kine's optimistic-concurrency guard.
 *
 * Unlike kine there is no `old_value` column: an event's previous value is read by
 * joining on prev_revision. Compaction only drops a row once the row superseding it is
 * itself at or below the compact revision, so the previous row of every replayable event
 * is still there, and updates don't write each value twice.
 */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS kine (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS kine_name_id_deleted ON kine (name, id, deleted);
CREATE UNIQUE INDEX IF NOT EXISTS kine_name_prev_revision ON kine (name, prev_revision);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
`;

/** LogRow is one row of the log table as the read statements return it. */
export interface LogRow {
  id: number;
  name: string;
  deleted: number;
  create_revision: number;
  value: string;
}

/** EventRow is a log row joined with the row it superseded (prev_* are null if none). */
export interface EventRow extends LogRow {
  prev_id: number | null;
  prev_deleted: number | null;
  prev_create_revision: number | null;
  prev_value: string | null;
}

/** Upper bound for an empty prefix: SQLite sorts every TEXT value before any BLOB. */
export const NO_UPPER_BOUND = Buffer.from([0xff]);

// Reads at an older revision: the newest row per name with id <= rev, found from the
// covering (name, id, deleted) index alone; `deleted` is SQLite's documented "bare column"
// of the MAX(id) row, so tombstones are dropped before LIMIT and before any value is read.
const NEWEST_LIVE_AT = `SELECT MAX(id) AS id, deleted FROM kine WHERE name >= ? AND name < ? AND name > ? AND id <= ?
  GROUP BY name HAVING deleted = 0`;

type Bound = string | Buffer;

/** Statements is the set of prepared statements of one open database. */
export interface Statements {
  insert: Database.Statement<[number, string, number, number, number, number, string]>;
  getAt: Database.Statement<[string, number], LogRow>;
  listAt: Database.Statement<[string, Bound, string, number, number], LogRow>;
  countAt: Database.Statement<[string, Bound, string, number], { n: number }>;
  after: Database.Statement<[number, number, string, Bound], EventRow>;
  newest: Database.Statement<[], LogRow>;
  maxId: Database.Statement<[], { id: number | null }>;
  begin: Database.Statement<[]>;
  commit: Database.Statement<[]>;
  rollback: Database.Statement<[]>;
  getMeta: Database.Statement<[string], { value: number }>;
  setMeta: Database.Statement<[string, number]>;
  deleteSuperseded: Database.Statement<[number, number]>;
  deleteTombstones: Database.Statement<[number, number]>;
}

/** prepareStatements compiles every statement the store runs, once, at open. */
export function prepareStatements(db: Database.Database): Statements {
  return {
    insert: db.prepare<[number, string, number, number, number, number, string]>(
      'INSERT INTO kine (id, name, created, deleted, create_revision, prev_revision, value) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    getAt: db.prepare<[string, number], LogRow>(
      'SELECT id, name, deleted, create_revision, value FROM kine WHERE name = ? AND id <= ? ORDER BY id DESC LIMIT 1',
    ),
    listAt: db.prepare<[string, Bound, string, number, number], LogRow>(
      `SELECT k.id, k.name, k.deleted, k.create_revision, k.value
       FROM (${NEWEST_LIVE_AT} ORDER BY name LIMIT ?) m CROSS JOIN kine k ON k.id = m.id`,
    ),
    countAt: db.prepare<[string, Bound, string, number], { n: number }>(
      `SELECT COUNT(*) AS n FROM (${NEWEST_LIVE_AT})`,
    ),
    // `+k.name` keeps SQLite on the primary key: replay usually starts at a recent revision.
    after: db.prepare<[number, number, string, Bound], EventRow>(
      `SELECT k.id, k.name, k.deleted, k.create_revision, k.value,
              p.id AS prev_id, p.deleted AS prev_deleted, p.create_revision AS prev_create_revision, p.value AS prev_value
       FROM kine k LEFT JOIN kine p ON p.id = k.prev_revision
       WHERE k.id > ? AND k.id <= ? AND +k.name >= ? AND +k.name < ? ORDER BY k.id`,
    ),
    newest: db.prepare<[], LogRow>(
      `SELECT k.id, k.name, k.deleted, k.create_revision, k.value
       FROM kine k JOIN (SELECT MAX(id) AS id FROM kine GROUP BY name) m ON k.id = m.id`,
    ),
    maxId: db.prepare<[], { id: number | null }>('SELECT MAX(id) AS id FROM kine'),
    begin: db.prepare<[]>('BEGIN'),
    commit: db.prepare<[]>('COMMIT'),
    rollback: db.prepare<[]>('ROLLBACK'),
    getMeta: db.prepare<[string], { value: number }>('SELECT value FROM meta WHERE key = ?'),
    setMeta: db.prepare<[string, number]>('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
    // Compaction of (from, to]: rows superseded by a row in the range, then tombstones in it.
    deleteSuperseded: db.prepare<[number, number]>(
      'DELETE FROM kine WHERE id IN (SELECT prev_revision FROM kine WHERE id > ? AND id <= ? AND prev_revision != 0)',
    ),
    deleteTombstones: db.prepare<[number, number]>('DELETE FROM kine WHERE id > ? AND id <= ? AND deleted = 1'),
  };
}
