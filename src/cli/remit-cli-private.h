/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "remit-api-client.h"
#include "remit-ledger.h"

G_BEGIN_DECLS

/* Exit codes of remit-cli. */
enum
{
  REMIT_CLI_EXIT_OK = 0,
  REMIT_CLI_EXIT_INVALID = 1, /* the input is not valid; a one-line reason is on stderr */
  REMIT_CLI_EXIT_USAGE = 2,   /* the command line is wrong */
  REMIT_CLI_EXIT_FAILED = 3,  /* the ledger, a file, the server or the keyring failed */
};

typedef int (*RemitCliCommandFunc) (int argc, char **argv);

/* A command runs @run, or, for the commands that use the ledger or talk to a server, the
 * function named @symbol in the module remit-cli-bills: its libraries (SQLite, libsoup,
 * libsecret and theirs) are loaded only when such a command runs, which keeps the start of
 * extract, layout and validate short. */
typedef struct
{
  const char *name;
  const char *arguments;
  const char *summary;
  RemitCliCommandFunc run;
  const char *symbol;
} RemitCliCommand;

void remit_cli_print_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

int remit_cli_validate (int argc, char **argv);
int remit_cli_extract (int argc, char **argv);
int remit_cli_layout (int argc, char **argv);

/* remit-cli-ledger.c */
int remit_cli_bills (int argc, char **argv);
int remit_cli_bill (int argc, char **argv);
int remit_cli_mark_paid (int argc, char **argv);
int remit_cli_export_csv (int argc, char **argv);
int remit_cli_export_sepa (int argc, char **argv);
JsonNode *remit_cli_bill_json_with_details (RemitLedger *ledger, RemitBill *bill, GError **error);

/* remit-cli-api.c */
gboolean remit_cli_is_global_option (const char *arg, gboolean *takes_value);
RemitApiClient *remit_cli_make_client (const char *server,
                                       const char *client_id,
                                       const char *client_secret,
                                       const char *user,
                                       GError **error);
int remit_cli_upload (int argc, char **argv);
int remit_cli_extractions (int argc, char **argv);
int remit_cli_feedback (int argc, char **argv);
int remit_cli_providers (int argc, char **argv);
int remit_cli_pay (int argc, char **argv);
int remit_cli_payment_request (int argc, char **argv);
int remit_cli_payment_requests (int argc, char **argv);
int remit_cli_resolve (int argc, char **argv);
int remit_cli_payment (int argc, char **argv);

/* remit-cli-bills.c */
int remit_cli_import (int argc, char **argv);
int remit_cli_review (int argc, char **argv);
int remit_cli_pay_bill (int argc, char **argv);
int remit_cli_refresh (int argc, char **argv);
int remit_cli_resume (int argc, char **argv);

G_END_DECLS
