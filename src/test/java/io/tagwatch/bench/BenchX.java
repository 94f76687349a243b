package io.tagwatch.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake X API v2 recent search that answers as fast as it can, for the ingest benchmark. Posts are
 * published as the collector asks: each cycle's first request (no next_token) publishes the next
 * {@code perCycle} posts of that tag, which is what the cycle can read in its page limit, so nothing
 * is skipped and the collector is never idle. Pages are the real wire format (data, includes.users,
 * meta with newest_id, oldest_id, next_token), newest first, honouring since_id.
 */
final class BenchX implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, List<BenchPosts.Post>> byTag = new HashMap<>();
    private final Map<String, Integer> published = new HashMap<>();
    private final int perCycle;
    private volatile boolean publishing;

    BenchX(List<BenchPosts.Post> posts, int perCycle) {
        this.perCycle = perCycle;
        for (BenchPosts.Post post : posts) {
            for (String tag : post.tags()) {
                byTag.computeIfAbsent(tag, t -> new ArrayList<>()).add(post);
            }
        }
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/2/tweets/search/recent", this::search);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Posts that reach the collector: a post with two tracked tags is served once per tag. */
    long deliveries() {
        return byTag.values().stream().mapToLong(List::size).sum();
    }

    void startPublishing() {
        publishing = true;
    }

    private void search(HttpExchange exchange) throws IOException {
        Map<String, String> params = params(exchange.getRequestURI().getRawQuery());
        String query = params.getOrDefault("query", "");
        String tag = query.substring(1, Math.max(1, query.indexOf(' '))).toLowerCase(Locale.ROOT);
        List<BenchPosts.Post> stream = byTag.getOrDefault(tag, List.of());
        int max = Integer.parseInt(params.getOrDefault("max_results", "10"));
        String nextToken = params.get("next_token");
        int end;
        synchronized (published) {
            end = published.getOrDefault(tag, 0);
            if (nextToken == null && publishing) {
                end = Math.min(stream.size(), end + perCycle);
                published.put(tag, end);
            }
        }
        int start = firstAfter(stream, params.get("since_id"), end);
        // newest first: offset counts back from the newest published post
        int offset = nextToken == null ? 0 : Integer.parseInt(nextToken.substring(1));
        int to = end - offset;
        int from = Math.max(start, to - max);
        List<BenchPosts.Post> page = new ArrayList<>(Math.max(0, to - from));
        for (int i = to - 1; i >= from; i--) {
            page.add(stream.get(i));
        }
        String next = from > start ? "p" + (offset + max) : null;
        byte[] body = page(page, next).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().add("x-rate-limit-limit", "450");
        exchange.getResponseHeaders().add("x-rate-limit-remaining", "449");
        exchange.getResponseHeaders().add("x-rate-limit-reset", Long.toString(Instant.now().getEpochSecond() + 900));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** The index of the first post newer than sinceId (ids grow with the index). */
    private static int firstAfter(List<BenchPosts.Post> stream, String sinceId, int end) {
        if (sinceId == null) {
            return 0;
        }
        long since = Long.parseLong(sinceId);
        int low = 0;
        int high = end;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (Long.parseLong(stream.get(mid).id()) <= since) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    private static String page(List<BenchPosts.Post> page, String nextToken) {
        StringBuilder json = new StringBuilder(page.size() * 700 + 100);
        if (!page.isEmpty()) {
            json.append("{\"data\":[");
            Map<String, BenchPosts.Author> users = new LinkedHashMap<>();
            for (int i = 0; i < page.size(); i++) {
                BenchPosts.Post p = page.get(i);
                String text = p.text();
                json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(p.id()).append("\",\"text\":\"")
                        .append(escape(text)).append("\",\"created_at\":\"")
                        .append(Instant.ofEpochMilli(p.createdAtMillis())).append("\",\"lang\":\"").append(p.lang())
                        .append("\",\"author_id\":\"").append(p.author().id())
                        .append("\",\"edit_history_tweet_ids\":[\"").append(p.id()).append("\"],\"entities\":{\"hashtags\":[");
                int at = text.indexOf('#');
                for (int t = 0; t < p.tags().size(); t++) {
                    String tag = p.tags().get(t);
                    json.append(t == 0 ? "" : ",").append("{\"start\":").append(at).append(",\"end\":")
                            .append(at + tag.length() + 1).append(",\"tag\":\"").append(tag).append("\"}");
                    at += tag.length() + 2;
                }
                json.append("]}}");
                users.putIfAbsent(p.author().id(), p.author());
            }
            json.append("],\"includes\":{\"users\":[");
            boolean first = true;
            for (BenchPosts.Author a : users.values()) {
                json.append(first ? "" : ",").append("{\"id\":\"").append(a.id()).append("\",\"name\":\"")
                        .append(escape(a.username())).append("\",\"username\":\"").append(escape(a.username())).append('"');
                if (a.location() != null) {
                    json.append(",\"location\":\"").append(escape(a.location())).append('"');
                }
                json.append(",\"public_metrics\":{\"followers_count\":").append(a.followers())
                        .append(",\"following_count\":1,\"tweet_count\":1,\"listed_count\":0}}");
                first = false;
            }
            json.append("]},\"meta\":{\"newest_id\":\"").append(page.get(0).id()).append("\",\"oldest_id\":\"")
                    .append(page.get(page.size() - 1).id()).append("\",");
        } else {
            json.append("{\"meta\":{");
        }
        json.append("\"result_count\":").append(page.size());
        if (nextToken != null) {
            json.append(",\"next_token\":\"").append(nextToken).append('"');
        }
        return json.append("}}").toString();
    }

    private static String escape(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    private static Map<String, String> params(String rawQuery) {
        Map<String, String> params = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
