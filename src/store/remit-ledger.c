/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-ledger"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "remit-bill-private.h"
#include "remit-core-error.h"
#include "remit-ledger-private.h"

struct _RemitLedger
{
  GObject parent_instance;

  char *directory;
  char *path;
  sqlite3 *db;
  GHashTable *statements; /* SQL text → sqlite3_stmt */
  RemitWriteMode write_mode;
  RemitClockFunc clock;
  gpointer clock_data;
};

G_DEFINE_FINAL_TYPE (RemitLedger, remit_ledger, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DIRECTORY,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The schema, one step per version. Step n brings a database from version n to n + 1;
 * steps are never edited once released, only added. */
static const char *const migrations[REMIT_LEDGER_SCHEMA_VERSION] = {
  /* 0 → 1: the tables. */
  "CREATE TABLE bills ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  state TEXT NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'in-review', 'ready-to-pay',"
  "    'payment-requested', 'paid', 'failed', 'archived')),"
  "  recipient TEXT,"
  "  iban TEXT,"
  "  bic TEXT,"
  "  amount_minor INTEGER,"
  "  currency TEXT,"
  "  purpose TEXT,"
  "  due_date TEXT,"
  "  paid_date TEXT,"
  "  filename TEXT,"
  "  content_type TEXT,"
  "  sha256 TEXT NOT NULL,"
  "  backend TEXT,"
  "  document_id TEXT,"
  "  reviewed TEXT,"
  "  feedback TEXT NOT NULL DEFAULT 'none' CHECK (feedback IN ('none', 'pending', 'sent')),"
  "  duplicate_of INTEGER REFERENCES bills (id) ON DELETE SET NULL,"
  "  duplicate_reason TEXT NOT NULL DEFAULT 'none',"
  "  duplicate_dismissed INTEGER NOT NULL DEFAULT 0,"
  "  payment_key TEXT,"
  "  search_text TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE TABLE bill_extractions ("
  "  bill_id INTEGER PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,"
  "  json TEXT NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE TABLE bill_layouts ("
  "  bill_id INTEGER PRIMARY KEY REFERENCES bills (id) ON DELETE CASCADE,"
  "  json TEXT NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE TABLE bill_history ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,"
  "  at INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  from_state TEXT,"
  "  to_state TEXT,"
  "  detail TEXT"
  ");"
  "CREATE INDEX bill_history_bill ON bill_history (bill_id, id);"
  "CREATE TABLE payment_attempts ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  bill_id INTEGER NOT NULL REFERENCES bills (id) ON DELETE CASCADE,"
  "  rail TEXT NOT NULL CHECK (rail IN ('gini', 'epc', 'sepa', 'manual')),"
  "  provider_id TEXT,"
  "  remote_id TEXT,"
  "  idempotency_key TEXT,"
  "  status TEXT NOT NULL CHECK (status IN ('pending', 'open', 'paid', 'failed')),"
  "  error TEXT,"
  "  paid_date TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX payment_attempts_bill ON payment_attempts (bill_id);"
  "CREATE TABLE journal ("
  "  id INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  kind TEXT NOT NULL CHECK (kind IN ('upload', 'feedback', 'delete-label',"
  "    'delete-document', 'payment-request')),"
  "  bill_id INTEGER REFERENCES bills (id) ON DELETE SET NULL,"
  "  backend TEXT NOT NULL,"
  "  idempotency_key TEXT NOT NULL UNIQUE,"
  "  payload TEXT,"
  "  state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'done', 'failed')),"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  result TEXT,"
  "  error TEXT,"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX journal_unfinished ON journal (id) WHERE state IN ('pending', 'sent');"
  /* At most one unfinished upload and one unfinished payment request per bill. */
  "CREATE UNIQUE INDEX journal_one_creation ON journal (bill_id, kind)"
  "  WHERE state IN ('pending', 'sent') AND kind IN ('upload', 'payment-request');",

  /* 1 → 2: what listing, filtering and the duplicate checks need. */
  /* Covering for a state filter in the order of creation. */
  "CREATE INDEX bills_state ON bills (state, created, id);"
  "CREATE INDEX bills_due_date ON bills (due_date);"
  /* The order of remit_ledger_list_bills() by due date: bills without one last. */
  "CREATE INDEX bills_due_order ON bills (due_date IS NULL, due_date, id);"
  "CREATE INDEX bills_created ON bills (created);"
  "CREATE INDEX bills_sha256 ON bills (sha256);"
  "CREATE INDEX bills_payment_key ON bills (payment_key) WHERE payment_key IS NOT NULL;",
};

#define BILL_COLUMNS                                                                          \
  "id, state, recipient, iban, bic, amount_minor, currency, purpose, due_date, paid_date, "  \
  "filename, content_type, sha256, backend, document_id, reviewed, feedback, duplicate_of, " \
  "duplicate_reason, created, updated"

/* Enums of the payment attempts */

static const GEnumValue rail_values[] = {
  { REMIT_PAYMENT_RAIL_GINI, "REMIT_PAYMENT_RAIL_GINI", "gini" },
  { REMIT_PAYMENT_RAIL_EPC, "REMIT_PAYMENT_RAIL_EPC", "epc" },
  { REMIT_PAYMENT_RAIL_SEPA, "REMIT_PAYMENT_RAIL_SEPA", "sepa" },
  { REMIT_PAYMENT_RAIL_MANUAL, "REMIT_PAYMENT_RAIL_MANUAL", "manual" },
  { 0, NULL, NULL },
};

static const GEnumValue status_values[] = {
  { REMIT_PAYMENT_STATUS_PENDING, "REMIT_PAYMENT_STATUS_PENDING", "pending" },
  { REMIT_PAYMENT_STATUS_OPEN, "REMIT_PAYMENT_STATUS_OPEN", "open" },
  { REMIT_PAYMENT_STATUS_PAID, "REMIT_PAYMENT_STATUS_PAID", "paid" },
  { REMIT_PAYMENT_STATUS_FAILED, "REMIT_PAYMENT_STATUS_FAILED", "failed" },
  { 0, NULL, NULL },
};

GType
remit_payment_rail_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("RemitPaymentRail", rail_values));
  return type_id;
}

GType
remit_payment_status_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("RemitPaymentStatus", status_values));
  return type_id;
}

const char *
remit_payment_rail_to_string (RemitPaymentRail rail)
{
  g_return_val_if_fail (rail <= REMIT_PAYMENT_RAIL_MANUAL, NULL);
  return rail_values[rail].value_nick;
}

gboolean
remit_payment_rail_from_string (const char *text, RemitPaymentRail *rail)
{
  for (guint i = 0; text != NULL && i <= REMIT_PAYMENT_RAIL_MANUAL; i++)
    if (g_str_equal (text, rail_values[i].value_nick))
      {
        *rail = (RemitPaymentRail) i;
        return TRUE;
      }
  return FALSE;
}

const char *
remit_payment_status_to_string (RemitPaymentStatus status)
{
  g_return_val_if_fail (status <= REMIT_PAYMENT_STATUS_FAILED, NULL);
  return status_values[status].value_nick;
}

static RemitPaymentStatus
payment_status_from_string (const char *text)
{
  for (guint i = 0; text != NULL && i <= REMIT_PAYMENT_STATUS_FAILED; i++)
    if (g_str_equal (text, status_values[i].value_nick))
      return (RemitPaymentStatus) i;
  return REMIT_PAYMENT_STATUS_FAILED;
}

/* Boxed records */

RemitPaymentAttempt *
remit_payment_attempt_copy (const RemitPaymentAttempt *attempt)
{
  RemitPaymentAttempt *copy = g_memdup2 (attempt, sizeof *attempt);

  copy->provider_id = g_strdup (attempt->provider_id);
  copy->remote_id = g_strdup (attempt->remote_id);
  copy->idempotency_key = g_strdup (attempt->idempotency_key);
  copy->error = g_strdup (attempt->error);
  copy->paid_date = g_strdup (attempt->paid_date);
  return copy;
}

void
remit_payment_attempt_free (RemitPaymentAttempt *attempt)
{
  if (attempt == NULL)
    return;
  g_free (attempt->provider_id);
  g_free (attempt->remote_id);
  g_free (attempt->idempotency_key);
  g_free (attempt->error);
  g_free (attempt->paid_date);
  g_free (attempt);
}

G_DEFINE_BOXED_TYPE (RemitPaymentAttempt, remit_payment_attempt, remit_payment_attempt_copy,
                     remit_payment_attempt_free)

