/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "remit-cli-private.h"
#include "remit-engine.h"

/* Reads FILE and runs the local engine on it; prints a one-line error on failure. */
static RemitEngineResult *
extract_file (const char *path, RemitEngineFlags flags)
{
  g_autoptr (GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = g_file_load_bytes (file, NULL, NULL, &error);
  RemitEngineResult *result;

  if (bytes == NULL)
    {
      remit_cli_print_error (_("Cannot read %s: %s"), path, error->message);
      return NULL;
    }

  result = remit_engine_extract (bytes, flags, NULL, &error);
  if (result == NULL)
    {
      remit_cli_print_error ("%s: %s", path, error->message);
      return NULL;
    }

  if (remit_engine_result_is_truncated (result))
    remit_cli_print_error (_("%s has %u pages; only the first %u were read"), path,
                           remit_engine_result_get_page_count (result),
                           remit_engine_result_get_processed_pages (result));

  return result;
}

static void
print_json (JsonNode *node)
{
  g_autofree char *text = json_to_string (node, TRUE);

  printf ("%s\n", text);
}

/* remit-cli layout FILE */
int
remit_cli_layout (int argc, char **argv)
{
  g_autoptr (RemitEngineResult) result = NULL;
  g_autoptr (JsonNode) node = NULL;

  if (argc != 2)
    {
      remit_cli_print_error (_("Usage: remit-cli layout FILE"));
      return REMIT_CLI_EXIT_USAGE;
    }

  result = extract_file (argv[1], REMIT_ENGINE_FLAGS_NO_EINVOICE | REMIT_ENGINE_FLAGS_NO_QR
                                     | REMIT_ENGINE_FLAGS_NO_CLASSIFICATION);
  if (result == NULL)
    return REMIT_CLI_EXIT_INVALID;

  node = remit_engine_result_to_layout_json (result);
  print_json (node);
  return REMIT_CLI_EXIT_OK;
}

/* remit-cli extract [--no-einvoice] FILE… — one JSON answer per file, in order. */
int
remit_cli_extract (int argc, char **argv)
{
  /* The extractions JSON has no source classification. */
  RemitEngineFlags flags = REMIT_ENGINE_FLAGS_NO_CLASSIFICATION;
  int status = REMIT_CLI_EXIT_OK;
  int n_files = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--no-einvoice"))
        flags |= REMIT_ENGINE_FLAGS_NO_EINVOICE;
      else if (g_str_equal (argv[i], "--no-qr"))
        flags |= REMIT_ENGINE_FLAGS_NO_QR;
      else if (g_str_equal (argv[i], "--no-ocr"))
        flags |= REMIT_ENGINE_FLAGS_NO_OCR;
      else if (argv[i][0] == '-' && argv[i][1] != '\0')
        {
          remit_cli_print_error (_("Unknown option “%s”"), argv[i]);
          return REMIT_CLI_EXIT_USAGE;
        }
      else
        n_files++;
    }

  if (n_files == 0)
    {
      remit_cli_print_error (_("Usage: remit-cli extract [--no-einvoice] FILE…"));
      return REMIT_CLI_EXIT_USAGE;
    }

  for (int i = 1; i < argc; i++)
    {
      g_autoptr (RemitEngineResult) result = NULL;
      g_autoptr (JsonNode) node = NULL;

      if (argv[i][0] == '-' && argv[i][1] != '\0')
        continue;

      result = extract_file (argv[i], flags);
      if (result == NULL)
        {
          status = REMIT_CLI_EXIT_INVALID;
          continue;
        }

      node = remit_engine_result_to_extractions_json (result);
      print_json (node);
    }

  return status;
}
