/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-store"

#include "config.h"

#include "remit-store-error.h"

G_DEFINE_QUARK (remit-store-error-quark, remit_store_error)