RemitBillEvent *
remit_bill_event_copy (const RemitBillEvent *event)
{
  RemitBillEvent *copy = g_memdup2 (event, sizeof *event);

  copy->kind = g_strdup (event->kind);
  copy->detail = g_strdup (event->detail);
  return copy;
}

void
remit_bill_event_free (RemitBillEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->detail);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (RemitBillEvent, remit_bill_event, remit_bill_event_copy,
                     remit_bill_event_free)

/* The object */

static void
remit_ledger_finalize (GObject *object)
{
  RemitLedger *self = REMIT_LEDGER (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Closing the last connection checkpoints the WAL into the database file. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->directory, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (remit_ledger_parent_class)->finalize (object);
}

static void
remit_ledger_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitLedger *self = REMIT_LEDGER (object);

  switch (prop_id)
    {
    case PROP_DIRECTORY:
      g_value_set_string (value, self->directory);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_ledger_class_init (RemitLedgerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = remit_ledger_finalize;
  object_class->get_property = remit_ledger_get_property;

  /**
   * RemitLedger:directory:
   *
   * The folder that holds `ledger.db` and `files/`.
   */
  properties[PROP_DIRECTORY] =
    g_param_spec_string ("directory", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  /**
   * RemitLedger:path:
   *
   * The path of `ledger.db`.
   */
  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_ledger_init (RemitLedger *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) sqlite3_finalize);
}

/* Errors */

static gboolean
set_db_error (sqlite3 *db, int rc, GError **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error_literal (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_DISK_FULL,
                           _("There is no room left on the disk to save the ledger. The change was not saved; everything saved before is intact. Free some disk space and try again."));
      break;
    case SQLITE_IOERR:
      if (db != NULL && sqlite3_system_errno (db) == ENOSPC)
        g_set_error_literal (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_DISK_FULL,
                             _("There is no room left on the disk to save the ledger. The change was not saved; everything saved before is intact. Free some disk space and try again."));
      else
        g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_FAILED,
                     _("The ledger could not be read or written (%s). Check the disk."), detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT,
                   _("The ledger database is damaged (%s). Restart Remit: it keeps the damaged file as a backup and begins a new ledger."),
                   detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error_literal (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_FAILED,
                           _("The ledger is busy in another program; try again in a moment."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_FAILED,
                   _("The ledger cannot be opened for writing (%s). Check the permissions of its folder."),
                   detail);
      break;
    default:
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_FAILED,
                   _("The ledger failed: %s"), detail);
    }

  return FALSE;
}

gboolean
remit_ledger_set_error (RemitLedger *self, int rc, GError **error)
{
  return set_db_error (self->db, rc, error);
}

static gboolean
set_not_found (GError **error, gint64 id)
{
  g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
               _("There is no bill %lld in the ledger"), (long long) id);
  return FALSE;
}

/* Statements */

sqlite3 *
remit_ledger_get_handle (RemitLedger *self)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  return self->db;
}

/* Returns the cached statement for @sql, prepared on first use. */
sqlite3_stmt *
remit_ledger_prepare (RemitLedger *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      g_debug ("Cannot prepare “%s”: %s", sql, sqlite3_errmsg (self->db));
      set_db_error (self->db, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

/* Runs a statement that returns no rows. */
gboolean
remit_ledger_step_done (RemitLedger *self, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_db_error (self->db, rc, error);
  return TRUE;
}

static gboolean
exec_simple (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_db_error (db, rc, error);
  return TRUE;
}

static gboolean
run_cached (RemitLedger *self, const char *sql, GError **error)
{
  g_autoptr (RemitStmt) stmt = remit_ledger_prepare (self, sql, error);

  return stmt != NULL && remit_ledger_step_done (self, stmt, error);
}

char *
remit_store_dup_column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  if (text == NULL)
    return NULL;
  return g_strndup ((const char *) text, (gsize) sqlite3_column_bytes (stmt, column));
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Transactions */

gboolean
remit_ledger_begin_write (RemitLedger *self, RemitWriteMode mode, GError **error)
{
  if (mode == REMIT_WRITE_DURABLE && !exec_simple (self->db, "PRAGMA synchronous = FULL", error))
    return FALSE;
  self->write_mode = mode;

  /* IMMEDIATE takes the write lock now, so that two programs never both read, then both
   * fail to upgrade. */
  if (!run_cached (self, "BEGIN IMMEDIATE", error))
    {
      if (mode == REMIT_WRITE_DURABLE)
        exec_simple (self->db, "PRAGMA synchronous = NORMAL", NULL);
      self->write_mode = REMIT_WRITE_NORMAL;
      return FALSE;
    }
  return TRUE;
}

static void
restore_write_mode (RemitLedger *self)
{
  if (self->write_mode == REMIT_WRITE_DURABLE)
    exec_simple (self->db, "PRAGMA synchronous = NORMAL", NULL);
  self->write_mode = REMIT_WRITE_NORMAL;
}

void
remit_ledger_rollback (RemitLedger *self)
{
  /* A failed statement may already have ended the transaction. */
  if (!sqlite3_get_autocommit (self->db))
    run_cached (self, "ROLLBACK", NULL);
  restore_write_mode (self);
}

gboolean
remit_ledger_commit (RemitLedger *self, GError **error)
{
  if (!run_cached (self, "COMMIT", error))
    {
      remit_ledger_rollback (self);
      return FALSE;
    }
  restore_write_mode (self);
  return TRUE;
}

/* Clock */

gint64
remit_ledger_now (RemitLedger *self)
{
  if (self->clock != NULL)
    return self->clock (self->clock_data);
  return g_get_real_time ();
}

char *
remit_ledger_dup_today (RemitLedger *self)
{
  g_autoptr (GDateTime) now =
    g_date_time_new_from_unix_local (remit_ledger_now (self) / G_USEC_PER_SEC);

  return g_date_time_format (now, "%Y-%m-%d");
}

void
remit_ledger_set_clock (RemitLedger *self, RemitClockFunc func, gpointer user_data)
{
  self->clock = func;
  self->clock_data = user_data;
}

/* Opening */

/**
 * remit_ledger_dup_default_directory:
 *
 * Returns: (transfer full): `$REMIT_DATA_DIR` when set, else `$XDG_DATA_HOME/remit`
 */
char *
remit_ledger_dup_default_directory (void)
{
  const char *env = g_getenv ("REMIT_DATA_DIR");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "remit", NULL);
}

static int
read_user_version (sqlite3 *db, int *version)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *version = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

/* PRAGMA quick_check: O(pages), no index cross-check. Sets *@ok. */
static int
quick_check (sqlite3 *db, gboolean *ok)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check(1)", -1, &stmt, NULL);

  *ok = FALSE;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
is_corruption (int rc)
{
  return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

/* Moves a damaged ledger (and its WAL and shared-memory files) aside, so that nothing is
 * lost and the next start begins a new ledger. */
static gboolean
move_aside (RemitLedger *self, GError **error)
{
  static const char *const companions[] = { "-wal", "-shm" };
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *backup = g_strdup_printf ("%s.corrupt-%s", self->path, stamp);
  int saved_errno;

  /* The files are moved while the connection is still open, and it is closed without a
   * checkpoint: closing may otherwise fold the WAL into the file or delete it. */
  if (self->db != NULL)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  for (guint n = 2; g_file_test (backup, G_FILE_TEST_EXISTS); n++)
    {
      g_free (backup);
      backup = g_strdup_printf ("%s.corrupt-%s-%u", self->path, stamp, n);
    }

  if (g_rename (self->path, backup) != 0)
    {
      saved_errno = errno;
      g_clear_pointer (&self->db, sqlite3_close_v2);
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT,
                   _("The ledger “%s” is damaged and cannot be read, and it could not be moved aside (%s). Move it away by hand to begin a new ledger."),
                   self->path, g_strerror (saved_errno));
      return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (companions); i++)
    {
      g_autofree char *from = g_strconcat (self->path, companions[i], NULL);
      g_autofree char *to = g_strconcat (backup, companions[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS) && g_rename (from, to) != 0)
        g_warning ("Could not move “%s” aside: %s", from, g_strerror (errno));
    }
  g_clear_pointer (&self->db, sqlite3_close_v2);

  g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT,
               _("The ledger “%s” is damaged and cannot be read. It was moved to “%s” as a backup; the next start begins a new, empty ledger."),
               self->path, backup);
  return FALSE;
}

/**
 * remit_ledger_migrate_database: (skip)
 *
 * Brings @db to @target_version with the ordered migration steps, in one transaction.
 */
