package io.tagwatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An {@code application/problem+json} body (RFC 9457), with the faulty parameter when there is one. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String parameter) {
}
