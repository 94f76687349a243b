package io.tagwatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import sun.misc.Signal;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TagwatchApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(TagwatchApplication.class, args);
        // SIGTERM is how orchestrators ask a service to stop. The JVM would exit 143 after its shutdown
        // hooks, which supervisors report as a failure; closing the context here (in-flight requests
        // and the batch being stored finish first) and exiting 0 says the stop went as asked.
        Signal.handle(new Signal("TERM"), signal -> new Thread(
                () -> System.exit(SpringApplication.exit(context)), "sigterm").start());
    }
}
