/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-resources"

#include "config.h"

#include <string.h>

#include "remit-core-error.h"
#include "remit-document.h"
#include "remit-payment.h"

/* Answers as the servers write them, with members this version does not know. */

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

static const char providers_json[] =
  "["
  "  {"
  "    \"id\": \"b09ef70a-490f-11eb-952e-9bc6f4646c57\","
  "    \"name\": \"Stadtsparkasse\","
  "    \"appSchemeIOS\": \"ginipay-sparkasse://\","
  "    \"packageNameAndroid\": \"de.sparkasse.ginipay\","
  "    \"minAppVersion\": {\"ios\": \"2.5.0\", \"android\": \"2.5.1\", \"huawei\": \"1.0\"},"
  "    \"colors\": {\"background\": \"FF0000\", \"text\": \"ffffff\", \"border\": \"ABCDEF\"},"
  "    \"iconLocation\": \"https://health-api.gini.net/paymentProviders/b09ef70a/icon\","
  "    \"linkTemplate\": \"https://sparkasse.example/pay?request={paymentRequestId}\","
  "    \"gpcSupportedPlatforms\": [\"android\", \"ios\"],"
  "    \"openWithSupportedPlatforms\": [\"android\"]"
  "  },"
  "  {"
  "    \"id\": \"c7a1d7c2-6b5e-4a79-a0cf-1e2f3a4b5c6d\","
  "    \"name\": \"Direktbank\","
  "    \"appSchemeIOS\": \"ginipay-direkt://\","
  "    \"packageNameAndroid\": \"com.direktbank.app\","
  "    \"minAppVersion\": {\"ios\": \"1.0.0\", \"android\": \"1.0.0\"},"
  "    \"colors\": {\"background\": \"#FF6200\", \"text\": \"fff\"}"
  "  },"
  "  {"
  "    \"id\": \"3\","
  "    \"name\": \"Alte Bank\","
  "    \"appSchemeIOS\": \"ginipay-alte://\","
  "    \"packageNameAndroid\": \"de.altebank\","
  "    \"minAppVersion\": {\"ios\": \"3.0\", \"android\": \"3.0\"},"
  "    \"colors\": {\"background\": 16711680, \"text\": \"12345G\"}"
  "  }"
  "]";

#define REQUEST_URI \
  "https://health-api.gini.net/paymentRequests/1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901"

static const char request_json[] =
  "{"
  "  \"createdAt\": \"2024-03-05T10:15:30.123Z\","
  "  \"recipient\": \"Stadtwerke Musterstadt GmbH\","
  "  \"iban\": \"DE02120300000000202051\","
  "  \"bic\": \"BYLADEM1001\","
  "  \"amount\": \"335.50:EUR\","
  "  \"purpose\": \"Rechnung 2024-0815\","
  "  \"status\": \"open\","
  "  \"requesterUri\": \"ginipay-remit://payment-requester\","
  "  \"paymentProvider\": \"b09ef70a-490f-11eb-952e-9bc6f4646c57\","
  "  \"sourceDocumentLocation\": \"" DOCUMENT_URI "\","
  "  \"_links\": {\"self\": \"" REQUEST_URI "\", \"payment\": \"" REQUEST_URI "/payment\"},"
  "  \"expirationDate\": \"2024-03-12T10:15:30Z\","
  "  \"instantPayment\": false"
  "}";

static const char payment_json[] =
  "{"
  "  \"paidAt\": \"2024-03-06T08:00:00Z\","
  "  \"recipient\": \"Stadtwerke Musterstadt GmbH\","
  "  \"iban\": \"DE02120300000000202051\","
  "  \"bic\": \"BYLADEM1001\","
  "  \"amount\": \"335.50:EUR\","
  "  \"purpose\": \"Rechnung 2024-0815\","
  "  \"_links\": {\"paymentRequest\": \"" REQUEST_URI "\", \"self\": \"" REQUEST_URI "/payment\"},"
  "  \"transactionId\": \"TX-2024-000123\""
  "}";

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

  /* The links with a URI, in the order of the answer. */
  links = remit_document_list_links (document);
  g_assert_cmpuint (g_strv_length (links), ==, 6);
  g_assert_cmpstr (links[0], ==, "document");
  g_assert_cmpstr (links[1], ==, "extractions");
  g_assert_cmpstr (links[2], ==, "layout");
  g_assert_cmpstr (links[3], ==, "processed");
  g_assert_cmpstr (links[4], ==, "pages");
  g_assert_cmpstr (links[5], ==, "thumbnail");

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
    { "{\"id\":\"a\",\"progress\":\"PENDING\",\"pageCount\":2.0}", "“pageCount”" },
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

