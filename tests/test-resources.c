/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-resources"

#include "config.h"

#include <string.h>

#include "remit-core-error.h"
#include "remit-document.h"

/* Answers as the server writes them, with members this version does not know. */

#define DOCUMENT_URI "https://pay-api.gini.net/documents/626d9a40-1a4b-11e8-9f4d-9f1c4f1f2a3b"

static const char document_json[] =
  "{"
  "  \"id\": \"626d9a40-1a4b-11e8-9f4d-9f1c4f1f2a3b\","
  "  \"name\": \"Rechnung Stadtwerke 2024-03.pdf\","
  "  \"creationDate\": 1709633730123,"
  "  \"progress\": \"COMPLETED\","
  "  \"origin\": \"UPLOAD\","
  "  \"sourceClassification\": \"NATIVE\","
  "  \"pageCount\": 2,"
  "  \"_links\": {"
  "    \"document\": \"" DOCUMENT_URI "\","
  "    \"extractions\": \"" DOCUMENT_URI "/extractions\","
  "    \"layout\": \"" DOCUMENT_URI "/layout\","
  "    \"processed\": \"" DOCUMENT_URI "/processed\","
  "    \"pages\": \"" DOCUMENT_URI "/pages\","
  "    \"thumbnail\": \"" DOCUMENT_URI "/thumbnail\","
  "    \"templated\": {\"href\": \"" DOCUMENT_URI "/pages/{n}\", \"templated\": true}"
  "  },"
  "  \"expirationDate\": 1712225730123,"
  "  \"partialDocuments\": [],"
  "  \"metadata\": {\"branchId\": \"Filiale 7\", \"tags\": [\"strom\", 2024, null, 1.5]}"
  "}";

static const char pending_json[] =
  "{\"id\": \"0b5b2c1e\", \"name\": \"scan.jpg\", \"creationDate\": 1709633800000,"
  " \"progress\": \"PENDING\", \"origin\": \"UNKNOWN\", \"sourceClassification\": \"SCANNED\","
  " \"pageCount\": 1, \"_links\": {\"document\": \"https://pay-api.gini.net/documents/0b5b2c1e\"}}";

#define REQUEST_URI \
  "https://health-api.gini.net/paymentRequests/1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_json_equal (JsonNode *actual, const char *expected_text)
{
  g_autoptr (JsonNode) expected = parse_json (expected_text);

  if (!json_node_equal (actual, expected))
    {
      g_autofree char *a = json_to_string (actual, TRUE);
      g_autofree char *e = json_to_string (expected, TRUE);

      g_error ("JSON differs.\nActual:\n%s\nExpected:\n%s", a, e);
    }
}

static void
assert_error_names (const GError *error, int code, const char *fragment)
{
  g_assert_error ((GError *) error, REMIT_CORE_ERROR, code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, fragment);
}

/* Documents */

