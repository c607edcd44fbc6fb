/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-journal"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "remit-core-error.h"
#include "remit-journal.h"
#include "remit-ledger-private.h"

static const GEnumValue kind_values[] = {
  { REMIT_JOURNAL_KIND_UPLOAD, "REMIT_JOURNAL_KIND_UPLOAD", "upload" },
  { REMIT_JOURNAL_KIND_FEEDBACK, "REMIT_JOURNAL_KIND_FEEDBACK", "feedback" },
  { REMIT_JOURNAL_KIND_DELETE_LABEL, "REMIT_JOURNAL_KIND_DELETE_LABEL", "delete-label" },
  { REMIT_JOURNAL_KIND_DELETE_DOCUMENT, "REMIT_JOURNAL_KIND_DELETE_DOCUMENT",
    "delete-document" },
  { REMIT_JOURNAL_KIND_PAYMENT_REQUEST, "REMIT_JOURNAL_KIND_PAYMENT_REQUEST",
    "payment-request" },
  { 0, NULL, NULL },
};

static const GEnumValue state_values[] = {
  { REMIT_JOURNAL_STATE_PENDING, "REMIT_JOURNAL_STATE_PENDING", "pending" },
  { REMIT_JOURNAL_STATE_SENT, "REMIT_JOURNAL_STATE_SENT", "sent" },
  { REMIT_JOURNAL_STATE_DONE, "REMIT_JOURNAL_STATE_DONE", "done" },
  { REMIT_JOURNAL_STATE_FAILED, "REMIT_JOURNAL_STATE_FAILED", "failed" },
  { 0, NULL, NULL },
};

GType
remit_journal_kind_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("RemitJournalKind", kind_values));
  return type_id;
}

GType
remit_journal_state_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    g_once_init_leave (&type_id, g_enum_register_static ("RemitJournalState", state_values));
  return type_id;
}

const char *
remit_journal_kind_to_string (RemitJournalKind kind)
{
  g_return_val_if_fail (kind <= REMIT_JOURNAL_KIND_PAYMENT_REQUEST, NULL);
  return kind_values[kind].value_nick;
}

const char *
remit_journal_state_to_string (RemitJournalState state)
{
  g_return_val_if_fail (state <= REMIT_JOURNAL_STATE_FAILED, NULL);
  return state_values[state].value_nick;
}

static int
lookup_nick (const GEnumValue *values, const char *text)
{
  for (int i = 0; text != NULL && values[i].value_nick != NULL; i++)
    if (g_str_equal (values[i].value_nick, text))
      return values[i].value;
  return -1;
}

/* RemitJournalEntry */

/**
 * RemitJournalEntry:
 *
 * One remote operation as the journal holds it. Entries are snapshots: the journal's
 * functions update the entry they are given.
 */
struct _RemitJournalEntry
{
  GObject parent_instance;

  gint64 id;
  RemitJournalKind kind;
  gint64 bill_id;
  char *backend;
  char *idempotency_key;
  char *payload;
  RemitJournalState state;
  guint attempts;
  char *result;
  char *error;
  gint64 created_usec;
  gint64 updated_usec;
};

