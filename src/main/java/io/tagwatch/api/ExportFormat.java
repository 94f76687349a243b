package io.tagwatch.api;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.post.AuthorView;
import io.tagwatch.post.PostView;

/**
 * How GET /api/v1/posts/export writes posts. NDJSON: each post as /api/v1/posts gives it, one per
 * line. CSV (RFC 4180, UTF-8, CRLF, a header row): a column per field of the post and of its author,
 * the tags space separated in one column.
 */
enum ExportFormat {

    CSV("text/csv; charset=utf-8; header=present") {
        @Override
        void begin(Writer out) throws IOException {
            row(out, COLUMNS);
        }

        @Override
        void write(Writer out, PostView post, ObjectMapper json) throws IOException {
            AuthorView a = post.author();
            row(out, List.of(post.source(), post.id(), post.createdAt().toString(), post.text(), post.lang(),
                    text(post.url()), String.join(" ", post.tags()), a.source(), a.id(), a.username(), text(a.name()),
                    Long.toString(a.followers()), text(a.location()), a.country(), text(a.profileUrl())));
        }
    },

    NDJSON("application/x-ndjson; charset=utf-8") {
        @Override
        void begin(Writer out) {
            // no header: every line is a post
        }

        @Override
        void write(Writer out, PostView post, ObjectMapper json) throws IOException {
            // the API's own ObjectMapper escapes line breaks inside strings, so a post stays one line
            out.write(json.writeValueAsString(post));
            out.write('\n');
        }
    };

    static final List<String> COLUMNS = List.of("source", "id", "created_at", "text", "lang", "url", "tags",
            "author_source", "author_id", "author_username", "author_name", "author_followers", "author_location",
            "author_country", "author_profile_url");

    private final String contentType;

    ExportFormat(String contentType) {
        this.contentType = contentType;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What comes before the first post. */
    abstract void begin(Writer out) throws IOException;

    abstract void write(Writer out, PostView post, ObjectMapper json) throws IOException;

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
    }

    /**
     * A value as one CSV cell. A spreadsheet runs a cell that starts with =, +, -, @, tab or carriage
     * return as a formula (posts are anyone's text), so such a cell gets a leading ' (OWASP, CSV
     * injection). A cell with a comma, a quote or a line break is quoted, its quotes doubled.
     */
    static String cell(String value) {
        String guarded = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (guarded.indexOf(',') < 0 && guarded.indexOf('"') < 0 && guarded.indexOf('\n') < 0
                && guarded.indexOf('\r') < 0) {
            return guarded;
        }
        return '"' + guarded.replace("\"", "\"\"") + '"';
    }
}
