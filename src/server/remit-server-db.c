/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-server-db"

#include "config.h"

#include <sqlite3.h>
#include <stdarg.h>

#include "remit-server.h"
#include "remit-server-db.h"

struct _RemitServerDb
{
  sqlite3 *handle;
};

#define SCHEMA_VERSION 1

/* Idempotency keys are remembered for a day, as payment APIs commonly do. */
#define IDEMPOTENCY_LIFETIME (24 * G_TIME_SPAN_HOUR)

static const char schema[] =
  "CREATE TABLE users ("
  "  id TEXT PRIMARY KEY,"
  "  client_id TEXT,"
  "  external_id TEXT,"
  "  email TEXT UNIQUE,"
  "  salt TEXT,"
  "  password_hash TEXT,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (client_id, external_id));"
  "CREATE TABLE tokens ("
  "  hash TEXT PRIMARY KEY,"
  "  client_id TEXT NOT NULL,"
  "  user_id TEXT,"
  "  expires INTEGER NOT NULL);"
  "CREATE INDEX tokens_user ON tokens (user_id);"
  "CREATE TABLE documents ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id TEXT NOT NULL UNIQUE,"
  "  user_id TEXT NOT NULL,"
  "  kind INTEGER NOT NULL,"
  "  name TEXT,"
  "  content_type TEXT,"
  "  created INTEGER NOT NULL,"
  "  progress TEXT NOT NULL,"
  "  error TEXT,"
  "  classification TEXT,"
  "  page_count INTEGER NOT NULL DEFAULT -1,"
  "  processed_pages INTEGER NOT NULL DEFAULT -1,"
  "  branch_id TEXT,"
  "  device_class TEXT,"
  "  parts TEXT,"
  "  extractions TEXT,"
  "  layout TEXT);"
  "CREATE INDEX documents_user ON documents (user_id, seq);"
  "CREATE TABLE feedback ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  document_id TEXT NOT NULL,"
  "  received INTEGER NOT NULL,"
  "  body TEXT,"
  "  label TEXT);"
  "CREATE INDEX feedback_document ON feedback (document_id, seq);"
  "CREATE TABLE payment_requests ("
  "  seq INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  id TEXT NOT NULL UNIQUE,"
  "  user_id TEXT NOT NULL,"
  "  created INTEGER NOT NULL,"
  "  body TEXT NOT NULL,"
  "  status TEXT NOT NULL,"
  "  requester_uri TEXT,"
  "  payment TEXT,"
  "  paid_at INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX payment_requests_user ON payment_requests (user_id, seq);"
  "CREATE TABLE idempotency ("
  "  user_id TEXT NOT NULL,"
  "  key TEXT NOT NULL,"
  "  fingerprint TEXT NOT NULL,"
  "  status INTEGER NOT NULL,"
  "  location TEXT,"
  "  content_type TEXT,"
  "  body BLOB,"
  "  created INTEGER NOT NULL,"
  "  PRIMARY KEY (user_id, key));";

static gboolean
set_db_error (RemitServerDb *db, GError **error, const char *what)
{
  g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_DATABASE,
               "Database error while %s: %s", what, sqlite3_errmsg (db->handle));
  return FALSE;
}

/* Prepares @sql and binds the arguments named by @types: 's' a string (NULL binds NULL),
 * 'i' a gint64, 'b' a GBytes (NULL binds NULL). */