G_DEFINE_FINAL_TYPE (RemitJournalEntry, remit_journal_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_ID,
  ENTRY_PROP_KIND,
  ENTRY_PROP_BILL_ID,
  ENTRY_PROP_BACKEND,
  ENTRY_PROP_IDEMPOTENCY_KEY,
  ENTRY_PROP_PAYLOAD,
  ENTRY_PROP_STATE,
  ENTRY_PROP_ATTEMPTS,
  ENTRY_PROP_RESULT,
  ENTRY_PROP_ERROR,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static void
remit_journal_entry_finalize (GObject *object)
{
  RemitJournalEntry *self = REMIT_JOURNAL_ENTRY (object);

  g_clear_pointer (&self->backend, g_free);
  g_clear_pointer (&self->idempotency_key, g_free);
  g_clear_pointer (&self->payload, g_free);
  g_clear_pointer (&self->result, g_free);
  g_clear_pointer (&self->error, g_free);

  G_OBJECT_CLASS (remit_journal_entry_parent_class)->finalize (object);
}

static void
remit_journal_entry_get_property (GObject *object,
                                  guint prop_id,
                                  GValue *value,
                                  GParamSpec *pspec)
{
  RemitJournalEntry *self = REMIT_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case ENTRY_PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case ENTRY_PROP_BILL_ID:
      g_value_set_int64 (value, self->bill_id);
      break;
    case ENTRY_PROP_BACKEND:
      g_value_set_string (value, self->backend);
      break;
    case ENTRY_PROP_IDEMPOTENCY_KEY:
      g_value_set_string (value, self->idempotency_key);
      break;
    case ENTRY_PROP_PAYLOAD:
      g_value_set_string (value, self->payload);
      break;
    case ENTRY_PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case ENTRY_PROP_ATTEMPTS:
      g_value_set_uint (value, self->attempts);
      break;
    case ENTRY_PROP_RESULT:
      g_value_set_string (value, self->result);
      break;
    case ENTRY_PROP_ERROR:
      g_value_set_string (value, self->error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_journal_entry_class_init (RemitJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = remit_journal_entry_finalize;
  object_class->get_property = remit_journal_entry_get_property;

  entry_properties[ENTRY_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  entry_properties[ENTRY_PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, REMIT_TYPE_JOURNAL_KIND, REMIT_JOURNAL_KIND_UPLOAD,
                       flags);
  entry_properties[ENTRY_PROP_BILL_ID] =
    g_param_spec_int64 ("bill-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  entry_properties[ENTRY_PROP_BACKEND] = g_param_spec_string ("backend", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_IDEMPOTENCY_KEY] =
    g_param_spec_string ("idempotency-key", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_PAYLOAD] = g_param_spec_string ("payload", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, REMIT_TYPE_JOURNAL_STATE,
                       REMIT_JOURNAL_STATE_PENDING, flags);
  entry_properties[ENTRY_PROP_ATTEMPTS] =
    g_param_spec_uint ("attempts", NULL, NULL, 0, G_MAXUINT, 0, flags);
  entry_properties[ENTRY_PROP_RESULT] = g_param_spec_string ("result", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
remit_journal_entry_init (RemitJournalEntry *self)
{
}

gint64
remit_journal_entry_get_id (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->id;
}

RemitJournalKind
remit_journal_entry_get_kind (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->kind;
}

/**
 * remit_journal_entry_get_bill_id:
 *
 * Returns: the bill the operation is for, or 0
 */
gint64
remit_journal_entry_get_bill_id (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->bill_id;
}

const char *
remit_journal_entry_get_backend (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), NULL);
  return self->backend;
}

/**
 * remit_journal_entry_get_idempotency_key:
 *
 * Returns: the UUID to send as `Idempotency-Key`, the same for every try
 */
const char *
remit_journal_entry_get_idempotency_key (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), NULL);
  return self->idempotency_key;
}

const char *
remit_journal_entry_get_payload (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), NULL);
  return self->payload;
}

RemitJournalState
remit_journal_entry_get_state (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->state;
}

/**
 * remit_journal_entry_get_attempts:
 *
 * Returns: how many times the operation was marked sent
 */
guint
remit_journal_entry_get_attempts (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->attempts;
}

const char *
remit_journal_entry_get_result (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), NULL);
  return self->result;
}

const char *
remit_journal_entry_get_error (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), NULL);
  return self->error;
}

gint64
remit_journal_entry_get_created_usec (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->created_usec;
}

gint64
remit_journal_entry_get_updated_usec (RemitJournalEntry *self)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (self), 0);
  return self->updated_usec;
}

static void
entry_set_state (RemitJournalEntry *self, RemitJournalState state, gint64 now)
{
  self->updated_usec = now;
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_STATE]);
    }
}

/* RemitJournal */

/**
 * RemitJournal:
 *
 * The journal of remote operations of a #RemitLedger; see the section documentation in
 * `remit-journal.h` for how it keeps a crash from sending an operation twice.
 */
struct _RemitJournal
{
  GObject parent_instance;

  RemitLedger *ledger;
};

