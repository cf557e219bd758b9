package dev.recsys.index.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TransportErrorsTest {

    @Test
    void everyStatusKeepsItsCodeAndNeverRepeatsTheServersReason() {
        String reason = "Ambiguous path zq7raw near java.lang.IllegalArgumentException Content-Length";
        for (int status = 400; status < 600; status++) {
            ApiException error = TransportErrors.describe(status, reason);
            assertEquals(status, error.status());
            assertFalse(error.error().isBlank(), "no error code for " + status);
            assertFalse(error.getMessage().isBlank(), "no message for " + status);
            assertFalse(error.getMessage().contains("zq7raw"), error.getMessage());
            assertFalse(error.getMessage().contains("java."), error.getMessage());
            assertNull(error.field(), "a transport error names no field");
        }
    }

    @Test
    void aStatusOutsideTheErrorRangeIsAnInternalError() {
        assertEquals(500, TransportErrors.describe(0, null).status());
        assertEquals("internal", TransportErrors.describe(302, "Found").error());
    }

    @Test
    void theReasonChoosesBetweenFixedMessages() {
        assertEquals(
                "malformed or conflicting Content-Length header",
                TransportErrors.describe(400, "Multiple Content-Lengths").getMessage());
        assertEquals(
                "unsupported or malformed Transfer-Encoding (only chunked is accepted)",
                TransportErrors.describe(400, "Bad Transfer-Encoding, chunked not last")
                        .getMessage());
        assertEquals(
                "missing or malformed Host header",
                TransportErrors.describe(400, "No Host").getMessage());
        assertEquals(
                TransportErrors.describe(400, "Ambiguous URI empty segment").getMessage(),
                TransportErrors.describe(400, "Bad UTF-8 encoding").getMessage());
        assertEquals(
                "malformed request line or headers",
                TransportErrors.describe(400, null).getMessage());
        assertEquals(
                "header_fields_too_large", TransportErrors.describe(431, null).error());
        assertEquals("uri_too_long", TransportErrors.describe(414, null).error());
        assertEquals(
                "http_version_not_supported",
                TransportErrors.describe(505, "Unknown Version").error());
    }
}
