/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

#include "remit-api-client.h"

G_BEGIN_DECLS

/* The three services the client speaks to. */
typedef enum
{
  REMIT_API_SERVICE_PAY,
  REMIT_API_SERVICE_HEALTH,
  REMIT_API_SERVICE_USER_CENTER,
  REMIT_API_N_SERVICES,
} RemitApiService;

/* What a request carries in `Authorization`. */
typedef enum
{
  REMIT_API_REQUEST_AUTH_NONE,
  REMIT_API_REQUEST_AUTH_USER,   /* the user's bearer token, refreshed as needed */
  REMIT_API_REQUEST_AUTH_BASIC,  /* HTTP Basic with the client credentials */
  REMIT_API_REQUEST_AUTH_BEARER, /* a bearer token the caller gives (a client token) */
} RemitApiRequestAuth;

typedef struct
{
  RemitApiService service;
  char *method;
  char *uri;                /* a path below the service's base URL, or an absolute URI */
  RemitApiRequestAuth auth;
  char *bearer;             /* for REMIT_API_REQUEST_AUTH_BEARER */
  char *accept;             /* NULL: the service's JSON media type */
  GBytes *body;
  char *content_type;
  char *idempotency_key;
  gboolean safe_to_repeat;  /* a POST that may be sent again after a failure */
  GPtrArray *headers;       /* name, value, name, value, … */
} RemitApiRequest;

typedef struct
{
  guint status;
  GBytes *body;
  char *content_type;
  char *location;           /* absolute, or NULL */
  char *request_id;
  char *uri;
} RemitApiResponse;

struct _RemitApiClient
{
  GObject parent_instance;

  SoupSession *session;
  GCancellable *cancellable;

  char *urls[REMIT_API_N_SERVICES];
  guint pay_api_version;
  guint health_api_version;

  RemitApiAuthMode auth_mode;
  char *client_id;
  char *client_secret;
  char *user_identifier;

  guint max_attempts;
  guint base_delay_ms;
  guint max_delay_ms;
  guint max_total_ms;
  guint max_retry_after;
  guint poll_timeout;
  guint keyring_timeout;
  gboolean use_keyring;

  guint n_connections;
  guint n_token_requests;

  /* The user's token and what it takes to get a new one (remit-api-auth.c). */
  char *token;
  gint64 token_expires;     /* wall-clock µs */
  gint64 token_lifetime;    /* s */
  char *user_email;
  char *user_password;
  char *client_token;
  gint64 client_token_expires;
  gboolean keyring_loaded;
  gboolean secret_load_tried;
  gboolean user_replaced;
  gboolean refreshing;
  GPtrArray *token_waiters;
};

RemitApiRequest *remit_api_request_new (RemitApiService service,
                                        const char *method,
                                        const char *uri);
void remit_api_request_free (RemitApiRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitApiRequest, remit_api_request_free)
void remit_api_request_add_header (RemitApiRequest *request, const char *name, const char *value);
void remit_api_request_set_body (RemitApiRequest *request, GBytes *body, const char *content_type);
void remit_api_request_set_json (RemitApiRequest *request,
                                 JsonNode *node,
                                 const char *content_type);

void remit_api_response_free (RemitApiResponse *response);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitApiResponse, remit_api_response_free)
const char *remit_api_json_string (JsonObject *object, const char *name);
JsonNode *remit_api_response_get_json (RemitApiResponse *response, GError **error);

void remit_api_client_send_async (RemitApiClient *self,
                                  RemitApiRequest *request,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
RemitApiResponse *remit_api_client_send_finish (RemitApiClient *self,
                                                GAsyncResult *result,
                                                GError **error);

typedef gpointer (*RemitApiParseFunc) (RemitApiClient *self,
                                       RemitApiResponse *response,
                                       GError **error);

/* A core parser of an answer: remit_document_new_from_json, remit_layout_new_from_json, … */
typedef gpointer (*RemitApiJsonParser) (JsonNode *node, GError **error);

void remit_api_client_call_async (RemitApiClient *self,
                                  RemitApiRequest *request,
                                  RemitApiParseFunc parse,
                                  GDestroyNotify free_func,
                                  gpointer source_tag,
                                  GCancellable *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer user_data);
void remit_api_client_call_json_async (RemitApiClient *self,
                                       RemitApiRequest *request,
                                       RemitApiJsonParser parse,
                                       GDestroyNotify free_func,
                                       gpointer source_tag,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
gpointer remit_api_client_call_finish (RemitApiClient *self,
                                       GAsyncResult *result,
                                       gpointer source_tag,
                                       GError **error);
gboolean remit_api_client_call_finish_boolean (RemitApiClient *self,
                                               GAsyncResult *result,
                                               gpointer source_tag,
                                               GError **error);
gpointer remit_api_parse_response (RemitApiClient *self,
                                   RemitApiResponse *response,
                                   GError **error);
void remit_api_malformed_from (GError **error, RemitApiResponse *response, GError *core_error);

gpointer remit_api_response_parse_json (RemitApiResponse *response,
                                        RemitApiJsonParser parse,
                                        GError **error);
char *remit_api_escape (const char *segment);

void remit_api_client_fetch_async (RemitApiClient *self,
                                   RemitApiService service,
                                   const char *uri,
                                   gpointer source_tag,
                                   GCancellable *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer user_data);
GBytes *remit_api_client_fetch_finish (RemitApiClient *self,
                                       GAsyncResult *result,
                                       gpointer source_tag,
                                       char **content_type,
                                       GError **error);

char *remit_api_client_media_type (RemitApiClient *self,
                                   RemitApiService service,
                                   const char *suffix);
char *remit_api_client_resolve (RemitApiClient *self, RemitApiService service, const char *uri);
char *remit_api_client_scrub (RemitApiClient *self, const char *text);

void remit_api_malformed (GError **error, const char *request_id, const char *what);
char *remit_api_with_request_id (const char *message, const char *request_id);

guint remit_api_backoff_delay (guint attempt, guint base_ms, guint cap_ms);
gboolean remit_api_parse_retry_after (const char *value, gint64 now_s, guint *seconds);

void remit_api_sleep_async (guint milliseconds,
                            GCancellable *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer user_data);
gboolean remit_api_sleep_finish (GAsyncResult *result, GError **error);

/* Authentication, remit-api-auth.c */
void remit_api_client_auth_init (RemitApiClient *self);
void remit_api_client_auth_clear (RemitApiClient *self);
void remit_api_client_get_token_async (RemitApiClient *self,
                                       GCancellable *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer user_data);
char *remit_api_client_get_token_finish (RemitApiClient *self,
                                         GAsyncResult *result,
                                         GError **error);
void remit_api_client_invalidate_token (RemitApiClient *self, const char *token);
gint64 remit_api_token_margin (gint64 lifetime_s);
RemitApiToken *remit_api_token_from_response (RemitApiResponse *response, GError **error);

G_END_DECLS
