package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.dao.PessimisticLockingFailureException;

class ProblemResponsesTest {

    private final ProblemResponses responses = new ProblemResponses(new ObjectMapper());

    @ParameterizedTest
    @CsvSource({"connection, 503", "transaction, 503", "busy, 503", "bug, 500", "refused, 400"})
    void eachFailureGetsItsStatusAndNeverItsInternals(String kind, int status) throws Exception {
        Exception error = switch (kind) {
            case "connection" -> new CannotGetJdbcConnectionException("jdbc:postgresql://db/secret-host refused");
            // a read in a transaction (the summary cache's snapshot, the export) fails on its begin
            case "transaction" -> new org.springframework.transaction.CannotCreateTransactionException(
                    "Could not open JDBC Connection for transaction",
                    new CannotGetJdbcConnectionException("jdbc:postgresql://db/secret-host refused"));
            case "busy" -> new PessimisticLockingFailureException("SQLITE_BUSY");
            case "bug" -> new IllegalStateException("internal detail");
            default -> ApiProblemException.badParameter("limit", "limit must be an integer from 1 to 100");
        };
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, error);
        responses.write(exchange);

        assertThat(exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(status);
        assertThat(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        String body = exchange.getMessage().getBody(String.class);
        assertThat(body).contains("\"status\":" + status).doesNotContain("secret-host", "SQLITE_BUSY", "internal detail");
    }
}
