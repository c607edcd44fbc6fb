/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * RemitBox:
 * @page: the page, counted from 1
 * @left: distance of the left edge from the page's left edge
 * @top: distance of the top edge from the page's top edge
 * @width: the width, never negative
 * @height: the height, never negative
 *
 * A rectangle on a page of a document, as the API writes it:
 * `{"page": 1, "left": 72, "top": 140.5, "width": 120, "height": 11}`. The origin is the
 * page's top-left corner and the unit is that of the layout page (`sizeX` × `sizeY`),
 * normally PDF points but pixels for some scans.
 *
 * Functions that take a box as a plain rectangle on a known page ignore its @page.
 */
typedef struct
{
  int page;
  double left;
  double top;
  double width;
  double height;
} RemitBox;

#define REMIT_TYPE_BOX (remit_box_get_type ())
GType remit_box_get_type (void) G_GNUC_CONST;

RemitBox *remit_box_new (int page, double left, double top, double width, double height);
RemitBox *remit_box_copy (const RemitBox *box);
void remit_box_free (RemitBox *box);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitBox, remit_box_free)

void remit_box_init (RemitBox *box, int page, double left, double top, double width, double height);

gboolean remit_box_init_from_json (RemitBox *box, JsonObject *object, GError **error);
RemitBox *remit_box_new_from_json (JsonObject *object, GError **error);
JsonNode *remit_box_to_json (const RemitBox *box);

double remit_box_get_right (const RemitBox *box);
double remit_box_get_bottom (const RemitBox *box);
double remit_box_get_area (const RemitBox *box);

gboolean remit_box_contains_point (const RemitBox *box, double x, double y);
gboolean remit_box_intersects (const RemitBox *a, const RemitBox *b);
gboolean remit_box_intersection (const RemitBox *a, const RemitBox *b, RemitBox *out);
gboolean remit_box_union (const RemitBox *a, const RemitBox *b, RemitBox *out);
gboolean remit_box_equal (const RemitBox *a, const RemitBox *b, double tolerance);

G_END_DECLS