G_DEFINE_FINAL_TYPE (RemitJournal, remit_journal, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LEDGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
remit_journal_dispose (GObject *object)
{
  RemitJournal *self = REMIT_JOURNAL (object);

  g_clear_object (&self->ledger);

  G_OBJECT_CLASS (remit_journal_parent_class)->dispose (object);
}

static void
remit_journal_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  RemitJournal *self = REMIT_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      g_value_set_object (value, self->ledger);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_journal_set_property (GObject *object,
                            guint prop_id,
                            const GValue *value,
                            GParamSpec *pspec)
{
  RemitJournal *self = REMIT_JOURNAL (object);

  switch (prop_id)
    {
    case PROP_LEDGER:
      self->ledger = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remit_journal_class_init (RemitJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remit_journal_dispose;
  object_class->get_property = remit_journal_get_property;
  object_class->set_property = remit_journal_set_property;

  /**
   * RemitJournal:ledger:
   *
   * The ledger whose database holds the journal.
   */
  properties[PROP_LEDGER] =
    g_param_spec_object ("ledger", NULL, NULL, REMIT_TYPE_LEDGER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
remit_journal_init (RemitJournal *self)
{
}

/**
 * remit_journal_new:
 * @ledger: the ledger that keeps the journal
 *
 * Returns: (transfer full): the journal of @ledger
 */
RemitJournal *
remit_journal_new (RemitLedger *ledger)
{
  g_return_val_if_fail (REMIT_IS_LEDGER (ledger), NULL);

  return g_object_new (REMIT_TYPE_JOURNAL, "ledger", ledger, NULL);
}

#define ENTRY_COLUMNS                                                                         \
  "id, kind, bill_id, backend, idempotency_key, payload, state, attempts, result, error, "   \
  "created, updated"

static RemitJournalEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  RemitJournalEntry *entry = g_object_new (REMIT_TYPE_JOURNAL_ENTRY, NULL);
  int kind = lookup_nick (kind_values, (const char *) sqlite3_column_text (stmt, 1));
  int state = lookup_nick (state_values, (const char *) sqlite3_column_text (stmt, 6));

  entry->id = sqlite3_column_int64 (stmt, 0);
  entry->kind = kind >= 0 ? (RemitJournalKind) kind : REMIT_JOURNAL_KIND_UPLOAD;
  entry->bill_id = sqlite3_column_int64 (stmt, 2);
  entry->backend = remit_store_dup_column_text (stmt, 3);
  entry->idempotency_key = remit_store_dup_column_text (stmt, 4);
  entry->payload = remit_store_dup_column_text (stmt, 5);
  /* An unknown state is treated as possibly sent: the safe reading. */
  entry->state = state >= 0 ? (RemitJournalState) state : REMIT_JOURNAL_STATE_SENT;
  entry->attempts = (guint) sqlite3_column_int (stmt, 7);
  entry->result = remit_store_dup_column_text (stmt, 8);
  entry->error = remit_store_dup_column_text (stmt, 9);
  entry->created_usec = sqlite3_column_int64 (stmt, 10);
  entry->updated_usec = sqlite3_column_int64 (stmt, 11);
  return entry;
}

static gboolean
check_json (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;

  if (json == NULL || json_parser_load_from_data (parser, json, -1, &local_error))
    return TRUE;
  g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED,
               _("The data of the operation is not valid JSON: %s"), local_error->message);
  return FALSE;
}

/**
 * remit_journal_begin:
 * @self: a #RemitJournal
 * @kind: what the operation does
 * @bill_id: the bill it is for, or 0
 * @backend: the backend it goes to (`local`, `gini`, a server URL)
 * @payload_json: (nullable): what is sent, as JSON, so that a resume can send it again
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Writes a new entry in state Pending with a fresh `Idempotency-Key` (a random UUID) and
 * syncs it to the disk before it returns. Send nothing unless this succeeds.
 *
 * An unfinished upload or payment request for the same bill makes this fail with
 * %REMIT_STORE_ERROR_PENDING: resume that one (remit_journal_list_pending()).
 *
 * Returns: (transfer full) (nullable): the entry
 */
RemitJournalEntry *
remit_journal_begin (RemitJournal *self,
                     RemitJournalKind kind,
                     gint64 bill_id,
                     const char *backend,
                     const char *payload_json,
                     GError **error)
{
  g_autoptr (RemitJournalEntry) entry = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  g_autofree char *key = NULL;
  gint64 now;
  int rc;

  g_return_val_if_fail (REMIT_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (kind <= REMIT_JOURNAL_KIND_PAYMENT_REQUEST, NULL);
  g_return_val_if_fail (backend != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_json (payload_json, error))
    return NULL;

  key = g_uuid_string_random ();
  now = remit_ledger_now (self->ledger);

  if (!remit_ledger_begin_write (self->ledger, REMIT_WRITE_DURABLE, error))
    return NULL;
  stmt = remit_ledger_prepare (self->ledger,
                               "INSERT INTO journal (kind, bill_id, backend, idempotency_key, "
                               "payload, state, attempts, created, updated) "
                               "VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?)",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, remit_journal_kind_to_string (kind), -1, SQLITE_STATIC);
  if (bill_id > 0)
    sqlite3_bind_int64 (stmt, 2, bill_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, backend, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, key, -1, SQLITE_TRANSIENT);
  if (payload_json != NULL)
    sqlite3_bind_text (stmt, 5, payload_json, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, now);
  sqlite3_bind_int64 (stmt, 7, now);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_PENDING,
                   _("Bill %lld already has an unfinished %s; it is resumed instead of starting another"),
                   (long long) bill_id, remit_journal_kind_to_string (kind));
      goto failed;
    }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
                   _("There is no bill %lld in the ledger"), (long long) bill_id);
      goto failed;
    }
  if (rc != SQLITE_DONE)
    {
      remit_ledger_set_error (self->ledger, rc, error);
      goto failed;
    }

  entry = g_object_new (REMIT_TYPE_JOURNAL_ENTRY, NULL);
  entry->id = sqlite3_last_insert_rowid (remit_ledger_get_handle (self->ledger));

  /* The commit is synced (synchronous = FULL): from here on the key is on the disk. */
  if (!remit_ledger_commit (self->ledger, error))
    return NULL;

  entry->kind = kind;
  entry->bill_id = MAX (bill_id, 0);
  entry->backend = g_strdup (backend);
  entry->idempotency_key = g_steal_pointer (&key);
  entry->payload = g_strdup (payload_json);
  entry->state = REMIT_JOURNAL_STATE_PENDING;
  entry->created_usec = now;
  entry->updated_usec = now;
  return g_steal_pointer (&entry);

failed:
  remit_ledger_rollback (self->ledger);
  return NULL;
}

