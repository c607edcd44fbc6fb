/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "remit-ledger.h"

/* Helpers shared by the store tests: a temporary folder per test and a fixed clock. */

static inline void
store_test_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            store_test_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline char *
store_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("remit-store-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/* 2024-05-06T10:20:30Z, then one second later at every call. */
#define STORE_TEST_EPOCH G_GINT64_CONSTANT (1714990830)

static inline gint64
store_test_clock (gpointer user_data)
{
  gint64 *tick = user_data;

  return (STORE_TEST_EPOCH + (*tick)++) * G_USEC_PER_SEC;
}

static inline RemitBill *
store_test_bill (const char *recipient,
                 const char *iban,
                 gint64 cents,
                 const char *purpose,
                 const char *due_date)
{
  RemitBill *bill = remit_bill_new ();

  remit_bill_set_recipient (bill, recipient);
  remit_bill_set_iban (bill, iban);
  if (cents != 0)
    {
      RemitAmount amount;

      remit_amount_init (&amount, cents, "EUR");
      remit_bill_set_amount (bill, &amount);
    }
  remit_bill_set_purpose (bill, purpose);
  g_assert_true (remit_bill_set_due_date (bill, due_date));
  remit_bill_set_filename (bill, "bill.pdf");
  remit_bill_set_content_type (bill, "application/pdf");
  remit_bill_set_backend (bill, "local");
  return bill;
}

static inline RemitBill *
store_test_add (RemitLedger *ledger, RemitBill *bill, const char *content)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_bytes_new (content, strlen (content));

  if (!remit_ledger_add_bill (ledger, bill, bytes, &error))
    g_error ("adding a bill failed: %s", error->message);
  g_assert_cmpint (remit_bill_get_id (bill), >, 0);
  return bill;
}
