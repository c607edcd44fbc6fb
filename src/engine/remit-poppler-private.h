/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <poppler.h>

/* poppler-glib 22.12 declares no cleanup functions for its objects. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)
