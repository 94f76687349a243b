package io.tagwatch.source.twitter;

import io.tagwatch.config.TagwatchProperties;

import org.apache.camel.component.twitter.search.TwitterSearchComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What camel-twitter builds each endpoint's twitter4j client from, set when Camel creates the
 * twitter-search component, so before any endpoint and its first exchange.
 */
@Configuration(proxyBeanMethods = false)
class TwitterClientConfiguration {

    @Bean
    ComponentCustomizer twitterSearchClient(TagwatchProperties properties) {
        TagwatchProperties.Twitter twitter = properties.twitter();
        TagwatchProperties.Upstream upstream = properties.upstream();
        return ComponentCustomizer.forType(TwitterSearchComponent.class, component -> {
            // On the component, which copies them into every endpoint, rather than as {{...}} placeholders
            // in the route's URI: Camel logs the values of resolved placeholders at DEBUG.
            component.setConsumerKey(twitter.apiKey());
            component.setConsumerSecret(twitter.apiKeySecret());
            component.setAccessToken(twitter.accessTokenKey());
            component.setAccessTokenSecret(twitter.accessTokenSecret());
            // twitter4j reads these from System properties only (a twitter4j.properties file or twitter4j_*
            // environment variables would override them)
            String base = twitter.restBaseUrl().toString();
            System.setProperty("twitter4j.restBaseURL", base.endsWith("/") ? base : base + "/");
            System.setProperty("twitter4j.http.connectionTimeout", Long.toString(upstream.connectTimeout().toMillis()));
            System.setProperty("twitter4j.http.readTimeout", Long.toString(upstream.readTimeout().toMillis()));
            // twitter4j's own retries would pass the gate by; a failed request waits for the next cycle
            System.setProperty("twitter4j.http.retryCount", "0");
        });
    }
}
