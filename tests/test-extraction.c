/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-extraction"

#include "config.h"

#include <string.h>

#include "remit-box.h"
#include "remit-core-error.h"
#include "remit-extraction-set.h"
#include "remit-extraction.h"

/* An answer shaped like the service's, with the labels, entities, candidate lists, compound
 * names and members it sends beyond its documentation. */
static const char *const gini_answer = "{\n"
  "  \"extractions\": {\n"
  "    \"amountToPay\": {\"entity\": \"amount\", \"value\": \"24.99:EUR\",\n"
  "      \"box\": {\"page\": 1, \"left\": 108, \"top\": 420, \"width\": 68, \"height\": 12},\n"
  "      \"candidates\": \"amounts\"},\n"
  "    \"iban\": {\"entity\": \"iban\", \"value\": \"DE89370400440532013000\",\n"
  "      \"box\": {\"page\": 1, \"left\": 96.5, \"top\": 400.25, \"width\": 196, \"height\": 12},\n"
  "      \"candidates\": \"ibans\", \"confidence\": 0.97},\n"
  "    \"bic\": {\"entity\": \"bic\", \"value\": \"COBADEFFXXX\", \"candidates\": \"bics\"},\n"
  "    \"docType\": {\"entity\": \"doctype\", \"value\": \"Invoice\"},\n"
  "    \"paymentPurpose\": {\"entity\": \"text\", \"value\": \"Rechnung 2024-0815\"},\n"
  "    \"paymentRecipient\": {\"entity\": \"companyname\", \"value\": \"Musterfirma GmbH\",\n"
  "      \"box\": {\"page\": 1, \"left\": 56, \"top\": 50, \"width\": 140, \"height\": 16},\n"
  "      \"candidates\": \"paymentRecipients\"},\n"
  "    \"paymentReference\": {\"entity\": \"reference\", \"value\": \"RE-2024-0815\"},\n"
  "    \"amountsAreConsistent\": {\"entity\": \"text\", \"value\": \"true\"},\n"
  "    \"shipment-addon\": {\"entity\": \"amount\", \"value\": \"4.95:EUR\"},\n"
  "    \"paymentState\": {\"entity\": \"paymentState\", \"value\": \"ToBePaid\"},\n"
  "    \"instantPayment\": {\"entity\": \"instantPayment\", \"value\": \"false\"},\n"
  "    \"senderName\": {\"entity\": \"companyname\", \"value\": \"Musterfirma GmbH\",\n"
  "      \"valueSource\": \"letterhead\", \"alternatives\": [{\"value\": \"Muster GmbH\"}]},\n"
  "    \"customerNumber\": {\"entity\": \"idnumber\", \"value\": \"K-4711\", \"confidence\": 1}\n"
  "  },\n"
  "  \"compoundExtractions\": {\n"
  "    \"lineItems\": [\n"
  "      {\"artNumber\": {\"entity\": \"text\", \"value\": \"A-100\"},\n"
  "       \"baseGross\": {\"entity\": \"amount\", \"value\": \"9.99:EUR\"},\n"
  "       \"description\": {\"entity\": \"text\", \"value\": \"T-Shirt, blau\"},\n"
  "       \"position\": {\"entity\": \"number\", \"value\": \"1\"},\n"
  "       \"quantity\": {\"entity\": \"numeric\", \"value\": \"2\"},\n"
  "       \"grossPrice\": {\"entity\": \"amount\", \"value\": \"19.98:EUR\"}},\n"
  "      {\"artNumber\": {\"entity\": \"text\", \"value\": \"B-200\"},\n"
  "       \"baseGross\": {\"entity\": \"amount\", \"value\": \"0.06:EUR\",\n"
  "         \"box\": {\"page\": 2, \"left\": 400, \"top\": 120.5, \"width\": 30,"
  " \"height\": 10}},\n"
  "       \"description\": {\"entity\": \"text\", \"value\": \"Aufkleber\"},\n"
  "       \"position\": {\"entity\": \"number\", \"value\": \"2\"},\n"
  "       \"quantity\": {\"entity\": \"numeric\", \"value\": \"1\"}}\n"
  "    ],\n"
  "    \"shippingItems\": [\n"
  "      {\"carrier\": {\"entity\": \"text\", \"value\": \"DHL\"}}\n"
  "    ]\n"
  "  },\n"
  "  \"candidates\": {\n"
  "    \"amounts\": [\n"
  "      {\"entity\": \"amount\", \"value\": \"24.99:EUR\",\n"
  "       \"box\": {\"page\": 1, \"left\": 108, \"top\": 420, \"width\": 68, \"height\": 12}},\n"
  "      {\"entity\": \"amount\", \"value\": \"20.04:EUR\"},\n"
  "      {\"entity\": \"amount\", \"value\": \"4.95:EUR\"}\n"
  "    ],\n"
  "    \"ibans\": [\n"
  "      {\"entity\": \"iban\", \"value\": \"DE89370400440532013000\"},\n"
  "      {\"entity\": \"iban\", \"value\": \"DE02120300000000202051\"}\n"
  "    ],\n"
  "    \"bics\": [{\"entity\": \"bic\", \"value\": \"COBADEFFXXX\"}],\n"
  "    \"paymentRecipients\": [{\"entity\": \"companyname\", \"value\": \"Musterfirma GmbH\"}],\n"
  "    \"referenceIds\": [],\n"
  "    \"dates\": [{\"entity\": \"date\", \"value\": \"2024-03-15\"}]\n"
  "  },\n"
  "  \"returnReasons\": [\n"
  "    {\"id\": \"r1\", \"de\": \"Passt nicht\", \"en\": \"Does not fit\"},\n"
  "    {\"id\": \"r2\", \"de\": \"Gefällt mir nicht\", \"en\": \"Do not like it\"},\n"
  "    {\"id\": \"r3\", \"en\": \"Arrived damaged\"},\n"
  "    {\"id\": \"r4\", \"de\": \"Falscher Artikel\", \"sortOrder\": 4}\n"
  "  ],\n"
  "  \"documentVersion\": 3,\n"
  "  \"_links\": {\"document\": \"https://pay-api.example/documents/1234\"}\n"
  "}\n";

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr (JsonNode) node = parse_json (text);

  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

static void
assert_json_equal (JsonNode *actual, JsonNode *expected)
{
  if (!json_node_equal (actual, expected))
    {
      g_autofree char *a = json_to_string (actual, TRUE);
      g_autofree char *e = json_to_string (expected, TRUE);

      g_error ("JSON differs.\nActual:\n%s\nExpected:\n%s", a, e);
    }
}

static void
assert_json_text (JsonNode *actual, const char *expected)
{
  g_autoptr (JsonNode) node = parse_json (expected);

  assert_json_equal (actual, node);
}

static void
assert_strv (char **actual, const char *const *expected)
{
  guint n = g_strv_length (actual);

  if (n != g_strv_length ((char **) expected))
    {
      g_autofree char *joined = g_strjoinv (", ", actual);
      g_error ("Got %u strings (%s), expected %u", n, joined,
               g_strv_length ((char **) expected));
    }
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (actual[i], ==, expected[i]);
}

static void
assert_malformed (const GError *error, const char *expected_part)
{
  g_assert_error (error, REMIT_CORE_ERROR, REMIT_CORE_ERROR_MALFORMED);
  if (strstr (error->message, expected_part) == NULL)
    g_error ("Message “%s” does not contain “%s”", error->message, expected_part);
}

static RemitExtractionSet *
load_gini_answer (void)
{
  g_autoptr (GError) error = NULL;
  RemitExtractionSet *set = remit_extraction_set_new_from_string (gini_answer, -1, &error);

  g_assert_no_error (error);
  g_assert_true (REMIT_IS_EXTRACTION_SET (set));
  return set;
}

