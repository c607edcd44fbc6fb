/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The server's state in SQLite: users, tokens, documents, feedback, payment requests and
 * the answers kept for idempotency keys. Used from the main thread only; workers get
 * plain data and hand plain data back.
 */
typedef struct _RemitServerDb RemitServerDb;

RemitServerDb *remit_server_db_open (const char *path, GError **error);
void remit_server_db_close (RemitServerDb *db);
gboolean remit_server_db_close_checked (RemitServerDb *db, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerDb, remit_server_db_close)

gboolean remit_server_db_begin (RemitServerDb *db, GError **error);
gboolean remit_server_db_commit (RemitServerDb *db, GError **error);
void remit_server_db_rollback (RemitServerDb *db);

/* Users */
typedef struct
{
  char *id;
  char *client_id;
  char *external_id;
  char *email;
  char *salt;
  char *password_hash;
  gint64 created;
} RemitServerUser;

void remit_server_user_free (RemitServerUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerUser, remit_server_user_free)

gboolean remit_server_db_insert_user (RemitServerDb *db, const RemitServerUser *user,
                                      GError **error);
RemitServerUser *remit_server_db_get_user (RemitServerDb *db, const char *id, GError **error);
RemitServerUser *remit_server_db_find_user_by_email (RemitServerDb *db,
                                                     const char *email,
                                                     GError **error);
RemitServerUser *remit_server_db_find_derived_user (RemitServerDb *db,
                                                    const char *client_id,
                                                    const char *external_id,
                                                    GError **error);
gboolean remit_server_db_update_user (RemitServerDb *db, const RemitServerUser *user,
                                      GError **error);
gboolean remit_server_db_delete_user (RemitServerDb *db, const char *id, GError **error);

/* Tokens: only the hash of a token is kept. */
gboolean remit_server_db_insert_token (RemitServerDb *db,
                                       const char *hash,
                                       const char *client_id,
                                       const char *user_id,
                                       gint64 expires,
                                       GError **error);
gboolean remit_server_db_lookup_token (RemitServerDb *db,
                                       const char *hash,
                                       char **client_id,
                                       char **user_id,
                                       gint64 *expires,
                                       GError **error);
gboolean remit_server_db_purge_tokens (RemitServerDb *db, gint64 now, GError **error);

/* Documents */
typedef enum
{
  REMIT_SERVER_DOC_PLAIN,
  REMIT_SERVER_DOC_PARTIAL,
  REMIT_SERVER_DOC_COMPOSITE,
} RemitServerDocKind;

typedef struct
{
  char *id;
  char *user_id;
  RemitServerDocKind kind;
  char *name;
  char *content_type;
  gint64 created;         /* ms since the epoch */
  char *progress;         /* PENDING, COMPLETED, ERROR */
  char *error;
  char *classification;
  int page_count;         /* -1 while not known */
  int processed_pages;    /* -1 while not known */
  char *branch_id;
  char *device_class;
  char *parts;            /* composite: JSON array of {document id, rotationDelta} */
  char *extractions;      /* JSON, once COMPLETED */
  char *layout;           /* JSON, once COMPLETED */
} RemitServerDoc;

void remit_server_doc_free (RemitServerDoc *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerDoc, remit_server_doc_free)

gboolean remit_server_db_insert_document (RemitServerDb *db, const RemitServerDoc *doc,
                                          GError **error);
RemitServerDoc *remit_server_db_get_document (RemitServerDb *db, const char *id, GError **error);
GPtrArray *remit_server_db_list_documents (RemitServerDb *db,
                                           const char *user_id,
                                           gint64 limit,
                                           gint64 offset,
                                           gint64 *total,
                                           GError **error);
GPtrArray *remit_server_db_list_pending_documents (RemitServerDb *db, GError **error);
GPtrArray *remit_server_db_list_user_document_ids (RemitServerDb *db,
                                                   const char *user_id,
                                                   GError **error);
gboolean remit_server_db_document_is_part (RemitServerDb *db, const char *id, gboolean *is_part,
                                           GError **error);
gboolean remit_server_db_update_document_result (RemitServerDb *db, const RemitServerDoc *doc,
                                                 GError **error);
gboolean remit_server_db_update_extractions (RemitServerDb *db,
                                             const char *id,
                                             const char *extractions,
                                             GError **error);
gboolean remit_server_db_delete_document (RemitServerDb *db, const char *id, GError **error);

/* Feedback: a body (label NULL) or the deletion of a label (body NULL). */
typedef struct
{
  gint64 received;  /* ms since the epoch */
  char *body;
  char *label;
} RemitServerFeedback;

void remit_server_feedback_free (RemitServerFeedback *feedback);

gboolean remit_server_db_insert_feedback (RemitServerDb *db,
                                          const char *document_id,
                                          const char *body,
                                          const char *label,
                                          GError **error);
GPtrArray *remit_server_db_list_feedback (RemitServerDb *db,
                                          const char *document_id,
                                          GError **error);

/* Payment requests */
typedef struct
{
  char *id;
  char *user_id;
  gint64 created;    /* µs since the epoch */
  char *body;        /* the normalized create body */
  char *status;
  char *requester_uri;
  char *payment;     /* the paid transfer as the bank reported it, once paid */
  gint64 paid_at;    /* µs since the epoch, 0 while open */
} RemitServerPaymentRequest;

void remit_server_payment_request_free (RemitServerPaymentRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerPaymentRequest, remit_server_payment_request_free)

gboolean remit_server_db_insert_payment_request (RemitServerDb *db,
                                                 const RemitServerPaymentRequest *request,
                                                 GError **error);
RemitServerPaymentRequest *remit_server_db_get_payment_request (RemitServerDb *db,
                                                                const char *id,
                                                                GError **error);
GPtrArray *remit_server_db_list_payment_requests (RemitServerDb *db,
                                                  const char *user_id,
                                                  gint64 limit,
                                                  gint64 offset,
                                                  gint64 *total,
                                                  GError **error);
gboolean remit_server_db_set_payment (RemitServerDb *db,
                                      const char *id,
                                      const char *payment,
                                      gint64 paid_at,
                                      GError **error);

/* Answers kept for an Idempotency-Key */
typedef struct
{
  char *fingerprint;
  guint status;
  char *location;
  char *content_type;
  GBytes *body;
} RemitServerIdempotent;

void remit_server_idempotent_free (RemitServerIdempotent *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerIdempotent, remit_server_idempotent_free)

RemitServerIdempotent *remit_server_db_get_idempotent (RemitServerDb *db,
                                                       const char *user_id,
                                                       const char *key,
                                                       GError **error);
gboolean remit_server_db_insert_idempotent (RemitServerDb *db,
                                            const char *user_id,
                                            const char *key,
                                            const RemitServerIdempotent *entry,
                                            GError **error);

G_END_DECLS
