/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remit-core-error.h"

G_DEFINE_QUARK (remit-core-error-quark, remit_core_error)
