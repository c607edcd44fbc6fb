/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * RemitApiError:
 * @REMIT_API_ERROR_NO_NETWORK: the server could not be reached
 * @REMIT_API_ERROR_UNAUTHORIZED: the credentials were refused (401)
 * @REMIT_API_ERROR_NOT_FOUND: no such resource (404)
 * @REMIT_API_ERROR_UNSUPPORTED_TYPE: the server does not accept this file type (415)
 * @REMIT_API_ERROR_INVALID_VALUE: a value was rejected (422); the server's message is kept
 * @REMIT_API_ERROR_RATE_LIMITED: too many requests (429)
 * @REMIT_API_ERROR_UNAVAILABLE: the service is temporarily unavailable (503)
 * @REMIT_API_ERROR_SERVER_ERROR: any other server failure (5xx)
 * @REMIT_API_ERROR_MALFORMED: the answer could not be understood
 * @REMIT_API_ERROR_INSECURE: a plain-HTTP URL that is not loopback
 * @REMIT_API_ERROR_KEYRING: the secret store is locked, missing or did not answer in time
 * @REMIT_API_ERROR_TIMEOUT: a document did not finish processing in time
 *
 * Errors of the API client. Messages carry the server's request id when there is one and
 * never contain a token, password or client secret.
 */
typedef enum
{
  REMIT_API_ERROR_NO_NETWORK,
  REMIT_API_ERROR_UNAUTHORIZED,
  REMIT_API_ERROR_NOT_FOUND,
  REMIT_API_ERROR_UNSUPPORTED_TYPE,
  REMIT_API_ERROR_INVALID_VALUE,
  REMIT_API_ERROR_RATE_LIMITED,
  REMIT_API_ERROR_UNAVAILABLE,
  REMIT_API_ERROR_SERVER_ERROR,
  REMIT_API_ERROR_MALFORMED,
  REMIT_API_ERROR_INSECURE,
  REMIT_API_ERROR_KEYRING,
  REMIT_API_ERROR_TIMEOUT,
} RemitApiError;

#define REMIT_API_ERROR (remit_api_error_quark ())
GQuark remit_api_error_quark (void);

G_END_DECLS
