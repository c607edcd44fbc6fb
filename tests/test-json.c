/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-json"

#include "config.h"

#include "remit-core-error.h"
#include "remit-json-private.h"
#include "remit-line-item.h"

static JsonNode *
parse (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = remit_json_parse (text, -1, &error);

  g_assert_no_error (error);
  return node;
}

static void
assert_malformed (GError *error, const char *message)
{
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_paths (void)
{
  const struct
  {
    const char *parent;
    const char *member;
    const char *path;
  } members[] = {
    { NULL, "id", "id" },
    { "", "id", "id" },
    { "documents[2]", "_links", "documents[2]._links" },
    { "extractions.iban", "value", "extractions.iban.value" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      g_autofree char *path = remit_json_path_member (members[i].parent, members[i].member);

      g_assert_cmpstr (path, ==, members[i].path);
    }

  {
    g_autofree char *top = remit_json_path_index (NULL, 3);
    g_autofree char *nested = remit_json_path_index ("compoundExtractions.lineItems", 0);

    g_assert_cmpstr (top, ==, "[3]");
    g_assert_cmpstr (nested, ==, "compoundExtractions.lineItems[0]");
  }
}

/* An absent or null member is an error only when required, and leaves *out alone. */
static void
test_absent_members (void)
{
  g_autoptr (JsonNode) root = parse ("{\"empty\": null}");
  JsonObject *object = json_node_get_object (root);
  const char *names[] = { "missing", "empty" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *message = g_strdup_printf ("“box.%s” is missing", names[i]);
      const char *text = "kept";
      double number = 7;
      gint64 whole = 7;
      gboolean flag = TRUE;
      gboolean found = TRUE;
      JsonObject *child = object;
      JsonArray *array = NULL;

      g_assert_true (remit_json_get_string (object, "box", names[i], FALSE, &text, &error));
      g_assert_cmpstr (text, ==, "kept");
      g_assert_true (remit_json_get_number (object, "box", names[i], FALSE, &number, &found,
                                            &error));
      g_assert_cmpfloat (number, ==, 7);
      g_assert_false (found);
      found = TRUE;
      g_assert_true (remit_json_get_int (object, "box", names[i], FALSE, &whole, &found, &error));
      g_assert_cmpint (whole, ==, 7);
      g_assert_false (found);
      found = TRUE;
      g_assert_true (remit_json_get_boolean (object, "box", names[i], FALSE, &flag, &found,
                                             &error));
      g_assert_true (flag);
      g_assert_false (found);
      g_assert_true (remit_json_get_object (object, "box", names[i], FALSE, &child, &error));
      g_assert_true (child == object);
      g_assert_true (remit_json_get_array (object, "box", names[i], FALSE, &array, &error));
      g_assert_null (array);
      g_assert_no_error (error);

      g_assert_false (remit_json_get_string (object, "box", names[i], TRUE, &text, &error));
      assert_malformed (error, message);
      g_clear_error (&error);
      g_assert_false (remit_json_get_array (object, "box", names[i], TRUE, &array, &error));
      assert_malformed (error, message);
    }
}

static void
test_values (void)
{
  g_autoptr (JsonNode) root = parse ("{\"s\": \"text\", \"n\": 2.5, \"i\": 42, \"b\": false,"
                                     " \"o\": {\"x\": 1}, \"a\": [1, 2]}");
  g_autoptr (GError) error = NULL;
  JsonObject *object = json_node_get_object (root);
  const char *text = NULL;
  double number = 0;
  gint64 whole = 0;
  gboolean flag = TRUE;
  gboolean found = FALSE;
  JsonObject *child = NULL;
  JsonArray *array = NULL;

  g_assert_true (remit_json_get_string (object, NULL, "s", TRUE, &text, &error));
  g_assert_cmpstr (text, ==, "text");
  g_assert_true (remit_json_get_number (object, NULL, "n", TRUE, &number, &found, &error));
  g_assert_cmpfloat (number, ==, 2.5);
  g_assert_true (found);
  g_assert_true (remit_json_get_number (object, NULL, "i", TRUE, &number, NULL, &error));
  g_assert_cmpfloat (number, ==, 42);
  g_assert_true (remit_json_get_int (object, NULL, "i", TRUE, &whole, NULL, &error));
  g_assert_cmpint (whole, ==, 42);
  g_assert_true (remit_json_get_boolean (object, NULL, "b", TRUE, &flag, NULL, &error));
  g_assert_false (flag);
  g_assert_true (remit_json_get_object (object, NULL, "o", TRUE, &child, &error));
  g_assert_cmpint (json_object_get_int_member (child, "x"), ==, 1);
  g_assert_true (remit_json_get_array (object, NULL, "a", TRUE, &array, &error));
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_no_error (error);
}

static void
test_wrong_types (void)
{
  g_autoptr (JsonNode) root = parse ("{\"s\": \"1\", \"n\": 2.5, \"o\": {}}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr (GError) error = NULL;
  const char *text;
  double number;
  gint64 whole;
  gboolean flag;
  JsonObject *child;
  JsonArray *array;

  g_assert_false (remit_json_get_string (object, "p", "n", TRUE, &text, &error));
  assert_malformed (error, "“p.n” is not a string");
  g_clear_error (&error);
  g_assert_false (remit_json_get_number (object, "p", "s", TRUE, &number, NULL, &error));
  assert_malformed (error, "“p.s” is not a number");
  g_clear_error (&error);
  g_assert_false (remit_json_get_int (object, "p", "n", TRUE, &whole, NULL, &error));
  assert_malformed (error, "“p.n” is not a whole number");
  g_clear_error (&error);
  g_assert_false (remit_json_get_boolean (object, "p", "s", FALSE, &flag, NULL, &error));
  assert_malformed (error, "“p.s” is not true or false");
  g_clear_error (&error);
  g_assert_false (remit_json_get_object (object, "p", "s", FALSE, &child, &error));
  assert_malformed (error, "“p.s” is not an object");
  g_clear_error (&error);
  g_assert_false (remit_json_get_array (object, "p", "o", FALSE, &array, &error));
  assert_malformed (error, "“p.o” is not a list");
}

/* remit_json_get_int() takes 3.0 for 3; remit_json_get_int_strict() wants a literal 3. */
static void
test_whole_numbers (void)
{
  const struct
  {
    const char *json;
    gboolean lenient;
    gboolean strict;
    gint64 value;
  } cases[] = {
    { "{\"v\": 3}", TRUE, TRUE, 3 },
    { "{\"v\": -9007199254740993}", TRUE, TRUE, G_GINT64_CONSTANT (-9007199254740993) },
    { "{\"v\": 3.0}", TRUE, FALSE, 3 },
    { "{\"v\": -4e3}", TRUE, FALSE, -4000 },
    { "{\"v\": 3.5}", FALSE, FALSE, 0 },
    { "{\"v\": 1e300}", FALSE, FALSE, 0 },
    { "{\"v\": \"3\"}", FALSE, FALSE, 0 },
    { "{\"v\": true}", FALSE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) root = parse (cases[i].json);
      JsonObject *object = json_node_get_object (root);
      g_autoptr (GError) lenient_error = NULL;
      g_autoptr (GError) strict_error = NULL;
      gint64 lenient = 0;
      gint64 strict = 0;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_cmpint (remit_json_get_int (object, NULL, "v", TRUE, &lenient, NULL,
                                           &lenient_error),
                       ==, cases[i].lenient);
      g_assert_cmpint (remit_json_get_int_strict (object, NULL, "v", TRUE, &strict, NULL,
                                                  &strict_error),
                       ==, cases[i].strict);

      if (cases[i].lenient)
        g_assert_cmpint (lenient, ==, cases[i].value);
      else
        assert_malformed (lenient_error, "“v” is not a whole number");
      if (cases[i].strict)
        g_assert_cmpint (strict, ==, cases[i].value);
      else
        assert_malformed (strict_error, "“v” is not a whole number");
    }
}

static void
test_dup_string (void)
{
  g_autoptr (JsonNode) root = parse ("{\"name\": \"Rechnung\", \"count\": 1}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = g_strdup ("old");
  g_autofree char *other = g_strdup ("kept");

  g_assert_true (remit_json_dup_string (object, NULL, "name", TRUE, &name, &error));
  g_assert_cmpstr (name, ==, "Rechnung");
  g_assert_true (remit_json_dup_string (object, NULL, "missing", FALSE, &other, &error));
  g_assert_cmpstr (other, ==, "kept");
  g_assert_false (remit_json_dup_string (object, NULL, "count", FALSE, &other, &error));
  assert_malformed (error, "“count” is not a string");
  g_assert_cmpstr (other, ==, "kept");
}

static void
test_nodes (void)
{
  g_autoptr (JsonNode) array_node = parse ("[1]");
  g_autoptr (JsonNode) object_node = parse ("{}");
  g_autoptr (GError) error = NULL;
  JsonObject *object = NULL;
  JsonArray *array = NULL;

  g_assert_true (remit_json_node_get_object (object_node, NULL, &object, &error));
  g_assert_true (object == json_node_get_object (object_node));
  g_assert_true (remit_json_node_get_array (array_node, NULL, &array, &error));
  g_assert_true (array == json_node_get_array (array_node));
  g_assert_no_error (error);

  g_assert_false (remit_json_node_get_object (array_node, NULL, &object, &error));
  assert_malformed (error, "The answer is not a JSON object");
  g_clear_error (&error);
  g_assert_false (remit_json_node_get_object (array_node, "documents[1]", &object, &error));
  assert_malformed (error, "“documents[1]” is not an object");
  g_clear_error (&error);
  g_assert_false (remit_json_node_get_array (object_node, NULL, &array, &error));
  assert_malformed (error, "The answer is not a JSON array");
  g_clear_error (&error);
  g_assert_false (remit_json_node_get_array (object_node, "candidates.ibans", &array, &error));
  assert_malformed (error, "“candidates.ibans” is not a list");
}

static void
test_malformed (void)
{
  const struct
  {
    RemitJsonProblem problem;
    const char *message;
  } problems[] = {
    { REMIT_JSON_NOT_DATE, "“[0].paidAt” is not a date" },
    { REMIT_JSON_NEGATIVE, "“[0].paidAt” is negative" },
    { REMIT_JSON_NOT_PAGE_NUMBER, "“[0].paidAt” is not a page number: pages are counted from 1" },
  };
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      g_assert_false (remit_json_malformed (&error, "[0]", "paidAt", problems[i].problem));
      assert_malformed (error, problems[i].message);
      g_clear_error (&error);
    }

  g_assert_false (remit_json_malformed_value (&error, NULL, "progress", "DONE"));
  assert_malformed (error, "“progress” has the unknown value “DONE”");
  g_clear_error (&error);
  g_assert_false (remit_json_malformed_int (&error, "[1]", "pageNumber", -2));
  assert_malformed (error, "“[1].pageNumber” has the unknown value “-2”");
}

static void
test_copies (void)
{
  static const char *const known[] = { "id", "name", NULL };
  g_autoptr (JsonNode) root =
    parse ("{\"id\": \"a\", \"z\": {\"deep\": [1]}, \"name\": \"n\", \"b\": null}");
  JsonObject *object = json_node_get_object (root);
  g_autoptr (JsonObject) unknown = remit_json_copy_unknown (object, known);
  g_autoptr (JsonObject) copy = remit_json_object_deep_copy (object);
  g_autoptr (JsonObject) empty = json_object_new ();
  g_autoptr (JsonObject) empty_copy = remit_json_object_deep_copy (empty);
  g_auto (GStrv) names = remit_json_object_dup_names (unknown);
  g_auto (GStrv) no_names = remit_json_object_dup_names (NULL);
  const char *const expected[] = { "z", "b", NULL };
  JsonArray *deep;

  /* The unknown members, in their order, copied all the way down. */
  g_assert_cmpstrv (names, expected);
  g_assert_cmpstrv (no_names, (const char *const[]) { NULL });
  json_array_add_int_element (
    json_object_get_array_member (json_object_get_object_member (object, "z"), "deep"), 2);
  deep = json_object_get_array_member (json_object_get_object_member (unknown, "z"), "deep");
  g_assert_cmpuint (json_array_get_length (deep), ==, 1);
  deep = json_object_get_array_member (json_object_get_object_member (copy, "z"), "deep");
  g_assert_cmpuint (json_array_get_length (deep), ==, 1);
  g_assert_cmpuint (json_object_get_size (copy), ==, 4);
  g_assert_cmpuint (json_object_get_size (empty_copy), ==, 0);

  /* Nothing unknown: no object at all. */
  {
    static const char *const all[] = { "id", "name", "z", "b", NULL };

    g_assert_null (remit_json_copy_unknown (object, all));
  }

  /* Adding keeps what the destination has. */
  json_object_set_string_member (empty, "z", "mine");
  remit_json_object_add_all (empty, unknown);
  remit_json_object_add_all (empty, NULL);
  g_assert_cmpstr (json_object_get_string_member (empty, "z"), ==, "mine");
  g_assert_true (json_object_has_member (empty, "b"));
}

static void
test_optional_string (void)
{
  g_autoptr (JsonObject) links = NULL;

  remit_json_object_set_optional_string (&links, "self", NULL);
  g_assert_null (links);

  remit_json_object_set_optional_string (&links, "self", "https://example.org/1");
  g_assert_nonnull (links);
  g_assert_cmpstr (remit_json_lookup_string (links, "self"), ==, "https://example.org/1");

  json_object_set_int_member (links, "count", 1);
  json_object_set_null_member (links, "none");
  g_assert_null (remit_json_lookup_string (links, "count"));
  g_assert_null (remit_json_lookup_string (links, "none"));
  g_assert_null (remit_json_lookup_string (links, "other"));
  g_assert_null (remit_json_lookup_string (NULL, "self"));

  remit_json_object_set_optional_string (&links, "self", NULL);
  g_assert_false (json_object_has_member (links, "self"));
}

static void
count_notify (GObject *object, GParamSpec *pspec, guint *count)
{
  (*count)++;
}

static void
test_set_string (void)
{
  g_autoptr (RemitLineItem) item = remit_line_item_new (NULL, 1, NULL);
  g_autofree char *field = NULL;
  guint notified = 0;

  g_assert_true (remit_set_string (&field, "a"));
  g_assert_cmpstr (field, ==, "a");
  g_assert_false (remit_set_string (&field, "a"));
  g_assert_true (remit_set_string (&field, NULL));
  g_assert_null (field);
  g_assert_false (remit_set_string (&field, NULL));

  /* The line item's setters notify through remit_set_string_notify(), once per change. */
  g_signal_connect (item, "notify::position", G_CALLBACK (count_notify), &notified);
  remit_line_item_set_position (item, "1");
  remit_line_item_set_position (item, "1");
  g_assert_cmpuint (notified, ==, 1);
  remit_line_item_set_position (item, NULL);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_null (remit_line_item_get_position (item));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json/paths", test_paths);
  g_test_add_func ("/json/absent-members", test_absent_members);
  g_test_add_func ("/json/values", test_values);
  g_test_add_func ("/json/wrong-types", test_wrong_types);
  g_test_add_func ("/json/whole-numbers", test_whole_numbers);
  g_test_add_func ("/json/dup-string", test_dup_string);
  g_test_add_func ("/json/nodes", test_nodes);
  g_test_add_func ("/json/malformed", test_malformed);
  g_test_add_func ("/json/copies", test_copies);
  g_test_add_func ("/json/optional-string", test_optional_string);
  g_test_add_func ("/json/set-string", test_set_string);

  return g_test_run ();
}