static void
test_document_parse (void)
{
  g_autoptr (JsonNode) node = parse_json (document_json);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitDocument) document = remit_document_new_from_json (node, &error);
  g_autoptr (GDateTime) created = NULL;
  g_auto (GStrv) links = NULL;
  g_autofree char *name = NULL;
  RemitDocumentProgress progress;
  int page_count;

  g_assert_no_error (error);
  g_assert_cmpstr (remit_document_get_id (document), ==, "626d9a40-1a4b-11e8-9f4d-9f1c4f1f2a3b");
  g_assert_cmpstr (remit_document_get_name (document), ==, "Rechnung Stadtwerke 2024-03.pdf");
  g_assert_cmpint (remit_document_get_creation_date (document), ==, 1709633730123);
  g_assert_cmpint (remit_document_get_progress (document), ==, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpstr (remit_document_get_origin (document), ==, "UPLOAD");
  g_assert_cmpstr (remit_document_get_source_classification (document), ==, "NATIVE");
  g_assert_cmpint (remit_document_get_source_classification_kind (document), ==,
                   REMIT_SOURCE_CLASSIFICATION_NATIVE);
  g_assert_cmpint (remit_document_get_page_count (document), ==, 2);
  g_assert_cmpstr (remit_document_get_link (document, REMIT_DOCUMENT_LINK_DOCUMENT), ==,
                   DOCUMENT_URI);
  g_assert_cmpstr (remit_document_get_link (document, REMIT_DOCUMENT_LINK_EXTRACTIONS), ==,
                   DOCUMENT_URI "/extractions");
  g_assert_cmpstr (remit_document_get_link (document, REMIT_DOCUMENT_LINK_LAYOUT), ==,
                   DOCUMENT_URI "/layout");
  g_assert_cmpstr (remit_document_get_link (document, REMIT_DOCUMENT_LINK_PROCESSED), ==,
                   DOCUMENT_URI "/processed");
  g_assert_cmpstr (remit_document_get_link (document, REMIT_DOCUMENT_LINK_PAGES), ==,
                   DOCUMENT_URI "/pages");
  g_assert_cmpstr (remit_document_get_link (document, "thumbnail"), ==,
                   DOCUMENT_URI "/thumbnail");
  g_assert_null (remit_document_get_link (document, "templated"));
  g_assert_null (remit_document_get_link (document, "feedback"));

  links = remit_document_list_links (document);
  g_assert_cmpuint (g_strv_length (links), ==, 6);
  g_assert_true (g_strv_contains ((const char *const *) links, "thumbnail"));
  g_assert_false (g_strv_contains ((const char *const *) links, "templated"));

  created = remit_document_dup_creation_date_time (document);
  g_assert_cmpint (g_date_time_get_year (created), ==, 2024);
  g_assert_cmpint (g_date_time_get_month (created), ==, 3);
  g_assert_cmpint (g_date_time_get_day_of_month (created), ==, 5);
  g_assert_cmpint (g_date_time_get_hour (created), ==, 10);
  g_assert_cmpint (g_date_time_get_minute (created), ==, 15);
  g_assert_cmpint (g_date_time_get_second (created), ==, 30);
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 123000);

  g_object_get (document, "name", &name, "progress", &progress, "page-count", &page_count, NULL);
  g_assert_cmpstr (name, ==, "Rechnung Stadtwerke 2024-03.pdf");
  g_assert_cmpint (progress, ==, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpint (page_count, ==, 2);
}

static void
test_document_round_trip (void)
{
  const char *answers[] = { document_json, pending_json, "{\"id\":\"x\",\"progress\":\"ERROR\"}" };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (JsonNode) node = parse_json (answers[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitDocument) document = remit_document_new_from_json (node, &error);
      g_autoptr (JsonNode) back = NULL;

      g_assert_no_error (error);
      back = remit_document_to_json (document);
      assert_json_equal (back, answers[i]);
    }
}

static void
test_document_copy_is_deep (void)
{
  g_autoptr (JsonNode) node = parse_json (document_json);
  g_autoptr (RemitDocument) document = remit_document_new_from_json (node, NULL);
  g_autoptr (JsonNode) first = remit_document_to_json (document);
  g_autoptr (JsonNode) second = NULL;
  JsonObject *metadata;

  /* Changing the input or an output afterwards does not change the document. */
  metadata = json_object_get_object_member (json_node_get_object (node), "metadata");
  json_object_set_string_member (metadata, "branchId", "changed");
  metadata = json_object_get_object_member (json_node_get_object (first), "metadata");
  json_object_set_string_member (metadata, "branchId", "changed too");

  second = remit_document_to_json (document);
  metadata = json_object_get_object_member (json_node_get_object (second), "metadata");
  g_assert_cmpstr (json_object_get_string_member (metadata, "branchId"), ==, "Filiale 7");
}

