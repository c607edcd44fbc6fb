/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "remit-amount.h"

G_BEGIN_DECLS

gboolean remit_color_is_valid (const char *text);

/* RemitPaymentProvider: a banking app that accepts payment requests */
#define REMIT_TYPE_PAYMENT_PROVIDER (remit_payment_provider_get_type ())
G_DECLARE_FINAL_TYPE (RemitPaymentProvider, remit_payment_provider, REMIT, PAYMENT_PROVIDER,
                      GObject)

RemitPaymentProvider *remit_payment_provider_new_from_json (JsonNode *node, GError **error);
JsonNode *remit_payment_provider_to_json (RemitPaymentProvider *self);

const char *remit_payment_provider_get_id (RemitPaymentProvider *self);
const char *remit_payment_provider_get_name (RemitPaymentProvider *self);
const char *remit_payment_provider_get_app_scheme_ios (RemitPaymentProvider *self);
const char *remit_payment_provider_get_package_name_android (RemitPaymentProvider *self);
const char *remit_payment_provider_get_min_app_version_ios (RemitPaymentProvider *self);
const char *remit_payment_provider_get_min_app_version_android (RemitPaymentProvider *self);
const char *remit_payment_provider_get_background_color (RemitPaymentProvider *self);
const char *remit_payment_provider_get_text_color (RemitPaymentProvider *self);
const char *remit_payment_provider_get_icon_location (RemitPaymentProvider *self);
const char *remit_payment_provider_get_link_template (RemitPaymentProvider *self);

GPtrArray *remit_payment_provider_list_from_json (JsonNode *node, GError **error);
JsonNode *remit_payment_provider_list_to_json (GPtrArray *providers);

/**
 * RemitPaymentRequestStatus:
 * @REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN: absent, or a value this version does not know
 *   (remit_payment_request_get_status_string() has it)
 * @REMIT_PAYMENT_REQUEST_STATUS_OPEN: waiting for the bank
 * @REMIT_PAYMENT_REQUEST_STATUS_PAID: the bank reported the payment
 * @REMIT_PAYMENT_REQUEST_STATUS_INVALID: the request cannot be paid
 */
typedef enum
{
  REMIT_PAYMENT_REQUEST_STATUS_UNKNOWN,
  REMIT_PAYMENT_REQUEST_STATUS_OPEN,
  REMIT_PAYMENT_REQUEST_STATUS_PAID,
  REMIT_PAYMENT_REQUEST_STATUS_INVALID,
} RemitPaymentRequestStatus;

#define REMIT_TYPE_PAYMENT_REQUEST_STATUS (remit_payment_request_status_get_type ())
GType remit_payment_request_status_get_type (void) G_GNUC_CONST;

const char *remit_payment_request_status_to_string (RemitPaymentRequestStatus status);
RemitPaymentRequestStatus remit_payment_request_status_from_string (const char *text);

/* RemitPaymentRequest: a request to a banking app to pay a bill */
#define REMIT_TYPE_PAYMENT_REQUEST (remit_payment_request_get_type ())
G_DECLARE_FINAL_TYPE (RemitPaymentRequest, remit_payment_request, REMIT, PAYMENT_REQUEST,
                      GObject)

RemitPaymentRequest *remit_payment_request_new (void);
RemitPaymentRequest *remit_payment_request_new_from_json (JsonNode *node,
                                                          const char *location,
                                                          GError **error);
RemitPaymentRequest *remit_payment_request_new_from_create_json (JsonNode *node, GError **error);
JsonNode *remit_payment_request_to_json (RemitPaymentRequest *self);
gboolean remit_payment_request_validate (RemitPaymentRequest *self, GError **error);
JsonNode *remit_payment_request_to_create_json (RemitPaymentRequest *self, GError **error);

const char *remit_payment_request_get_id (RemitPaymentRequest *self);
void remit_payment_request_set_id (RemitPaymentRequest *self, const char *id);
GDateTime *remit_payment_request_get_created_at (RemitPaymentRequest *self);
void remit_payment_request_set_created_at (RemitPaymentRequest *self, GDateTime *created_at);
const char *remit_payment_request_get_recipient (RemitPaymentRequest *self);
void remit_payment_request_set_recipient (RemitPaymentRequest *self, const char *recipient);
const char *remit_payment_request_get_iban (RemitPaymentRequest *self);
void remit_payment_request_set_iban (RemitPaymentRequest *self, const char *iban);
const char *remit_payment_request_get_bic (RemitPaymentRequest *self);
void remit_payment_request_set_bic (RemitPaymentRequest *self, const char *bic);
const RemitAmount *remit_payment_request_get_amount (RemitPaymentRequest *self);
void remit_payment_request_set_amount (RemitPaymentRequest *self, const RemitAmount *amount);
const char *remit_payment_request_get_purpose (RemitPaymentRequest *self);
void remit_payment_request_set_purpose (RemitPaymentRequest *self, const char *purpose);
RemitPaymentRequestStatus remit_payment_request_get_status (RemitPaymentRequest *self);
const char *remit_payment_request_get_status_string (RemitPaymentRequest *self);
void remit_payment_request_set_status (RemitPaymentRequest *self,
                                       RemitPaymentRequestStatus status);
const char *remit_payment_request_get_requester_uri (RemitPaymentRequest *self);
void remit_payment_request_set_requester_uri (RemitPaymentRequest *self,
                                              const char *requester_uri);
const char *remit_payment_request_get_source_document_location (RemitPaymentRequest *self);
void remit_payment_request_set_source_document_location (RemitPaymentRequest *self,
                                                         const char *location);
const char *remit_payment_request_get_payment_provider (RemitPaymentRequest *self);
void remit_payment_request_set_payment_provider (RemitPaymentRequest *self,
                                                 const char *provider_id);
const char *remit_payment_request_get_link (RemitPaymentRequest *self, const char *name);
void remit_payment_request_set_link (RemitPaymentRequest *self,
                                     const char *name,
                                     const char *uri);

/* RemitPayment: what the bank reports as paid for a payment request */
#define REMIT_TYPE_PAYMENT (remit_payment_get_type ())
G_DECLARE_FINAL_TYPE (RemitPayment, remit_payment, REMIT, PAYMENT, GObject)

RemitPayment *remit_payment_new (void);
RemitPayment *remit_payment_new_for_request (RemitPaymentRequest *request);
RemitPayment *remit_payment_new_from_json (JsonNode *node, GError **error);
JsonNode *remit_payment_to_json (RemitPayment *self);

GDateTime *remit_payment_get_paid_at (RemitPayment *self);
void remit_payment_set_paid_at (RemitPayment *self, GDateTime *paid_at);
const char *remit_payment_get_recipient (RemitPayment *self);
void remit_payment_set_recipient (RemitPayment *self, const char *recipient);
const char *remit_payment_get_iban (RemitPayment *self);
void remit_payment_set_iban (RemitPayment *self, const char *iban);
const char *remit_payment_get_bic (RemitPayment *self);
void remit_payment_set_bic (RemitPayment *self, const char *bic);
const RemitAmount *remit_payment_get_amount (RemitPayment *self);
void remit_payment_set_amount (RemitPayment *self, const RemitAmount *amount);
const char *remit_payment_get_purpose (RemitPayment *self);
void remit_payment_set_purpose (RemitPayment *self, const char *purpose);
const char *remit_payment_get_link (RemitPayment *self, const char *name);
void remit_payment_set_link (RemitPayment *self, const char *name, const char *uri);

G_END_DECLS