/* RemitBox */

static void
test_box_basics (void)
{
  g_autoptr (RemitBox) box = remit_box_new (2, 10, 20, 30, 40);
  g_autoptr (RemitBox) copy = NULL;
  RemitBox *boxed;

  g_assert_cmpint (box->page, ==, 2);
  g_assert_cmpfloat (box->left, ==, 10);
  g_assert_cmpfloat (box->top, ==, 20);
  g_assert_cmpfloat (box->width, ==, 30);
  g_assert_cmpfloat (box->height, ==, 40);
  g_assert_cmpfloat (remit_box_get_right (box), ==, 40);
  g_assert_cmpfloat (remit_box_get_bottom (box), ==, 60);
  g_assert_cmpfloat (remit_box_get_area (box), ==, 1200);

  copy = remit_box_copy (box);
  g_assert_true (copy != box);
  g_assert_true (remit_box_equal (copy, box, 0));

  g_assert_true (G_TYPE_IS_BOXED (REMIT_TYPE_BOX));
  boxed = g_boxed_copy (REMIT_TYPE_BOX, box);
  g_assert_true (remit_box_equal (boxed, box, 0));
  g_boxed_free (REMIT_TYPE_BOX, boxed);
}

static void
test_box_json (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"page\": 3, \"left\": 96.5, \"top\": 400, \"width\": 196.25, \"height\": 12.0,"
      " \"extra\": true}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitBox) box = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (JsonObject) page_as_double = parse_object (
      "{\"page\": 1.0, \"left\": 0, \"top\": 0, \"width\": 0, \"height\": 0}");
  RemitBox filled = { 0 };

  box = remit_box_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpint (box->page, ==, 3);
  g_assert_cmpfloat (box->left, ==, 96.5);
  g_assert_cmpfloat (box->top, ==, 400);
  g_assert_cmpfloat (box->width, ==, 196.25);
  g_assert_cmpfloat (box->height, ==, 12);

  /* Whole numbers are written without a fraction; the unknown member is not a box's. */
  node = remit_box_to_json (box);
  assert_json_text (node, "{\"page\": 3, \"left\": 96.5, \"top\": 400, \"width\": 196.25,"
                          " \"height\": 12}");
  g_assert_cmpint (json_node_get_value_type (
                       json_object_get_member (json_node_get_object (node), "height")),
                   ==, G_TYPE_INT64);

  g_assert_true (remit_box_init_from_json (&filled, page_as_double, &error));
  g_assert_no_error (error);
  g_assert_cmpint (filled.page, ==, 1);
  g_assert_cmpfloat (filled.width, ==, 0);
}

static void
test_box_json_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}", "“page” is missing" },
    { "{\"page\": 0, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}",
      "“page” is not a page number" },
    { "{\"page\": -2, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}",
      "“page” is not a page number" },
    { "{\"page\": 4294967297, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}",
      "“page” is not a page number" },
    { "{\"page\": 1.5, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}",
      "“page” is not a whole number" },
    { "{\"page\": \"1\", \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4}",
      "“page” is not a whole number" },
    { "{\"page\": 1, \"left\": \"1\", \"top\": 2, \"width\": 3, \"height\": 4}",
      "“left” is not a number" },
    { "{\"page\": 1, \"left\": 1, \"top\": true, \"width\": 3, \"height\": 4}",
      "“top” is not a number" },
    { "{\"page\": 1, \"left\": 1, \"top\": 2, \"width\": [], \"height\": 4}",
      "“width” is not a number" },
    { "{\"page\": 1, \"left\": 1, \"top\": 2, \"width\": 3}", "“height” is missing" },
    { "{\"page\": 1, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": null}",
      "“height” is missing" },
    { "{\"page\": 1, \"left\": 1, \"top\": 2, \"width\": -3, \"height\": 4}",
      "“width” is negative" },
    { "{\"page\": 1, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": -0.5}",
      "“height” is negative" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) object = parse_object (cases[i].json);
      g_autoptr (GError) error = NULL;
      RemitBox box = { 7, 1, 1, 1, 1 };

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (remit_box_new_from_json (object, &error));
      assert_malformed (error, cases[i].message);
      g_clear_error (&error);

      /* A failed read leaves the box as it was. */
      g_assert_false (remit_box_init_from_json (&box, object, &error));
      assert_malformed (error, cases[i].message);
      g_assert_cmpint (box.page, ==, 7);
      g_assert_cmpfloat (box.left, ==, 1);
    }
}

static void
test_box_geometry (void)
{
  RemitBox a, b, out;

  remit_box_init (&a, 1, 10, 10, 100, 20);

  /* Inside, on the edges, outside. */
  g_assert_true (remit_box_contains_point (&a, 50, 20));
  g_assert_true (remit_box_contains_point (&a, 10, 10));
  g_assert_true (remit_box_contains_point (&a, 110, 30));
  g_assert_false (remit_box_contains_point (&a, 9.99, 20));
  g_assert_false (remit_box_contains_point (&a, 50, 30.01));
  g_assert_false (remit_box_contains_point (&a, 111, 5));

  /* Overlap. */
  remit_box_init (&b, 1, 100, 25, 50, 50);
  g_assert_true (remit_box_intersects (&a, &b));
  g_assert_true (remit_box_intersects (&b, &a));
  g_assert_true (remit_box_intersection (&a, &b, &out));
  g_assert_cmpint (out.page, ==, 1);
  g_assert_cmpfloat (out.left, ==, 100);
  g_assert_cmpfloat (out.top, ==, 25);
  g_assert_cmpfloat (out.width, ==, 10);
  g_assert_cmpfloat (out.height, ==, 5);

  g_assert_true (remit_box_union (&a, &b, &out));
  g_assert_cmpint (out.page, ==, 1);
  g_assert_cmpfloat (out.left, ==, 10);
  g_assert_cmpfloat (out.top, ==, 10);
  g_assert_cmpfloat (out.width, ==, 140);
  g_assert_cmpfloat (out.height, ==, 65);

  /* A box inside another. */
  remit_box_init (&b, 1, 20, 12, 5, 5);
  g_assert_true (remit_box_intersects (&a, &b));
  g_assert_true (remit_box_intersection (&a, &b, &out));
  g_assert_true (remit_box_equal (&out, &b, 0));
  g_assert_true (remit_box_union (&a, &b, &out));
  g_assert_true (remit_box_equal (&out, &a, 0));

  /* Touching along an edge is not overlapping. */
  remit_box_init (&b, 1, 110, 10, 10, 20);
  g_assert_false (remit_box_intersects (&a, &b));
  out.page = 99;
  g_assert_false (remit_box_intersection (&a, &b, &out));
  g_assert_cmpint (out.page, ==, 99);

  /* Apart. */
  remit_box_init (&b, 1, 200, 200, 10, 10);
  g_assert_false (remit_box_intersects (&a, &b));
  g_assert_true (remit_box_union (&a, &b, &out));
  g_assert_cmpfloat (out.width, ==, 200);
  g_assert_cmpfloat (out.height, ==, 200);

  /* Same rectangle, another page. */
  remit_box_init (&b, 2, 10, 10, 100, 20);
  g_assert_false (remit_box_intersects (&a, &b));
  g_assert_false (remit_box_intersection (&a, &b, NULL));
  out.page = 99;
  g_assert_false (remit_box_union (&a, &b, &out));
  g_assert_cmpint (out.page, ==, 99);

  /* Union into one of its inputs. */
  remit_box_init (&b, 1, 0, 0, 5, 5);
  g_assert_true (remit_box_union (&a, &b, &a));
  g_assert_cmpfloat (a.left, ==, 0);
  g_assert_cmpfloat (a.top, ==, 0);
  g_assert_cmpfloat (a.width, ==, 110);
  g_assert_cmpfloat (a.height, ==, 30);
}

