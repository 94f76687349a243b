package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import io.tagwatch.support.Browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A new store with no source enabled: the dashboard says how to get data, and shows no error. */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.sources=", "tagwatch.routes-dir=target/no-routes-dir"})
class DashboardEmptyStoreBrowserTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-empty");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;

    @Test
    void anEmptyStoreSaysHowToGetPosts() {
        try (Browser browser = Browser.open(port, "UTC", 1280, 800, false)) {
            browser.open("/");
            assertThat(browser.driver().findElement(By.id("empty")).isDisplayed()).isTrue();
            assertThat(browser.text("#empty")).contains("No posts stored yet")
                    .contains("./mvnw spring-boot:run -Dspring-boot.run.profiles=demo").contains("tagwatch.sources");
            assertThat(browser.text("#total")).isEqualTo("0");
            assertThat(browser.text("#activity-caption")).isEqualTo("No posts stored.");
            assertThat(browser.text("#sources-table tbody")).isEqualTo("No source is enabled: set tagwatch.sources.");
            assertThat(browser.text("#top-users-table tbody")).isEqualTo("No authors in this range.");
            assertThat(browser.script("return [...document.querySelectorAll('[data-panel]')]"
                    + ".every(p => p.dataset.state === 'ready')")).isEqualTo(true);
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }
}