gboolean
remit_ledger_migrate_database (sqlite3 *db, int target_version, GError **error)
{
  g_autofree char *set_version = NULL;
  int version = 0;
  int rc;

  g_return_val_if_fail (target_version >= 0 && target_version <= REMIT_LEDGER_SCHEMA_VERSION,
                        FALSE);

  if (!exec_simple (db, "BEGIN IMMEDIATE", error))
    return FALSE;

  /* Read again under the lock: another Remit may have migrated meanwhile. */
  rc = read_user_version (db, &version);
  if (rc != SQLITE_OK)
    goto failed;
  if (version >= target_version)
    return exec_simple (db, "COMMIT", error);

  for (int step = version; step < target_version; step++)
    {
      g_debug ("Migrating the ledger from version %d to %d", step, step + 1);
      rc = sqlite3_exec (db, migrations[step], NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        goto failed;
    }

  set_version = g_strdup_printf ("PRAGMA user_version = %d", target_version);
  rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  return exec_simple (db, "COMMIT", error);

failed:
  set_db_error (db, rc, error);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
open_database (RemitLedger *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gboolean ok = FALSE;
  int version = 0;
  int rc;

  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->db, rc, error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);

  /* Only reads until the version is known: a newer Remit's file stays as it is. */
  rc = read_user_version (self->db, &version);
  if (is_corruption (rc))
    return move_aside (self, error);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->db, rc, error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  if (version > REMIT_LEDGER_SCHEMA_VERSION)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NEWER_VERSION,
                   _("The ledger “%s” was written by a newer version of Remit (schema %d; this one knows up to %d). It was left untouched: update Remit to open it."),
                   self->path, version, REMIT_LEDGER_SCHEMA_VERSION);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  rc = quick_check (self->db, &ok);
  if (is_corruption (rc) || (rc == SQLITE_OK && !ok))
    return move_aside (self, error);
  if (rc != SQLITE_OK)
    {
      set_db_error (self->db, rc, error);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  if (!exec_simple (self->db, "PRAGMA journal_mode = WAL", &local_error)
      || !exec_simple (self->db, "PRAGMA foreign_keys = ON", &local_error)
      || !exec_simple (self->db, "PRAGMA synchronous = NORMAL", &local_error)
      /* 16 MiB of page cache: a ledger of 10 000 bills stays in memory while it is listed. */
      || !exec_simple (self->db, "PRAGMA cache_size = -16384", &local_error)
      || !remit_ledger_migrate_database (self->db, REMIT_LEDGER_SCHEMA_VERSION, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }

  return TRUE;
}

/**
 * remit_ledger_open:
 * @directory: (nullable): the folder of the ledger; %NULL for
 *   remit_ledger_dup_default_directory()
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Opens (or creates) `ledger.db` in @directory and brings its schema up to date.
 *
 * A ledger written by a newer Remit fails with %REMIT_STORE_ERROR_NEWER_VERSION and is not
 * changed. A damaged one fails with %REMIT_STORE_ERROR_CORRUPT after it was moved aside
 * to `ledger.db.corrupt-<time>` (the message says where); opening again begins a new one.
 *
 * Returns: (transfer full) (nullable): the ledger
 */
RemitLedger *
remit_ledger_open (const char *directory, GError **error)
{
  g_autoptr (RemitLedger) self = g_object_new (REMIT_TYPE_LEDGER, NULL);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->directory = directory != NULL ? g_strdup (directory)
                                      : remit_ledger_dup_default_directory ();
  if (g_mkdir_with_parents (self->directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, REMIT_STORE_ERROR,
                   saved_errno == ENOSPC ? REMIT_STORE_ERROR_DISK_FULL : REMIT_STORE_ERROR_FAILED,
                   _("The ledger folder “%s” cannot be created: %s"), self->directory,
                   g_strerror (saved_errno));
      return NULL;
    }
  self->path = g_build_filename (self->directory, "ledger.db", NULL);

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
remit_ledger_get_directory (RemitLedger *self)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  return self->directory;
}

const char *
remit_ledger_get_path (RemitLedger *self)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  return self->path;
}

/* Files */

static gboolean
set_file_error (GError **error, int saved_errno, const char *path)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_DISK_FULL,
                 _("There is no room left on the disk to write “%s”. Free some disk space and try again."),
                 path);
  else
    g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_FAILED,
                 _("“%s” cannot be written: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * remit_store_write_file:
 * @path: where
 * @data: the bytes
 * @length: how many
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Writes a file so that a crash leaves either the old file or the whole new one: a
 * temporary file beside @path, synced, renamed over @path, and the folder synced.
 *
 * Returns: whether the file was written
 */
gboolean
remit_store_write_file (const char *path, const void *data, gsize length, GError **error)
{
  g_autofree char *tmp = g_strconcat (path, ".tmp-XXXXXX", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  const char *p = data;
  int saved_errno;
  int fd;

  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    return set_file_error (error, errno, path);

  while (length > 0)
    {
      gssize written = write (fd, p, length);

      if (written < 0 && errno == EINTR)
        continue;
      if (written <= 0)
        goto failed;
      p += written;
      length -= (gsize) written;
    }
  if (g_fsync (fd) != 0)
    goto failed;
  if (close (fd) != 0)
    {
      fd = -1;
      goto failed;
    }
  fd = -1;
  if (g_rename (tmp, path) != 0)
    goto failed;

  /* The rename itself is durable once the folder is synced. */
  fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0)
    {
      g_fsync (fd);
      close (fd);
    }
  return TRUE;

failed:
  saved_errno = errno != 0 ? errno : EIO;
  if (fd >= 0)
    close (fd);
  g_unlink (tmp);
  return set_file_error (error, saved_errno, path);
}

static char *
file_path_for (RemitLedger *self, const char *sha256)
{
  char prefix[3] = { sha256[0], sha256[1], '\0' };

  return g_build_filename (self->directory, "files", prefix, sha256, NULL);
}

/* Keeps a copy of the bill's file under its hash; an existing copy is the same file. */
static gboolean
store_file (RemitLedger *self, const char *sha256, GBytes *content, GError **error)
{
  g_autofree char *path = file_path_for (self, sha256);
  g_autofree char *dir = g_path_get_dirname (path);
  gsize length;
  gconstpointer data = g_bytes_get_data (content, &length);

  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return TRUE;
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return set_file_error (error, errno, dir);
  return remit_store_write_file (path, data, length, error);
}

/**
 * remit_ledger_get_bill_file:
 *
 * Returns: (transfer full) (nullable): the ledger's copy of the bill's file, or %NULL for
 *   a bill that is not saved
 */
GFile *
remit_ledger_get_bill_file (RemitLedger *self, RemitBill *bill)
{
  g_autofree char *path = NULL;
  const char *sha256;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);

  sha256 = remit_bill_get_sha256 (bill);
  if (sha256 == NULL || strlen (sha256) < 2)
    return NULL;
  path = file_path_for (self, sha256);
  return g_file_new_for_path (path);
}

/* Rows */

static RemitBill *
bill_from_row (sqlite3_stmt *stmt)
{
  RemitBill *bill = g_object_new (REMIT_TYPE_BILL, NULL);
  RemitBillState state = REMIT_BILL_STATE_NEW;
  RemitFeedbackState feedback = REMIT_FEEDBACK_STATE_NONE;
  RemitDuplicateReason reason = REMIT_DUPLICATE_REASON_NONE;
  const char *reason_text;
  RemitAmount amount;
  gboolean has_amount = FALSE;

  remit_bill_state_from_string ((const char *) sqlite3_column_text (stmt, 1), &state);
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL && sqlite3_column_bytes (stmt, 6) == 3)
    {
      remit_amount_init (&amount, sqlite3_column_int64 (stmt, 5),
                         (const char *) sqlite3_column_text (stmt, 6));
      has_amount = TRUE;
    }
  remit_feedback_state_from_string ((const char *) sqlite3_column_text (stmt, 16), &feedback);
  reason_text = (const char *) sqlite3_column_text (stmt, 18);
  if (g_strcmp0 (reason_text, "same-file") == 0)
    reason = REMIT_DUPLICATE_REASON_SAME_FILE;
  else if (g_strcmp0 (reason_text, "same-payment") == 0)
    reason = REMIT_DUPLICATE_REASON_SAME_PAYMENT;

  remit_bill_init_fields (bill, sqlite3_column_int64 (stmt, 0), state,
                          has_amount ? &amount : NULL, feedback,
                          sqlite3_column_int64 (stmt, 17), reason,
                          sqlite3_column_int64 (stmt, 19), sqlite3_column_int64 (stmt, 20));
  remit_bill_take_strings (bill,
                           remit_store_dup_column_text (stmt, 2),
                           remit_store_dup_column_text (stmt, 3),
                           remit_store_dup_column_text (stmt, 4),
                           remit_store_dup_column_text (stmt, 7),
                           remit_store_dup_column_text (stmt, 8),
                           remit_store_dup_column_text (stmt, 10),
                           remit_store_dup_column_text (stmt, 11),
                           remit_store_dup_column_text (stmt, 13),
                           remit_store_dup_column_text (stmt, 14),
                           remit_store_dup_column_text (stmt, 15),
                           remit_store_dup_column_text (stmt, 12),
                           remit_store_dup_column_text (stmt, 9));
  return bill;
}