static void
test_box_equal (void)
{
  RemitBox a, b;

  remit_box_init (&a, 1, 10, 10, 100, 20);
  b = a;
  g_assert_true (remit_box_equal (&a, &b, 0));

  b.left += 0.4;
  g_assert_false (remit_box_equal (&a, &b, 0));
  g_assert_true (remit_box_equal (&a, &b, 0.5));
  g_assert_false (remit_box_equal (&a, &b, 0.3));

  b = a;
  b.height -= 1;
  g_assert_true (remit_box_equal (&a, &b, 1));
  g_assert_false (remit_box_equal (&a, &b, 0.99));

  b = a;
  b.page = 2;
  g_assert_false (remit_box_equal (&a, &b, 1000));

  g_assert_true (remit_box_equal (NULL, NULL, 0));
  g_assert_false (remit_box_equal (&a, NULL, 1000));
  g_assert_false (remit_box_equal (NULL, &a, 1000));
}

/* RemitExtraction */

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  GHashTable *counts = user_data;
  const char *name = g_param_spec_get_name (pspec);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));

  g_hash_table_insert (counts, (gpointer) name, GUINT_TO_POINTER (count + 1));
}

static guint
notified (GHashTable *counts, const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_extraction_new (void)
{
  g_autoptr (RemitExtraction) extraction = remit_extraction_new ("amount", "24.99:EUR");
  g_autoptr (RemitExtraction) boxed = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_auto (GStrv) names = NULL;
  RemitBox box;

  g_assert_cmpstr (remit_extraction_get_entity (extraction), ==, "amount");
  g_assert_cmpstr (remit_extraction_get_value (extraction), ==, "24.99:EUR");
  g_assert_null (remit_extraction_get_box (extraction));
  g_assert_null (remit_extraction_get_candidates (extraction));
  g_assert_false (remit_extraction_has_confidence (extraction));
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 0);
  names = remit_extraction_get_extra_names (extraction);
  g_assert_cmpuint (g_strv_length (names), ==, 0);

  node = remit_extraction_to_json (extraction);
  assert_json_text (node, "{\"entity\": \"amount\", \"value\": \"24.99:EUR\"}");

  remit_box_init (&box, 2, 1.5, 2, 3, 4);
  boxed = remit_extraction_new_with_box ("iban", "DE02120300000000202051", &box);
  g_assert_true (remit_box_equal (remit_extraction_get_box (boxed), &box, 0));
  /* The box was copied. */
  box.left = 99;
  g_assert_cmpfloat (remit_extraction_get_box (boxed)->left, ==, 1.5);
  g_clear_pointer (&node, json_node_unref);
  node = remit_extraction_to_json (boxed);
  assert_json_text (node, "{\"entity\": \"iban\", \"value\": \"DE02120300000000202051\","
                          " \"box\": {\"page\": 2, \"left\": 1.5, \"top\": 2, \"width\": 3,"
                          " \"height\": 4}}");
}

static void
test_extraction_json_round_trip (void)
{
  const char *text = "{\"entity\": \"companyname\", \"value\": \"Musterfirma GmbH\","
                     " \"box\": {\"page\": 1, \"left\": 56, \"top\": 50.5, \"width\": 140,"
                     " \"height\": 16}, \"candidates\": \"paymentRecipients\","
                     " \"confidence\": 0.875, \"valueSource\": {\"kind\": \"ocr\","
                     " \"engine\": [1, 2]}, \"flag\": false}";
  g_autoptr (JsonNode) input = parse_json (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtraction) extraction = NULL;
  g_autoptr (JsonNode) output = NULL;
  g_auto (GStrv) names = NULL;
  static const char *const expected_names[] = { "valueSource", "flag", NULL };
  const RemitBox *box;
  JsonNode *extra;

  extraction = remit_extraction_new_from_json (json_node_get_object (input), &error);
  g_assert_no_error (error);

  g_assert_cmpstr (remit_extraction_get_entity (extraction), ==, "companyname");
  g_assert_cmpstr (remit_extraction_get_value (extraction), ==, "Musterfirma GmbH");
  g_assert_cmpstr (remit_extraction_get_candidates (extraction), ==, "paymentRecipients");
  g_assert_true (remit_extraction_has_confidence (extraction));
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 0.875);
  box = remit_extraction_get_box (extraction);
  g_assert_nonnull (box);
  g_assert_cmpint (box->page, ==, 1);
  g_assert_cmpfloat (box->top, ==, 50.5);

  names = remit_extraction_get_extra_names (extraction);
  assert_strv (names, expected_names);
  extra = remit_extraction_get_extra (extraction, "valueSource");
  g_assert_nonnull (extra);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (extra), "kind"), ==,
                   "ocr");
  g_assert_null (remit_extraction_get_extra (extraction, "value"));
  g_assert_null (remit_extraction_get_extra (extraction, "nothing"));

  output = remit_extraction_to_json (extraction);
  assert_json_equal (output, input);

  /* The model does not share the tree it was read from. */
  json_object_set_string_member (
      json_node_get_object (json_object_get_member (json_node_get_object (input), "valueSource")),
      "kind", "changed");
  g_clear_pointer (&output, json_node_unref);
  output = remit_extraction_to_json (extraction);
  g_assert_cmpstr (json_object_get_string_member (
                       json_object_get_object_member (json_node_get_object (output),
                                                      "valueSource"),
                       "kind"),
                   ==, "ocr");
}

static void
test_extraction_optional_members (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"entity\": \"text\", \"value\": \"\", \"box\": null, \"candidates\": null,"
      " \"confidence\": null}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtraction) extraction = NULL;
  g_autoptr (JsonNode) output = NULL;

  /* Null optional members count as absent and are not written back. */
  extraction = remit_extraction_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_extraction_get_value (extraction), ==, "");
  g_assert_null (remit_extraction_get_box (extraction));
  g_assert_null (remit_extraction_get_candidates (extraction));
  g_assert_false (remit_extraction_has_confidence (extraction));

  output = remit_extraction_to_json (extraction);
  assert_json_text (output, "{\"entity\": \"text\", \"value\": \"\"}");
}

