/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "remit-application.h"
#include "remit-bill.h"

G_BEGIN_DECLS

#define REMIT_TYPE_WINDOW (remit_window_get_type ())
G_DECLARE_FINAL_TYPE (RemitWindow, remit_window, REMIT, WINDOW, AdwApplicationWindow)

RemitWindow *remit_window_new (RemitApplication *application);
void remit_window_open_files (RemitWindow *self, GFile **files, int n_files);
RemitBill *remit_window_get_bill (RemitWindow *self);

G_END_DECLS
