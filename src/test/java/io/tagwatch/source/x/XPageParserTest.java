package io.tagwatch.source.x;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.geo.CountryResolver;
import io.tagwatch.post.Author;
import io.tagwatch.post.Post;
import io.tagwatch.source.UpstreamException;

import org.junit.jupiter.api.Test;

class XPageParserTest {

    private final XPageParser parser = new XPageParser(new ObjectMapper(), new CountryResolver());

    private XPage parse(String json) {
        return parser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "x", "sre");
    }

    @Test
    void mapsAPageWithThePostSpellingsAndPartialErrors() {
        XPage page = parse("""
                {"data":[
                  {"id":"1900000000000000002","text":"On-call #SRE #DevOps #Observability #kubernetes",
                   "created_at":"2026-11-19T14:03:11.000Z","lang":"en","author_id":"7",
                   "edit_history_post_ids":["1900000000000000002"],
                   "entities":{"hashtags":[{"start":8,"end":12,"tag":"SRE"},{"start":13,"end":20,"tag":"DevOps"},
                     {"start":21,"end":35,"tag":"Observability"},{"start":36,"end":47,"tag":"kubernetes"}]}},
                  {"id":"1900000000000000001","text":"earlier","created_at":"2026-11-19T10:00:00.123Z",
                   "author_id":"7"}],
                 "includes":{"users":[{"id":"7","name":"Jane Ops","username":"janeops","location":"Recife - PE",
                   "public_metrics":{"followers_count":5120,"following_count":1,"post_count":10,"listed_count":0}}]},
                 "errors":[{"title":"Not Found Error","detail":"Could not find user with id: [1234]."}],
                 "meta":{"newest_id":"1900000000000000002","oldest_id":"1900000000000000001","result_count":2,
                   "next_token":"b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul"}}
                """);
        assertThat(page.posts()).containsExactly(
                new Post("x", "1900000000000000002", Instant.parse("2026-11-19T14:03:11Z"),
                        "On-call #SRE #DevOps #Observability #kubernetes", "en",
                        "https://x.com/janeops/status/1900000000000000002", "7",
                        java.util.List.of("sre", "devops", "observability", "kubernetes")),
                new Post("x", "1900000000000000001", Instant.parse("2026-11-19T10:00:00.123Z"), "earlier", "und",
                        "https://x.com/janeops/status/1900000000000000001", "7", java.util.List.of("sre")));
        assertThat(page.authors()).containsExactly(new Author("x", "7", "janeops", "Jane Ops", "https://x.com/janeops", "Recife - PE", "BR",
                5120, Instant.parse("2026-11-19T14:03:11Z")));
        assertThat(page.newestId()).isEqualTo("1900000000000000002");
        assertThat(page.nextToken()).isEqualTo("b26v89c19zqg8o3fpzbn1e0ffhxjiofzw6po136rvbnul");
        assertThat(page.errors()).containsExactly("Not Found Error: Could not find user with id: [1234].");
    }

    @Test
    void aPageWithNoResultsHasNoData() {
        for (String empty : new String[] {"{\"meta\":{\"result_count\":0}}", "{\"data\":[],\"meta\":{\"result_count\":0}}"}) {
            XPage page = parse(empty);
            assertThat(page.posts()).isEmpty();
            assertThat(page.newestId()).isNull();
            assertThat(page.nextToken()).isNull();
        }
    }

    @Test
    void truncatedOrIncompletePagesAreMalformed() {
        assertThatThrownBy(() -> parse("{\"data\":[{\"id\":\"1\",\"text\":\"cut of")).isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> parse("[]")).isInstanceOf(UpstreamException.class);
        assertThatThrownBy(() -> parse("{\"data\":[{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"2026-11-19T10:00:00Z\","
                + "\"author_id\":\"9\"}],\"meta\":{}}"))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("author 9");
        assertThatThrownBy(() -> parse("{\"data\":[{\"id\":\"1\",\"text\":\"t\",\"created_at\":\"yesterday\","
                + "\"author_id\":\"9\"}],\"includes\":{\"users\":[{\"id\":\"9\",\"username\":\"u\"}]},\"meta\":{}}"))
                .isInstanceOf(UpstreamException.class).hasMessageContaining("created_at");
    }
}
