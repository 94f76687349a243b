package io.tagwatch.api;

import java.time.Instant;

import io.tagwatch.collect.TrackedTags;
import io.tagwatch.store.PostFilter;

/** The filters of a request's query: a tag must be tracked, and from before to. */
final class Filters {

    private Filters() {
    }

    /** The filters of the summaries: tag, source, from, to. */
    static PostFilter summary(QueryParams query, TrackedTags trackedTags) {
        return of(query, trackedTags, false);
    }

    /** The filters of the post list: those of the summaries, plus lang and country. */
    static PostFilter posts(QueryParams query, TrackedTags trackedTags) {
        return of(query, trackedTags, true);
    }

    /** Every post of a tag. */
    static PostFilter tag(String tag) {
        return new PostFilter(tag, null, null, null, null, null);
    }

    private static PostFilter of(QueryParams query, TrackedTags trackedTags, boolean withLangAndCountry) {
        String tag = query.tag("tag");
        if (tag != null && !trackedTags.isTracked(tag)) {
            throw ApiProblemException.notFound("tag '" + tag + "' is not tracked");
        }
        Instant from = query.instant("from");
        Instant to = query.instant("to");
        if (from != null && to != null && !from.isBefore(to)) {
            throw ApiProblemException.badParameter("from", "from must be before to");
        }
        return withLangAndCountry
                ? new PostFilter(tag, query.source("source"), from, to, query.lang("lang"), query.country("country"))
                : new PostFilter(tag, query.source("source"), from, to, null, null);
    }
}
