package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;

import io.tagwatch.support.ApiClient;
import io.tagwatch.support.Browser;
import io.tagwatch.support.DemoDataset;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard in a real browser (Debian's chromium, headless) on the demo data: what it shows equals
 * what the API answers, a filter changes every panel, the URL gives the same view back, it is usable by
 * keyboard and on a phone, and the browser's console stays free of errors. It writes
 * target/dashboard.png, the screenshot README shows (copied to docs/dashboard.png).
 */
// camel-servlet keeps one servlet per JVM, so each context is closed before the next starts
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tagwatch.collect.first-run-delay=100", "tagwatch.routes-dir=target/no-routes-dir",
                "tagwatch.collect.period=24h"})
@ActiveProfiles("demo")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserTest {

    /** Not UTC, half an hour off the whole hours and in summer time: the page's default zone must be the browser's. */
    private static final String ZONE = "Australia/Adelaide";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws Exception {
        Path dir = Files.createTempDirectory("tagwatch-dashboard");
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    Browser browser;
    String tag;

    @BeforeAll
    void storeTheDemoAndOpenABrowser() {
        api = new ApiClient(port);
        int posts = DemoDataset.load().posts.size();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM post", Long.class) == posts);
        long seed = Long.getLong("tagwatch.seed", System.nanoTime());
        List<String> tags = new ArrayList<>(new java.util.TreeSet<>(DemoDataset.SEED_TAGS));
        tag = tags.get(new Random(seed).nextInt(tags.size()));
        System.out.println("dashboard: seed " + seed + ", tag " + tag + " (-Dtagwatch.seed=" + seed + " to repeat)");
        browser = Browser.open(port, ZONE, 1280, 800, false);
    }

    @BeforeEach
    void openTheDashboard() {
        browser.open("/");
        // a refresh in the middle of a comparison would redraw what is being read
        browser.driver().findElement(By.id("refresh-toggle")).click();
    }

    @AfterEach
    void theConsoleHasNoErrors() {
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @AfterAll
    void closeTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** With nothing in the URL: everything stored, in the browser's zone, the figures the API gives. */
    @Test
    void theDefaultViewShowsWhatTheApiAnswers() throws Exception {
        JsonNode hours = api.getJson("/api/v1/stats/posts-by-hour?tz=" + ZONE);
        assertThat(browser.script("return document.getElementById('total').dataset.value"))
                .isEqualTo(hours.get("total").asText());
        assertThat(digits(browser.text("#total"))).isEqualTo(hours.get("total").asLong());
        assertThat(browser.text("#tracked")).isEqualTo("10");
        assertThat(new Select(browser.driver().findElement(By.id("f-range"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("all");
        assertThat(browser.driver().findElement(By.id("f-tz")).getAttribute("value")).isEqualTo(ZONE);

        // the demo's posts are weeks old: the chart spans them all rather than an empty last day
        assertThat(browser.text("#activity-caption")).startsWith("Posts per hour in " + ZONE);
        assertThat(browser.driver().findElements(By.cssSelector("#activity-chart canvas"))).hasSize(1);
        long charted = 0;
        for (WebElement row : browser.driver().findElements(By.cssSelector("#activity-table tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            for (int i = 1; i < cells.size(); i++) {
                charted += digits(cells.get(i).getAttribute("textContent"));
            }
        }
        long tagLinks = jdbc.queryForObject("SELECT COUNT(*) FROM post_tag", Long.class);
        assertThat(charted).as("one line per tag, each post under each of its tags").isEqualTo(tagLinks);

        JsonNode top = api.getJson("/api/v1/stats/top-users?limit=10").get("items");
        List<WebElement> rows = browser.driver().findElements(By.cssSelector("#top-users-table tbody tr"));
        assertThat(rows).hasSize(top.size());
        WebElement first = rows.get(0);
        assertThat(first.findElement(By.tagName("a")).getText()).isEqualTo("@" + top.get(0).get("username").asText());
        assertThat(first.findElement(By.tagName("a")).getAttribute("href"))
                .isEqualTo(top.get(0).get("profile_url").asText());
        assertThat(digits(first.findElements(By.tagName("td")).get(1).getText()))
                .isEqualTo(top.get(0).get("followers").asLong());

        assertThat(hourTable()).isEqualTo(apiHours("tz=" + ZONE));
        assertThat(browser.driver().findElements(By.cssSelector("#post-list li"))).hasSize(20);
        assertThat(browser.driver().findElement(By.id("empty")).isDisplayed()).isFalse();

        // README's picture (docs/dashboard.png is this file), refreshing as it would be
        browser.driver().findElement(By.id("refresh-toggle")).click();
        browser.resize(1280, 1800);
        browser.screenshot(Path.of("target", "dashboard.png"));
        browser.resize(1280, 800);
    }

    /** One tag: every panel shows that tag's posts only, and the hour histogram is the API's for it. */
    @Test
    void choosingATagChangesEveryPanel() {
        Map<String, String> before = browser.panels();
        browser.andWait(() -> new Select(browser.driver().findElement(By.id("f-tag"))).selectByValue(tag));
        Map<String, String> after = browser.panels();
        assertThat(after.keySet()).containsExactlyElementsOf(before.keySet())
                .contains("activity", "hours", "top-users", "languages", "countries", "sources", "tags", "posts");
        before.forEach((panel, text) -> assertThat(after.get(panel)).as(panel).isNotEqualTo(text));

        assertThat(hourTable()).isEqualTo(apiHours("tz=" + ZONE + "&tag=" + tag));
        JsonNode filtered = api.getJson("/api/v1/stats/posts-by-hour?tz=" + ZONE + "&tag=" + tag);
        assertThat(browser.script("return document.getElementById('total').dataset.value"))
                .isEqualTo(filtered.get("total").asText());
        assertThat(browser.text("#tags-table tbody")).startsWith("#" + tag).contains("tags.yaml (bundled)");
        assertThat(browser.driver().findElements(By.cssSelector("#post-list li .tags")))
                .allSatisfy(tags -> assertThat(tags.getText().split(" ")).contains("#" + tag));
        JsonNode top = api.getJson("/api/v1/stats/top-users?limit=10&tag=" + tag).get("items");
        assertThat(browser.driver().findElement(By.cssSelector("#top-users-table tbody a")).getText())
                .isEqualTo("@" + top.get(0).get("username").asText());
        assertThat(browser.pathAndQuery()).isEqualTo("/?tag=" + tag + "&refresh=off");
    }

    /** Every filter goes into the URL, and that URL, opened afresh, gives the same view. */
    @Test
    void theUrlGivesTheSameViewBack() {
        browser.andWait(() -> new Select(browser.driver().findElement(By.id("f-tag"))).selectByValue(tag));
        browser.andWait(() -> new Select(browser.driver().findElement(By.id("f-source"))).selectByValue("demo"));
        new Select(browser.driver().findElement(By.id("f-range"))).selectByValue("custom");
        browser.script("document.getElementById('f-from').value = '2026-11-14T06:30';"
                + "document.getElementById('f-to').value = '2026-11-18T18:00';");
        browser.andWait(() -> browser.driver().findElement(By.cssSelector("#custom-range button")).click());
        WebElement zone = browser.driver().findElement(By.id("f-tz"));
        browser.andWait(() -> {
            zone.clear();
            zone.sendKeys("America/New_York", Keys.TAB);
        });
        WebElement search = browser.driver().findElement(By.id("f-q"));
        browser.andWait(() -> search.sendKeys("the", Keys.ENTER));
        Map<String, String> view = browser.panels();
        String url = browser.pathAndQuery();
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8)).isEqualTo("/?tag=" + tag + "&source=demo&range=custom"
                + "&from=2026-11-13T20:00:00.000Z&to=2026-11-18T07:30:00.000Z&tz=America/New_York&q=the&refresh=off");
        // a custom range is read in the zone shown: 06:30 in Adelaide (+10:30) is 20:00 UTC the day before,
        // and 15:00 in New York, where it is shown once the zone changed
        assertThat(browser.driver().findElement(By.id("f-from")).getAttribute("value")).isEqualTo("2026-11-13T15:00");

        browser.open(url);
        assertThat(browser.panels()).isEqualTo(view);
        assertThat(new Select(browser.driver().findElement(By.id("f-tag"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(tag);
        assertThat(browser.driver().findElement(By.id("f-q")).getAttribute("value")).isEqualTo("the");
        assertThat(browser.driver().findElement(By.id("export-csv")).getAttribute("href"))
                .contains("/api/v1/posts/export?format=csv&tag=" + tag + "&source=demo&from=").contains("&q=the");
        assertThat(browser.pathAndQuery()).isEqualTo(url);
    }

    /** A day of hours, a week of years in days; a range that no chart can show is said, never asked for. */
    @Test
    void theChartsBucketFollowsTheSpanItShows() {
        customRange("2026-11-18T00:00", "2026-11-19T00:00");
        assertThat(browser.text("#activity-caption")).startsWith("Posts per hour");
        customRange("2000-01-01T00:00", "2026-11-30T00:00");
        assertThat(browser.text("#activity-caption")).startsWith("Posts per day");
        customRange("1990-01-01T00:00", "2026-11-30T00:00");
        assertThat(browser.text("#activity .problem")).startsWith("The range is too long to chart");
        // the other panels answer for the range as usual
        assertThat(browser.script("return document.getElementById('hours').dataset.state")).isEqualTo("ready");
        @SuppressWarnings("unchecked")
        List<Object> refused = (List<Object>) browser.script("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/') && e.responseStatus >= 400).map(e => e.name)");
        assertThat(refused).isEmpty();
    }

    /** An answer that is a problem shows its title in the panels, not a blank. */
    @Test
    void aProblemShowsItsTitle() {
        // Liberia kept -0:44:30 until 1972: the API refuses hours there, the browser knows the zone
        browser.open("/?tz=Africa/Monrovia&range=custom&from=1960-01-01T00:00:00Z&to=1960-03-01T00:00:00Z");
        assertThat(browser.text("#hours .problem")).startsWith("Bad Request: tz has an offset");
        assertThat(browser.script("return document.getElementById('hours').dataset.state")).isEqualTo("error");
        assertThat(browser.consoleErrors()).isNotEmpty().allSatisfy(e -> assertThat(e).contains("status of 400"));
    }

    /** Tab reaches the filters, and the arrow keys change them. */
    @Test
    void theFiltersWorkByKeyboard() {
        browser.script("document.querySelector('.skip').focus()");
        for (int i = 0; i < 10 && !"f-tag".equals(activeId()); i++) {
            browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(activeId()).isEqualTo("f-tag");
        browser.andWait(() -> browser.driver().switchTo().activeElement().sendKeys(Keys.ARROW_DOWN));
        assertThat(browser.pathAndQuery()).startsWith("/?tag=");
    }

    @Test
    void onAPhoneNothingIsWiderThanTheScreen() throws Exception {
        try (Browser phone = Browser.open(port, ZONE, 390, 844, true)) {
            phone.open("/?tag=" + tag);
            assertThat(phone.script("return document.documentElement.scrollWidth")).isEqualTo(390L);
            assertThat(phone.script("return [...document.querySelectorAll('.panel')].every(p => "
                    + "p.getBoundingClientRect().right <= 390)")).isEqualTo(true);
            assertThat(phone.driver().findElement(By.cssSelector("#hours-chart canvas")).getSize().getWidth())
                    .isLessThanOrEqualTo(390);
            phone.screenshot(Path.of("target", "dashboard-phone.png"));
            assertThat(phone.consoleErrors()).isEmpty();
        }
    }

    private void customRange(String from, String to) {
        new Select(browser.driver().findElement(By.id("f-range"))).selectByValue("custom");
        browser.script("document.getElementById('f-from').value = arguments[0];"
                + "document.getElementById('f-to').value = arguments[1];", from, to);
        browser.andWait(() -> browser.driver().findElement(By.cssSelector("#custom-range button")).click());
    }

    private String activeId() {
        return browser.driver().switchTo().activeElement().getAttribute("id");
    }

    private List<Long> hourTable() {
        List<Long> hours = new ArrayList<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("#hours-table tbody tr"))) {
            hours.add(digits(row.findElements(By.tagName("td")).get(1).getAttribute("textContent")));
        }
        return hours;
    }

    private List<Long> apiHours(String query) {
        List<Long> hours = new ArrayList<>();
        api.getJson("/api/v1/stats/posts-by-hour?" + query).get("items").forEach(h -> hours.add(h.get("posts").asLong()));
        return hours;
    }

    private static long digits(String text) {
        return Long.parseLong(text.replaceAll("\\D", ""));
    }
}
