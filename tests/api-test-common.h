/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The client credentials every test server knows. */
#define TEST_CLIENT_ID     "remit-test"
#define TEST_CLIENT_SECRET "remit-test-secret-0123456789"

/* What the invoice of api_test_invoice_pdf() says. */
#define TEST_INVOICE_IBAN      "DE02120300000000202051"
#define TEST_INVOICE_BIC       "BYLADEM1001"
#define TEST_INVOICE_AMOUNT    "123.45:EUR"
#define TEST_INVOICE_RECIPIENT "Muster Energie GmbH"

typedef struct _ApiTestServer ApiTestServer;

ApiTestServer *api_test_server_start (const char *first_arg, ...);
void api_test_server_stop (ApiTestServer *server);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ApiTestServer, api_test_server_stop)

const char *api_test_server_get_url (ApiTestServer *server);
char *api_test_server_get_log (ApiTestServer *server);
guint api_test_server_count (ApiTestServer *server, const char *line_prefix);
gboolean api_test_server_available (void);

GBytes *api_test_invoice_pdf (const char *reference);

void api_test_run_until (gboolean *done);
void api_test_sleep (guint milliseconds);

G_END_DECLS