static void
test_extraction_setters (void)
{
  g_autoptr (RemitExtraction) extraction = remit_extraction_new ("amount", "1.00:EUR");
  g_autoptr (GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (JsonNode) output = NULL;
  g_autoptr (JsonNode) extra = parse_json ("{\"kind\": \"manual\"}");
  g_autofree char *entity = NULL;
  g_autofree char *value = NULL;
  g_autofree char *candidates = NULL;
  g_autoptr (RemitBox) got_box = NULL;
  double confidence = -1;
  gboolean has_confidence = TRUE;
  RemitBox box;

  g_signal_connect (extraction, "notify", G_CALLBACK (count_notify), counts);

  remit_extraction_set_value (extraction, "2.50:EUR");
  remit_extraction_set_value (extraction, "2.50:EUR");
  g_assert_cmpuint (notified (counts, "value"), ==, 1);
  g_assert_cmpstr (remit_extraction_get_value (extraction), ==, "2.50:EUR");

  remit_extraction_set_entity (extraction, "amount");
  g_assert_cmpuint (notified (counts, "entity"), ==, 0);
  remit_extraction_set_entity (extraction, "numeric");
  g_assert_cmpuint (notified (counts, "entity"), ==, 1);

  remit_extraction_set_candidates (extraction, "amounts");
  remit_extraction_set_candidates (extraction, "amounts");
  g_assert_cmpuint (notified (counts, "candidates"), ==, 1);
  g_assert_cmpstr (remit_extraction_get_candidates (extraction), ==, "amounts");

  remit_box_init (&box, 1, 10, 20, 30, 40);
  remit_extraction_set_box (extraction, &box);
  remit_extraction_set_box (extraction, &box);
  g_assert_cmpuint (notified (counts, "box"), ==, 1);
  g_assert_true (remit_extraction_get_box (extraction) != &box);
  g_assert_true (remit_box_equal (remit_extraction_get_box (extraction), &box, 0));

  remit_extraction_set_confidence (extraction, 0.5);
  remit_extraction_set_confidence (extraction, 0.5);
  g_assert_cmpuint (notified (counts, "confidence"), ==, 1);
  g_assert_cmpuint (notified (counts, "has-confidence"), ==, 1);
  g_assert_true (remit_extraction_has_confidence (extraction));
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 0.5);

  /* Properties. */
  g_object_get (extraction, "entity", &entity, "value", &value, "candidates", &candidates,
                "box", &got_box, "confidence", &confidence, "has-confidence", &has_confidence,
                NULL);
  g_assert_cmpstr (entity, ==, "numeric");
  g_assert_cmpstr (value, ==, "2.50:EUR");
  g_assert_cmpstr (candidates, ==, "amounts");
  g_assert_true (remit_box_equal (got_box, &box, 0));
  g_assert_cmpfloat (confidence, ==, 0.5);
  g_assert_true (has_confidence);

  remit_extraction_set_extra (extraction, "valueSource", extra);
  output = remit_extraction_to_json (extraction);
  assert_json_text (output, "{\"entity\": \"numeric\", \"value\": \"2.50:EUR\","
                            " \"box\": {\"page\": 1, \"left\": 10, \"top\": 20, \"width\": 30,"
                            " \"height\": 40}, \"candidates\": \"amounts\", \"confidence\": 0.5,"
                            " \"valueSource\": {\"kind\": \"manual\"}}");

  /* Removing again. */
  remit_extraction_set_box (extraction, NULL);
  g_assert_cmpuint (notified (counts, "box"), ==, 2);
  remit_extraction_set_candidates (extraction, NULL);
  remit_extraction_clear_confidence (extraction);
  remit_extraction_clear_confidence (extraction);
  g_assert_cmpuint (notified (counts, "has-confidence"), ==, 2);
  g_assert_false (remit_extraction_has_confidence (extraction));
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 0);
  remit_extraction_set_extra (extraction, "valueSource", NULL);
  remit_extraction_set_value (extraction, NULL);
  g_assert_cmpstr (remit_extraction_get_value (extraction), ==, "");

  g_clear_pointer (&output, json_node_unref);
  output = remit_extraction_to_json (extraction);
  assert_json_text (output, "{\"entity\": \"numeric\", \"value\": \"\"}");

  /* Setting the property "confidence" gives the extraction one. */
  g_object_set (extraction, "confidence", 0.25, NULL);
  g_assert_true (remit_extraction_has_confidence (extraction));
  g_assert_cmpfloat (remit_extraction_get_confidence (extraction), ==, 0.25);
}

static void
test_extraction_copy (void)
{
  g_autoptr (JsonObject) object = parse_object (
      "{\"entity\": \"iban\", \"value\": \"DE89370400440532013000\", \"confidence\": 0.5,"
      " \"box\": {\"page\": 1, \"left\": 1, \"top\": 2, \"width\": 3, \"height\": 4},"
      " \"candidates\": \"ibans\", \"valueSource\": [\"a\"]}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtraction) extraction = remit_extraction_new_from_json (object, &error);
  g_autoptr (RemitExtraction) copy = NULL;
  g_autoptr (JsonNode) original_json = NULL;
  g_autoptr (JsonNode) copy_json = NULL;

  g_assert_no_error (error);
  copy = remit_extraction_copy (extraction);
  original_json = remit_extraction_to_json (extraction);
  copy_json = remit_extraction_to_json (copy);
  assert_json_equal (copy_json, original_json);

  remit_extraction_set_value (copy, "DE02120300000000202051");
  remit_extraction_set_box (copy, NULL);
  json_array_add_string_element (
      json_node_get_array (remit_extraction_get_extra (copy, "valueSource")), "b");

  g_clear_pointer (&copy_json, json_node_unref);
  copy_json = remit_extraction_to_json (extraction);
  assert_json_equal (copy_json, original_json);
}

static void
test_extraction_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{\"value\": \"x\"}", "“entity” is missing" },
    { "{\"entity\": \"text\"}", "“value” is missing" },
    { "{\"entity\": \"text\", \"value\": null}", "“value” is missing" },
    { "{\"entity\": 3, \"value\": \"x\"}", "“entity” is not a string" },
    { "{\"entity\": \"amount\", \"value\": 24.99}", "“value” is not a string" },
    { "{\"entity\": \"amount\", \"value\": [\"24.99:EUR\"]}", "“value” is not a string" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"box\": [1, 2, 3, 4]}",
      "“box” is not an object" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"box\": {\"page\": 0, \"left\": 1, \"top\": 2,"
      " \"width\": 3, \"height\": 4}}",
      "“box.page” is not a page number" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"box\": {\"page\": 1, \"left\": 1, \"top\": 2,"
      " \"width\": 3}}",
      "“box.height” is missing" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"candidates\": 3}",
      "“candidates” is not a string" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"confidence\": \"high\"}",
      "“confidence” is not a number" },
    { "{\"entity\": \"text\", \"value\": \"x\", \"confidence\": true}",
      "“confidence” is not a number" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonObject) object = parse_object (cases[i].json);
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (remit_extraction_new_from_json (object, &error));
      assert_malformed (error, cases[i].message);
    }
}

/* RemitExtractionSet */

static void
test_set_specific (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_auto (GStrv) labels = remit_extraction_set_get_labels (set);
  static const char *const expected_labels[] = {
    "amountToPay", "iban", "bic", "docType", "paymentPurpose", "paymentRecipient",
    "paymentReference", "amountsAreConsistent", "shipment-addon", "paymentState",
    "instantPayment", "senderName", "customerNumber", NULL,
  };
  RemitExtractionMap *map;
  RemitExtraction *iban;
  RemitExtraction *sender;
  const RemitBox *box;

  assert_strv (labels, expected_labels);

  g_assert_cmpstr (remit_extraction_set_get_value (set, "amountToPay"), ==, "24.99:EUR");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "bic"), ==, "COBADEFFXXX");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "docType"), ==, "Invoice");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentPurpose"), ==,
                   "Rechnung 2024-0815");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentRecipient"), ==,
                   "Musterfirma GmbH");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentReference"), ==, "RE-2024-0815");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "shipment-addon"), ==, "4.95:EUR");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "paymentState"), ==, "ToBePaid");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "instantPayment"), ==, "false");
  g_assert_null (remit_extraction_set_get_value (set, "nothing"));
  g_assert_null (remit_extraction_set_get_extraction (set, "nothing"));

  iban = remit_extraction_set_get_extraction (set, "iban");
  g_assert_nonnull (iban);
  g_assert_cmpstr (remit_extraction_get_entity (iban), ==, "iban");
  g_assert_cmpstr (remit_extraction_get_value (iban), ==, "DE89370400440532013000");
  g_assert_cmpstr (remit_extraction_get_candidates (iban), ==, "ibans");
  g_assert_true (remit_extraction_has_confidence (iban));
  g_assert_cmpfloat (remit_extraction_get_confidence (iban), ==, 0.97);
  box = remit_extraction_get_box (iban);
  g_assert_nonnull (box);
  g_assert_cmpint (box->page, ==, 1);
  g_assert_cmpfloat (box->left, ==, 96.5);
  g_assert_cmpfloat (box->top, ==, 400.25);
  g_assert_cmpfloat (box->width, ==, 196);
  g_assert_cmpfloat (box->height, ==, 12);

  g_assert_null (remit_extraction_get_box (remit_extraction_set_get_extraction (set, "bic")));
  g_assert_false (
      remit_extraction_has_confidence (remit_extraction_set_get_extraction (set, "bic")));
  g_assert_cmpfloat (remit_extraction_get_confidence (
                         remit_extraction_set_get_extraction (set, "customerNumber")),
                     ==, 1);
  g_assert_cmpstr (remit_extraction_get_entity (
                       remit_extraction_set_get_extraction (set, "customerNumber")),
                   ==, "idnumber");

  /* Unknown members of an extraction are kept. */
  sender = remit_extraction_set_get_extraction (set, "senderName");
  g_assert_cmpstr (json_node_get_string (remit_extraction_get_extra (sender, "valueSource")), ==,
                   "letterhead");
  g_assert_true (JSON_NODE_HOLDS_ARRAY (remit_extraction_get_extra (sender, "alternatives")));

  /* The map gives the same objects, in order. */
  map = remit_extraction_set_get_extractions (set);
  g_assert_cmpuint (remit_extraction_map_get_size (map), ==, 13);
  g_assert_cmpstr (remit_extraction_map_get_label (map, 1), ==, "iban");
  g_assert_true (remit_extraction_map_get_nth (map, 1) == iban);
  g_assert_true (remit_extraction_map_lookup (map, "iban") == iban);
  g_assert_cmpstr (remit_extraction_map_lookup_value (map, "docType"), ==, "Invoice");
  g_assert_cmpstr (remit_extraction_map_get_label (map, 12), ==, "customerNumber");

  g_assert_true (remit_extraction_set_has_consistent_amounts (set));
}

