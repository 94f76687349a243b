package io.tagwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;

/**
 * Turns whatever an API route threw into a problem response. Refusals keep their status and say
 * which parameter was wrong; a body the JSON binding cannot read is a 400; anything unexpected is a
 * 500 whose body reveals nothing internal.
 */
@Component
public class ProblemResponses {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void write(Exchange exchange) throws JsonProcessingException {
        Throwable error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Problem problem;
        if (error instanceof ApiProblemException refused) {
            problem = problem(refused.status(), refused.getMessage(), refused.parameter());
            if (refused.retryAfterSeconds() != null) {
                exchange.getMessage().setHeader("Retry-After", refused.retryAfterSeconds());
            }
        } else if (error instanceof JsonProcessingException) {
            // the JSON binding read a request body that is not JSON; what the parser said stays here
            problem = problem(400, "The request body is not JSON.", null);
        } else if (error instanceof DataAccessResourceFailureException || error instanceof TransientDataAccessException
                || error instanceof RecoverableDataAccessException || error instanceof CannotCreateTransactionException) {
            // the database is down or busy (a read in a transaction fails on its begin, the summaries' snapshot
            // among them): the client may try again, and nothing is wrong with its request
            log.warn("API request failed, the database did not answer: {}", error.getClass().getSimpleName());
            problem = problem(503, "The database is not answering; try again shortly.", null);
        } else {
            log.error("API request failed", error);
            problem = problem(500, "The request could not be answered; the error is logged.", null);
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, problem.status());
        if (problem.status() == 401) {
            exchange.getMessage().setHeader("WWW-Authenticate", "Bearer");
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, MEDIA_TYPE);
        exchange.getMessage().setBody(json.writeValueAsString(problem));
    }

    private static Problem problem(int status, String detail, String parameter) {
        return new Problem("about:blank", HttpStatus.valueOf(status).getReasonPhrase(), status, detail, parameter);
    }
}
