/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remit-api-error.h"

G_DEFINE_QUARK (remit-api-error-quark, remit_api_error)