static RemitBill *
load_bill (RemitLedger *self, gint64 id, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  stmt = remit_ledger_prepare (self, "SELECT " BILL_COLUMNS " FROM bills WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return bill_from_row (stmt);
  if (rc == SQLITE_DONE)
    set_not_found (error, id);
  else
    set_db_error (self->db, rc, error);
  return NULL;
}

static gboolean
read_state (RemitLedger *self, gint64 id, RemitBillState *state, GError **error)
{
  g_autoptr (RemitStmt) stmt = remit_ledger_prepare (self, "SELECT state FROM bills WHERE id = ?",
                                                     error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return set_not_found (error, id);
  if (rc != SQLITE_ROW)
    return set_db_error (self->db, rc, error);
  if (!remit_bill_state_from_string ((const char *) sqlite3_column_text (stmt, 0), state))
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_CORRUPT,
                   _("Bill %lld has an unknown state"), (long long) id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_event (RemitLedger *self,
              gint64 bill_id,
              gint64 now,
              const char *kind,
              const char *from_state,
              const char *to_state,
              const char *detail,
              GError **error)
{
  g_autoptr (RemitStmt) stmt = remit_ledger_prepare (
    self,
    "INSERT INTO bill_history (bill_id, at, kind, from_state, to_state, detail) "
    "VALUES (?, ?, ?, ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  sqlite3_bind_int64 (stmt, 2, now);
  bind_text (stmt, 3, kind);
  bind_text (stmt, 4, from_state);
  bind_text (stmt, 5, to_state);
  bind_text (stmt, 6, detail);
  return remit_ledger_step_done (self, stmt, error);
}

/* The first bill (lowest id, not @self_id) with the same file. */
static gint64
find_same_file (RemitLedger *self, const char *sha256, gint64 self_id, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  if (sha256 == NULL)
    return 0;
  stmt = remit_ledger_prepare (
    self, "SELECT id FROM bills WHERE sha256 = ? AND id != ? ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, sha256);
  sqlite3_bind_int64 (stmt, 2, self_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return -1;
    }
  return 0;
}

/* The first bill that is not archived (lowest id, not @self_id) with the same payment. */
static gint64
find_same_payment (RemitLedger *self, const char *payment_key, gint64 self_id, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  if (payment_key == NULL)
    return 0;
  stmt = remit_ledger_prepare (self,
                               "SELECT id FROM bills WHERE payment_key = ? AND id != ? "
                               "AND state != 'archived' ORDER BY id LIMIT 1",
                               error);
  if (stmt == NULL)
    return -1;
  bind_text (stmt, 1, payment_key);
  sqlite3_bind_int64 (stmt, 2, self_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return -1;
    }
  return 0;
}

static char *
compute_sha256 (GBytes *content)
{
  gsize length;
  gconstpointer data = g_bytes_get_data (content, &length);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

/**
 * remit_ledger_add_bill:
 * @self: a #RemitLedger
 * @bill: an unsaved bill (id 0), filled by the caller
 * @content: the bill's file
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Copies @content under `files/` by its SHA-256 (atomically, before the row is written:
 * a crash leaves at most an unreferenced copy) and saves @bill in state New. On success
 * @bill has its id, hash and timestamps.
 *
 * A bill is never refused for being a duplicate: when the same file is already in the
 * ledger, or a bill that is not archived pays the same IBAN the same amount with the same
 * purpose, @bill is flagged (#RemitBill:duplicate-of, #RemitBill:duplicate-reason) and
 * the caller decides.
 *
 * Returns: whether the bill was saved
 */
gboolean
remit_ledger_add_bill (RemitLedger *self, RemitBill *bill, GBytes *content, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *payment_key = NULL;
  g_autofree char *search_text = NULL;
  g_autofree char *detail = NULL;
  RemitDuplicateReason reason = REMIT_DUPLICATE_REASON_NONE;
  const RemitAmount *amount;
  gint64 duplicate_of;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (REMIT_IS_BILL (bill), FALSE);
  g_return_val_if_fail (remit_bill_get_id (bill) == 0, FALSE);
  g_return_val_if_fail (content != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sha256 = compute_sha256 (content);
  if (!store_file (self, sha256, content, error))
    return FALSE;

  payment_key = remit_bill_dup_payment_key (bill);
  search_text = remit_bill_build_search_text (bill);
  amount = remit_bill_get_amount (bill);
  now = remit_ledger_now (self);

  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;

  duplicate_of = find_same_file (self, sha256, 0, error);
  if (duplicate_of < 0)
    goto failed;
  if (duplicate_of > 0)
    reason = REMIT_DUPLICATE_REASON_SAME_FILE;
  else
    {
      duplicate_of = find_same_payment (self, payment_key, 0, error);
      if (duplicate_of < 0)
        goto failed;
      if (duplicate_of > 0)
        reason = REMIT_DUPLICATE_REASON_SAME_PAYMENT;
    }

  stmt = remit_ledger_prepare (
    self,
    "INSERT INTO bills (state, recipient, iban, bic, amount_minor, currency, purpose, "
    "due_date, filename, content_type, sha256, backend, document_id, reviewed, feedback, "
    "duplicate_of, duplicate_reason, payment_key, search_text, created, updated) "
    "VALUES ('new', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, remit_bill_get_recipient (bill));
  bind_text (stmt, 2, remit_bill_get_iban (bill));
  bind_text (stmt, 3, remit_bill_get_bic (bill));
  if (amount != NULL)
    {
      sqlite3_bind_int64 (stmt, 4, amount->minor);
      bind_text (stmt, 5, amount->currency);
    }
  bind_text (stmt, 6, remit_bill_get_purpose (bill));
  bind_text (stmt, 7, remit_bill_get_due_date (bill));
  bind_text (stmt, 8, remit_bill_get_filename (bill));
  bind_text (stmt, 9, remit_bill_get_content_type (bill));
  bind_text (stmt, 10, sha256);
  bind_text (stmt, 11, remit_bill_get_backend (bill));
  bind_text (stmt, 12, remit_bill_get_document_id (bill));
  bind_text (stmt, 13, remit_bill_get_reviewed (bill));
  bind_text (stmt, 14, remit_feedback_state_to_string (remit_bill_get_feedback_state (bill)));
  if (duplicate_of > 0)
    sqlite3_bind_int64 (stmt, 15, duplicate_of);
  bind_text (stmt, 16, remit_duplicate_reason_to_string (reason));
  bind_text (stmt, 17, payment_key);
  bind_text (stmt, 18, search_text);
  sqlite3_bind_int64 (stmt, 19, now);
  sqlite3_bind_int64 (stmt, 20, now);
  if (!remit_ledger_step_done (self, stmt, error))
    goto failed;
  id = sqlite3_last_insert_rowid (self->db);

  if (!record_event (self, id, now, "created", NULL, "new", remit_bill_get_filename (bill),
                     error))
    goto failed;
  if (duplicate_of > 0)
    {
      detail = g_strdup_printf ("%s %" G_GINT64_FORMAT,
                                remit_duplicate_reason_to_string (reason), duplicate_of);
      if (!record_event (self, id, now, "duplicate", NULL, NULL, detail, error))
        goto failed;
    }

  if (!remit_ledger_commit (self, error))
    return FALSE;

  remit_bill_set_id (bill, id);
  remit_bill_set_state (bill, REMIT_BILL_STATE_NEW);
  remit_bill_set_sha256 (bill, sha256);
  remit_bill_set_created_usec (bill, now);
  remit_bill_set_updated_usec (bill, now);
  remit_bill_set_duplicate (bill, duplicate_of, reason);
  return TRUE;

failed:
  remit_ledger_rollback (self);
  return FALSE;
}

/**
 * remit_ledger_get_bill:
 *
 * Returns: (transfer full) (nullable): the bill with @id, or %NULL with
 *   %REMIT_STORE_ERROR_NOT_FOUND
 */
RemitBill *
remit_ledger_get_bill (RemitLedger *self, gint64 id, GError **error)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bill (self, id, error);
}

static void
note_change (GString *changed, gboolean differs, const char *name)
{
  if (!differs)
    return;
  if (changed->len > 0)
    g_string_append (changed, ", ");
  g_string_append (changed, name);
}

static gboolean
amounts_differ (const RemitAmount *a, const RemitAmount *b)
{
  if (a == NULL || b == NULL)
    return a != b;
  return !remit_amount_equal (a, b);
}

/**
 * remit_ledger_update_bill:
 * @self: a #RemitLedger
 * @bill: a saved bill, changed with its setters
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Saves the caller's fields of @bill (recipient, IBAN, BIC, amount, purpose, due date,
 * file name and type, backend, document id, reviewed values, feedback state) and notes
 * which of them changed in the history. The duplicate flag is worked out again from the
 * payment, unless the bill repeats a file or its flag was dismissed. The state is not
 * touched (see remit_ledger_move_bill()).
 *
 * Returns: whether the bill was saved
 */
gboolean
remit_ledger_update_bill (RemitLedger *self, RemitBill *bill, GError **error)
{
  g_autoptr (RemitBill) stored = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  g_autoptr (GString) changed = g_string_new (NULL);
  g_autofree char *payment_key = NULL;
  g_autofree char *search_text = NULL;
  const RemitAmount *amount;
  RemitDuplicateReason reason;
  gint64 duplicate_of;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (REMIT_IS_BILL (bill), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  id = remit_bill_get_id (bill);
  if (id <= 0)
    return set_not_found (error, id);

  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;

  stored = load_bill (self, id, error);
  if (stored == NULL)
    goto failed;

  amount = remit_bill_get_amount (bill);
#define DIFFERS(getter) (g_strcmp0 (getter (bill), getter (stored)) != 0)
  note_change (changed, DIFFERS (remit_bill_get_recipient), "recipient");
  note_change (changed, DIFFERS (remit_bill_get_iban), "iban");
  note_change (changed, DIFFERS (remit_bill_get_bic), "bic");
  note_change (changed, amounts_differ (amount, remit_bill_get_amount (stored)), "amount");
  note_change (changed, DIFFERS (remit_bill_get_purpose), "purpose");
  note_change (changed, DIFFERS (remit_bill_get_due_date), "due-date");
  note_change (changed, DIFFERS (remit_bill_get_filename), "filename");
  note_change (changed, DIFFERS (remit_bill_get_content_type), "content-type");
  note_change (changed, DIFFERS (remit_bill_get_backend), "backend");
  note_change (changed, DIFFERS (remit_bill_get_document_id), "document-id");
  note_change (changed, DIFFERS (remit_bill_get_reviewed), "reviewed");
  note_change (changed,
               remit_bill_get_feedback_state (bill) != remit_bill_get_feedback_state (stored),
               "feedback");
#undef DIFFERS

  if (changed->len == 0)
    {
      remit_ledger_rollback (self);
      return TRUE;
    }

  now = remit_ledger_now (self);
  payment_key = remit_bill_dup_payment_key (bill);
  search_text = remit_bill_build_search_text (bill);

  /* The duplicate flag: a repeated file stays flagged; a dismissed flag stays away. */
  reason = remit_bill_get_duplicate_reason (stored);
  duplicate_of = remit_bill_get_duplicate_of (stored);
  if (reason != REMIT_DUPLICATE_REASON_SAME_FILE)
    {
      g_autoptr (RemitStmt) dismissed_stmt =
        remit_ledger_prepare (self, "SELECT duplicate_dismissed FROM bills WHERE id = ?", error);

      if (dismissed_stmt == NULL)
        goto failed;
      sqlite3_bind_int64 (dismissed_stmt, 1, id);
      if (sqlite3_step (dismissed_stmt) == SQLITE_ROW
          && sqlite3_column_int (dismissed_stmt, 0) == 0)
        {
          duplicate_of = find_same_payment (self, payment_key, id, error);
          if (duplicate_of < 0)
            goto failed;
          reason = duplicate_of > 0 ? REMIT_DUPLICATE_REASON_SAME_PAYMENT
                                    : REMIT_DUPLICATE_REASON_NONE;
        }
    }

  stmt = remit_ledger_prepare (
    self,
    "UPDATE bills SET recipient = ?, iban = ?, bic = ?, amount_minor = ?, currency = ?, "
    "purpose = ?, due_date = ?, filename = ?, content_type = ?, backend = ?, document_id = ?, "
    "reviewed = ?, feedback = ?, duplicate_of = ?, duplicate_reason = ?, payment_key = ?, "
    "search_text = ?, updated = ? WHERE id = ?",
    error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, remit_bill_get_recipient (bill));
  bind_text (stmt, 2, remit_bill_get_iban (bill));
  bind_text (stmt, 3, remit_bill_get_bic (bill));
  if (amount != NULL)
    {
      sqlite3_bind_int64 (stmt, 4, amount->minor);
      bind_text (stmt, 5, amount->currency);
    }
  bind_text (stmt, 6, remit_bill_get_purpose (bill));
  bind_text (stmt, 7, remit_bill_get_due_date (bill));
  bind_text (stmt, 8, remit_bill_get_filename (bill));
  bind_text (stmt, 9, remit_bill_get_content_type (bill));
  bind_text (stmt, 10, remit_bill_get_backend (bill));
  bind_text (stmt, 11, remit_bill_get_document_id (bill));
  bind_text (stmt, 12, remit_bill_get_reviewed (bill));
  bind_text (stmt, 13, remit_feedback_state_to_string (remit_bill_get_feedback_state (bill)));
  if (duplicate_of > 0)
    sqlite3_bind_int64 (stmt, 14, duplicate_of);
  bind_text (stmt, 15, remit_duplicate_reason_to_string (reason));
  bind_text (stmt, 16, payment_key);
  bind_text (stmt, 17, search_text);
  sqlite3_bind_int64 (stmt, 18, now);
  sqlite3_bind_int64 (stmt, 19, id);
  if (!remit_ledger_step_done (self, stmt, error)
      || !record_event (self, id, now, "updated", NULL, NULL, changed->str, error))
    goto failed;

  if (!remit_ledger_commit (self, error))
    return FALSE;

  remit_bill_set_updated_usec (bill, now);
  remit_bill_set_duplicate (bill, duplicate_of, reason);
  return TRUE;

failed:
  remit_ledger_rollback (self);
  return FALSE;
}

static gboolean
set_illegal_move (GError **error, RemitBillState from, RemitBillState to)
{
  g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
               _("A bill cannot go from “%s” to “%s”"), remit_bill_state_get_label (from),
               remit_bill_state_get_label (to));
  return FALSE;
}

/* Within a write transaction: checks and records the move, and sets the paid date when
 * the bill becomes Paid. */
static gboolean
move_locked (RemitLedger *self,
             gint64 id,
             RemitBillState to,
             const char *paid_date,
             const char *note,
             gint64 now,
             RemitBillState *out_from,
             GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  RemitBillState from;

  if (!read_state (self, id, &from, error))
    return FALSE;
  if (!remit_bill_state_can_move (from, to))
    return set_illegal_move (error, from, to);

  stmt = remit_ledger_prepare (self,
                               "UPDATE bills SET state = ?, updated = ?, "
                               "paid_date = coalesce (?, paid_date) WHERE id = ?",
                               error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, remit_bill_state_to_string (to));
  sqlite3_bind_int64 (stmt, 2, now);
  bind_text (stmt, 3, to == REMIT_BILL_STATE_PAID ? paid_date : NULL);
  sqlite3_bind_int64 (stmt, 4, id);
  if (!remit_ledger_step_done (self, stmt, error))
    return FALSE;

  *out_from = from;
  return record_event (self, id, now, "state", remit_bill_state_to_string (from),
                       remit_bill_state_to_string (to), note, error);
}

/**
 * remit_ledger_move_bill:
 * @self: a #RemitLedger
 * @bill: a saved bill
 * @to: the new state
 * @note: (nullable): why, for the history
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Moves @bill to @to when #RemitBillState allows it from the state the ledger holds,
 * and records the move in the history. An illegal move fails with
 * %REMIT_STORE_ERROR_ILLEGAL_MOVE, naming both states. Moving to Paid sets the paid date
 * to today.
 *
 * Returns: whether the bill moved
 */
gboolean
remit_ledger_move_bill (RemitLedger *self,
                        RemitBill *bill,
                        RemitBillState to,
                        const char *note,
                        GError **error)
{
  g_autofree char *today = NULL;
  RemitBillState from;
  gint64 now;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (REMIT_IS_BILL (bill), FALSE);
  g_return_val_if_fail (to < REMIT_BILL_N_STATES, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = remit_ledger_now (self);
  today = remit_ledger_dup_today (self);

  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;
  if (!move_locked (self, remit_bill_get_id (bill), to, today, note, now, &from, error))
    {
      remit_ledger_rollback (self);
      return FALSE;
    }
  if (!remit_ledger_commit (self, error))
    return FALSE;

  remit_bill_set_state (bill, to);
  remit_bill_set_updated_usec (bill, now);
  if (to == REMIT_BILL_STATE_PAID && remit_bill_get_paid_date (bill) == NULL)
    remit_bill_set_paid_date (bill, today);
  return TRUE;
}

static gint64
insert_attempt (RemitLedger *self,
                gint64 bill_id,
                RemitPaymentRail rail,
                const char *provider_id,
                const char *idempotency_key,
                RemitPaymentStatus status,
                const char *paid_date,
                gint64 now,
                GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *detail = NULL;
  gint64 id;

  stmt = remit_ledger_prepare (self,
                               "INSERT INTO payment_attempts (bill_id, rail, provider_id, "
                               "idempotency_key, status, paid_date, created, updated) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  bind_text (stmt, 2, remit_payment_rail_to_string (rail));
  bind_text (stmt, 3, provider_id);
  bind_text (stmt, 4, idempotency_key);
  bind_text (stmt, 5, remit_payment_status_to_string (status));
  bind_text (stmt, 6, paid_date);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  if (!remit_ledger_step_done (self, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (self->db);

  detail = g_strdup_printf ("%s %s", remit_payment_rail_to_string (rail),
                            remit_payment_status_to_string (status));
  if (!record_event (self, bill_id, now, "payment", NULL, NULL, detail, error))
    return 0;
  return id;
}

/**
 * remit_ledger_mark_paid:
 * @self: a #RemitLedger
 * @bill: a saved bill
 * @paid_date: (nullable): the day it was paid, `YYYY-MM-DD`, not in the future; %NULL for
 *   today
 * @error: return location for a %REMIT_STORE_ERROR or a %REMIT_CORE_ERROR (the date)
 *
 * Records that the bill was paid by hand: a payment attempt on the manual rail, the paid
 * date and the move to Paid, all in one transaction.
 *
 * Returns: whether the bill is now paid
 */
gboolean
remit_ledger_mark_paid (RemitLedger *self, RemitBill *bill, const char *paid_date, GError **error)
{
  g_autofree char *today = NULL;
  RemitBillState from;
  gint64 now;
  gint64 id;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (REMIT_IS_BILL (bill), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  now = remit_ledger_now (self);
  today = remit_ledger_dup_today (self);
  if (paid_date == NULL)
    paid_date = today;
  if (!remit_date_is_valid_iso (paid_date))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("“%s” is not a date; write it as YYYY-MM-DD"), paid_date);
      return FALSE;
    }
  if (strcmp (paid_date, today) > 0)
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                   _("The payment date %s lies in the future"), paid_date);
      return FALSE;
    }

  id = remit_bill_get_id (bill);
  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;
  if (!move_locked (self, id, REMIT_BILL_STATE_PAID, paid_date, "manual", now, &from, error)
      || insert_attempt (self, id, REMIT_PAYMENT_RAIL_MANUAL, NULL, NULL,
                         REMIT_PAYMENT_STATUS_PAID, paid_date, now, error) == 0)
    {
      remit_ledger_rollback (self);
      return FALSE;
    }
  if (!remit_ledger_commit (self, error))
    return FALSE;

  remit_bill_set_state (bill, REMIT_BILL_STATE_PAID);
  remit_bill_set_paid_date (bill, paid_date);
  remit_bill_set_updated_usec (bill, now);
  return TRUE;
}

/* Snapshots */

static gboolean
check_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;

  if (!json_parser_load_from_data (parser, json, -1, &local_error))
    {
      g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
                   _("The snapshot is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_snapshot (RemitLedger *self,
              const char *table,
              const char *kind,
              gint64 bill_id,
              const char *json,
              GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *sql = NULL;
  RemitBillState state;
  gint64 now;

  if (json != NULL && !check_json (json, error))
    return FALSE;

  now = remit_ledger_now (self);
  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;
  if (!read_state (self, bill_id, &state, error))
    goto failed;

  if (json != NULL)
    sql = g_strdup_printf ("INSERT OR REPLACE INTO %s (bill_id, json, updated) VALUES (?1, ?2, ?3)",
                           table);
  else
    sql = g_strdup_printf ("DELETE FROM %s WHERE bill_id = ?1", table);
  stmt = remit_ledger_prepare (self, sql, error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  if (json != NULL)
    {
      sqlite3_bind_text (stmt, 2, json, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, now);
    }
  if (!remit_ledger_step_done (self, stmt, error)
      || !record_event (self, bill_id, now, kind, NULL, NULL, json != NULL ? "set" : "cleared",
                        error))
    goto failed;

  return remit_ledger_commit (self, error);

failed:
  remit_ledger_rollback (self);
  return FALSE;
}

static char *
dup_snapshot (RemitLedger *self, const char *table, gint64 bill_id, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT b.id, s.json FROM bills b LEFT JOIN %s s "
                                          "ON s.bill_id = b.id WHERE b.id = ?",
                                          table);
  int rc;

  stmt = remit_ledger_prepare (self, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, bill_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return remit_store_dup_column_text (stmt, 1);
  if (rc == SQLITE_DONE)
    set_not_found (error, bill_id);
  else
    set_db_error (self->db, rc, error);
  return NULL;
}

/**
 * remit_ledger_set_extraction:
 * @json: (nullable): the extractions as the API answered (JSON text); %NULL removes them
 *
 * Keeps the extraction snapshot of a bill, apart from the bill's row.
 *
 * Returns: whether it was saved
 */
gboolean
remit_ledger_set_extraction (RemitLedger *self, gint64 bill_id, const char *json, GError **error)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  return set_snapshot (self, "bill_extractions", "extraction", bill_id, json, error);
}

/**
 * remit_ledger_dup_extraction:
 *
 * Returns: (transfer full) (nullable): the extraction snapshot, or %NULL when the bill has
 *   none (no error) or does not exist (%REMIT_STORE_ERROR_NOT_FOUND)
 */
char *
remit_ledger_dup_extraction (RemitLedger *self, gint64 bill_id, GError **error)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  return dup_snapshot (self, "bill_extractions", bill_id, error);
}

/**
 * remit_ledger_set_layout:
 * @json: (nullable): the layout as the API answered (JSON text); %NULL removes it
 *
 * Keeps the layout snapshot of a bill in its own table: it may be large, and listing bills
 * never reads it.
 *
 * Returns: whether it was saved
 */
gboolean
remit_ledger_set_layout (RemitLedger *self, gint64 bill_id, const char *json, GError **error)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  return set_snapshot (self, "bill_layouts", "layout", bill_id, json, error);
}

/**
 * remit_ledger_dup_layout:
 *
 * Returns: (transfer full) (nullable): the layout snapshot, as remit_ledger_dup_extraction()
 */
char *
remit_ledger_dup_layout (RemitLedger *self, gint64 bill_id, GError **error)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  return dup_snapshot (self, "bill_layouts", bill_id, error);
}

/* History */

static RemitBillState
state_or (const char *text, RemitBillState fallback)
{
  RemitBillState state;

  return remit_bill_state_from_string (text, &state) ? state : fallback;
}

/**
 * remit_ledger_get_history:
 *
 * Returns: (transfer full) (element-type RemitBillEvent) (nullable): the bill's events,
 *   oldest first
 */
GPtrArray *
remit_ledger_get_history (RemitLedger *self, gint64 bill_id, GError **error)
{
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  RemitBillState state;
  int rc;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);

  if (!read_state (self, bill_id, &state, error))
    return NULL;
  stmt = remit_ledger_prepare (self,
                               "SELECT id, at, kind, from_state, to_state, detail "
                               "FROM bill_history WHERE bill_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, bill_id);

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_bill_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RemitBillEvent *event = g_new0 (RemitBillEvent, 1);
      RemitBillState to;

      event->id = sqlite3_column_int64 (stmt, 0);
      event->bill_id = bill_id;
      event->time_usec = sqlite3_column_int64 (stmt, 1);
      event->kind = remit_store_dup_column_text (stmt, 2);
      to = state_or ((const char *) sqlite3_column_text (stmt, 4), REMIT_BILL_STATE_NEW);
      event->from_state = state_or ((const char *) sqlite3_column_text (stmt, 3), to);
      event->to_state = to;
      event->detail = remit_store_dup_column_text (stmt, 5);
      g_ptr_array_add (events, event);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&events);
}

/* Payment attempts */

/**
 * remit_ledger_add_payment_attempt:
 * @self: a #RemitLedger
 * @bill_id: the bill
 * @rail: the rail
 * @provider_id: (nullable): the payment provider (rail gini)
 * @idempotency_key: (nullable): the key of the journal entry that creates the payment, so
 *   that the attempt and the remote request can be matched after a crash
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Records a new attempt to pay, in status Pending.
 *
 * Returns: the attempt's id, or 0 on error
 */
gint64
remit_ledger_add_payment_attempt (RemitLedger *self,
                                  gint64 bill_id,
                                  RemitPaymentRail rail,
                                  const char *provider_id,
                                  const char *idempotency_key,
                                  GError **error)
{
  RemitBillState state;
  gint64 id;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), 0);
  g_return_val_if_fail (rail <= REMIT_PAYMENT_RAIL_MANUAL, 0);

  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return 0;
  if (!read_state (self, bill_id, &state, error)
      || (id = insert_attempt (self, bill_id, rail, provider_id, idempotency_key,
                               REMIT_PAYMENT_STATUS_PENDING, NULL, remit_ledger_now (self),
                               error)) == 0)
    {
      remit_ledger_rollback (self);
      return 0;
    }
  if (!remit_ledger_commit (self, error))
    return 0;
  return id;
}

/**
 * remit_ledger_update_payment_attempt:
 * @self: a #RemitLedger
 * @attempt_id: the attempt
 * @status: its new status
 * @remote_id: (nullable): the payment request's id at the server; %NULL keeps the one known
 * @error_message: (nullable): why it failed
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Returns: whether the attempt was saved
 */
gboolean
remit_ledger_update_payment_attempt (RemitLedger *self,
                                     gint64 attempt_id,
                                     RemitPaymentStatus status,
                                     const char *remote_id,
                                     const char *error_message,
                                     GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autoptr (RemitStmt) find = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *today = NULL;
  gint64 now;
  gint64 bill_id;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (status <= REMIT_PAYMENT_STATUS_FAILED, FALSE);

  now = remit_ledger_now (self);
  today = remit_ledger_dup_today (self);
  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;

  find = remit_ledger_prepare (self, "SELECT bill_id, rail FROM payment_attempts WHERE id = ?",
                               error);
  if (find == NULL)
    goto failed;
  sqlite3_bind_int64 (find, 1, attempt_id);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
                   _("There is no payment attempt %lld"), (long long) attempt_id);
      goto failed;
    }
  bill_id = sqlite3_column_int64 (find, 0);
  detail = g_strdup_printf ("%s %s", (const char *) sqlite3_column_text (find, 1),
                            remit_payment_status_to_string (status));

  stmt = remit_ledger_prepare (self,
                               "UPDATE payment_attempts SET status = ?, "
                               "remote_id = coalesce (?, remote_id), error = ?, "
                               "paid_date = coalesce (paid_date, ?), updated = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, remit_payment_status_to_string (status));
  bind_text (stmt, 2, remote_id);
  bind_text (stmt, 3, error_message);
  bind_text (stmt, 4, status == REMIT_PAYMENT_STATUS_PAID ? today : NULL);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, attempt_id);
  if (!remit_ledger_step_done (self, stmt, error)
      || !record_event (self, bill_id, now, "payment", NULL, NULL, detail, error))
    goto failed;

  return remit_ledger_commit (self, error);

failed:
  remit_ledger_rollback (self);
  return FALSE;
}

/**
 * remit_ledger_list_payment_attempts:
 *
 * Returns: (transfer full) (element-type RemitPaymentAttempt) (nullable): the bill's
 *   attempts, oldest first
 */
GPtrArray *
remit_ledger_list_payment_attempts (RemitLedger *self, gint64 bill_id, GError **error)
{
  g_autoptr (GPtrArray) attempts = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  RemitBillState state;
  int rc;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);

  if (!read_state (self, bill_id, &state, error))
    return NULL;
  stmt = remit_ledger_prepare (self,
                               "SELECT id, rail, provider_id, remote_id, idempotency_key, "
                               "status, error, paid_date, created, updated "
                               "FROM payment_attempts WHERE bill_id = ? ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, bill_id);

  attempts = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_payment_attempt_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RemitPaymentAttempt *attempt = g_new0 (RemitPaymentAttempt, 1);

      attempt->id = sqlite3_column_int64 (stmt, 0);
      attempt->bill_id = bill_id;
      remit_payment_rail_from_string ((const char *) sqlite3_column_text (stmt, 1),
                                      &attempt->rail);
      attempt->provider_id = remit_store_dup_column_text (stmt, 2);
      attempt->remote_id = remit_store_dup_column_text (stmt, 3);
      attempt->idempotency_key = remit_store_dup_column_text (stmt, 4);
      attempt->status = payment_status_from_string ((const char *) sqlite3_column_text (stmt, 5));
      attempt->error = remit_store_dup_column_text (stmt, 6);
      attempt->paid_date = remit_store_dup_column_text (stmt, 7);
      attempt->created_usec = sqlite3_column_int64 (stmt, 8);
      attempt->updated_usec = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (attempts, attempt);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&attempts);
}

