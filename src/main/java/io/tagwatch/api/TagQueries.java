package io.tagwatch.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tagwatch.api.ApiResponses.DefinedIn;
import io.tagwatch.api.ApiResponses.ResolvedLocation;
import io.tagwatch.api.ApiResponses.TagView;
import io.tagwatch.api.ApiResponses.Tags;
import io.tagwatch.collect.SourceStatus;
import io.tagwatch.collect.SourceStatuses;
import io.tagwatch.collect.TrackedTags;
import io.tagwatch.config.InstanceId;
import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.AuthorView;
import io.tagwatch.post.WindowView;
import io.tagwatch.store.GapWindowStore;
import io.tagwatch.store.SummaryReads;

import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * The tracked tags with their post counts and source states (with each source's windows and the
 * instance that ran its last cycle), which instance answers, and the location resolver's diagnostic.
 */
@Component
public class TagQueries {

    private final SummaryReads reads;
    private final GapWindowStore windows;
    private final TrackedTags trackedTags;
    private final SourceStatuses status;
    private final CountryResolver countries;
    private final InstanceId instance;

    public TagQueries(SummaryReads reads, GapWindowStore windows, TrackedTags trackedTags, SourceStatuses status,
            CountryResolver countries, InstanceId instance) {
        this.instance = instance;
        this.reads = reads;
        this.windows = windows;
        this.trackedTags = trackedTags;
        this.status = status;
        this.countries = countries;
    }

    public Tags tags() {
        Set<String> tags = trackedTags.current();
        Map<String, Long> posts = reads.postsPerTag(tags);
        Map<String, Map<String, List<WindowView>>> shown = windows.shown();
        Map<String, List<SourceStatus>> states = status.forTags(tags);
        List<TagView> items = tags.stream()
                .map(tag -> new TagView(tag, posts.getOrDefault(tag, 0L), definedIn(trackedTags.definition(tag)),
                        states.get(tag).stream()
                                .map(s -> s.withWindows(shown.getOrDefault(s.source(), Map.of()).getOrDefault(tag, List.of())))
                                .toList()))
                .toList();
        return new Tags(instance.id(), items);
    }

    /** Null only for a tag let go between the listing and this lookup. */
    private static DefinedIn definedIn(TrackedTags.Definition definition) {
        return definition == null ? null
                : new DefinedIn(definition.bundled() ? "bundled" : "routes_dir", definition.file());
    }

    public ResolvedLocation resolve(@Header(Exchange.HTTP_QUERY) String rawQuery) {
        String location = QueryParams.parse(rawQuery).text("location");
        if (location == null) {
            throw ApiProblemException.badParameter("location", "location is required");
        }
        String country = countries.resolve(location);
        return new ResolvedLocation(location, AuthorView.country(country));
    }
}
