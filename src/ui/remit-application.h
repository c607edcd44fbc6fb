/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define REMIT_TYPE_APPLICATION (remit_application_get_type ())
G_DECLARE_FINAL_TYPE (RemitApplication, remit_application, REMIT, APPLICATION, AdwApplication)

RemitApplication *remit_application_new (void);

G_END_DECLS
