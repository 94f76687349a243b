package io.tagwatch.source.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tagwatch.post.Author;
import io.tagwatch.post.Checkpoints;
import io.tagwatch.post.CollectedBatch;
import io.tagwatch.post.Post;
import io.tagwatch.source.PostSource;
import io.tagwatch.source.x.XPage;
import io.tagwatch.source.x.XPageParser;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The offline {@code demo} source: X API v2 recent-search pages bundled under {@code demo/x/<tag>/}
 * (made by tools/demo/GenerateDemoData.java), read the way the live API is polled: first page,
 * then {@code next_token} until the last page, keeping only posts newer than the since_id checkpoint.
 */
@Component
public class DemoXSource extends PostSource {

    public static final String SOURCE = "demo";
    private static final String FIRST_PAGE = "page-001";

    private final XPageParser parser;

    public DemoXSource(XPageParser parser) {
        super(SOURCE);
        this.parser = parser;
    }


    @Override
    public String disabledReason() {
        return null;
    }

    @Override
    public CollectedBatch fetch(String tag, Checkpoints checkpoints) {
        String sinceId = checkpoints.only();
        List<Post> posts = new ArrayList<>();
        Map<String, Author> authors = new HashMap<>();
        String checkpoint = null;
        int pages = 0;
        int read = 0;
        String token = FIRST_PAGE;
        while (token != null) {
            ClassPathResource file = new ClassPathResource("demo/x/" + tag + "/" + token + ".json");
            if (!file.exists()) {
                break;
            }
            XPage page = parse(file, tag);
            pages++;
            read += page.posts().size();
            boolean reachedCheckpoint = false;
            for (Post post : page.posts()) {
                if (sinceId != null && compareIds(post.id(), sinceId) <= 0) {
                    reachedCheckpoint = true;
                    continue;
                }
                posts.add(post);
                if (checkpoint == null || compareIds(post.id(), checkpoint) > 0) {
                    checkpoint = post.id();
                }
            }
            for (Author author : page.authors()) {
                authors.merge(author.id(), author, Author::newer);
            }
            token = reachedCheckpoint ? null : page.nextToken();
        }
        Set<String> postAuthors = posts.stream().map(Post::authorId).collect(Collectors.toSet());
        List<Author> newAuthors = authors.values().stream().filter(a -> postAuthors.contains(a.id())).toList();
        return new CollectedBatch(SOURCE, tag, posts, newAuthors, Checkpoints.of(checkpoint), pages, read,
                List.of());
    }

    private XPage parse(ClassPathResource file, String tag) {
        try (InputStream in = file.getInputStream()) {
            return parser.parse(in, SOURCE, tag);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** X ids are snowflakes: longer means newer, and equal lengths compare as text. */
    static int compareIds(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
