package io.tagwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/**
 * Every tagwatch.* key the configuration processor finds has a row in README's configuration table.
 * A row may name a sibling after a slash ("`tagwatch.x.api-key` / `api-key-secret`").
 */
class ConfigurationDocumentedTest {

    @Test
    void everyKeyHasARowInReadme() throws Exception {
        List<String> keys = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
                    String name = property.path("name").asText();
                    if (name.startsWith("tagwatch.")) {
                        keys.add(name);
                    }
                }
            }
        }
        assertThat(keys).as("the processor's keys").contains("tagwatch.upstream.circuit-failures");

        List<String> documented = new ArrayList<>();
        Matcher row = Pattern.compile("(?m)^\\| `(tagwatch\\.[a-z.\\-\\[\\]N]+)`(?: / `([a-z\\-]+)`)?")
                .matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            String key = row.group(1).replace("[N]", "");
            documented.add(key);
            if (row.group(1).contains("[N]")) {
                documented.add(row.group(1).substring(0, row.group(1).indexOf("[N]")));
            }
            if (row.group(2) != null) {
                documented.add(key.substring(0, key.lastIndexOf('.') + 1) + row.group(2));
            }
        }
        assertThat(documented).containsAll(keys);
    }
}