static void
test_document_optional_members (void)
{
  g_autoptr (JsonNode) node =
    parse_json ("{\"id\":\"abc\",\"progress\":\"PENDING\",\"name\":null,\"pageCount\":null,"
                "\"sourceClassification\":\"BORN_DIGITAL\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitDocument) document = remit_document_new_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;
  g_auto (GStrv) links = NULL;

  g_assert_no_error (error);
  g_assert_null (remit_document_get_name (document));
  g_assert_cmpint (remit_document_get_page_count (document), ==, -1);
  g_assert_cmpint (remit_document_get_creation_date (document), ==, 0);
  g_assert_null (remit_document_dup_creation_date_time (document));
  g_assert_null (remit_document_get_origin (document));
  g_assert_cmpstr (remit_document_get_source_classification (document), ==, "BORN_DIGITAL");
  g_assert_cmpint (remit_document_get_source_classification_kind (document), ==,
                   REMIT_SOURCE_CLASSIFICATION_OTHER);
  g_assert_null (remit_document_get_link (document, REMIT_DOCUMENT_LINK_LAYOUT));
  links = remit_document_list_links (document);
  g_assert_cmpuint (g_strv_length (links), ==, 0);

  /* Null members count as absent and are not written back. */
  back = remit_document_to_json (document);
  assert_json_equal (back,
                     "{\"id\":\"abc\",\"progress\":\"PENDING\","
                     "\"sourceClassification\":\"BORN_DIGITAL\"}");
}

static void
test_document_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "[]", "not a JSON object" },
    { "\"document\"", "not a JSON object" },
    { "{\"progress\":\"PENDING\"}", "“id”" },
    { "{\"id\":null,\"progress\":\"PENDING\"}", "“id”" },
    { "{\"id\":42,\"progress\":\"PENDING\"}", "“id”" },
    { "{\"id\":\"a\"}", "“progress”" },
    { "{\"id\":\"a\",\"progress\":\"DONE\"}", "“DONE”" },
    { "{\"id\":\"a\",\"progress\":\"pending\"}", "“progress”" },
    { "{\"id\":\"a\",\"progress\":1}", "“progress”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"name\":true}", "“name”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"creationDate\":\"2024-03-05\"}",
      "“creationDate”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"creationDate\":1709633730.5}", "“creationDate”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"origin\":{}}", "“origin”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"sourceClassification\":3}",
      "“sourceClassification”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"pageCount\":\"2\"}", "“pageCount”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"pageCount\":-1}", "“pageCount”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"_links\":[]}", "“_links”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"_links\":{\"layout\":7}}", "“_links.layout”" },
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"_links\":{\"pages\":{\"href\":\"x\"}}}",
      "“_links.pages”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitDocument) document = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      document = remit_document_new_from_json (node, &error);
      g_assert_null (document);
      assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

static void
count_notify (GObject *object, GParamSpec *pspec, gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
}

