/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-box"

#include "config.h"

#include <math.h>

#include "remit-box-private.h"
#include "remit-json-private.h"

G_DEFINE_BOXED_TYPE (RemitBox, remit_box, remit_box_copy, remit_box_free)

/**
 * remit_box_new:
 * @page: the page, counted from 1
 * @left: the left edge
 * @top: the top edge
 * @width: the width, not negative
 * @height: the height, not negative
 *
 * Returns: (transfer full): a new box; free it with remit_box_free()
 */
RemitBox *
remit_box_new (int page, double left, double top, double width, double height)
{
  RemitBox *box = g_new0 (RemitBox, 1);

  remit_box_init (box, page, left, top, width, height);
  return box;
}

RemitBox *
remit_box_copy (const RemitBox *box)
{
  g_return_val_if_fail (box != NULL, NULL);

  return g_memdup2 (box, sizeof *box);
}

void
remit_box_free (RemitBox *box)
{
  g_free (box);
}

void
remit_box_init (RemitBox *box, int page, double left, double top, double width, double height)
{
  g_return_if_fail (box != NULL);
  g_return_if_fail (width >= 0 && height >= 0);

  box->page = page;
  box->left = left;
  box->top = top;
  box->width = width;
  box->height = height;
}

gboolean
remit_box_parse_json (RemitBox *box, JsonObject *object, const char *path, GError **error)
{
  static const char *const sizes[] = { "width", "height" };
  double values[4];
  gint64 page;

  if (!remit_json_get_int (object, path, "page", TRUE, &page, NULL, error))
    return FALSE;
  if (page < 1 || page > G_MAXINT)
    return remit_json_malformed (error, path, "page", REMIT_JSON_NOT_PAGE_NUMBER);

  if (!remit_json_get_number (object, path, "left", TRUE, &values[0], NULL, error)
      || !remit_json_get_number (object, path, "top", TRUE, &values[1], NULL, error)
      || !remit_json_get_number (object, path, sizes[0], TRUE, &values[2], NULL, error)
      || !remit_json_get_number (object, path, sizes[1], TRUE, &values[3], NULL, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      if (values[2 + i] < 0)
        return remit_json_malformed (error, path, sizes[i], REMIT_JSON_NEGATIVE);
    }

  remit_box_init (box, (int) page, values[0], values[1], values[2], values[3]);
  return TRUE;
}

/**
 * remit_box_init_from_json:
 * @box: (out caller-allocates): the box to fill
 * @object: a JSON object `{page, left, top, width, height}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Reads a box. Every member must be present; the page must be a whole number from 1, the
 * coordinates numbers and the sizes not negative. Other members are ignored.
 *
 * Returns: %TRUE if @box was filled, %FALSE (leaving @box unchanged) with @error set otherwise
 */
gboolean
remit_box_init_from_json (RemitBox *box, JsonObject *object, GError **error)
{
  RemitBox parsed;

  g_return_val_if_fail (box != NULL, FALSE);
  g_return_val_if_fail (object != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!remit_box_parse_json (&parsed, object, NULL, error))
    return FALSE;

  *box = parsed;
  return TRUE;
}

/**
 * remit_box_new_from_json:
 * @object: a JSON object `{page, left, top, width, height}`
 * @error: return location for a %REMIT_CORE_ERROR_MALFORMED error
 *
 * Like remit_box_init_from_json(), for a new box.
 *
 * Returns: (transfer full) (nullable): the box, or %NULL with @error set
 */
RemitBox *
remit_box_new_from_json (JsonObject *object, GError **error)
{
  RemitBox box;

  if (!remit_box_init_from_json (&box, object, error))
    return NULL;
  return remit_box_copy (&box);
}

/**
 * remit_box_to_json:
 * @box: a box
 *
 * Returns: (transfer full): a JSON object node `{page, left, top, width, height}`; whole
 *   numbers are written without a fraction
 */
JsonNode *
remit_box_to_json (const RemitBox *box)
{
  JsonObject *object;

  g_return_val_if_fail (box != NULL, NULL);

  object = json_object_new ();
  json_object_set_int_member (object, "page", box->page);
  remit_json_object_set_number (object, "left", box->left);
  remit_json_object_set_number (object, "top", box->top);
  remit_json_object_set_number (object, "width", box->width);
  remit_json_object_set_number (object, "height", box->height);

  return remit_json_object_node_take (object);
}

double
remit_box_get_right (const RemitBox *box)
{
  g_return_val_if_fail (box != NULL, 0);

  return box->left + box->width;
}

double
remit_box_get_bottom (const RemitBox *box)
{
  g_return_val_if_fail (box != NULL, 0);

  return box->top + box->height;
}

double
remit_box_get_area (const RemitBox *box)
{
  g_return_val_if_fail (box != NULL, 0);

  return box->width * box->height;
}

/**
 * remit_box_contains_point:
 * @box: a box
 * @x: horizontal position, in the unit of the box
 * @y: vertical position
 *
 * Whether the point lies inside @box or on its edge. The page is not looked at.
 */
gboolean
remit_box_contains_point (const RemitBox *box, double x, double y)
{
  g_return_val_if_fail (box != NULL, FALSE);

  return x >= box->left && x <= box->left + box->width && y >= box->top
         && y <= box->top + box->height;
}

/**
 * remit_box_intersects:
 * @a: a box
 * @b: another box
 *
 * Whether the two boxes are on the same page and overlap. Boxes that only touch along an
 * edge do not.
 */
gboolean
remit_box_intersects (const RemitBox *a, const RemitBox *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->page == b->page && a->left < b->left + b->width && b->left < a->left + a->width
         && a->top < b->top + b->height && b->top < a->top + a->height;
}

/**
 * remit_box_intersection:
 * @a: a box
 * @b: another box
 * @out: (out caller-allocates) (optional): the overlap of @a and @b
 *
 * Returns: %TRUE if the boxes intersect (see remit_box_intersects()); @out is only set then
 */
gboolean
remit_box_intersection (const RemitBox *a, const RemitBox *b, RemitBox *out)
{
  double left, top, right, bottom;

  if (!remit_box_intersects (a, b))
    return FALSE;

  left = MAX (a->left, b->left);
  top = MAX (a->top, b->top);
  right = MIN (a->left + a->width, b->left + b->width);
  bottom = MIN (a->top + a->height, b->top + b->height);

  if (out != NULL)
    remit_box_init (out, a->page, left, top, right - left, bottom - top);
  return TRUE;
}

/**
 * remit_box_union:
 * @a: a box
 * @b: another box
 * @out: (out caller-allocates): the smallest box that contains both; may be @a or @b
 *
 * Returns: %TRUE if the boxes are on the same page; otherwise %FALSE and @out is unchanged
 */
gboolean
remit_box_union (const RemitBox *a, const RemitBox *b, RemitBox *out)
{
  double left, top, right, bottom;

  g_return_val_if_fail (a != NULL && b != NULL && out != NULL, FALSE);

  if (a->page != b->page)
    return FALSE;

  left = MIN (a->left, b->left);
  top = MIN (a->top, b->top);
  right = MAX (a->left + a->width, b->left + b->width);
  bottom = MAX (a->top + a->height, b->top + b->height);

  remit_box_init (out, a->page, left, top, right - left, bottom - top);
  return TRUE;
}

/**
 * remit_box_equal:
 * @a: (nullable): a box
 * @b: (nullable): another box
 * @tolerance: the largest difference allowed in each of left, top, width and height
 *
 * Whether the boxes are on the same page and their edges and sizes differ by at most
 * @tolerance. Two %NULL boxes are equal; a %NULL box equals no other box.
 */
gboolean
remit_box_equal (const RemitBox *a, const RemitBox *b, double tolerance)
{
  g_return_val_if_fail (tolerance >= 0, FALSE);

  if (a == NULL || b == NULL)
    return a == b;

  return a->page == b->page && fabs (a->left - b->left) <= tolerance
         && fabs (a->top - b->top) <= tolerance && fabs (a->width - b->width) <= tolerance
         && fabs (a->height - b->height) <= tolerance;
}