static void
test_set_round_trip (void)
{
  g_autoptr (JsonNode) input = parse_json (gini_answer);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;
  g_autoptr (RemitExtractionSet) again = NULL;
  g_autoptr (JsonNode) output = NULL;
  g_autoptr (JsonNode) output_again = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pretty = NULL;
  g_auto (GStrv) extra_names = NULL;
  static const char *const expected_extra[] = { "documentVersion", "_links", NULL };

  set = remit_extraction_set_new_from_json (input, &error);
  g_assert_no_error (error);

  output = remit_extraction_set_to_json (set);
  assert_json_equal (output, input);

  /* Through text, compact and indented. */
  text = remit_extraction_set_to_string (set, FALSE);
  g_assert_null (strchr (text, '\n'));
  again = remit_extraction_set_new_from_string (text, -1, &error);
  g_assert_no_error (error);
  output_again = remit_extraction_set_to_json (again);
  assert_json_equal (output_again, input);

  pretty = remit_extraction_set_to_string (set, TRUE);
  g_assert_nonnull (strchr (pretty, '\n'));
  g_clear_object (&again);
  again = remit_extraction_set_new_from_string (pretty, strlen (pretty), &error);
  g_assert_no_error (error);
  g_clear_pointer (&output_again, json_node_unref);
  output_again = remit_extraction_set_to_json (again);
  assert_json_equal (output_again, input);

  /* The specific extractions are written in the order they came. */
  g_assert_cmpint (strstr (text, "\"amountToPay\"") - text, <, strstr (text, "\"iban\"") - text);
  g_assert_cmpint (strstr (text, "\"iban\"") - text, <, strstr (text, "\"bic\"") - text);
  g_assert_cmpint (strstr (text, "\"senderName\"") - text, <,
                   strstr (text, "\"customerNumber\"") - text);

  extra_names = remit_extraction_set_get_extra_names (set);
  assert_strv (extra_names, expected_extra);
  g_assert_cmpint (json_node_get_int (remit_extraction_set_get_extra (set, "documentVersion")), ==,
                   3);
  g_assert_null (remit_extraction_set_get_extra (set, "extractions"));
}

static void
test_set_candidates (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_auto (GStrv) names = remit_extraction_set_get_candidate_names (set);
  static const char *const expected_names[] = {
    "amounts", "ibans", "bics", "paymentRecipients", "referenceIds", "dates", NULL,
  };
  g_autoptr (RemitExtraction) orphan = remit_extraction_new ("amount", "1.00:EUR");
  GPtrArray *amounts;
  GPtrArray *ibans;
  GPtrArray *list;

  assert_strv (names, expected_names);

  amounts = remit_extraction_set_get_candidates (set, "amountToPay");
  g_assert_nonnull (amounts);
  g_assert_cmpuint (amounts->len, ==, 3);
  g_assert_cmpstr (remit_extraction_get_value (amounts->pdata[0]), ==, "24.99:EUR");
  g_assert_nonnull (remit_extraction_get_box (amounts->pdata[0]));
  g_assert_cmpstr (remit_extraction_get_value (amounts->pdata[1]), ==, "20.04:EUR");
  g_assert_cmpstr (remit_extraction_get_value (amounts->pdata[2]), ==, "4.95:EUR");
  g_assert_true (amounts == remit_extraction_set_get_candidate_list (set, "amounts"));

  ibans = remit_extraction_set_get_candidates_of (
      set, remit_extraction_set_get_extraction (set, "iban"));
  g_assert_nonnull (ibans);
  g_assert_cmpuint (ibans->len, ==, 2);
  g_assert_cmpstr (remit_extraction_get_value (ibans->pdata[1]), ==, "DE02120300000000202051");

  list = remit_extraction_set_get_candidates (set, "paymentRecipient");
  g_assert_cmpuint (list->len, ==, 1);
  list = remit_extraction_set_get_candidate_list (set, "referenceIds");
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 0);
  list = remit_extraction_set_get_candidate_list (set, "dates");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (remit_extraction_get_entity (list->pdata[0]), ==, "date");

  /* No candidates member, no such label, a name without a list. */
  g_assert_null (remit_extraction_set_get_candidates (set, "docType"));
  g_assert_null (remit_extraction_set_get_candidates (set, "nothing"));
  g_assert_null (remit_extraction_set_get_candidate_list (set, "nothing"));
  g_assert_null (remit_extraction_set_get_candidates_of (set, orphan));
  remit_extraction_set_candidates (orphan, "missingList");
  g_assert_null (remit_extraction_set_get_candidates_of (set, orphan));

  /* Adding to an existing and to a new list. */
  remit_extraction_set_add_candidate (set, "amounts", orphan);
  g_assert_cmpuint (amounts->len, ==, 4);
  g_assert_true (amounts->pdata[3] == orphan);
  remit_extraction_set_add_candidate (set, "missingList", orphan);
  list = remit_extraction_set_get_candidates_of (set, orphan);
  g_assert_nonnull (list);
  g_assert_cmpuint (list->len, ==, 1);
}