static sqlite3_stmt *
prepare (RemitServerDb *db, GError **error, const char *sql, const char *types, ...)
{
  sqlite3_stmt *stmt = NULL;
  va_list args;
  int rc = SQLITE_OK;

  if (sqlite3_prepare_v2 (db->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_db_error (db, error, "preparing a statement");
      return NULL;
    }

  va_start (args, types);
  for (int i = 0; types != NULL && types[i] != '\0' && rc == SQLITE_OK; i++)
    {
      switch (types[i])
        {
        case 's':
          {
            const char *text = va_arg (args, const char *);

            rc = text != NULL ? sqlite3_bind_text (stmt, i + 1, text, -1, SQLITE_TRANSIENT)
                              : sqlite3_bind_null (stmt, i + 1);
          }
          break;
        case 'i':
          rc = sqlite3_bind_int64 (stmt, i + 1, va_arg (args, gint64));
          break;
        case 'b':
          {
            GBytes *bytes = va_arg (args, GBytes *);
            gsize size = 0;
            const void *data = bytes != NULL ? g_bytes_get_data (bytes, &size) : NULL;

            rc = bytes != NULL ? sqlite3_bind_blob64 (stmt, i + 1, data != NULL ? data : "", size,
                                                      SQLITE_TRANSIENT)
                               : sqlite3_bind_null (stmt, i + 1);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
  va_end (args);

  if (rc != SQLITE_OK)
    {
      set_db_error (db, error, "binding a value");
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* Runs a statement that returns no rows and finalizes it. */
static gboolean
run (RemitServerDb *db, sqlite3_stmt *stmt, GError **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_db_error (db, error, "writing");

  return TRUE;
}

/* Steps to the next row: TRUE with a row, FALSE at the end or on error (then @error set). */
static gboolean
next_row (RemitServerDb *db, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    set_db_error (db, error, "reading");
  return FALSE;
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static gboolean
exec (RemitServerDb *db, const char *sql, GError **error)
{
  if (sqlite3_exec (db->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    return set_db_error (db, error, "setting up");

  return TRUE;
}

RemitServerDb *
remit_server_db_open (const char *path, GError **error)
{
  g_autoptr (RemitServerDb) db = g_new0 (RemitServerDb, 1);
  sqlite3_stmt *stmt;
  int version = 0;

  if (sqlite3_open_v2 (path, &db->handle,
                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      set_db_error (db, error, "opening");
      return NULL;
    }

  sqlite3_busy_timeout (db->handle, 2000);
  if (!exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", error))
    return NULL;

  stmt = prepare (db, error, "PRAGMA user_version", NULL);
  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > SCHEMA_VERSION)
    {
      g_set_error (error, REMIT_SERVER_ERROR, REMIT_SERVER_ERROR_DATABASE,
                   "The database “%s” was written by a newer remit-server (schema %d)", path,
                   version);
      return NULL;
    }

  if (version == 0)
    {
      g_autofree char *sql = g_strdup_printf ("BEGIN; %s PRAGMA user_version = %d; COMMIT;",
                                              schema, SCHEMA_VERSION);

      if (!exec (db, sql, error))
        return NULL;
    }

  return g_steal_pointer (&db);
}

/* Closes the database: the last connection checkpoints the write-ahead log into the file.
 * Fails when a statement is still open; the handle is then closed once it is finalized. */
gboolean
remit_server_db_close_checked (RemitServerDb *db, GError **error)
{
  gboolean closed = TRUE;

  if (db == NULL)
    return TRUE;

  if (sqlite3_close (db->handle) != SQLITE_OK)
    {
      closed = set_db_error (db, error, "closing");
      sqlite3_close_v2 (db->handle);
    }

  g_free (db);
  return closed;
}

void
remit_server_db_close (RemitServerDb *db)
{
  g_autoptr (GError) error = NULL;

  if (!remit_server_db_close_checked (db, &error))
    g_warning ("%s", error->message);
}

gboolean
remit_server_db_begin (RemitServerDb *db, GError **error)
{
  return exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
remit_server_db_commit (RemitServerDb *db, GError **error)
{
  return exec (db, "COMMIT", error);
}

void
remit_server_db_rollback (RemitServerDb *db)
{
  sqlite3_exec (db->handle, "ROLLBACK", NULL, NULL, NULL);
}

/* Users ----------------------------------------------------------------------------------- */

void
remit_server_user_free (RemitServerUser *user)
{
  if (user == NULL)
    return;

  g_free (user->id);
  g_free (user->client_id);
  g_free (user->external_id);
  g_free (user->email);
  g_free (user->salt);
  g_free (user->password_hash);
  g_free (user);
}

#define USER_COLUMNS "id, client_id, external_id, email, salt, password_hash, created"

static RemitServerUser *
read_user (RemitServerDb *db, sqlite3_stmt *stmt, GError **error)
{
  RemitServerUser *user = NULL;

  if (stmt == NULL)
    return NULL;

  if (next_row (db, stmt, error))
    {
      user = g_new0 (RemitServerUser, 1);
      user->id = column_text (stmt, 0);
      user->client_id = column_text (stmt, 1);
      user->external_id = column_text (stmt, 2);
      user->email = column_text (stmt, 3);
      user->salt = column_text (stmt, 4);
      user->password_hash = column_text (stmt, 5);
      user->created = sqlite3_column_int64 (stmt, 6);
    }

  sqlite3_finalize (stmt);
  return user;
}

gboolean
remit_server_db_insert_user (RemitServerDb *db, const RemitServerUser *user, GError **error)
{
  return run (db,
              prepare (db, error, "INSERT INTO users (" USER_COLUMNS ") VALUES (?,?,?,?,?,?,?)",
                       "ssssssi", user->id, user->client_id, user->external_id, user->email,
                       user->salt, user->password_hash, user->created),
              error);
}

/* The lookups return NULL without setting @error when nothing matches. */
RemitServerUser *
remit_server_db_get_user (RemitServerDb *db, const char *id, GError **error)
{
  return read_user (db,
                    prepare (db, error, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", "s",
                             id),
                    error);
}

RemitServerUser *
remit_server_db_find_user_by_email (RemitServerDb *db, const char *email, GError **error)
{
  return read_user (db,
                    prepare (db, error,
                             "SELECT " USER_COLUMNS " FROM users WHERE email = ? COLLATE NOCASE",
                             "s", email),
                    error);
}

RemitServerUser *
remit_server_db_find_derived_user (RemitServerDb *db,
                                   const char *client_id,
                                   const char *external_id,
                                   GError **error)
{
  return read_user (db,
                    prepare (db, error,
                             "SELECT " USER_COLUMNS " FROM users"
                             " WHERE client_id = ? AND external_id = ?",
                             "ss", client_id, external_id),
                    error);
}

gboolean
remit_server_db_update_user (RemitServerDb *db, const RemitServerUser *user, GError **error)
{
  return run (db,
              prepare (db, error,
                       "UPDATE users SET email = ?, salt = ?, password_hash = ? WHERE id = ?",
                       "ssss", user->email, user->salt, user->password_hash, user->id),
              error);
}

/* Deletes the user with everything it owns. */
gboolean
remit_server_db_delete_user (RemitServerDb *db, const char *id, GError **error)
{
  static const char *const statements[] = {
    "DELETE FROM feedback WHERE document_id IN (SELECT id FROM documents WHERE user_id = ?)",
    "DELETE FROM documents WHERE user_id = ?",
    "DELETE FROM payment_requests WHERE user_id = ?",
    "DELETE FROM idempotency WHERE user_id = ?",
    "DELETE FROM tokens WHERE user_id = ?",
    "DELETE FROM users WHERE id = ?",
  };

  if (!remit_server_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    if (!run (db, prepare (db, error, statements[i], "s", id), error))
      {
        remit_server_db_rollback (db);
        return FALSE;
      }

  return remit_server_db_commit (db, error);
}

/* Tokens ---------------------------------------------------------------------------------- */

gboolean
remit_server_db_insert_token (RemitServerDb *db,
                              const char *hash,
                              const char *client_id,
                              const char *user_id,
                              gint64 expires,
                              GError **error)
{
  return run (db,
              prepare (db, error,
                       "INSERT INTO tokens (hash, client_id, user_id, expires) VALUES (?,?,?,?)",
                       "sssi", hash, client_id, user_id, expires),
              error);
}

/* Returns FALSE without setting @error when the token is not known. */
gboolean
remit_server_db_lookup_token (RemitServerDb *db,
                              const char *hash,
                              char **client_id,
                              char **user_id,
                              gint64 *expires,
                              GError **error)
{
  sqlite3_stmt *stmt = prepare (db, error,
                                "SELECT client_id, user_id, expires FROM tokens WHERE hash = ?",
                                "s", hash);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;

  if (next_row (db, stmt, error))
    {
      *client_id = column_text (stmt, 0);
      *user_id = column_text (stmt, 1);
      *expires = sqlite3_column_int64 (stmt, 2);
      found = TRUE;
    }

  sqlite3_finalize (stmt);
  return found;
}

gboolean
remit_server_db_purge_tokens (RemitServerDb *db, gint64 now, GError **error)
{
  return run (db, prepare (db, error, "DELETE FROM tokens WHERE expires <= ?", "i", now), error);
}

/* Documents ------------------------------------------------------------------------------- */

void
remit_server_doc_free (RemitServerDoc *doc)
{
  if (doc == NULL)
    return;

  g_free (doc->id);
  g_free (doc->user_id);
  g_free (doc->name);
  g_free (doc->content_type);
  g_free (doc->progress);
  g_free (doc->error);
  g_free (doc->classification);
  g_free (doc->branch_id);
  g_free (doc->device_class);
  g_free (doc->parts);
  g_free (doc->extractions);
  g_free (doc->layout);
  g_free (doc);
}

#define DOC_COLUMNS                                                                           \
  "id, user_id, kind, name, content_type, created, progress, error, classification,"        \
  " page_count, processed_pages, branch_id, device_class, parts, extractions, layout"

static RemitServerDoc *
doc_from_row (sqlite3_stmt *stmt)
{
  RemitServerDoc *doc = g_new0 (RemitServerDoc, 1);

  doc->id = column_text (stmt, 0);
  doc->user_id = column_text (stmt, 1);
  doc->kind = sqlite3_column_int (stmt, 2);
  doc->name = column_text (stmt, 3);
  doc->content_type = column_text (stmt, 4);
  doc->created = sqlite3_column_int64 (stmt, 5);
  doc->progress = column_text (stmt, 6);
  doc->error = column_text (stmt, 7);
  doc->classification = column_text (stmt, 8);
  doc->page_count = sqlite3_column_int (stmt, 9);
  doc->processed_pages = sqlite3_column_int (stmt, 10);
  doc->branch_id = column_text (stmt, 11);
  doc->device_class = column_text (stmt, 12);
  doc->parts = column_text (stmt, 13);
  doc->extractions = column_text (stmt, 14);
  doc->layout = column_text (stmt, 15);
  return doc;
}

/* Reads every row of @stmt into an array of documents, or NULL on error. */
static GPtrArray *
read_documents (RemitServerDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) docs = NULL;
  GError *local_error = NULL;

  if (stmt == NULL)
    return NULL;

  docs = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_server_doc_free);
  while (next_row (db, stmt, &local_error))
    g_ptr_array_add (docs, doc_from_row (stmt));
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&docs);
}

gboolean
remit_server_db_insert_document (RemitServerDb *db, const RemitServerDoc *doc, GError **error)
{
  return run (db,
              prepare (db, error,
                       "INSERT INTO documents (" DOC_COLUMNS ")"
                       " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       "ssississsiisssss", doc->id, doc->user_id, (gint64) doc->kind, doc->name,
                       doc->content_type, doc->created, doc->progress, doc->error,
                       doc->classification, (gint64) doc->page_count,
                       (gint64) doc->processed_pages, doc->branch_id, doc->device_class,
                       doc->parts, doc->extractions, doc->layout),
              error);
}

RemitServerDoc *
remit_server_db_get_document (RemitServerDb *db, const char *id, GError **error)
{
  g_autoptr (GPtrArray) docs = read_documents (db,
                                               prepare (db, error,
                                                        "SELECT " DOC_COLUMNS
                                                        " FROM documents WHERE id = ?",
                                                        "s", id),
                                               error);

  if (docs == NULL || docs->len == 0)
    return NULL;

  return g_ptr_array_steal_index (docs, 0);
}

/* The user's documents, newest first. */
GPtrArray *
remit_server_db_list_documents (RemitServerDb *db,
                                const char *user_id,
                                gint64 limit,
                                gint64 offset,
                                gint64 *total,
                                GError **error)
{
  sqlite3_stmt *stmt = prepare (db, error, "SELECT count(*) FROM documents WHERE user_id = ?",
                                "s", user_id);

  if (stmt == NULL)
    return NULL;
  *total = next_row (db, stmt, NULL) ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);

  return read_documents (db,
                         prepare (db, error,
                                  "SELECT " DOC_COLUMNS " FROM documents WHERE user_id = ?"
                                  " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                  "sii", user_id, limit, offset),
                         error);
}

/* Documents whose processing did not finish, oldest first: the server resumes them. */
GPtrArray *
remit_server_db_list_pending_documents (RemitServerDb *db, GError **error)
{
  return read_documents (db,
                         prepare (db, error,
                                  "SELECT " DOC_COLUMNS " FROM documents"
                                  " WHERE progress = 'PENDING' ORDER BY seq",
                                  NULL),
                         error);
}

GPtrArray *
remit_server_db_list_user_document_ids (RemitServerDb *db, const char *user_id, GError **error)
{
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  GError *local_error = NULL;
  sqlite3_stmt *stmt = prepare (db, error, "SELECT id FROM documents WHERE user_id = ?", "s",
                                user_id);

  if (stmt == NULL)
    return NULL;

  while (next_row (db, stmt, &local_error))
    g_ptr_array_add (ids, column_text (stmt, 0));
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/* Whether a composite document lists the document @id among its parts. */
gboolean
remit_server_db_document_is_part (RemitServerDb *db,
                                  const char *id,
                                  gboolean *is_part,
                                  GError **error)
{
  g_autofree char *pattern = g_strdup_printf ("%%\"%s\"%%", id);
  sqlite3_stmt *stmt = prepare (db, error,
                                "SELECT count(*) FROM documents WHERE kind = ? AND parts LIKE ?",
                                "is", (gint64) REMIT_SERVER_DOC_COMPOSITE, pattern);
  GError *local_error = NULL;

  if (stmt == NULL)
    return FALSE;

  *is_part = next_row (db, stmt, &local_error) && sqlite3_column_int64 (stmt, 0) > 0;
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
remit_server_db_update_document_result (RemitServerDb *db,
                                        const RemitServerDoc *doc,
                                        GError **error)
{
  return run (db,
              prepare (db, error,
                       "UPDATE documents SET progress = ?, error = ?, classification = ?,"
                       " page_count = ?, processed_pages = ?, extractions = ?, layout = ?"
                       " WHERE id = ?",
                       "sssiisss", doc->progress, doc->error, doc->classification,
                       (gint64) doc->page_count, (gint64) doc->processed_pages, doc->extractions,
                       doc->layout, doc->id),
              error);
}

gboolean
remit_server_db_update_extractions (RemitServerDb *db,
                                    const char *id,
                                    const char *extractions,
                                    GError **error)
{
  return run (db,
              prepare (db, error, "UPDATE documents SET extractions = ? WHERE id = ?", "ss",
                       extractions, id),
              error);
}

gboolean
remit_server_db_delete_document (RemitServerDb *db, const char *id, GError **error)
{
  if (!remit_server_db_begin (db, error))
    return FALSE;

  if (!run (db, prepare (db, error, "DELETE FROM feedback WHERE document_id = ?", "s", id), error)
      || !run (db, prepare (db, error, "DELETE FROM documents WHERE id = ?", "s", id), error))
    {
      remit_server_db_rollback (db);
      return FALSE;
    }

  return remit_server_db_commit (db, error);
}

/* Feedback -------------------------------------------------------------------------------- */

void
remit_server_feedback_free (RemitServerFeedback *feedback)
{
  if (feedback == NULL)
    return;

  g_free (feedback->body);
  g_free (feedback->label);
  g_free (feedback);
}

gboolean
remit_server_db_insert_feedback (RemitServerDb *db,
                                 const char *document_id,
                                 const char *body,
                                 const char *label,
                                 GError **error)
{
  return run (db,
              prepare (db, error,
                       "INSERT INTO feedback (document_id, received, body, label)"
                       " VALUES (?,?,?,?)",
                       "siss", document_id, g_get_real_time () / 1000, body, label),
              error);
}

GPtrArray *
remit_server_db_list_feedback (RemitServerDb *db, const char *document_id, GError **error)
{
  g_autoptr (GPtrArray) list = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt = prepare (db, error,
                                "SELECT received, body, label FROM feedback"
                                " WHERE document_id = ? ORDER BY seq",
                                "s", document_id);

  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_server_feedback_free);
  while (next_row (db, stmt, &local_error))
    {
      RemitServerFeedback *feedback = g_new0 (RemitServerFeedback, 1);

      feedback->received = sqlite3_column_int64 (stmt, 0);
      feedback->body = column_text (stmt, 1);
      feedback->label = column_text (stmt, 2);
      g_ptr_array_add (list, feedback);
    }
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

/* Payment requests ------------------------------------------------------------------------ */

void
remit_server_payment_request_free (RemitServerPaymentRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->id);
  g_free (request->user_id);
  g_free (request->body);
  g_free (request->status);
  g_free (request->requester_uri);
  g_free (request->payment);
  g_free (request);
}

#define PAYMENT_REQUEST_COLUMNS                                                               \
  "id, user_id, created, body, status, requester_uri, payment, paid_at"

static GPtrArray *
read_payment_requests (RemitServerDb *db, sqlite3_stmt *stmt, GError **error)
{
  g_autoptr (GPtrArray) list = NULL;
  GError *local_error = NULL;

  if (stmt == NULL)
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_server_payment_request_free);
  while (next_row (db, stmt, &local_error))
    {
      RemitServerPaymentRequest *request = g_new0 (RemitServerPaymentRequest, 1);

      request->id = column_text (stmt, 0);
      request->user_id = column_text (stmt, 1);
      request->created = sqlite3_column_int64 (stmt, 2);
      request->body = column_text (stmt, 3);
      request->status = column_text (stmt, 4);
      request->requester_uri = column_text (stmt, 5);
      request->payment = column_text (stmt, 6);
      request->paid_at = sqlite3_column_int64 (stmt, 7);
      g_ptr_array_add (list, request);
    }
  sqlite3_finalize (stmt);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

gboolean
remit_server_db_insert_payment_request (RemitServerDb *db,
                                        const RemitServerPaymentRequest *request,
                                        GError **error)
{
  return run (db,
              prepare (db, error,
                       "INSERT INTO payment_requests (" PAYMENT_REQUEST_COLUMNS ")"
                       " VALUES (?,?,?,?,?,?,?,?)",
                       "ssissssi", request->id, request->user_id, request->created,
                       request->body, request->status, request->requester_uri, request->payment,
                       request->paid_at),
              error);
}

RemitServerPaymentRequest *
remit_server_db_get_payment_request (RemitServerDb *db, const char *id, GError **error)
{
  g_autoptr (GPtrArray) list = read_payment_requests (db,
                                                      prepare (db, error,
                                                               "SELECT " PAYMENT_REQUEST_COLUMNS
                                                               " FROM payment_requests"
                                                               " WHERE id = ?",
                                                               "s", id),
                                                      error);

  if (list == NULL || list->len == 0)
    return NULL;

  return g_ptr_array_steal_index (list, 0);
}

/* The user's payment requests, newest first. */
GPtrArray *
remit_server_db_list_payment_requests (RemitServerDb *db,
                                       const char *user_id,
                                       gint64 limit,
                                       gint64 offset,
                                       gint64 *total,
                                       GError **error)
{
  sqlite3_stmt *stmt = prepare (db, error,
                                "SELECT count(*) FROM payment_requests WHERE user_id = ?", "s",
                                user_id);

  if (stmt == NULL)
    return NULL;
  *total = next_row (db, stmt, NULL) ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_finalize (stmt);

  return read_payment_requests (db,
                                prepare (db, error,
                                         "SELECT " PAYMENT_REQUEST_COLUMNS
                                         " FROM payment_requests WHERE user_id = ?"
                                         " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                         "sii", user_id, limit, offset),
                                error);
}

gboolean
remit_server_db_set_payment (RemitServerDb *db,
                             const char *id,
                             const char *payment,
                             gint64 paid_at,
                             GError **error)
{
  return run (db,
              prepare (db, error,
                       "UPDATE payment_requests SET status = 'paid', payment = ?, paid_at = ?"
                       " WHERE id = ?",
                       "sis", payment, paid_at, id),
              error);
}

/* Idempotency ----------------------------------------------------------------------------- */

void
remit_server_idempotent_free (RemitServerIdempotent *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->fingerprint);
  g_free (entry->location);
  g_free (entry->content_type);
  g_clear_pointer (&entry->body, g_bytes_unref);
  g_free (entry);
}

RemitServerIdempotent *
remit_server_db_get_idempotent (RemitServerDb *db,
                                const char *user_id,
                                const char *key,
                                GError **error)
{
  RemitServerIdempotent *entry = NULL;
  sqlite3_stmt *stmt = prepare (db, error,
                                "SELECT fingerprint, status, location, content_type, body"
                                " FROM idempotency WHERE user_id = ? AND key = ? AND created > ?",
                                "ssi", user_id, key,
                                g_get_real_time () - IDEMPOTENCY_LIFETIME);

  if (stmt == NULL)
    return NULL;

  if (next_row (db, stmt, error))
    {
      const void *data = sqlite3_column_blob (stmt, 4);
      gsize size = sqlite3_column_bytes (stmt, 4);

      entry = g_new0 (RemitServerIdempotent, 1);
      entry->fingerprint = column_text (stmt, 0);
      entry->status = sqlite3_column_int (stmt, 1);
      entry->location = column_text (stmt, 2);
      entry->content_type = column_text (stmt, 3);
      entry->body = sqlite3_column_type (stmt, 4) != SQLITE_NULL ? g_bytes_new (data, size) : NULL;
    }

  sqlite3_finalize (stmt);
  return entry;
}

gboolean
remit_server_db_insert_idempotent (RemitServerDb *db,
                                   const char *user_id,
                                   const char *key,
                                   const RemitServerIdempotent *entry,
                                   GError **error)
{
  gint64 now = g_get_real_time ();

  if (!run (db,
            prepare (db, error, "DELETE FROM idempotency WHERE created <= ?", "i",
                     now - IDEMPOTENCY_LIFETIME),
            error))
    return FALSE;

  return run (db,
              prepare (db, error,
                       "INSERT OR REPLACE INTO idempotency"
                       " (user_id, key, fingerprint, status, location, content_type, body, created)"
                       " VALUES (?,?,?,?,?,?,?,?)",
                       "sssissbi", user_id, key, entry->fingerprint, (gint64) entry->status,
                       entry->location, entry->content_type, entry->body, now),
              error);
}
