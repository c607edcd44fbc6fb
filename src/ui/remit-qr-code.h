/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The white border around a QR code, in modules, as ISO/IEC 18004 asks. */
#define REMIT_QR_CODE_QUIET_ZONE 4

guint remit_qr_code_count_modules (const char *data, GError **error);
GdkTexture *remit_qr_code_texture_new (const char *data, guint module_size, GError **error);

G_END_DECLS