/* Payment providers */

static void
test_provider_list (void)
{
  g_autoptr (JsonNode) node = parse_json (providers_json);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) providers = remit_payment_provider_list_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;
  g_autofree char *name = NULL;
  g_autofree char *background = NULL;
  RemitPaymentProvider *provider;

  g_assert_no_error (error);
  g_assert_cmpuint (providers->len, ==, 3);

  provider = g_ptr_array_index (providers, 0);
  g_assert_cmpstr (remit_payment_provider_get_id (provider), ==,
                   "b09ef70a-490f-11eb-952e-9bc6f4646c57");
  g_assert_cmpstr (remit_payment_provider_get_name (provider), ==, "Stadtsparkasse");
  g_assert_cmpstr (remit_payment_provider_get_app_scheme_ios (provider), ==,
                   "ginipay-sparkasse://");
  g_assert_cmpstr (remit_payment_provider_get_package_name_android (provider), ==,
                   "de.sparkasse.ginipay");
  g_assert_cmpstr (remit_payment_provider_get_min_app_version_ios (provider), ==, "2.5.0");
  g_assert_cmpstr (remit_payment_provider_get_min_app_version_android (provider), ==, "2.5.1");
  g_assert_cmpstr (remit_payment_provider_get_background_color (provider), ==, "FF0000");
  g_assert_cmpstr (remit_payment_provider_get_text_color (provider), ==, "ffffff");
  g_assert_cmpstr (remit_payment_provider_get_icon_location (provider), ==,
                   "https://health-api.gini.net/paymentProviders/b09ef70a/icon");
  g_assert_cmpstr (remit_payment_provider_get_link_template (provider), ==,
                   "https://sparkasse.example/pay?request={paymentRequestId}");
  g_object_get (provider, "name", &name, "background-color", &background, NULL);
  g_assert_cmpstr (name, ==, "Stadtsparkasse");
  g_assert_cmpstr (background, ==, "FF0000");

  /* Invalid colours mean “no colour”, not a failure. */
  provider = g_ptr_array_index (providers, 1);
  g_assert_null (remit_payment_provider_get_background_color (provider));
  g_assert_null (remit_payment_provider_get_text_color (provider));
  g_assert_null (remit_payment_provider_get_icon_location (provider));
  g_assert_null (remit_payment_provider_get_link_template (provider));
  provider = g_ptr_array_index (providers, 2);
  g_assert_null (remit_payment_provider_get_background_color (provider));
  g_assert_null (remit_payment_provider_get_text_color (provider));

  /* Round trip keeps the unknown members and the colours as they were. */
  back = remit_payment_provider_list_to_json (providers);
  assert_json_equal (back, providers_json);
}

