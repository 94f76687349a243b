package io.tagwatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import io.tagwatch.config.TagwatchProperties;

import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** An admin token short enough to guess leaves manual collection off, as no token does. */
@ExtendWith(OutputCaptureExtension.class)
class CollectTriggerTest {

    @Test
    void aTokenShorterThan32CharactersLeavesTheEndpointOff(CapturedOutput output) {
        String token = "0123456789abcdef0123456789abcde"; // 31
        CollectTrigger trigger = new CollectTrigger(new Binder(new MapConfigurationPropertySource(
                Map.of("tagwatch.admin-token", token))).bindOrCreate("tagwatch", Bindable.of(TagwatchProperties.class)),
                null, null, null, null, java.time.Clock.systemUTC(), new SimpleMeterRegistry());
        assertThat(output.getOut()).contains("shorter than 32 characters").doesNotContain(token);
        assertThatThrownBy(() -> trigger.trigger(null, new DefaultExchange(new DefaultCamelContext())))
                .isInstanceOfSatisfying(ApiProblemException.class, e -> assertThat(e.status()).isEqualTo(503));
    }
}
