/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/**
 * RemitDocumentProgress:
 * @REMIT_DOCUMENT_PROGRESS_PENDING: the server is still processing the document
 * @REMIT_DOCUMENT_PROGRESS_COMPLETED: extractions and layout are ready
 * @REMIT_DOCUMENT_PROGRESS_ERROR: processing failed; the document has no extractions
 *
 * The `progress` member of a document.
 */
typedef enum
{
  REMIT_DOCUMENT_PROGRESS_PENDING,
  REMIT_DOCUMENT_PROGRESS_COMPLETED,
  REMIT_DOCUMENT_PROGRESS_ERROR,
} RemitDocumentProgress;

#define REMIT_TYPE_DOCUMENT_PROGRESS (remit_document_progress_get_type ())
GType remit_document_progress_get_type (void) G_GNUC_CONST;

const char *remit_document_progress_to_string (RemitDocumentProgress progress);
gboolean remit_document_progress_from_string (const char *text, RemitDocumentProgress *out);

/**
 * RemitSourceClassification:
 * @REMIT_SOURCE_CLASSIFICATION_OTHER: absent, or a value this version does not know
 *   (the string is still available from remit_document_get_source_classification())
 * @REMIT_SOURCE_CLASSIFICATION_SCANNED: an image without a text layer
 * @REMIT_SOURCE_CLASSIFICATION_SANDWICH: a scan with a text layer added by OCR
 * @REMIT_SOURCE_CLASSIFICATION_NATIVE: a PDF created digitally, with a real text layer
 * @REMIT_SOURCE_CLASSIFICATION_TEXT: a plain text file
 * @REMIT_SOURCE_CLASSIFICATION_COMPOSITE: a document made of partial documents
 *
 * The known values of the `sourceClassification` member.
 */
typedef enum
{
  REMIT_SOURCE_CLASSIFICATION_OTHER,
  REMIT_SOURCE_CLASSIFICATION_SCANNED,
  REMIT_SOURCE_CLASSIFICATION_SANDWICH,
  REMIT_SOURCE_CLASSIFICATION_NATIVE,
  REMIT_SOURCE_CLASSIFICATION_TEXT,
  REMIT_SOURCE_CLASSIFICATION_COMPOSITE,
} RemitSourceClassification;

#define REMIT_TYPE_SOURCE_CLASSIFICATION (remit_source_classification_get_type ())
GType remit_source_classification_get_type (void) G_GNUC_CONST;

RemitSourceClassification remit_source_classification_from_string (const char *text);

char *remit_id_from_location (const char *location);

/* Names of the links a document carries in `_links`. */
#define REMIT_DOCUMENT_LINK_DOCUMENT    "document"
#define REMIT_DOCUMENT_LINK_EXTRACTIONS "extractions"
#define REMIT_DOCUMENT_LINK_LAYOUT      "layout"
#define REMIT_DOCUMENT_LINK_PROCESSED   "processed"
#define REMIT_DOCUMENT_LINK_PAGES       "pages"

/* RemitDocument: a document resource of the API */
#define REMIT_TYPE_DOCUMENT (remit_document_get_type ())
G_DECLARE_FINAL_TYPE (RemitDocument, remit_document, REMIT, DOCUMENT, GObject)

RemitDocument *remit_document_new (const char *id);
RemitDocument *remit_document_new_from_json (JsonNode *node, GError **error);
JsonNode *remit_document_to_json (RemitDocument *self);

const char *remit_document_get_id (RemitDocument *self);
const char *remit_document_get_name (RemitDocument *self);
void remit_document_set_name (RemitDocument *self, const char *name);
gint64 remit_document_get_creation_date (RemitDocument *self);
void remit_document_set_creation_date (RemitDocument *self, gint64 creation_date_ms);
GDateTime *remit_document_dup_creation_date_time (RemitDocument *self);
RemitDocumentProgress remit_document_get_progress (RemitDocument *self);
void remit_document_set_progress (RemitDocument *self, RemitDocumentProgress progress);
const char *remit_document_get_origin (RemitDocument *self);
void remit_document_set_origin (RemitDocument *self, const char *origin);
const char *remit_document_get_source_classification (RemitDocument *self);
RemitSourceClassification remit_document_get_source_classification_kind (RemitDocument *self);
void remit_document_set_source_classification (RemitDocument *self, const char *classification);
int remit_document_get_page_count (RemitDocument *self);
void remit_document_set_page_count (RemitDocument *self, int page_count);
const char *remit_document_get_link (RemitDocument *self, const char *name);
void remit_document_set_link (RemitDocument *self, const char *name, const char *uri);
char **remit_document_list_links (RemitDocument *self);

GPtrArray *remit_document_list_from_json (JsonNode *node, GError **error);
JsonNode *remit_document_list_to_json (GPtrArray *documents);

/**
 * RemitPartialDocument:
 * @document: the URI of a partial document (one uploaded page)
 * @rotation_delta: clockwise rotation to apply, in degrees: 0, 90, 180 or 270
 *
 * One entry of the body that creates a composite document.
 */
typedef struct
{
  char *document;
  int rotation_delta;
} RemitPartialDocument;

#define REMIT_TYPE_PARTIAL_DOCUMENT (remit_partial_document_get_type ())
GType remit_partial_document_get_type (void) G_GNUC_CONST;

RemitPartialDocument *remit_partial_document_new (const char *document, int rotation_delta);
RemitPartialDocument *remit_partial_document_copy (const RemitPartialDocument *partial);
void remit_partial_document_free (RemitPartialDocument *partial);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitPartialDocument, remit_partial_document_free)

JsonNode *remit_composite_document_to_json (GPtrArray *partials, GError **error);
GPtrArray *remit_composite_document_from_json (JsonNode *node, GError **error);

/**
 * RemitDocumentPage:
 *
 * One entry of the pages answer `[{pageNumber, images:{large, medium}}]`. Reference counted.
 */
typedef struct _RemitDocumentPage RemitDocumentPage;

#define REMIT_DOCUMENT_PAGE_IMAGE_LARGE  "large"
#define REMIT_DOCUMENT_PAGE_IMAGE_MEDIUM "medium"

#define REMIT_TYPE_DOCUMENT_PAGE (remit_document_page_get_type ())
GType remit_document_page_get_type (void) G_GNUC_CONST;

RemitDocumentPage *remit_document_page_new (int page_number);
RemitDocumentPage *remit_document_page_ref (RemitDocumentPage *page);
void remit_document_page_unref (RemitDocumentPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RemitDocumentPage, remit_document_page_unref)

int remit_document_page_get_number (RemitDocumentPage *page);
const char *remit_document_page_get_image (RemitDocumentPage *page, const char *size);
void remit_document_page_set_image (RemitDocumentPage *page, const char *size, const char *uri);

GPtrArray *remit_document_pages_from_json (JsonNode *node, GError **error);
JsonNode *remit_document_pages_to_json (GPtrArray *pages);

G_END_DECLS
