/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <stdio.h>

#include "api-test-common.h"
#include "remit-api-client.h"

/* 50 uploads of a one-page PDF, each followed by waiting until it is processed and reading
 * its extractions, with 8 in flight at a time, against a remit-server child process. Prints
 * documents per second and the TCP connections the client opened. */

#define N_DOCUMENTS 50
#define IN_FLIGHT   8

typedef struct
{
  RemitApiClient *client;
  GBytes *pdf;
  guint started;
  guint finished;
  guint failed;
} Bench;

static void start_next (Bench *bench);

static void
extractions_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (GError) error = NULL;

  set = remit_api_client_get_extractions_finish (bench->client, result, &error);
  if (set == NULL)
    {
      g_printerr ("extractions: %s\n", error->message);
      bench->failed++;
    }
  bench->finished++;
  start_next (bench);
}

static void
waited_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = remit_api_client_wait_for_document_finish (bench->client, result, &error);
  if (document == NULL)
    {
      g_printerr ("wait: %s\n", error->message);
      bench->failed++;
      bench->finished++;
      start_next (bench);
      return;
    }
  remit_api_client_get_extractions_async (bench->client, remit_document_get_id (document), NULL,
                                          extractions_cb, bench);
}

static void
uploaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Bench *bench = user_data;
  g_autoptr (RemitDocument) document = NULL;
  g_autoptr (GError) error = NULL;

  document = remit_api_client_upload_document_finish (bench->client, result, &error);
  if (document == NULL)
    {
      g_printerr ("upload: %s\n", error->message);
      bench->failed++;
      bench->finished++;
      start_next (bench);
      return;
    }
  remit_api_client_wait_for_document_async (bench->client, remit_document_get_id (document), NULL,
                                            waited_cb, bench);
}

static void
start_next (Bench *bench)
{
  RemitApiUploadOptions options = { .filename = "invoice.pdf",
                                    .content_type = "application/pdf" };

  if (bench->started >= N_DOCUMENTS)
    return;
  bench->started++;
  remit_api_client_upload_document_async (bench->client, bench->pdf, &options, NULL, uploaded_cb,
                                          bench);
}

int
main (int argc, char **argv)
{
  g_autoptr (ApiTestServer) server = NULL;
  g_autoptr (RemitApiClient) client = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autoptr (GAsyncResult) auth = NULL;
  Bench bench = { 0 };
  gint64 start;
  double seconds;

  setlocale (LC_ALL, "C.UTF-8");
  if (!api_test_server_available ())
    {
      printf ("remit-server is not built: nothing to measure\n");
      return 77;
    }

  server = api_test_server_start (NULL);
  client = remit_api_client_new_for_server (api_test_server_get_url (server));
  remit_api_client_set_client_credentials (client, TEST_CLIENT_ID, TEST_CLIENT_SECRET);
  remit_api_client_set_auth_mode (client, REMIT_API_AUTH_DERIVED);
  remit_api_client_set_user_identifier (client, "bench-user");
  pdf = api_test_invoice_pdf ("RE-BENCH-1");

  bench.client = client;
  bench.pdf = pdf;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < IN_FLIGHT; i++)
    start_next (&bench);
  while (bench.finished < N_DOCUMENTS)
    g_main_context_iteration (NULL, TRUE);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

  printf ("%u documents uploaded, processed and read in %.2f s, %u in flight: %.1f documents/s\n",
          N_DOCUMENTS, seconds, IN_FLIGHT, N_DOCUMENTS / seconds);
  printf ("TCP connections opened: %u (keep-alive; at most %u expected)\n",
          remit_api_client_get_n_connections (client), IN_FLIGHT);
  printf ("token requests: %u; failures: %u\n", remit_api_client_get_n_token_requests (client),
          bench.failed);
  return bench.failed == 0 && remit_api_client_get_n_connections (client) <= IN_FLIGHT ? 0 : 1;
}