static void
test_document_build (void)
{
  g_autoptr (RemitDocument) document = remit_document_new ("0b5b2c1e");
  g_autoptr (JsonNode) node = NULL;
  guint progress_changes = 0;

  g_assert_cmpint (remit_document_get_progress (document), ==, REMIT_DOCUMENT_PROGRESS_PENDING);
  g_signal_connect (document, "notify::progress", G_CALLBACK (count_notify), &progress_changes);

  remit_document_set_name (document, "scan.jpg");
  remit_document_set_creation_date (document, 1709633800000);
  remit_document_set_origin (document, "UNKNOWN");
  remit_document_set_source_classification (document, "SCANNED");
  remit_document_set_page_count (document, 1);
  remit_document_set_link (document, REMIT_DOCUMENT_LINK_DOCUMENT,
                           "https://pay-api.gini.net/documents/0b5b2c1e");
  remit_document_set_link (document, REMIT_DOCUMENT_LINK_LAYOUT, "to be removed");
  remit_document_set_link (document, REMIT_DOCUMENT_LINK_LAYOUT, NULL);

  node = remit_document_to_json (document);
  assert_json_equal (node, pending_json);

  remit_document_set_progress (document, REMIT_DOCUMENT_PROGRESS_PENDING);
  g_assert_cmpuint (progress_changes, ==, 0);
  remit_document_set_progress (document, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  remit_document_set_progress (document, REMIT_DOCUMENT_PROGRESS_COMPLETED);
  g_assert_cmpuint (progress_changes, ==, 1);
}

static void
test_document_enums (void)
{
  RemitDocumentProgress progress = REMIT_DOCUMENT_PROGRESS_PENDING;

  g_assert_cmpstr (remit_document_progress_to_string (REMIT_DOCUMENT_PROGRESS_PENDING), ==,
                   "PENDING");
  g_assert_cmpstr (remit_document_progress_to_string (REMIT_DOCUMENT_PROGRESS_COMPLETED), ==,
                   "COMPLETED");
  g_assert_cmpstr (remit_document_progress_to_string (REMIT_DOCUMENT_PROGRESS_ERROR), ==,
                   "ERROR");
  g_assert_true (remit_document_progress_from_string ("ERROR", &progress));
  g_assert_cmpint (progress, ==, REMIT_DOCUMENT_PROGRESS_ERROR);
  g_assert_false (remit_document_progress_from_string ("Error", &progress));
  g_assert_cmpint (progress, ==, REMIT_DOCUMENT_PROGRESS_ERROR);

  g_assert_cmpint (remit_source_classification_from_string ("SCANNED"), ==,
                   REMIT_SOURCE_CLASSIFICATION_SCANNED);
  g_assert_cmpint (remit_source_classification_from_string ("SANDWICH"), ==,
                   REMIT_SOURCE_CLASSIFICATION_SANDWICH);
  g_assert_cmpint (remit_source_classification_from_string ("TEXT"), ==,
                   REMIT_SOURCE_CLASSIFICATION_TEXT);
  g_assert_cmpint (remit_source_classification_from_string ("COMPOSITE"), ==,
                   REMIT_SOURCE_CLASSIFICATION_COMPOSITE);
  g_assert_cmpint (remit_source_classification_from_string ("native"), ==,
                   REMIT_SOURCE_CLASSIFICATION_OTHER);
  g_assert_cmpint (remit_source_classification_from_string (NULL), ==,
                   REMIT_SOURCE_CLASSIFICATION_OTHER);
  g_assert_true (G_TYPE_IS_ENUM (REMIT_TYPE_DOCUMENT_PROGRESS));
  g_assert_true (G_TYPE_IS_ENUM (REMIT_TYPE_SOURCE_CLASSIFICATION));
}

static void
test_document_list (void)
{
  g_autofree char *text = g_strdup_printf ("{\"documents\": [%s, %s]}", document_json,
                                           pending_json);
  g_autoptr (JsonNode) node = parse_json (text);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) documents = remit_document_list_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;
  g_autoptr (JsonNode) empty_node = parse_json ("{\"documents\": []}");
  g_autoptr (GPtrArray) empty = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  g_assert_cmpstr (remit_document_get_id (g_ptr_array_index (documents, 1)), ==, "0b5b2c1e");
  g_assert_cmpint (remit_document_get_progress (g_ptr_array_index (documents, 1)), ==,
                   REMIT_DOCUMENT_PROGRESS_PENDING);

  back = remit_document_list_to_json (documents);
  assert_json_equal (back, text);

  empty = remit_document_list_from_json (empty_node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (empty->len, ==, 0);
}

static void
test_document_list_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "[]", "not a JSON object" },
    { "{}", "“documents”" },
    { "{\"documents\": {}}", "“documents”" },
    { "{\"documents\": [{\"id\":\"a\",\"progress\":\"PENDING\"}, 7]}", "“documents[1]”" },
    { "{\"documents\": [{\"id\":\"a\",\"progress\":\"PENDING\"}, {\"id\":\"b\"}]}",
      "“documents[1].progress”" },
    { "{\"documents\": [{\"id\":\"a\",\"progress\":\"PENDING\",\"_links\":{\"layout\":1}}]}",
      "“documents[0]._links.layout”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) documents = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      documents = remit_document_list_from_json (node, &error);
      g_assert_null (documents);
      assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

static void
test_id_from_location (void)
{
  const struct
  {
    const char *location;
    const char *id;
  } cases[] = {
    { DOCUMENT_URI, "626d9a40-1a4b-11e8-9f4d-9f1c4f1f2a3b" },
    { REQUEST_URI "/", "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901" },
    { "https://pay-api.gini.net/documents/abc?filename=x.pdf#top", "abc" },
    { "/documents/abc%20def", "abc def" },
    { "http://127.0.0.1:8080/paymentRequests/42", "42" },
    { "abc", "abc" },
    { "https://pay-api.gini.net", NULL },
    { "https://pay-api.gini.net/", NULL },
    { "https://pay-api.gini.net?x=/y", NULL },
    { "", NULL },
    { "/documents/a%2Fb", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = remit_id_from_location (cases[i].location);

      g_test_message ("location %s", cases[i].location);
      g_assert_cmpstr (id, ==, cases[i].id);
    }
}

static void
test_composite_build (void)
{
  g_autoptr (GPtrArray) partials =
    g_ptr_array_new_with_free_func ((GDestroyNotify) remit_partial_document_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) back = NULL;

  g_ptr_array_add (partials, remit_partial_document_new (DOCUMENT_URI "1", 0));
  g_ptr_array_add (partials, remit_partial_document_new (DOCUMENT_URI "2", 90));
  g_ptr_array_add (partials, remit_partial_document_new (DOCUMENT_URI "3", 180));
  g_ptr_array_add (partials, remit_partial_document_new (DOCUMENT_URI "4", 270));

  node = remit_composite_document_to_json (partials, &error);
  g_assert_no_error (error);
  assert_json_equal (node, "{\"partialDocuments\":["
                           "{\"document\":\"" DOCUMENT_URI "1\",\"rotationDelta\":0},"
                           "{\"document\":\"" DOCUMENT_URI "2\",\"rotationDelta\":90},"
                           "{\"document\":\"" DOCUMENT_URI "3\",\"rotationDelta\":180},"
                           "{\"document\":\"" DOCUMENT_URI "4\",\"rotationDelta\":270}]}");

  back = remit_composite_document_from_json (node, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const RemitPartialDocument *a = g_ptr_array_index (partials, i);
      const RemitPartialDocument *b = g_ptr_array_index (back, i);

      g_assert_cmpstr (a->document, ==, b->document);
      g_assert_cmpint (a->rotation_delta, ==, b->rotation_delta);
    }
}

static void
test_composite_invalid (void)
{
  const struct
  {
    const char *document;
    int rotation;
    const char *fragment;
  } cases[] = {
    { DOCUMENT_URI, 45, "45" },
    { DOCUMENT_URI, -90, "-90" },
    { DOCUMENT_URI, 360, "360" },
    { "", 0, "URI" },
  };
  g_autoptr (GPtrArray) none =
    g_ptr_array_new_with_free_func ((GDestroyNotify) remit_partial_document_free);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) node = remit_composite_document_to_json (none, &error);

  g_assert_null (node);
  assert_error_names (error, REMIT_CORE_ERROR_INVALID_VALUE, "at least one page");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) partials =
        g_ptr_array_new_with_free_func ((GDestroyNotify) remit_partial_document_free);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (JsonNode) body = NULL;

      g_ptr_array_add (partials, remit_partial_document_new (DOCUMENT_URI "1", 0));
      g_ptr_array_add (partials, remit_partial_document_new (cases[i].document, cases[i].rotation));
      body = remit_composite_document_to_json (partials, &local_error);
      g_assert_null (body);
      assert_error_names (local_error, REMIT_CORE_ERROR_INVALID_VALUE, "Page 2");
      assert_error_names (local_error, REMIT_CORE_ERROR_INVALID_VALUE, cases[i].fragment);
    }
}