static void
test_set_compound (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_auto (GStrv) names = remit_extraction_set_get_compound_names (set);
  static const char *const expected_names[] = { "lineItems", "shippingItems", NULL };
  static const char *const expected_row_labels[] = {
    "artNumber", "baseGross", "description", "position", "quantity", "grossPrice", NULL,
  };
  g_auto (GStrv) row_labels = NULL;
  GPtrArray *items;
  GPtrArray *shipping;
  RemitExtractionMap *row;
  const RemitBox *box;

  assert_strv (names, expected_names);

  items = remit_extraction_set_get_line_items (set);
  g_assert_nonnull (items);
  g_assert_true (items == remit_extraction_set_get_compound (set, "lineItems"));
  g_assert_cmpuint (items->len, ==, 2);

  row = items->pdata[0];
  row_labels = remit_extraction_map_get_labels (row);
  assert_strv (row_labels, expected_row_labels);
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "artNumber"), ==, "A-100");
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "baseGross"), ==, "9.99:EUR");
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "description"), ==, "T-Shirt, blau");
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "position"), ==, "1");
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "quantity"), ==, "2");
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "grossPrice"), ==, "19.98:EUR");
  g_assert_cmpstr (remit_extraction_get_entity (remit_extraction_map_lookup (row, "position")), ==,
                   "number");

  row = items->pdata[1];
  g_assert_cmpuint (remit_extraction_map_get_size (row), ==, 5);
  g_assert_cmpstr (remit_extraction_map_lookup_value (row, "description"), ==, "Aufkleber");
  g_assert_null (remit_extraction_map_lookup (row, "grossPrice"));
  box = remit_extraction_get_box (remit_extraction_map_lookup (row, "baseGross"));
  g_assert_nonnull (box);
  g_assert_cmpint (box->page, ==, 2);
  g_assert_cmpfloat (box->top, ==, 120.5);

  shipping = remit_extraction_set_get_compound (set, "shippingItems");
  g_assert_cmpuint (shipping->len, ==, 1);
  g_assert_cmpstr (remit_extraction_map_lookup_value (shipping->pdata[0], "carrier"), ==, "DHL");

  g_assert_null (remit_extraction_set_get_compound (set, "nothing"));

  /* Removing a compound. */
  g_assert_true (remit_extraction_set_remove_compound (set, "shippingItems"));
  g_assert_false (remit_extraction_set_remove_compound (set, "shippingItems"));
  g_assert_null (remit_extraction_set_get_compound (set, "shippingItems"));
  g_strfreev (names);
  names = remit_extraction_set_get_compound_names (set);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "lineItems");
}

static void
test_set_return_reasons (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_auto (GStrv) ids = remit_extraction_set_get_return_reason_ids (set);
  static const char *const expected_ids[] = { "r1", "r2", "r3", "r4", NULL };

  assert_strv (ids, expected_ids);
  g_assert_cmpuint (remit_extraction_set_get_n_return_reasons (set), ==, 4);
  g_assert_true (remit_extraction_set_has_return_reason (set, "r3"));
  g_assert_false (remit_extraction_set_has_return_reason (set, "r5"));

  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", "de"), ==,
                   "Passt nicht");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", "en"), ==,
                   "Does not fit");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r2", "de_DE"), ==,
                   "Gefällt mir nicht");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r2", "de_AT.UTF-8"), ==,
                   "Gefällt mir nicht");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r2", "de-CH"), ==,
                   "Gefällt mir nicht");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", "de_DE@euro"), ==,
                   "Passt nicht");
  /* Not in the language: English. */
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", "fr_FR"), ==,
                   "Does not fit");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r3", "de_DE"), ==,
                   "Arrived damaged");
  /* Neither: the id. A non-text member is not a text. */
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r4", "fr"), ==, "r4");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r4", "sortOrder"), ==, "r4");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r4", "id"), ==, "r4");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r4", "de"), ==,
                   "Falscher Artikel");
  /* The user's languages: in the C locale English, else the first one the reason has. */
  g_setenv ("LANGUAGE", "", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", NULL), ==,
                   "Does not fit");
  g_setenv ("LANGUAGE", "fr_FR:de_AT:en", TRUE);
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r1", NULL), ==,
                   "Passt nicht");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r3", NULL), ==,
                   "Arrived damaged");
  g_setenv ("LANGUAGE", "fr", TRUE);
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r2", NULL), ==,
                   "Do not like it");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r4", NULL), ==, "r4");
  g_setenv ("LANGUAGE", "", TRUE);
  /* No such reason. */
  g_assert_null (remit_extraction_set_get_return_reason_text (set, "r9", "de"));

  /* Adding a text to a reason, and a new reason. */
  remit_extraction_set_set_return_reason_text (set, "r3", "de", "Beschädigt angekommen");
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r3", "de_DE"), ==,
                   "Beschädigt angekommen");
  remit_extraction_set_set_return_reason_text (set, "r5", "en", "Too late");
  g_assert_cmpuint (remit_extraction_set_get_n_return_reasons (set), ==, 5);
  g_assert_cmpstr (remit_extraction_set_get_return_reason_text (set, "r5", "de"), ==, "Too late");
}

static void
test_set_edit (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_autoptr (RemitExtraction) corrected = remit_extraction_new ("amount", "25.99:EUR");
  g_autoptr (RemitExtraction) added = remit_extraction_new ("text", "Kundennummer K-4711");
  g_auto (GStrv) labels = NULL;
  RemitExtraction *iban;

  /* Replacing keeps the position. */
  remit_extraction_set_set_extraction (set, "amountToPay", corrected);
  labels = remit_extraction_set_get_labels (set);
  g_assert_cmpstr (labels[0], ==, "amountToPay");
  g_assert_true (remit_extraction_set_get_extraction (set, "amountToPay") == corrected);
  g_assert_cmpuint (g_strv_length (labels), ==, 13);

  /* A new label goes to the end. */
  remit_extraction_set_set_extraction (set, "customerNote", added);
  g_strfreev (labels);
  labels = remit_extraction_set_get_labels (set);
  g_assert_cmpuint (g_strv_length (labels), ==, 14);
  g_assert_cmpstr (labels[13], ==, "customerNote");

  /* Removing. */
  g_assert_true (remit_extraction_set_remove_extraction (set, "bic"));
  g_assert_false (remit_extraction_set_remove_extraction (set, "bic"));
  g_assert_null (remit_extraction_set_get_extraction (set, "bic"));
  g_strfreev (labels);
  labels = remit_extraction_set_get_labels (set);
  g_assert_cmpuint (g_strv_length (labels), ==, 13);
  g_assert_cmpstr (labels[1], ==, "iban");
  g_assert_cmpstr (labels[2], ==, "docType");

  /* Editing an extraction in place edits the set. */
  iban = remit_extraction_set_get_extraction (set, "iban");
  remit_extraction_set_value (iban, "DE02120300000000202051");
  g_assert_cmpstr (remit_extraction_set_get_value (set, "iban"), ==, "DE02120300000000202051");

  /* Consistency of amounts. */
  g_assert_true (remit_extraction_set_has_consistent_amounts (set));
  remit_extraction_set_value (remit_extraction_set_get_extraction (set, "amountsAreConsistent"),
                              "false");
  g_assert_false (remit_extraction_set_has_consistent_amounts (set));
  remit_extraction_set_value (remit_extraction_set_get_extraction (set, "amountsAreConsistent"),
                              "TRUE ");
  g_assert_false (remit_extraction_set_has_consistent_amounts (set));
  remit_extraction_set_remove_extraction (set, REMIT_LABEL_AMOUNTS_ARE_CONSISTENT);
  g_assert_false (remit_extraction_set_has_consistent_amounts (set));
}

