package io.tagwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TagwatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(TagwatchApplication.class, args);
    }
}