static void
test_composite_parse (void)
{
  g_autoptr (JsonNode) node =
    parse_json ("{\"partialDocuments\":[{\"document\":\"" DOCUMENT_URI "\"}],\"x\":1}");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) partials = remit_composite_document_from_json (node, &error);
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "[]", "not a JSON object" },
    { "{}", "“partialDocuments”" },
    { "{\"partialDocuments\":[]}", "at least one page" },
    { "{\"partialDocuments\":[\"" DOCUMENT_URI "\"]}", "“partialDocuments[0]”" },
    { "{\"partialDocuments\":[{\"rotationDelta\":0}]}", "“partialDocuments[0].document”" },
    { "{\"partialDocuments\":[{\"document\":\"\"}]}", "“partialDocuments[0].document”" },
    { "{\"partialDocuments\":[{\"document\":\"a\",\"rotationDelta\":\"90\"}]}",
      "“partialDocuments[0].rotationDelta”" },
    { "{\"partialDocuments\":[{\"document\":\"a\"},{\"document\":\"b\",\"rotationDelta\":45}]}",
      "“partialDocuments[1].rotationDelta”" },
  };

  /* rotationDelta may be left out. */
  g_assert_no_error (error);
  g_assert_cmpuint (partials->len, ==, 1);
  g_assert_cmpint (((RemitPartialDocument *) g_ptr_array_index (partials, 0))->rotation_delta, ==,
                   0);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) bad = parse_json (cases[i].json);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GPtrArray) result = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      result = remit_composite_document_from_json (bad, &local_error);
      g_assert_null (result);
      assert_error_names (local_error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

static const char pages_json[] =
  "["
  "  {\"pageNumber\": 1, \"images\": {"
  "     \"large\": \"" DOCUMENT_URI "/pages/1/1280x1810\","
  "     \"medium\": \"" DOCUMENT_URI "/pages/1/750x900\","
  "     \"thumbnail\": \"" DOCUMENT_URI "/pages/1/180x250\"}, \"rotation\": 0},"
  "  {\"pageNumber\": 2, \"images\": {\"large\": \"" DOCUMENT_URI "/pages/2/1280x1810\"}}"
  "]";

static void
test_pages (void)
{
  g_autoptr (JsonNode) node = parse_json (pages_json);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) pages = remit_document_pages_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;
  g_autoptr (RemitDocumentPage) built = NULL;
  g_autoptr (GPtrArray) built_pages = NULL;
  g_autoptr (JsonNode) built_node = NULL;
  RemitDocumentPage *page;

  g_assert_no_error (error);
  g_assert_cmpuint (pages->len, ==, 2);
  page = g_ptr_array_index (pages, 0);
  g_assert_cmpint (remit_document_page_get_number (page), ==, 1);
  g_assert_cmpstr (remit_document_page_get_image (page, REMIT_DOCUMENT_PAGE_IMAGE_LARGE), ==,
                   DOCUMENT_URI "/pages/1/1280x1810");
  g_assert_cmpstr (remit_document_page_get_image (page, REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM), ==,
                   DOCUMENT_URI "/pages/1/750x900");
  g_assert_cmpstr (remit_document_page_get_image (page, "thumbnail"), ==,
                   DOCUMENT_URI "/pages/1/180x250");
  page = g_ptr_array_index (pages, 1);
  g_assert_cmpint (remit_document_page_get_number (page), ==, 2);
  g_assert_null (remit_document_page_get_image (page, REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM));

  back = remit_document_pages_to_json (pages);
  assert_json_equal (back, pages_json);

  built = remit_document_page_new (3);
  remit_document_page_set_image (built, REMIT_DOCUMENT_PAGE_IMAGE_LARGE, "l");
  remit_document_page_set_image (built, REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM, "m");
  remit_document_page_set_image (built, "old", "o");
  remit_document_page_set_image (built, "old", NULL);
  built_pages = g_ptr_array_new_with_free_func ((GDestroyNotify) remit_document_page_unref);
  g_ptr_array_add (built_pages, remit_document_page_ref (built));
  built_node = remit_document_pages_to_json (built_pages);
  assert_json_equal (built_node,
                     "[{\"pageNumber\":3,\"images\":{\"large\":\"l\",\"medium\":\"m\"}}]");
}

