package io.tagwatch.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;

/** A statement kept in its own file under sql/, as the routes' camel-sql endpoints keep theirs. */
final class SqlFile {

    private SqlFile() {
    }

    static String load(String path) {
        try (InputStream in = new ClassPathResource("sql/" + path).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing sql/" + path, e);
        }
    }
}