static gboolean
set_finished_error (GError **error, RemitJournalEntry *entry, RemitJournalState state)
{
  g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_ILLEGAL_MOVE,
               _("The %s operation %lld is %s and cannot change any more"),
               remit_journal_kind_to_string (entry->kind), (long long) entry->id,
               remit_journal_state_to_string (state));
  return FALSE;
}

/* Within a write transaction: the state the disk holds for @entry. */
static gboolean
read_entry_state (RemitJournal *self,
                  RemitJournalEntry *entry,
                  RemitJournalState *state,
                  GError **error)
{
  g_autoptr (RemitStmt) stmt =
    remit_ledger_prepare (self->ledger, "SELECT state FROM journal WHERE id = ?", error);
  int rc;
  int value;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, entry->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
                   _("There is no operation %lld in the journal"), (long long) entry->id);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return remit_ledger_set_error (self->ledger, rc, error);
  value = lookup_nick (state_values, (const char *) sqlite3_column_text (stmt, 0));
  *state = value >= 0 ? (RemitJournalState) value : REMIT_JOURNAL_STATE_SENT;
  return TRUE;
}

/* Moves @entry to @to when the disk holds one of @allowed (a bit set of states). */
static gboolean
finish (RemitJournal *self,
        RemitJournalEntry *entry,
        RemitWriteMode mode,
        guint allowed,
        RemitJournalState to,
        const char *result,
        const char *message,
        GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  RemitJournalState current = REMIT_JOURNAL_STATE_SENT;
  gint64 now = remit_ledger_now (self->ledger);

  if (!remit_ledger_begin_write (self->ledger, mode, error))
    return FALSE;
  if (!read_entry_state (self, entry, &current, error))
    goto failed;
  if ((allowed & (1u << current)) == 0)
    {
      set_finished_error (error, entry, current);
      goto failed;
    }

  stmt = remit_ledger_prepare (self->ledger,
                               "UPDATE journal SET state = ?, "
                               "attempts = attempts + (? = 'sent'), "
                               "result = coalesce (?, result), error = ?, updated = ? "
                               "WHERE id = ?",
                               error);
  if (stmt == NULL)
    goto failed;
  sqlite3_bind_text (stmt, 1, remit_journal_state_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, remit_journal_state_to_string (to), -1, SQLITE_STATIC);
  if (result != NULL)
    sqlite3_bind_text (stmt, 3, result, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  if (message != NULL)
    sqlite3_bind_text (stmt, 4, message, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, now);
  sqlite3_bind_int64 (stmt, 6, entry->id);
  if (!remit_ledger_step_done (self->ledger, stmt, error))
    goto failed;
  if (!remit_ledger_commit (self->ledger, error))
    return FALSE;

  if (to == REMIT_JOURNAL_STATE_SENT)
    {
      entry->attempts++;
      g_object_notify_by_pspec (G_OBJECT (entry), entry_properties[ENTRY_PROP_ATTEMPTS]);
    }
  if (result != NULL)
    {
      g_free (entry->result);
      entry->result = g_strdup (result);
      g_object_notify_by_pspec (G_OBJECT (entry), entry_properties[ENTRY_PROP_RESULT]);
    }
  if (g_strcmp0 (entry->error, message) != 0)
    {
      g_free (entry->error);
      entry->error = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (entry), entry_properties[ENTRY_PROP_ERROR]);
    }
  entry_set_state (entry, to, now);
  return TRUE;

failed:
  remit_ledger_rollback (self->ledger);
  return FALSE;
}

