/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-qr-code"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "remit-core-error.h"
#include "remit-qr-code.h"

/* QR codes for the pay dialog: every byte of the text in 8-bit mode at error correction
 * level M (what EPC069-12 asks for a GiroCode), drawn as black modules on white with the
 * quiet zone, each module a square of whole pixels so that no scaling blurs an edge. */

static QRcode *
encode (const char *data, GError **error)
{
  QRcode *code;

  g_return_val_if_fail (data != NULL, NULL);

  code = QRcode_encodeData ((int) strlen (data), (const unsigned char *) data, 0, QR_ECLEVEL_M);
  if (code == NULL)
    {
      int saved = errno;

      if (saved == ERANGE)
        g_set_error_literal (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                             _("The text is too long for a QR code"));
      else
        g_set_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_INVALID_VALUE,
                     _("The QR code could not be made: %s"), g_strerror (saved));
    }
  return code;
}

/**
 * remit_qr_code_count_modules:
 * @data: the text to encode
 * @error: return location for a %REMIT_CORE_ERROR
 *
 * Returns: how many modules wide the code of @data is, quiet zone included; 0 on error
 */
guint
remit_qr_code_count_modules (const char *data, GError **error)
{
  QRcode *code = encode (data, error);
  guint width;

  if (code == NULL)
    return 0;
  width = (guint) code->width + 2 * REMIT_QR_CODE_QUIET_ZONE;
  QRcode_free (code);
  return width;
}

/**
 * remit_qr_code_texture_new:
 * @data: the text to encode, written as it is (UTF-8 stays UTF-8)
 * @module_size: the side of one module in pixels, at least 1
 * @error: return location for a %REMIT_CORE_ERROR
 *
 * Returns: (transfer full) (nullable): a square texture of
 *   remit_qr_code_count_modules() × @module_size pixels
 */
GdkTexture *
remit_qr_code_texture_new (const char *data, guint module_size, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  QRcode *code;
  guchar *pixels;
  guint modules;
  gsize side;
  gsize stride;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (module_size >= 1, NULL);

  code = encode (data, error);
  if (code == NULL)
    return NULL;

  modules = (guint) code->width + 2 * REMIT_QR_CODE_QUIET_ZONE;
  side = (gsize) modules * module_size;
  stride = side * 3;
  pixels = g_malloc (stride * side);
  memset (pixels, 0xff, stride * side);

  for (int y = 0; y < code->width; y++)
    for (int x = 0; x < code->width; x++)
      {
        /* The lowest bit of each byte says whether the module is dark. */
        if ((code->data[y * code->width + x] & 1) == 0)
          continue;

        for (guint dy = 0; dy < module_size; dy++)
          {
            gsize row = ((gsize) (y + REMIT_QR_CODE_QUIET_ZONE) * module_size + dy) * stride;
            gsize column = (gsize) (x + REMIT_QR_CODE_QUIET_ZONE) * module_size * 3;

            memset (pixels + row + column, 0x00, (gsize) module_size * 3);
          }
      }
  QRcode_free (code);

  bytes = g_bytes_new_take (pixels, stride * side);
  return gdk_memory_texture_new ((int) side, (int) side, GDK_MEMORY_R8G8B8, bytes, stride);
}