/* Listing */

static GListModel *
collect_bills (RemitLedger *self, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) bills = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GListStore) store = g_list_store_new (REMIT_TYPE_BILL);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bills, bill_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return NULL;
    }

  /* One items-changed for the whole list. */
  g_list_store_splice (store, 0, 0, bills->pdata, bills->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* The list of bills remit_ledger_list_bills() returns: the ids in order, and each bill
 * loaded from the ledger (in blocks) the first time it is asked for (a list view asks only
 * for the rows it shows), then kept, so that the same position always gives the same
 * object. */
#define REMIT_TYPE_LEDGER_BILLS (remit_ledger_bills_get_type ())
G_DECLARE_FINAL_TYPE (RemitLedgerBills, remit_ledger_bills, REMIT, LEDGER_BILLS, GObject)

struct _RemitLedgerBills
{
  GObject parent_instance;

  RemitLedger *ledger;
  GArray *ids;       /* of gint64 */
  GPtrArray *bills;  /* of RemitBill, NULL until loaded */
};

static void remit_ledger_bills_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RemitLedgerBills, remit_ledger_bills, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      remit_ledger_bills_model_init))

/* Slots of bills never asked for stay NULL. */
static void
unref_loaded_bill (gpointer bill)
{
  if (bill != NULL)
    g_object_unref (bill);
}

