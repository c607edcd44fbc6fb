/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "remit-engine-error.h"

G_DEFINE_QUARK (remit-engine-error-quark, remit_engine_error)
