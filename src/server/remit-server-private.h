/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "remit-server.h"
#include "remit-server-db.h"

G_BEGIN_DECLS

/* Media types of the answers */
#define REMIT_SERVER_MEDIA_PAY    "application/vnd.gini.v1+json"
#define REMIT_SERVER_MEDIA_HEALTH "application/vnd.gini.v3+json"
#define REMIT_SERVER_MEDIA_JSON   "application/json"

/* Upload limits (api-reference.md, “Limits the server enforces”) */
#define REMIT_SERVER_MAX_UPLOAD    (10 * 1024 * 1024)
#define REMIT_SERVER_MAX_TEXT      (512 * 1024)

/* How long a request for the extractions of a PENDING document waits for them. */
#define REMIT_SERVER_WAIT_SECONDS 60

typedef enum
{
  REMIT_SERVER_API_PAY,
  REMIT_SERVER_API_HEALTH,
  REMIT_SERVER_API_USER,
} RemitServerApi;

typedef struct
{
  RemitServerFault fault;
  double share;
} RemitServerFaultShare;

typedef struct
{
  char *salt;
  char *secret_hash;
} RemitServerClient;

struct _RemitServer
{
  GObject parent_instance;

  char *data_dir;
  char *files_dir;
  char *address;
  guint port;

  SoupServer *soup;
  RemitServerDb *db;
  GCancellable *cancellable;

  GHashTable *clients;            /* id → RemitServerClient */
  GArray *faults;                 /* RemitServerFaultShare */
  GRand *rand;
  GPtrArray *providers;           /* RemitPaymentProvider */

  guint token_lifetime;
  guint delay;
  guint processing_delay;
  gboolean log_requests;

  GHashTable *waiters;            /* document id → GPtrArray of RemitServerRequest */
  GHashTable *pending_composites; /* set of composite document ids */
  GHashTable *idempotency_busy;   /* set of "user\nkey" being created now */
  GHashTable *delayed_results;    /* DelayedResult → timeout id, held by processing-delay */
  GHashTable *deliveries;         /* Delivery → timeout id, answers held by the delay */

  /* Shutting down: remit_server_stop() was called; remit_server_shutdown_async() was; the
   * worker tasks whose callback has not run yet; the shutdown calls that wait for them. */
  gboolean stopping;
  gboolean shutting_down;
  guint n_tasks;
  GPtrArray *shutdowns;
};

/* One request, from its headers to its answer. Main thread only. */
typedef struct
{
  int ref_count;
  RemitServer *server;
  SoupServerMessage *msg;
  char *method;
  char *path;
  char *request_id;
  char *base_url;
  GHashTable *query;
  char **segments;
  guint n_segments;
  RemitServerApi api;
  char *media_type;

  char *client_id;                /* the authenticated client */
  char *user_id;                  /* the authenticated user, if any */

  RemitServerFault fault;
  char *idempotency_slot;         /* the busy key this request holds */
  char *idempotency_fingerprint;  /* what the key's first request was */
  guint wait_source;
  gboolean held;
  gboolean answered;
  gboolean gone;                  /* the connection closed */
  gboolean logged;                /* the end of the request was logged */
  goffset body_received;          /* bytes of the body so far */
} RemitServerRequest;

RemitServerRequest *remit_server_request_ref (RemitServerRequest *req);
void remit_server_request_unref (RemitServerRequest *req);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitServerRequest, remit_server_request_unref)

const char *remit_server_request_get_header (RemitServerRequest *req, const char *name);
const char *remit_server_request_get_query (RemitServerRequest *req, const char *name);
GBytes *remit_server_request_get_body (RemitServerRequest *req);
JsonNode *remit_server_request_parse_json (RemitServerRequest *req);
char *remit_server_request_make_uri (RemitServerRequest *req, const char *format, ...)
  G_GNUC_PRINTF (2, 3);

void remit_server_request_hold (RemitServerRequest *req);
void remit_server_request_release (RemitServerRequest *req);

void remit_server_reply_json (RemitServerRequest *req, guint status, JsonNode *node);
void remit_server_reply_bytes (RemitServerRequest *req,
                               guint status,
                               const char *content_type,
                               GBytes *body);
void remit_server_reply_empty (RemitServerRequest *req, guint status);
void remit_server_reply_error (RemitServerRequest *req, guint status, const char *format, ...)
  G_GNUC_PRINTF (3, 4);
void remit_server_reply_internal_error (RemitServerRequest *req, const GError *error);
void remit_server_reply_method_not_allowed (RemitServerRequest *req, const char *allowed);
gboolean remit_server_request_accepts_json (RemitServerRequest *req);
gboolean remit_server_parse_paging (RemitServerRequest *req, gint64 *limit, gint64 *offset);

/* Idempotency-Key: TRUE when the request should be carried out; otherwise it was answered. */
gboolean remit_server_idempotency_begin (RemitServerRequest *req, const char *fingerprint);
void remit_server_idempotency_end (RemitServerRequest *req);
char *remit_server_fingerprint (RemitServerRequest *req, GBytes *body);

/* Work in a worker thread. The task's callback gets the server as its source; the task
 * itself holds no reference to the server, so the server is only ever released on the main
 * thread, and a shutdown waits for the callback. */
GTask *remit_server_task_new (RemitServer *self,
                              GCancellable *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer source_tag);

/* Auth (remit-server-auth.c) */
void remit_server_client_free (RemitServerClient *client);
char *remit_server_random_hex (gsize n_bytes);
char *remit_server_hash_secret (const char *salt, const char *secret);
gboolean remit_server_check_secret (const char *salt, const char *hash, const char *secret);
char *remit_server_issue_token (RemitServer *self,
                                const char *client_id,
                                const char *user_id,
                                GError **error);
JsonNode *remit_server_token_answer (RemitServer *self, const char *token);
gboolean remit_server_authenticate_user (RemitServerRequest *req);
gboolean remit_server_authenticate_any (RemitServerRequest *req);
void remit_server_handle_oauth_token (RemitServerRequest *req);
void remit_server_handle_login (RemitServerRequest *req);

/* Users (remit-server-users.c) */
void remit_server_handle_users (RemitServerRequest *req);

/* Documents (remit-server-documents.c) */
void remit_server_handle_documents (RemitServerRequest *req);
void remit_server_documents_resume (RemitServer *self);
void remit_server_documents_stop (RemitServer *self);
void remit_server_documents_delete_files (RemitServer *self, const char *id);

/* Payments (remit-server-payments.c) */
void remit_server_handle_payment_providers (RemitServerRequest *req);
void remit_server_handle_payment_requests (RemitServerRequest *req);
GPtrArray *remit_server_builtin_providers (void);
GBytes *remit_server_make_icon_png (const char *background, const char *foreground);

G_END_DECLS