#define STATE_BIT(state) (1u << (state))

/**
 * remit_journal_mark_sent:
 * @self: a #RemitJournal
 * @entry: a pending or sent entry
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Records, synced to the disk, that the operation is about to be sent (again) and counts
 * the try. Call it right before each send; send only if it succeeds.
 *
 * Returns: whether the entry is now Sent
 */
gboolean
remit_journal_mark_sent (RemitJournal *self, RemitJournalEntry *entry, GError **error)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (entry), FALSE);

  return finish (self, entry, REMIT_WRITE_DURABLE,
                 STATE_BIT (REMIT_JOURNAL_STATE_PENDING) | STATE_BIT (REMIT_JOURNAL_STATE_SENT),
                 REMIT_JOURNAL_STATE_SENT, NULL, NULL, error);
}

/**
 * remit_journal_complete:
 * @self: a #RemitJournal
 * @entry: a sent entry
 * @result_json: (nullable): the answer, as JSON (the created document's or request's
 *   location, …)
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Records the answer: the operation is done. An ordinary commit; if a crash loses it, the
 * entry stays Sent and its resume sends again with the same key.
 *
 * Returns: whether the entry is now Done
 */
gboolean
remit_journal_complete (RemitJournal *self,
                        RemitJournalEntry *entry,
                        const char *result_json,
                        GError **error)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (entry), FALSE);

  if (!check_json (result_json, error))
    return FALSE;
  return finish (self, entry, REMIT_WRITE_NORMAL, STATE_BIT (REMIT_JOURNAL_STATE_SENT),
                 REMIT_JOURNAL_STATE_DONE, result_json, NULL, error);
}

/**
 * remit_journal_fail:
 * @self: a #RemitJournal
 * @entry: a pending or sent entry
 * @message: why the operation failed for good (a server's refusal, the person gave up)
 * @error: return location for a %REMIT_STORE_ERROR
 *
 * Records that the operation will not be tried again. Do not call it for a failure that a
 * retry may mend (no network, 5xx, 429): leave the entry for the resume.
 *
 * Returns: whether the entry is now Failed
 */
gboolean
remit_journal_fail (RemitJournal *self,
                    RemitJournalEntry *entry,
                    const char *message,
                    GError **error)
{
  g_return_val_if_fail (REMIT_IS_JOURNAL (self), FALSE);
  g_return_val_if_fail (REMIT_IS_JOURNAL_ENTRY (entry), FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  return finish (self, entry, REMIT_WRITE_NORMAL,
                 STATE_BIT (REMIT_JOURNAL_STATE_PENDING) | STATE_BIT (REMIT_JOURNAL_STATE_SENT),
                 REMIT_JOURNAL_STATE_FAILED, NULL, message, error);
}

/**
 * remit_journal_list_pending:
 *
 * Returns: (transfer full) (element-type RemitJournalEntry) (nullable): the unfinished
 *   entries (Pending and Sent), oldest first, with their stored keys
 */
GPtrArray *
remit_journal_list_pending (RemitJournal *self, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REMIT_IS_JOURNAL (self), NULL);

  stmt = remit_ledger_prepare (self->ledger,
                               "SELECT " ENTRY_COLUMNS " FROM journal "
                               "WHERE state IN ('pending', 'sent') ORDER BY id",
                               error);
  if (stmt == NULL)
    return NULL;

  entries = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      remit_ledger_set_error (self->ledger, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/**
 * remit_journal_lookup:
 *
 * Returns: (transfer full) (nullable): the entry with @idempotency_key, or %NULL with
 *   %REMIT_STORE_ERROR_NOT_FOUND
 */
RemitJournalEntry *
remit_journal_lookup (RemitJournal *self, const char *idempotency_key, GError **error)
{
  g_autoptr (RemitStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (REMIT_IS_JOURNAL (self), NULL);
  g_return_val_if_fail (idempotency_key != NULL, NULL);

  stmt = remit_ledger_prepare (self->ledger,
                               "SELECT " ENTRY_COLUMNS " FROM journal WHERE idempotency_key = ?",
                               error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, idempotency_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return entry_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, REMIT_STORE_ERROR, REMIT_STORE_ERROR_NOT_FOUND,
                 _("No operation in the journal has the key %s"), idempotency_key);
  else
    remit_ledger_set_error (self->ledger, rc, error);
  return NULL;
}