static void
test_provider_single (void)
{
  g_autoptr (JsonNode) node = parse_json ("{\"id\":\"p1\",\"name\":\"Bank\"}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitPaymentProvider) provider = remit_payment_provider_new_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;

  g_assert_no_error (error);
  g_assert_null (remit_payment_provider_get_app_scheme_ios (provider));
  g_assert_null (remit_payment_provider_get_min_app_version_ios (provider));
  g_assert_null (remit_payment_provider_get_background_color (provider));
  back = remit_payment_provider_to_json (provider);
  assert_json_equal (back, "{\"id\":\"p1\",\"name\":\"Bank\"}");
}

static void
test_provider_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "{}", "not a JSON array" },
    { "[{\"id\":\"a\",\"name\":\"A\"}, \"b\"]", "“[1]”" },
    { "[{\"name\":\"A\"}]", "“[0].id”" },
    { "[{\"id\":\"a\",\"name\":\"A\"},{\"id\":\"b\"}]", "“[1].name”" },
    { "[{\"id\":1,\"name\":\"A\"}]", "“[0].id”" },
    { "[{\"id\":\"a\",\"name\":[\"A\"]}]", "“[0].name”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"appSchemeIOS\":false}]", "“[0].appSchemeIOS”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"packageNameAndroid\":1}]", "“[0].packageNameAndroid”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"minAppVersion\":\"1.0\"}]", "“[0].minAppVersion”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"minAppVersion\":{\"ios\":1}}]",
      "“[0].minAppVersion.ios”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"minAppVersion\":{\"android\":[]}}]",
      "“[0].minAppVersion.android”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"colors\":\"FF0000\"}]", "“[0].colors”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"iconLocation\":{}}]", "“[0].iconLocation”" },
    { "[{\"id\":\"a\",\"name\":\"A\",\"linkTemplate\":2}]", "“[0].linkTemplate”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) providers = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      providers = remit_payment_provider_list_from_json (node, &error);
      g_assert_null (providers);
      assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

static void
test_color (void)
{
  g_assert_true (remit_color_is_valid ("000000"));
  g_assert_true (remit_color_is_valid ("FFFFFF"));
  g_assert_true (remit_color_is_valid ("a1B2c3"));
  g_assert_false (remit_color_is_valid (NULL));
  g_assert_false (remit_color_is_valid (""));
  g_assert_false (remit_color_is_valid ("#FF0000"));
  g_assert_false (remit_color_is_valid ("FFF"));
  g_assert_false (remit_color_is_valid ("FF00000"));
  g_assert_false (remit_color_is_valid ("GG0000"));
  g_assert_false (remit_color_is_valid ("FF 000"));
  g_assert_false (remit_color_is_valid ("FF0000FF"));
}

/* Payment requests */

static void
test_request_parse (void)
{
  g_autoptr (JsonNode) node = parse_json (request_json);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new_from_json (node, NULL,
                                                                                 &error);
  g_autoptr (RemitAmount) amount = NULL;
  g_autofree char *recipient = NULL;
  RemitPaymentRequestStatus status;
  GDateTime *created;

  g_assert_no_error (error);
  /* No id member: the id comes from _links.self. */
  g_assert_cmpstr (remit_payment_request_get_id (request), ==,
                   "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901");
  created = remit_payment_request_get_created_at (request);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_to_unix (created), ==, 1709633730);
  g_assert_cmpint (g_date_time_get_microsecond (created), ==, 123000);
  g_assert_cmpstr (remit_payment_request_get_recipient (request), ==,
                   "Stadtwerke Musterstadt GmbH");
  g_assert_cmpstr (remit_payment_request_get_iban (request), ==, "DE02120300000000202051");
  g_assert_cmpstr (remit_payment_request_get_bic (request), ==, "BYLADEM1001");
  g_assert_cmpint (remit_payment_request_get_amount (request)->minor, ==, 33550);
  g_assert_cmpstr (remit_payment_request_get_amount (request)->currency, ==, "EUR");
  g_assert_cmpstr (remit_payment_request_get_purpose (request), ==, "Rechnung 2024-0815");
  g_assert_cmpint (remit_payment_request_get_status (request), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  g_assert_cmpstr (remit_payment_request_get_status_string (request), ==, "open");
  g_assert_cmpstr (remit_payment_request_get_requester_uri (request), ==,
                   "ginipay-remit://payment-requester");
  g_assert_cmpstr (remit_payment_request_get_payment_provider (request), ==,
                   "b09ef70a-490f-11eb-952e-9bc6f4646c57");
  g_assert_cmpstr (remit_payment_request_get_source_document_location (request), ==,
                   DOCUMENT_URI);
  g_assert_cmpstr (remit_payment_request_get_link (request, "payment"), ==,
                   REQUEST_URI "/payment");

  g_object_get (request, "amount", &amount, "status", &status, "recipient", &recipient, NULL);
  g_assert_cmpint (amount->minor, ==, 33550);
  g_assert_cmpstr (amount->currency, ==, "EUR");
  g_assert_cmpint (status, ==, REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  g_assert_cmpstr (recipient, ==, "Stadtwerke Musterstadt GmbH");
}

static void
test_request_round_trip (void)
{
  const char *answers[] = {
    request_json,
    "{\"id\":\"r-7\",\"createdAt\":1709633730123,\"iban\":\"DE02120300000000202051\","
    "\"amount\":\"0.01:EUR\",\"purpose\":\"x\",\"status\":\"paid_adjusted\"}",
    "{\"iban\":\"DE02120300000000202051\",\"amount\":\"12.00:EUR\",\"status\":\"PAID\","
    "\"createdAt\":\"2024-03-05T11:15:30+01:00\",\"_links\":{\"self\":{\"href\":\"x\"}}}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      g_autoptr (JsonNode) node = parse_json (answers[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitPaymentRequest) request = NULL;
      g_autoptr (JsonNode) back = NULL;

      request = remit_payment_request_new_from_json (node, REQUEST_URI, &error);
      g_assert_no_error (error);
      back = remit_payment_request_to_json (request);
      assert_json_equal (back, answers[i]);
    }
}

static void
test_request_id_and_status (void)
{
  g_autoptr (JsonNode) with_id =
    parse_json ("{\"id\":\"r-7\",\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\","
                "\"status\":\"paid_adjusted\",\"_links\":{\"self\":\"" REQUEST_URI "\"}}");
  g_autoptr (JsonNode) bare =
    parse_json ("{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\","
                "\"status\":\"Paid\",\"createdAt\":1709633730123}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitPaymentRequest) a = remit_payment_request_new_from_json (with_id, REQUEST_URI,
                                                                           &error);
  g_autoptr (RemitPaymentRequest) b = NULL;
  g_autoptr (RemitPaymentRequest) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (remit_payment_request_get_id (a), ==, "r-7");
  g_assert_cmpint (remit_payment_request_get_status (a), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
  g_assert_cmpstr (remit_payment_request_get_status_string (a), ==, "paid_adjusted");

  /* Without id and self link, the id comes from the Location it was fetched from. */
  b = remit_payment_request_new_from_json (bare, REQUEST_URI, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (remit_payment_request_get_id (b), ==, "1b2c3d4e-5f60-7182-93a4-b5c6d7e8f901");
  g_assert_cmpint (remit_payment_request_get_status (b), ==, REMIT_PAYMENT_REQUEST_STATUS_PAID);
  g_assert_cmpint (g_date_time_to_unix (remit_payment_request_get_created_at (b)), ==,
                   1709633730);
  c = remit_payment_request_new_from_json (bare, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (remit_payment_request_get_id (c));

  g_assert_cmpstr (remit_payment_request_status_to_string (REMIT_PAYMENT_REQUEST_STATUS_OPEN), ==,
                   "open");
  g_assert_cmpstr (remit_payment_request_status_to_string (REMIT_PAYMENT_REQUEST_STATUS_PAID), ==,
                   "paid");
  g_assert_cmpstr (remit_payment_request_status_to_string (REMIT_PAYMENT_REQUEST_STATUS_INVALID),
                   ==, "invalid");
  g_assert_null (remit_payment_request_status_to_string (REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN));
  g_assert_cmpint (remit_payment_request_status_from_string ("invalid"), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_INVALID);
  g_assert_cmpint (remit_payment_request_status_from_string ("expired"), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
  g_assert_cmpint (remit_payment_request_status_from_string (NULL), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
}

static void
test_request_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "[]", "not a JSON object" },
    { "{\"amount\":\"1.00:EUR\"}", "“iban”" },
    { "{\"iban\":\"DE02120300000000202051\"}", "“amount”" },
    { "{\"iban\":5,\"amount\":\"1.00:EUR\"}", "“iban”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":335.5}", "“amount”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"viel\"}", "“amount”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"bic\":[]}", "“bic”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"recipient\":1}",
      "“recipient”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"purpose\":{}}",
      "“purpose”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"status\":2}", "“status”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"createdAt\":\"gestern\"}",
      "“createdAt”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"createdAt\":true}",
      "“createdAt”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"requesterUri\":1}",
      "“requesterUri”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"_links\":\"x\"}",
      "“_links”" },
    { "{\"id\":7,\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\"}", "“id”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitPaymentRequest) request = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      request = remit_payment_request_new_from_json (node, NULL, &error);
      g_assert_null (request);
      assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, cases[i].fragment);
    }
}

static RemitPaymentRequest *
valid_request (void)
{
  RemitPaymentRequest *request = remit_payment_request_new ();
  RemitAmount amount;

  remit_amount_init (&amount, 33550, "EUR");
  remit_payment_request_set_recipient (request, "Stadtwerke Musterstadt GmbH");
  remit_payment_request_set_iban (request, "de02 1203 0000 0000 2020 51");
  remit_payment_request_set_bic (request, "byladem1001");
  remit_payment_request_set_amount (request, &amount);
  remit_payment_request_set_purpose (request, "Rechnung 2024-0815");
  return request;
}

static void
test_request_create_body (void)
{
  g_autoptr (RemitPaymentRequest) request = valid_request ();
  g_autoptr (RemitPaymentRequest) minimal = remit_payment_request_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) body = NULL;
  g_autoptr (JsonNode) minimal_body = NULL;
  RemitAmount amount;

  remit_payment_request_set_source_document_location (request, DOCUMENT_URI);
  remit_payment_request_set_payment_provider (request, "b09ef70a-490f-11eb-952e-9bc6f4646c57");
  /* Links, status and unknown members of a fetched request never go into the body. */
  remit_payment_request_set_link (request, "self", REQUEST_URI);
  remit_payment_request_set_status (request, REMIT_PAYMENT_REQUEST_STATUS_OPEN);

  g_assert_true (remit_payment_request_validate (request, &error));
  g_assert_no_error (error);
  body = remit_payment_request_to_create_json (request, &error);
  g_assert_no_error (error);
  assert_json_equal (body,
                     "{\"sourceDocumentLocation\":\"" DOCUMENT_URI "\","
                     "\"paymentProvider\":\"b09ef70a-490f-11eb-952e-9bc6f4646c57\","
                     "\"recipient\":\"Stadtwerke Musterstadt GmbH\","
                     "\"iban\":\"DE02120300000000202051\",\"bic\":\"BYLADEM1001\","
                     "\"amount\":\"335.50:EUR\",\"purpose\":\"Rechnung 2024-0815\"}");

  /* Only IBAN, amount and purpose are required; an empty BIC counts as none. */
  remit_amount_init (&amount, 1, "EUR");
  remit_payment_request_set_iban (minimal, "NL91ABNA0417164300");
  remit_payment_request_set_bic (minimal, "");
  remit_payment_request_set_amount (minimal, &amount);
  remit_payment_request_set_purpose (minimal, "Spende");
  minimal_body = remit_payment_request_to_create_json (minimal, &error);
  g_assert_no_error (error);
  assert_json_equal (minimal_body,
                     "{\"iban\":\"NL91ABNA0417164300\",\"amount\":\"0.01:EUR\","
                     "\"purpose\":\"Spende\"}");
}

static void
test_request_create_invalid (void)
{
  g_autofree char *purpose_140 = g_strnfill (140, 'p');
  g_autofree char *purpose_141 = g_strnfill (141, 'p');
  g_autofree char *recipient_71 = g_strnfill (71, 'r');
  RemitAmount amount;

  const struct
  {
    const char *iban;
    const char *bic;
    gint64 minor;
    const char *currency;
    const char *purpose;
    const char *recipient;
    int code;
    const char *fragment;
  } cases[] = {
    { NULL, NULL, 100, "EUR", "x", NULL, REMIT_CORE_ERROR_INVALID_IBAN, "IBAN" },
    { "  ", NULL, 100, "EUR", "x", NULL, REMIT_CORE_ERROR_INVALID_IBAN, "IBAN" },
    { "DE02120300000000202052", NULL, 100, "EUR", "x", NULL, REMIT_CORE_ERROR_INVALID_IBAN,
      NULL },
    { "XX02120300000000202051", NULL, 100, "EUR", "x", NULL, REMIT_CORE_ERROR_INVALID_IBAN,
      NULL },
    { "DE02120300000000202051", "BYLADEM100", 100, "EUR", "x", NULL,
      REMIT_CORE_ERROR_INVALID_BIC, NULL },
    { "DE02120300000000202051", "BYLAXXM1001", 100, "EUR", "x", NULL,
      REMIT_CORE_ERROR_INVALID_BIC, NULL },
    { "DE02120300000000202051", NULL, -1, NULL, "x", NULL, REMIT_CORE_ERROR_INVALID_AMOUNT,
      "missing" },
    { "DE02120300000000202051", NULL, 0, "EUR", "x", NULL, REMIT_CORE_ERROR_INVALID_AMOUNT,
      "more than zero" },
    { "DE02120300000000202051", NULL, -33550, "EUR", "x", NULL,
      REMIT_CORE_ERROR_INVALID_AMOUNT, "more than zero" },
    { "DE02120300000000202051", NULL, 33550, "USD", "x", NULL, REMIT_CORE_ERROR_INVALID_AMOUNT,
      "“USD”" },
    { "DE02120300000000202051", NULL, G_GINT64_CONSTANT (100000000000), "EUR", "x", NULL,
      REMIT_CORE_ERROR_INVALID_AMOUNT, "999,999,999.99" },
    { "DE02120300000000202051", NULL, 100, "EUR", NULL, NULL, REMIT_CORE_ERROR_INVALID_VALUE,
      "purpose" },
    { "DE02120300000000202051", NULL, 100, "EUR", " \t ", NULL, REMIT_CORE_ERROR_INVALID_VALUE,
      "purpose" },
    { "DE02120300000000202051", NULL, 100, "EUR", purpose_141, NULL,
      REMIT_CORE_ERROR_INVALID_VALUE, "141" },
    { "DE02120300000000202051", NULL, 100, "EUR", "x", recipient_71,
      REMIT_CORE_ERROR_INVALID_VALUE, "71" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (RemitPaymentRequest) request = remit_payment_request_new ();
      g_autoptr (GError) error = NULL;
      g_autoptr (JsonNode) body = NULL;

      g_test_message ("case %u", i);
      remit_payment_request_set_iban (request, cases[i].iban);
      remit_payment_request_set_bic (request, cases[i].bic);
      if (cases[i].currency != NULL)
        {
          remit_amount_init (&amount, cases[i].minor, cases[i].currency);
          remit_payment_request_set_amount (request, &amount);
        }
      remit_payment_request_set_purpose (request, cases[i].purpose);
      remit_payment_request_set_recipient (request, cases[i].recipient);

      g_assert_false (remit_payment_request_validate (request, NULL));
      body = remit_payment_request_to_create_json (request, &error);
      g_assert_null (body);
      assert_error_names (error, cases[i].code, cases[i].fragment);
    }

  /* The limits themselves are fine. */
  {
    g_autoptr (RemitPaymentRequest) request = valid_request ();
    g_autofree char *recipient_70 = g_strnfill (70, 'r');
    g_autoptr (GError) error = NULL;

    remit_payment_request_set_purpose (request, purpose_140);
    remit_payment_request_set_recipient (request, recipient_70);
    remit_amount_init (&amount, G_GINT64_CONSTANT (99999999999), "EUR");
    remit_payment_request_set_amount (request, &amount);
    g_assert_true (remit_payment_request_validate (request, &error));
    g_assert_no_error (error);
  }
}

static void
test_request_from_create_body (void)
{
  g_autoptr (JsonNode) node =
    parse_json ("{\"sourceDocumentLocation\":\"" DOCUMENT_URI "\",\"paymentProvider\":\"p1\","
                "\"recipient\":\"Stadtwerke\",\"iban\":\"DE02 1203 0000 0000 2020 51\","
                "\"bic\":\"byladem1001\",\"amount\":\"335.50:EUR\",\"purpose\":\"RE 4711\","
                "\"status\":\"paid\",\"_links\":{\"self\":\"x\"},\"extra\":1}");
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new_from_create_json (node,
                                                                                        &error);
  g_autoptr (JsonNode) back = NULL;
  g_autoptr (JsonNode) bad = parse_json ("{\"iban\":\"DE02120300000000202051\","
                                         "\"amount\":\"335.50:EUR\"}");
  g_autoptr (JsonNode) wrong_type = parse_json ("{\"iban\":\"DE02120300000000202051\","
                                                "\"amount\":\"335.50:EUR\",\"purpose\":5}");
  g_autoptr (JsonNode) usd = parse_json ("{\"iban\":\"DE02120300000000202051\","
                                         "\"amount\":\"335.50:USD\",\"purpose\":\"x\"}");
  g_autoptr (RemitPaymentRequest) rejected = NULL;

  g_assert_no_error (error);
  g_assert_null (remit_payment_request_get_id (request));
  g_assert_cmpint (remit_payment_request_get_status (request), ==,
                   REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN);
  g_assert_cmpstr (remit_payment_request_get_iban (request), ==, "DE02120300000000202051");
  g_assert_cmpstr (remit_payment_request_get_bic (request), ==, "BYLADEM1001");
  g_assert_cmpint (remit_payment_request_get_amount (request)->minor, ==, 33550);
  g_assert_null (remit_payment_request_get_link (request, "self"));

  /* A server then answers with the stored request, id and status added. */
  remit_payment_request_set_id (request, "r-1");
  remit_payment_request_set_status (request, REMIT_PAYMENT_REQUEST_STATUS_OPEN);
  back = remit_payment_request_to_json (request);
  assert_json_equal (back,
                     "{\"id\":\"r-1\",\"sourceDocumentLocation\":\"" DOCUMENT_URI "\","
                     "\"paymentProvider\":\"p1\",\"recipient\":\"Stadtwerke\","
                     "\"iban\":\"DE02120300000000202051\",\"bic\":\"BYLADEM1001\","
                     "\"amount\":\"335.50:EUR\",\"purpose\":\"RE 4711\",\"status\":\"open\"}");

  rejected = remit_payment_request_new_from_create_json (bad, &error);
  g_assert_null (rejected);
  assert_error_names (error, REMIT_CORE_ERROR_INVALID_VALUE, "purpose");
  g_clear_error (&error);
  rejected = remit_payment_request_new_from_create_json (wrong_type, &error);
  g_assert_null (rejected);
  assert_error_names (error, REMIT_CORE_ERROR_MALFORMED, "“purpose”");
  g_clear_error (&error);
  rejected = remit_payment_request_new_from_create_json (usd, &error);
  g_assert_null (rejected);
  assert_error_names (error, REMIT_CORE_ERROR_INVALID_AMOUNT, "“USD”");
}

static void
test_request_setters (void)
{
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new ();
  g_autoptr (GDateTime) created = g_date_time_new_utc (2024, 3, 5, 10, 15, 30);
  g_autoptr (JsonNode) node = NULL;
  guint amount_changes = 0;
  guint status_changes = 0;
  RemitAmount amount;

  g_signal_connect (request, "notify::amount", G_CALLBACK (count_notify), &amount_changes);
  g_signal_connect (request, "notify::status", G_CALLBACK (count_notify), &status_changes);

  remit_amount_init (&amount, 1250, "EUR");
  remit_payment_request_set_amount (request, &amount);
  remit_payment_request_set_amount (request, &amount);
  g_assert_cmpuint (amount_changes, ==, 1);
  remit_amount_init (&amount, 1251, "EUR");
  remit_payment_request_set_amount (request, &amount);
  g_assert_cmpuint (amount_changes, ==, 2);
  remit_payment_request_set_amount (request, NULL);
  g_assert_null (remit_payment_request_get_amount (request));
  g_assert_cmpuint (amount_changes, ==, 3);

  remit_payment_request_set_status (request, REMIT_PAYMENT_REQUEST_STATUS_PAID);
  remit_payment_request_set_status (request, REMIT_PAYMENT_REQUEST_STATUS_PAID);
  g_assert_cmpuint (status_changes, ==, 1);

  remit_payment_request_set_created_at (request, created);
  remit_payment_request_set_iban (request, "DE02120300000000202051");
  remit_payment_request_set_link (request, "payment", REQUEST_URI "/payment");
  node = remit_payment_request_to_json (request);
  assert_json_equal (node, "{\"createdAt\":\"2024-03-05T10:15:30Z\","
                           "\"iban\":\"DE02120300000000202051\",\"status\":\"paid\","
                           "\"_links\":{\"payment\":\"" REQUEST_URI "/payment\"}}");
}

/* Payments */

static void
test_payment (void)
{
  g_autoptr (JsonNode) node = parse_json (payment_json);
  g_autoptr (GError) error = NULL;
  g_autoptr (RemitPayment) payment = remit_payment_new_from_json (node, &error);
  g_autoptr (JsonNode) back = NULL;
  g_autoptr (RemitAmount) amount = NULL;
  g_autoptr (GDateTime) paid_at = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (g_date_time_to_unix (remit_payment_get_paid_at (payment)), ==, 1709712000);
  g_assert_cmpstr (remit_payment_get_recipient (payment), ==, "Stadtwerke Musterstadt GmbH");
  g_assert_cmpstr (remit_payment_get_iban (payment), ==, "DE02120300000000202051");
  g_assert_cmpstr (remit_payment_get_bic (payment), ==, "BYLADEM1001");
  g_assert_cmpint (remit_payment_get_amount (payment)->minor, ==, 33550);
  g_assert_cmpstr (remit_payment_get_purpose (payment), ==, "Rechnung 2024-0815");
  g_assert_cmpstr (remit_payment_get_link (payment, "paymentRequest"), ==, REQUEST_URI);

  g_object_get (payment, "amount", &amount, "paid-at", &paid_at, NULL);
  g_assert_cmpint (amount->minor, ==, 33550);
  g_assert_true (g_date_time_equal (paid_at, remit_payment_get_paid_at (payment)));

  back = remit_payment_to_json (payment);
  assert_json_equal (back, payment_json);
}

static void
test_payment_for_request (void)
{
  g_autoptr (JsonNode) node = parse_json (request_json);
  g_autoptr (RemitPaymentRequest) request = remit_payment_request_new_from_json (node, NULL, NULL);
  g_autoptr (RemitPayment) payment = remit_payment_new_for_request (request);
  g_autoptr (GDateTime) paid_at = g_date_time_new_utc (2024, 3, 6, 8, 0, 0);
  g_autoptr (JsonNode) back = NULL;

  remit_payment_set_paid_at (payment, paid_at);
  remit_payment_set_link (payment, "paymentRequest", REQUEST_URI);
  remit_payment_set_link (payment, "self", REQUEST_URI "/payment");
  back = remit_payment_to_json (payment);

  /* The same as the server's answer, but for the member this version does not know. */
  assert_json_equal (back,
                     "{\"paidAt\":\"2024-03-06T08:00:00Z\","
                     "\"recipient\":\"Stadtwerke Musterstadt GmbH\","
                     "\"iban\":\"DE02120300000000202051\",\"bic\":\"BYLADEM1001\","
                     "\"amount\":\"335.50:EUR\",\"purpose\":\"Rechnung 2024-0815\","
                     "\"_links\":{\"paymentRequest\":\"" REQUEST_URI "\","
                     "\"self\":\"" REQUEST_URI "/payment\"}}");
}

static void
test_payment_malformed (void)
{
  const struct
  {
    const char *json;
    const char *fragment;
  } cases[] = {
    { "null", "not a JSON object" },
    { "{\"amount\":\"1.00:EUR\"}", "“iban”" },
    { "{\"iban\":\"DE02120300000000202051\"}", "“amount”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1,00 EUR EUR\"}", "“amount”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"paidAt\":\"soon\"}",
      "“paidAt”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"paidAt\":[]}",
      "“paidAt”" },
    { "{\"iban\":\"DE02120300000000202051\",\"amount\":\"1.00:EUR\",\"_links\":[]}",
      "“_links”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (JsonNode) node = parse_json (cases[i].json);
      g_autoptr (GError) error = NULL;
      g_autoptr (RemitPayment) payment = NULL;

      g_test_message ("case %u: %s", i, cases[i].json);
      payment = remit_payment_new_from_json (node, &error);
      g_assert_null (payment);
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
  g_test_add_func ("/payment-provider/list", test_provider_list);
  g_test_add_func ("/payment-provider/single", test_provider_single);
  g_test_add_func ("/payment-provider/malformed", test_provider_malformed);
  g_test_add_func ("/payment-provider/color", test_color);
  g_test_add_func ("/payment-request/parse", test_request_parse);
  g_test_add_func ("/payment-request/round-trip", test_request_round_trip);
  g_test_add_func ("/payment-request/id-and-status", test_request_id_and_status);
  g_test_add_func ("/payment-request/malformed", test_request_malformed);
  g_test_add_func ("/payment-request/create-body", test_request_create_body);
  g_test_add_func ("/payment-request/create-invalid", test_request_create_invalid);
  g_test_add_func ("/payment-request/from-create-body", test_request_from_create_body);
  g_test_add_func ("/payment-request/setters", test_request_setters);
  g_test_add_func ("/payment/parse", test_payment);
  g_test_add_func ("/payment/for-request", test_payment_for_request);
  g_test_add_func ("/payment/malformed", test_payment_malformed);

  return g_test_run ();
}