static void
test_set_copy (void)
{
  g_autoptr (RemitExtractionSet) set = load_gini_answer ();
  g_autoptr (RemitExtractionSet) copy = remit_extraction_set_copy (set);
  g_autoptr (JsonNode) original = parse_json (gini_answer);
  g_autoptr (JsonNode) output = NULL;
  g_autoptr (RemitExtractionMap) row = remit_extraction_map_new ();
  g_autoptr (RemitExtraction) extraction = remit_extraction_new ("text", "X");

  output = remit_extraction_set_to_json (copy);
  assert_json_equal (output, original);

  /* Changing every part of the copy leaves the original as it was. */
  g_assert_true (remit_extraction_set_get_extraction (copy, "iban")
                 != remit_extraction_set_get_extraction (set, "iban"));
  remit_extraction_set_value (remit_extraction_set_get_extraction (copy, "iban"), "changed");
  remit_extraction_set_remove_extraction (copy, "bic");
  remit_extraction_set_value (
      remit_extraction_map_lookup (remit_extraction_set_get_line_items (copy)->pdata[0],
                                   "quantity"),
      "0");
  remit_extraction_map_insert (row, "description", extraction);
  remit_extraction_set_add_compound_row (copy, "lineItems", row);
  remit_extraction_set_value (remit_extraction_set_get_candidate_list (copy, "ibans")->pdata[0],
                              "changed");
  remit_extraction_set_add_candidate (copy, "bics", extraction);
  remit_extraction_set_set_return_reason_text (copy, "r1", "de", "changed");
  json_object_set_int_member (json_node_get_object (remit_extraction_set_get_extra (copy,
                                                                                   "_links")),
                              "changed", 1);

  g_clear_pointer (&output, json_node_unref);
  output = remit_extraction_set_to_json (set);
  assert_json_equal (output, original);

  g_clear_pointer (&output, json_node_unref);
  output = remit_extraction_set_to_json (copy);
  g_assert_false (json_node_equal (output, original));
}

static void
test_set_build (void)
{
  g_autoptr (RemitExtractionSet) set = remit_extraction_set_new ();
  g_autoptr (JsonNode) output = NULL;
  RemitBox box;

  /* An empty set is written as the service writes one that found nothing. */
  output = remit_extraction_set_to_json (set);
  assert_json_text (output, "{\"extractions\": {}, \"candidates\": {}}");
  g_assert_false (remit_extraction_set_has_consistent_amounts (set));
  g_assert_null (remit_extraction_set_get_line_items (set));
  g_assert_cmpuint (remit_extraction_set_get_n_return_reasons (set), ==, 0);

  remit_box_init (&box, 1, 108, 420, 68, 12);
  {
    g_autoptr (RemitExtraction) amount = remit_extraction_new_with_box ("amount", "24.99:EUR",
                                                                          &box);
    g_autoptr (RemitExtraction) candidate = remit_extraction_copy (amount);
    g_autoptr (RemitExtraction) doctype = remit_extraction_new ("doctype", "Invoice");
    g_autoptr (RemitExtraction) consistent = remit_extraction_new ("text", "true");
    g_autoptr (RemitExtractionMap) row = remit_extraction_map_new ();
    g_autoptr (RemitExtraction) description = remit_extraction_new ("text", "T-Shirt");
    g_autoptr (RemitExtraction) quantity = remit_extraction_new ("numeric", "2");

    remit_extraction_set_candidates (amount, "amounts");
    remit_extraction_set_set_extraction (set, "amountToPay", amount);
    remit_extraction_set_set_extraction (set, "docType", doctype);
    remit_extraction_set_set_extraction (set, REMIT_LABEL_AMOUNTS_ARE_CONSISTENT, consistent);
    remit_extraction_set_add_candidate (set, "amounts", candidate);

    remit_extraction_map_insert (row, "description", description);
    remit_extraction_map_insert (row, "quantity", quantity);
    remit_extraction_set_add_compound_row (set, REMIT_COMPOUND_LINE_ITEMS, row);

    remit_extraction_set_set_return_reason_text (set, "r1", "de", "Passt nicht");
    remit_extraction_set_set_return_reason_text (set, "r1", "en", "Does not fit");
  }

  g_assert_true (remit_extraction_set_has_consistent_amounts (set));
  g_assert_cmpuint (remit_extraction_set_get_candidates (set, "amountToPay")->len, ==, 1);
  g_assert_cmpuint (remit_extraction_set_get_line_items (set)->len, ==, 1);

  g_clear_pointer (&output, json_node_unref);
  output = remit_extraction_set_to_json (set);
  assert_json_text (
      output,
      "{\"extractions\": {"
      "  \"amountToPay\": {\"entity\": \"amount\", \"value\": \"24.99:EUR\", \"candidates\":"
      "    \"amounts\", \"box\": {\"page\": 1, \"left\": 108, \"top\": 420, \"width\": 68,"
      "    \"height\": 12}},"
      "  \"docType\": {\"entity\": \"doctype\", \"value\": \"Invoice\"},"
      "  \"amountsAreConsistent\": {\"entity\": \"text\", \"value\": \"true\"}},"
      " \"compoundExtractions\": {\"lineItems\": [{"
      "  \"description\": {\"entity\": \"text\", \"value\": \"T-Shirt\"},"
      "  \"quantity\": {\"entity\": \"numeric\", \"value\": \"2\"}}]},"
      " \"candidates\": {\"amounts\": [{\"entity\": \"amount\", \"value\": \"24.99:EUR\","
      "  \"box\": {\"page\": 1, \"left\": 108, \"top\": 420, \"width\": 68, \"height\": 12}}]},"
      " \"returnReasons\": [{\"id\": \"r1\", \"de\": \"Passt nicht\", \"en\": \"Does not fit\"}]}");
}

static void
test_set_optional_members (void)
{
  static const char *const inputs[] = {
    "{\"extractions\": {}}",
    "{\"extractions\": {}, \"candidates\": {}}",
    "{\"extractions\": {}, \"compoundExtractions\": {}, \"returnReasons\": []}",
    "{\"extractions\": {}, \"compoundExtractions\": {\"lineItems\": []}}",
    "{\"extractions\": {\"docType\": {\"entity\": \"doctype\", \"value\": \"Other\"}},"
    " \"future\": null}",
  };

  /* Members that came are written back, even empty; members that did not are not added. */
  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr (JsonNode) input = parse_json (inputs[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitExtractionSet) set = NULL;
      g_autoptr (RemitExtractionSet) copy = NULL;
      g_autoptr (JsonNode) output = NULL;

      g_test_message ("case %u: %s", i, inputs[i]);
      set = remit_extraction_set_new_from_json (input, &error);
      g_assert_no_error (error);
      output = remit_extraction_set_to_json (set);
      assert_json_equal (output, input);

      copy = remit_extraction_set_copy (set);
      g_clear_pointer (&output, json_node_unref);
      output = remit_extraction_set_to_json (copy);
      assert_json_equal (output, input);
    }
}

static void
test_set_map (void)
{
  g_autoptr (RemitExtractionMap) map = remit_extraction_map_new ();
  g_autoptr (RemitExtraction) a = remit_extraction_new ("text", "A");
  g_autoptr (RemitExtraction) b = remit_extraction_new ("text", "B");
  g_autoptr (RemitExtraction) c = remit_extraction_new ("text", "C");
  g_autoptr (JsonNode) output = NULL;
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (RemitExtractionMap) parsed = NULL;
  g_autoptr (GError) error = NULL;
  RemitExtractionMap *boxed;

  g_assert_cmpuint (remit_extraction_map_get_size (map), ==, 0);
  remit_extraction_map_insert (map, "first", a);
  remit_extraction_map_insert (map, "second", b);
  remit_extraction_map_insert (map, "first", c);
  g_assert_cmpuint (remit_extraction_map_get_size (map), ==, 2);
  g_assert_cmpstr (remit_extraction_map_get_label (map, 0), ==, "first");
  g_assert_true (remit_extraction_map_get_nth (map, 0) == c);
  g_assert_true (remit_extraction_map_get_nth (map, 1) == b);

  output = remit_extraction_map_to_json (map);
  assert_json_text (output, "{\"first\": {\"entity\": \"text\", \"value\": \"C\"},"
                            " \"second\": {\"entity\": \"text\", \"value\": \"B\"}}");

  g_assert_true (remit_extraction_map_remove (map, "first"));
  g_assert_false (remit_extraction_map_remove (map, "first"));
  g_assert_cmpuint (remit_extraction_map_get_size (map), ==, 1);
  g_assert_cmpstr (remit_extraction_map_get_label (map, 0), ==, "second");

  boxed = g_boxed_copy (REMIT_TYPE_EXTRACTION_MAP, map);
  g_assert_true (boxed == map);
  g_boxed_free (REMIT_TYPE_EXTRACTION_MAP, boxed);

  object = parse_object ("{\"quantity\": {\"entity\": \"numeric\", \"value\": \"3\"}}");
  parsed = remit_extraction_map_new_from_json (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_extraction_map_lookup_value (parsed, "quantity"), ==, "3");

  {
    g_autoptr (JsonObject) bad = parse_object ("{\"quantity\": {\"entity\": \"numeric\"}}");

    g_assert_null (remit_extraction_map_new_from_json (bad, &error));
    assert_malformed (error, "“quantity.value” is missing");
  }
}