static void
remit_ledger_bills_finalize (GObject *object)
{
  RemitLedgerBills *self = REMIT_LEDGER_BILLS (object);

  g_clear_object (&self->ledger);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->bills, g_ptr_array_unref);

  G_OBJECT_CLASS (remit_ledger_bills_parent_class)->finalize (object);
}

static void
remit_ledger_bills_class_init (RemitLedgerBillsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = remit_ledger_bills_finalize;
}

static void
remit_ledger_bills_init (RemitLedgerBills *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->bills = g_ptr_array_new_with_free_func (unref_loaded_bill);
}

static GType
remit_ledger_bills_get_item_type (GListModel *model)
{
  return REMIT_TYPE_BILL;
}

static guint
remit_ledger_bills_get_n_items (GListModel *model)
{
  return REMIT_LEDGER_BILLS (model)->ids->len;
}

/* Bills are read in blocks: one query for the block around the position asked for. */
#define LEDGER_BILLS_BLOCK 256

static void
remit_ledger_bills_load_block (RemitLedgerBills *self, guint position)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  g_autoptr (GHashTable) positions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GString) ids = g_string_new ("[");
  guint start = position - position % LEDGER_BILLS_BLOCK;
  guint end = MIN (start + LEDGER_BILLS_BLOCK, self->ids->len);
  int rc;

  for (guint i = start; i < end; i++)
    {
      gint64 *id = &g_array_index (self->ids, gint64, i);

      if (g_ptr_array_index (self->bills, i) != NULL)
        continue;
      g_hash_table_insert (positions, id, GUINT_TO_POINTER (i + 1));
      g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, ids->len > 1 ? "," : "", *id);
    }
  g_string_append_c (ids, ']');

  stmt = remit_ledger_prepare (self->ledger,
                               "SELECT " BILL_COLUMNS " FROM bills "
                               "WHERE id IN (SELECT value FROM json_each (?))",
                               &error);
  if (stmt == NULL)
    {
      g_warning ("Bills cannot be read: %s", error->message);
      return;
    }
  sqlite3_bind_text (stmt, 1, ids->str, (int) ids->len, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint at = GPOINTER_TO_UINT (g_hash_table_lookup (positions, &id));

      if (at > 0 && g_ptr_array_index (self->bills, at - 1) == NULL)
        g_ptr_array_index (self->bills, at - 1) = bill_from_row (stmt);
    }
  if (rc != SQLITE_DONE)
    g_warning ("Bills cannot be read: %s",
               sqlite3_errmsg (remit_ledger_get_handle (self->ledger)));
}

