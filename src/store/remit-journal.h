/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "remit-ledger.h"

G_BEGIN_DECLS

/**
 * SECTION:remit-journal
 *
 * The journal of remote operations: a row, kept in the ledger database, for every call
 * that changes something on a server. The component that sends uses it like this:
 *
 * |[<!-- language="C" -->
 * entry = remit_journal_begin (journal, REMIT_JOURNAL_KIND_PAYMENT_REQUEST, bill_id,
 *                              backend, payload_json, &error);          // 1. durable
 * if (entry == NULL)
 *   return;                                                            // nothing was sent
 * if (!remit_journal_mark_sent (journal, entry, &error))                // 2. durable
 *   return;                                                            // nothing was sent
 * send (request, "Idempotency-Key", remit_journal_entry_get_idempotency_key (entry));
 * remit_journal_complete (journal, entry, answer_json, &error);         // 3.
 * // or, when the server definitely refused: remit_journal_fail (journal, entry, why, …)
 * ]|
 *
 * Why a crash cannot make the same request create twice:
 *
 * 1. remit_journal_begin() returns only after the entry, with a fresh random
 *    `Idempotency-Key`, is synced to the disk (SQLite `synchronous=FULL` for that commit).
 *    So every request that leaves carries a key that the disk already holds: after any
 *    crash the key is found again, never made anew.
 * 2. remit_journal_mark_sent() is synced too, and is called before the first byte leaves.
 *    So `pending` on the disk proves that the request never left; `sent` means that it may
 *    have reached the server, answered or not.
 * 3. remit_journal_complete() and remit_journal_fail() are ordinary commits. If one is lost
 *    (a power cut right after), the entry is still `sent`, and resuming it is safe, below.
 *
 * On start, and when the network returns, remit_journal_list_pending() gives the unfinished
 * entries, oldest first, each with its stored key:
 *
 * - `pending`: never sent; mark it sent and send it, with its stored key.
 * - `sent`: the server may have done it. Send again with the same key: a server that
 *   honours `Idempotency-Key` answers with the first result instead of creating again. For
 *   a server that ignores keys, look first (the document list, the payment requests of the
 *   document) and complete the entry with what is found; create only when nothing is.
 *
 * In addition, remit_journal_begin() refuses a second unfinished upload or payment request
 * for the same bill (%REMIT_STORE_ERROR_PENDING), so a resume and a new click cannot both
 * create one: the unfinished entry is resumed instead.
 */

/**
 * RemitJournalKind:
 * @REMIT_JOURNAL_KIND_UPLOAD: `POST /documents`
 * @REMIT_JOURNAL_KIND_FEEDBACK: `PUT /documents/{id}/extractions/feedback`
 * @REMIT_JOURNAL_KIND_DELETE_LABEL: `DELETE /documents/{id}/extractions/{label}`
 * @REMIT_JOURNAL_KIND_DELETE_DOCUMENT: `DELETE /documents/{id}`
 * @REMIT_JOURNAL_KIND_PAYMENT_REQUEST: `POST /paymentRequests`
 */
typedef enum
{
  REMIT_JOURNAL_KIND_UPLOAD,
  REMIT_JOURNAL_KIND_FEEDBACK,
  REMIT_JOURNAL_KIND_DELETE_LABEL,
  REMIT_JOURNAL_KIND_DELETE_DOCUMENT,
  REMIT_JOURNAL_KIND_PAYMENT_REQUEST,
} RemitJournalKind;

#define REMIT_TYPE_JOURNAL_KIND (remit_journal_kind_get_type ())
GType remit_journal_kind_get_type (void) G_GNUC_CONST;
const char *remit_journal_kind_to_string (RemitJournalKind kind);

/**
 * RemitJournalState:
 * @REMIT_JOURNAL_STATE_PENDING: written, certainly not sent
 * @REMIT_JOURNAL_STATE_SENT: sent at least once; the server may have done it
 * @REMIT_JOURNAL_STATE_DONE: answered; the result is kept
 * @REMIT_JOURNAL_STATE_FAILED: refused for good; the error is kept
 */
typedef enum
{
  REMIT_JOURNAL_STATE_PENDING,
  REMIT_JOURNAL_STATE_SENT,
  REMIT_JOURNAL_STATE_DONE,
  REMIT_JOURNAL_STATE_FAILED,
} RemitJournalState;

#define REMIT_TYPE_JOURNAL_STATE (remit_journal_state_get_type ())
GType remit_journal_state_get_type (void) G_GNUC_CONST;
const char *remit_journal_state_to_string (RemitJournalState state);

#define REMIT_TYPE_JOURNAL_ENTRY (remit_journal_entry_get_type ())
G_DECLARE_FINAL_TYPE (RemitJournalEntry, remit_journal_entry, REMIT, JOURNAL_ENTRY, GObject)

gint64 remit_journal_entry_get_id (RemitJournalEntry *self);
RemitJournalKind remit_journal_entry_get_kind (RemitJournalEntry *self);
gint64 remit_journal_entry_get_bill_id (RemitJournalEntry *self);
const char *remit_journal_entry_get_backend (RemitJournalEntry *self);
const char *remit_journal_entry_get_idempotency_key (RemitJournalEntry *self);
const char *remit_journal_entry_get_payload (RemitJournalEntry *self);
RemitJournalState remit_journal_entry_get_state (RemitJournalEntry *self);
guint remit_journal_entry_get_attempts (RemitJournalEntry *self);
const char *remit_journal_entry_get_result (RemitJournalEntry *self);
const char *remit_journal_entry_get_error (RemitJournalEntry *self);
gint64 remit_journal_entry_get_created_usec (RemitJournalEntry *self);
gint64 remit_journal_entry_get_updated_usec (RemitJournalEntry *self);

#define REMIT_TYPE_JOURNAL (remit_journal_get_type ())
G_DECLARE_FINAL_TYPE (RemitJournal, remit_journal, REMIT, JOURNAL, GObject)

RemitJournal *remit_journal_new (RemitLedger *ledger);

RemitJournalEntry *remit_journal_begin (RemitJournal *self,
                                        RemitJournalKind kind,
                                        gint64 bill_id,
                                        const char *backend,
                                        const char *payload_json,
                                        GError **error);
gboolean remit_journal_mark_sent (RemitJournal *self, RemitJournalEntry *entry, GError **error);
gboolean remit_journal_complete (RemitJournal *self,
                                 RemitJournalEntry *entry,
                                 const char *result_json,
                                 GError **error);
gboolean remit_journal_fail (RemitJournal *self,
                             RemitJournalEntry *entry,
                             const char *message,
                             GError **error);
GPtrArray *remit_journal_list_pending (RemitJournal *self, GError **error);
RemitJournalEntry *remit_journal_lookup (RemitJournal *self,
                                         const char *idempotency_key,
                                         GError **error);

G_END_DECLS