static void
test_pages_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "{\"pages\":[]}", "not a JSON array" },
    { "[1]", "“[0]”" },
    { "[{\"images\":{}}]", "“[0].pageNumber”" },
    { "[{\"pageNumber\":\"1\",\"images\":{}}]", "“[0].pageNumber”" },
    { "[{\"pageNumber\":0,\"images\":{}}]", "“[0].pageNumber”" },
    { "[{\"pageNumber\":1}]", "“[0].images”" },
    { "[{\"pageNumber\":1,\"images\":[]}]", "“[0].images”" },
    { "[{\"pageNumber\":1,\"images\":{}},{\"pageNumber\":2,\"images\":{\"large\":5}}]",
      "“[1].images.large”" },
    { "[{\"pageNumber\":1,\"images\":{\"medium\":{}}}]", "“[0].images.medium”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) pages = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      pages = remit_document_pages_from_json (node, &error);
      g_assert_null (pages);
      assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/parse", test_document_parse);
  g_test_add_func ("/document/round-trip", test_document_round_trip);
  g_test_add_func ("/document/copy-is-deep", test_document_copy_is_deep);
  g_test_add_func ("/document/optional-members", test_document_optional_members);
  g_test_add_func ("/document/malformed", test_document_malformed);
  g_test_add_func ("/document/build", test_document_build);
  g_test_add_func ("/document/enums", test_document_enums);
  g_test_add_func ("/document/list", test_document_list);
  g_test_add_func ("/document/list-malformed", test_document_list_malformed);
  g_test_add_func ("/document/id-from-location", test_id_from_location);
  g_test_add_func ("/document/composite/build", test_composite_build);
  g_test_add_func ("/document/composite/invalid", test_composite_invalid);
  g_test_add_func ("/document/composite/parse", test_composite_parse);
  g_test_add_func ("/document/pages", test_pages);
  g_test_add_func ("/document/pages-malformed", test_pages_malformed);

  return g_test_run ();
}