static gpointer
remit_ledger_bills_get_item (GListModel *model, guint position)
{
  RemitLedgerBills *self = REMIT_LEDGER_BILLS (model);
  RemitBill *bill;

  if (position >= self->ids->len)
    return NULL;

  if (g_ptr_array_index (self->bills, position) == NULL)
    remit_ledger_bills_load_block (self, position);

  bill = g_ptr_array_index (self->bills, position);
  if (bill == NULL)
    {
      /* A model cannot fail: an empty bill with the id stands in. */
      bill = remit_bill_new ();
      remit_bill_set_id (bill, g_array_index (self->ids, gint64, position));
      g_ptr_array_index (self->bills, position) = bill;
    }

  return g_object_ref (bill);
}

static void
remit_ledger_bills_model_init (GListModelInterface *iface)
{
  iface->get_item_type = remit_ledger_bills_get_item_type;
  iface->get_n_items = remit_ledger_bills_get_n_items;
  iface->get_item = remit_ledger_bills_get_item;
}

/**
 * remit_ledger_list_bills:
 * @self: a #RemitLedger
 * @query: (nullable): what to list and in which order; %NULL for every bill, oldest first
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Only the ids are read here; each #RemitBill is read when the model is first asked for
 * it, and kept. The model holds a reference on the ledger.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #RemitBill
 */