static void
test_set_malformed (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "this is not JSON", "not JSON" },
    { "", "not JSON" },
    { "{\"extractions\": {}", "not JSON" },
    { "[]", "The extractions are not a JSON object" },
    { "\"extractions\"", "The extractions are not a JSON object" },
    { "{}", "“extractions” is missing" },
    { "{\"extractions\": null}", "“extractions” is missing" },
    { "{\"candidates\": {}}", "“extractions” is missing" },
    { "{\"extractions\": []}", "“extractions” is not an object" },
    { "{\"extractions\": {\"iban\": \"DE89370400440532013000\"}}",
      "“extractions.iban” is not an object" },
    { "{\"extractions\": {\"iban\": null}}", "“extractions.iban” is not an object" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": 42}}}",
      "“extractions.iban.value” is not a string" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\"}}}",
      "“extractions.iban.value” is missing" },
    { "{\"extractions\": {\"iban\": {\"value\": \"DE89\"}}}",
      "“extractions.iban.entity” is missing" },
    { "{\"extractions\": {\"iban\": {\"entity\": false, \"value\": \"DE89\"}}}",
      "“extractions.iban.entity” is not a string" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\", \"box\": 1}}}",
      "“extractions.iban.box” is not an object" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\", \"box\":"
      " {\"page\": 0, \"left\": 1, \"top\": 1, \"width\": 1, \"height\": 1}}}}",
      "“extractions.iban.box.page” is not a page number" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\", \"box\":"
      " {\"page\": 1, \"left\": 1, \"top\": 1, \"width\": -1, \"height\": 1}}}}",
      "“extractions.iban.box.width” is negative" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\", \"box\":"
      " {\"page\": 1, \"left\": \"1\", \"top\": 1, \"width\": 1, \"height\": 1}}}}",
      "“extractions.iban.box.left” is not a number" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\", \"box\":"
      " {\"page\": 1, \"left\": 1, \"width\": 1, \"height\": 1}}}}",
      "“extractions.iban.box.top” is missing" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\","
      " \"candidates\": [\"ibans\"]}}}",
      "“extractions.iban.candidates” is not a string" },
    { "{\"extractions\": {\"iban\": {\"entity\": \"iban\", \"value\": \"DE89\","
      " \"confidence\": \"0.9\"}}}",
      "“extractions.iban.confidence” is not a number" },
    { "{\"extractions\": {}, \"compoundExtractions\": []}",
      "“compoundExtractions” is not an object" },
    { "{\"extractions\": {}, \"compoundExtractions\": {\"lineItems\": {}}}",
      "“compoundExtractions.lineItems” is not a list" },
    { "{\"extractions\": {}, \"compoundExtractions\": {\"lineItems\": [{}, 3]}}",
      "“compoundExtractions.lineItems[1]” is not an object" },
    { "{\"extractions\": {}, \"compoundExtractions\": {\"lineItems\": [{\"quantity\":"
      " \"2\"}]}}",
      "“compoundExtractions.lineItems[0].quantity” is not an object" },
    { "{\"extractions\": {}, \"compoundExtractions\": {\"lineItems\": [{\"quantity\":"
      " {\"entity\": \"numeric\", \"value\": 2}}]}}",
      "“compoundExtractions.lineItems[0].quantity.value” is not a string" },
    { "{\"extractions\": {}, \"candidates\": []}", "“candidates” is not an object" },
    { "{\"extractions\": {}, \"candidates\": {\"amounts\": \"24.99:EUR\"}}",
      "“candidates.amounts” is not a list" },
    { "{\"extractions\": {}, \"candidates\": {\"amounts\": [\"24.99:EUR\"]}}",
      "“candidates.amounts[0]” is not an object" },
    { "{\"extractions\": {}, \"candidates\": {\"amounts\": [{\"entity\": \"amount\","
      " \"value\": \"1:EUR\"}, {\"entity\": \"amount\"}]}}",
      "“candidates.amounts[1].value” is missing" },
    { "{\"extractions\": {}, \"returnReasons\": {}}", "“returnReasons” is not a list" },
    { "{\"extractions\": {}, \"returnReasons\": [\"r1\"]}",
      "“returnReasons[0]” is not an object" },
    { "{\"extractions\": {}, \"returnReasons\": [{\"id\": \"r1\"}, {\"de\": \"Passt nicht\"}]}",
      "“returnReasons[1].id” is missing" },
    { "{\"extractions\": {}, \"returnReasons\": [{\"id\": 1, \"de\": \"Passt nicht\"}]}",
      "“returnReasons[0].id” is not a string" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (remit_extraction_set_new_from_string (cases[i].json, -1, &error));
      assert_malformed (error, cases[i].message);
    }
}

static void
test_set_from_string_length (void)
{
  const char *text = "{\"extractions\": {}}garbage";
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitExtractionSet) set = NULL;

  /* Only the given length is read. */
  set = remit_extraction_set_new_from_string (text, strlen ("{\"extractions\": {}}"), &error);
  g_assert_no_error (error);
  g_assert_nonnull (set);

  g_assert_null (remit_extraction_set_new_from_string (text, -1, &error));
  assert_malformed (error, "not JSON");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/box/basics", test_box_basics);
  g_test_add_func ("/box/json", test_box_json);
  g_test_add_func ("/box/json-malformed", test_box_json_malformed);
  g_test_add_func ("/box/geometry", test_box_geometry);
  g_test_add_func ("/box/equal", test_box_equal);

  g_test_add_func ("/extraction/new", test_extraction_new);
  g_test_add_func ("/extraction/json-round-trip", test_extraction_json_round_trip);
  g_test_add_func ("/extraction/optional-members", test_extraction_optional_members);
  g_test_add_func ("/extraction/setters", test_extraction_setters);
  g_test_add_func ("/extraction/copy", test_extraction_copy);
  g_test_add_func ("/extraction/malformed", test_extraction_malformed);

  g_test_add_func ("/extraction-set/specific", test_set_specific);
  g_test_add_func ("/extraction-set/round-trip", test_set_round_trip);
  g_test_add_func ("/extraction-set/candidates", test_set_candidates);
  g_test_add_func ("/extraction-set/compound", test_set_compound);
  g_test_add_func ("/extraction-set/return-reasons", test_set_return_reasons);
  g_test_add_func ("/extraction-set/edit", test_set_edit);
  g_test_add_func ("/extraction-set/copy", test_set_copy);
  g_test_add_func ("/extraction-set/build", test_set_build);
  g_test_add_func ("/extraction-set/optional-members", test_set_optional_members);
  g_test_add_func ("/extraction-set/map", test_set_map);
  g_test_add_func ("/extraction-set/malformed", test_set_malformed);
  g_test_add_func ("/extraction-set/from-string-length", test_set_from_string_length);

  return g_test_run ();
}
