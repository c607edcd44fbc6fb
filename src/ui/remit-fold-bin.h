/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * RemitFoldBin:
 *
 * A bin whose orientable child (a #GtkPaned) is laid out side by side while the bin is at
 * least #RemitFoldBin:fold-width wide, and one above the other when it is narrower.
 * #RemitFoldBin:folded tells which. The bin places a paned's handle at every size change
 * (keeping where the person dragged it), so the paned's #GtkPaned:resize-start-child should
 * be %FALSE and #GtkPaned:resize-end-child %TRUE. Its natural width is at least the fold
 * width, so that an #AdwLeaflet around it folds before the child has to.
 */
#define REMIT_TYPE_FOLD_BIN (remit_fold_bin_get_type ())
G_DECLARE_FINAL_TYPE (RemitFoldBin, remit_fold_bin, REMIT, FOLD_BIN, AdwBin)

GtkWidget *remit_fold_bin_new (void);

int remit_fold_bin_get_fold_width (RemitFoldBin *self);
void remit_fold_bin_set_fold_width (RemitFoldBin *self, int width);
int remit_fold_bin_get_end_size (RemitFoldBin *self);
void remit_fold_bin_set_end_size (RemitFoldBin *self, int size);
gboolean remit_fold_bin_get_folded (RemitFoldBin *self);

G_END_DECLS