GListModel *
remit_ledger_list_bills (RemitLedger *self, const RemitBillQuery *query, GError **error)
{
  static const RemitBillQuery everything = { 0 };
  g_autoptr (GString) sql = g_string_new ("SELECT id FROM bills WHERE 1");
  g_autoptr (RemitStmt) stmt = NULL;
  g_autoptr (RemitLedgerBills) list = NULL;
  g_auto (GStrv) words = NULL;
  const char *direction;
  int index = 1;
  int rc;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (query == NULL)
    query = &everything;

  if (query->states != 0)
    {
      gboolean first = TRUE;

      g_string_append (sql, " AND state IN (");
      for (guint s = 0; s < REMIT_BILL_N_STATES; s++)
        if (query->states & REMIT_BILL_STATE_BIT (s))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ", ",
                                    remit_bill_state_to_string ((RemitBillState) s));
            first = FALSE;
          }
      g_string_append (sql, ")");
    }

  if (query->due_before != NULL)
    {
      if (!remit_date_is_valid_iso (query->due_before))
        {
          g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                       _("“%s” is not a date; write it as YYYY-MM-DD"), query->due_before);
          return NULL;
        }
      g_string_append (sql, " AND due_date < ?");
    }

  if (query->text != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (query->text, -1);

      words = g_strsplit_set (folded, " \t\n\r", -1);
      for (guint i = 0; words[i] != NULL; i++)
        if (*words[i] != '\0')
          g_string_append (sql, " AND instr (search_text, ?) > 0");
    }

  /* With a text filter every row is read anyway: a scan in table order and a sort of the
   * matches beats walking an index and fetching each row ("+" keeps the index out). */
  direction = query->descending ? "DESC" : "ASC";
  if (query->sort == REMIT_BILL_SORT_DUE_DATE)
    g_string_append_printf (sql, " ORDER BY %s(due_date IS NULL), due_date %s, id %s",
                            words != NULL ? "+" : "", direction, direction);
  else
    g_string_append_printf (sql, " ORDER BY %screated %s, id %s", words != NULL ? "+" : "",
                            direction, direction);

  stmt = remit_ledger_prepare (self, sql->str, error);
  if (stmt == NULL)
    return NULL;
  if (query->due_before != NULL)
    bind_text (stmt, index++, query->due_before);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    if (*words[i] != '\0')
      bind_text (stmt, index++, words[i]);

  list = g_object_new (REMIT_TYPE_LEDGER_BILLS, NULL);
  list->ledger = g_object_ref (self);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (list->ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_db_error (self->db, rc, error);
      return NULL;
    }
  g_ptr_array_set_size (list->bills, (int) list->ids->len);

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * remit_ledger_count_bills:
 *
 * Returns: how many bills the ledger holds (0 on error)
 */
guint
remit_ledger_count_bills (RemitLedger *self, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), 0);

  stmt = remit_ledger_prepare (self, "SELECT count (*) FROM bills", error);
  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_db_error (self->db, rc, error);
      return 0;
    }
  return (guint) sqlite3_column_int64 (stmt, 0);
}

/* Duplicates */

/**
 * remit_ledger_find_duplicates:
 * @self: a #RemitLedger
 * @bill: a bill, saved or not
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * The other bills @bill may repeat: first those with the same file (any state), then those
 * that are not archived and pay the same IBAN the same amount with the same purpose
 * (case and spacing of the purpose ignored). Nothing is changed; the caller decides.
 *
 * Returns: (transfer full) (nullable): a #GListModel of #RemitBill, possibly empty
 */
GListModel *
remit_ledger_find_duplicates (RemitLedger *self, RemitBill *bill, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *payment_key = NULL;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), NULL);
  g_return_val_if_fail (REMIT_IS_BILL (bill), NULL);

  payment_key = remit_bill_dup_payment_key (bill);
  stmt = remit_ledger_prepare (
    self,
    "SELECT " BILL_COLUMNS " FROM bills WHERE id != ?1 AND "
    "((?2 IS NOT NULL AND sha256 = ?2) "
    " OR (?3 IS NOT NULL AND payment_key = ?3 AND state != 'archived')) "
    "ORDER BY (sha256 IS NOT ?2), id",
    error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, remit_bill_get_id (bill));
  bind_text (stmt, 2, remit_bill_get_sha256 (bill));
  bind_text (stmt, 3, payment_key);

  return collect_bills (self, stmt, error);
}

/**
 * remit_ledger_dismiss_duplicate:
 *
 * Clears the duplicate flag of @bill: the person said it is not a repeat. Later changes to
 * the bill's payment do not flag it again.
 *
 * Returns: whether it was saved
 */
gboolean
remit_ledger_dismiss_duplicate (RemitLedger *self, RemitBill *bill, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  RemitBillState state;
  gint64 id;
  gint64 now;

  g_return_val_if_fail (REMIT_IS_LEDGER (self), FALSE);
  g_return_val_if_fail (REMIT_IS_BILL (bill), FALSE);

  id = remit_bill_get_id (bill);
  now = remit_ledger_now (self);
  if (!remit_ledger_begin_write (self, REMIT_WRITE_NORMAL, error))
    return FALSE;
  if (!read_state (self, id, &state, error))
    goto failed;
  stmt = remit_ledger_prepare (self,
                               "UPDATE bills SET duplicate_of = NULL, duplicate_reason = 'none', "
                               "duplicate_dismissed = 1, updated = ? WHERE id = ?",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_int64 (stmt, 1, now);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!remit_ledger_step_done (self, stmt, error)
      || !record_event (self, id, now, "duplicate", NULL, NULL, "dismissed", error))
    goto failed;
  if (!remit_ledger_commit (self, error))
    return FALSE;

  remit_bill_set_duplicate (bill, 0, REMIT_DUPLICATE_REASON_NONE);
  remit_bill_set_updated_usec (bill, now);
  return TRUE;

failed:
  remit_ledger_rollback (self);
  return FALSE;
}
