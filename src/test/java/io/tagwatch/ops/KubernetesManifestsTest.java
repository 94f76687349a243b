package io.tagwatch.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.tagwatch.support.ApiClient;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests (deploy/kubernetes), rendered by kubectl kustomize as CI renders them, against
 * the application itself: this service runs with the ConfigMap's tag files as its routes directory and
 * a management port, as the Deployment runs it, and answers the probes' and the scrape's paths; the
 * Deployment's ports are the ones the service listens on; every environment variable it sets binds to a
 * real key; secrets are referenced, never written; and the pods run as the image's non-root user on a
 * read-only root filesystem with /tmp writable.
 */
@DirtiesContext
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0", "tagwatch.sources=demo", "tagwatch.collect.period=1h"})
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    private static final List<Map<String, Object>> BASE = render("base");

    @DynamicPropertySource
    static void asTheDeploymentRunsIt(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("tagwatch-kubernetes");
        Path routes = Files.createDirectories(dir.resolve("routes"));
        // the ConfigMap's keys are the files of its volume, mounted on tagwatch.routes-dir
        for (Map.Entry<String, Object> file : data(one(BASE, "ConfigMap", "tagwatch-tags")).entrySet()) {
            Files.writeString(routes.resolve(file.getKey()), (String) file.getValue());
        }
        registry.add("tagwatch.routes-dir", routes::toString);
        registry.add("tagwatch.sqlite-file", () -> dir.resolve("tagwatch.db").toString());
    }

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;

    @Test
    void theProbesAndTheScrapeAnswerOnTheManagementPort() {
        Map<String, Object> pod = podTemplate(BASE);
        Map<String, Object> container = container(pod);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Map<String, Object> p : list(container.get("ports"))) {
            ports.put((String) p.get("name"), (Integer) p.get("containerPort"));
        }
        Map<String, String> env = literalEnv(container);
        assertThat(ports).containsEntry("http", Integer.parseInt(env.get("SERVER_PORT")))
                .containsEntry("management", Integer.parseInt(env.get("MANAGEMENT_SERVER_PORT")));
        assertThat(ports.get("http")).as("server.port of application.yaml").isEqualTo(
                Integer.parseInt(applicationYaml().getProperty("server.port").toString()));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
            assertThat(get.get("port")).as(probe + " port").isEqualTo("management");
            ApiClient.Response answer = new ApiClient(managementPort).get((String) get.get("path"));
            assertThat(answer.status()).as(probe + " " + get.get("path")).isEqualTo(200);
            assertThat(new ApiClient(port).get((String) get.get("path")).status())
                    .as(probe + " path on the API port").isEqualTo(404);
        }
        Map<String, Object> annotations = map(map(pod.get("metadata")).get("annotations"));
        assertThat(annotations).containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/port", ports.get("management").toString());
        ApiClient.Response metrics = new ApiClient(managementPort).get((String) annotations.get("prometheus.io/path"));
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("tagwatch_source_state");

        Map<String, Object> service = one(BASE, "Service", "tagwatch");
        for (Map<String, Object> p : list(map(service.get("spec")).get("ports"))) {
            assertThat(ports).as("the Service's targetPort").containsKey((String) p.get("targetPort"));
            assertThat(p.get("targetPort")).as("the Service publishes the API only").isEqualTo("http");
        }
    }

    @Test
    void theConfigMapsTagsAreCollected() {
        Set<String> tags = new LinkedHashSet<>();
        Matcher value = Pattern.compile("value: (\\S+)").matcher(String.join("\n",
                data(one(BASE, "ConfigMap", "tagwatch-tags")).values().stream().map(String.class::cast).toList()));
        while (value.find()) {
            tags.add(value.group(1));
        }
        assertThat(tags).isNotEmpty();
        Set<String> served = new LinkedHashSet<>();
        for (JsonNode item : new ApiClient(port).getJson("/api/v1/tags").get("items")) {
            served.add(item.get("tag").asText());
        }
        // the routes loader refuses a whole file for one bad entry, or for a tag the image carries already
        assertThat(served).as("the tags the service collects").containsAll(tags).hasSize(10 + tags.size());
        Map<String, Object> volumes = new LinkedHashMap<>();
        for (Map<String, Object> volume : list(map(podTemplate(BASE).get("spec")).get("volumes"))) {
            volumes.put((String) volume.get("name"), volume);
        }
        String routesDir = literalEnv(container(podTemplate(BASE))).get("TAGWATCH_ROUTESDIR");
        Map<String, Object> mount = list(container(podTemplate(BASE)).get("volumeMounts")).stream()
                .filter(m -> routesDir.equals(m.get("mountPath"))).findFirst().orElseThrow();
        assertThat(mount).as("mounted whole, not by subPath, so that the kubelet's updates reach the pod")
                .doesNotContainKey("subPath");
        assertThat(map(map(volumes.get(mount.get("name"))).get("configMap")).get("name")).isEqualTo("tagwatch-tags");
    }

    @Test
    void everyVariableBindsARealKeyAndSecretsAreReferenced() throws Exception {
        Map<String, Object> container = container(podTemplate(BASE));
        Map<String, Object> probe = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container.get("env"))) {
            String name = (String) variable.get("name");
            assertThat(probe).as("set twice: " + name).doesNotContainKey(name);
            probe.put(name, "probe-" + name.toLowerCase());
            if (name.matches(".*(PASSWORD|TOKEN|SECRET|_KEY|DATASOURCE_URL|USERNAME).*")) {
                assertThat(variable).as(name + " comes from a Secret").doesNotContainKey("value")
                        .containsKey("valueFrom");
                assertThat(map(variable.get("valueFrom"))).as(name).containsKey("secretKeyRef");
            }
        }
        StandardEnvironment environment = new StandardEnvironment();
        // named as Spring Boot names the process's environment ("...-systemEnvironment"): only then does it bind
        // TAGWATCH_INSTANCEID to tagwatch.instance-id, as the pod's environment is bound
        environment.getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("deployment-systemEnvironment", probe));
        PropertySource<?> yaml = applicationYaml();
        environment.getPropertySources().addLast(yaml);
        // application.yaml draws some defaults (tagwatch.collect.first-run-delay) from random.*, as Spring does
        RandomValuePropertySource.addToEnvironment(environment);
        ConfigurationPropertySources.attach(environment);
        Set<String> keys = new LinkedHashSet<>(List.of(((EnumerablePropertySource<?>) yaml).getPropertyNames()));
        keys.addAll(tagwatchKeys());
        keys.addAll(List.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                "server.port", "management.server.port"));
        for (Map.Entry<String, Object> variable : probe.entrySet()) {
            List<String> bound = keys.stream().filter(key -> variable.getValue().equals(environment.getProperty(key)))
                    .toList();
            assertThat(bound).as(variable.getKey() + " binds a key of the application").isNotEmpty();
        }
        for (List<Map<String, Object>> objects : List.of(BASE, render("overlays/example-postgres"),
                render("overlays/servicemonitor"))) {
            assertThat(objects).as("no Secret is written in the manifests")
                    .noneMatch(o -> "Secret".equals(o.get("kind")));
        }
    }

    @Test
    void thePodsRunAsTheImagesUserOnAReadOnlyRootWithTwoReplicasRollingAndADisruptionBudget() throws Exception {
        Map<String, Object> deployment = one(BASE, "Deployment", "tagwatch");
        Map<String, Object> spec = map(deployment.get("spec"));
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(map(spec.get("strategy")).get("type")).isEqualTo("RollingUpdate");
        assertThat(map(map(spec.get("strategy")).get("rollingUpdate")).get("maxUnavailable")).isEqualTo(0);
        Map<String, Object> pod = map(podTemplate(BASE).get("spec"));
        assertThat(pod.get("automountServiceAccountToken")).isEqualTo(false);
        Map<String, Object> podSecurity = map(pod.get("securityContext"));
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        Matcher uid = Pattern.compile("--uid (\\d+)").matcher(dockerfile);
        assertThat(uid.find()).isTrue();
        assertThat(podSecurity).containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", Integer.parseInt(uid.group(1)));
        Map<String, Object> container = container(podTemplate(BASE));
        assertThat(map(container.get("securityContext"))).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false);
        assertThat(list(container.get("volumeMounts"))).anyMatch(m -> "/tmp".equals(m.get("mountPath")));
        assertThat(list(pod.get("volumes"))).anyMatch(v -> "tmp".equals(v.get("name")) && v.containsKey("emptyDir"));
        Map<String, Object> resources = map(container.get("resources"));
        assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
        assertThat(map(resources.get("limits"))).containsKey("memory");
        assertThat((String) container.get("image")).as("the image, tagged with the POM's version")
                .isEqualTo("tagwatch:" + pomVersion());
        Map<String, Object> budget = one(BASE, "PodDisruptionBudget", "tagwatch");
        assertThat(map(map(budget.get("spec")).get("selector")).get("matchLabels"))
                .isEqualTo(map(spec.get("selector")).get("matchLabels"));

        List<Map<String, Object>> monitored = render("overlays/servicemonitor");
        Map<String, Object> monitor = one(monitored, "ServiceMonitor", "tagwatch");
        Map<String, Object> endpoint = list(map(monitor.get("spec")).get("endpoints")).get(0);
        Map<String, Object> management = one(monitored, "Service", "tagwatch-management");
        assertThat(list(map(management.get("spec")).get("ports"))).anyMatch(p -> endpoint.get("port").equals(p.get("name")));
        assertThat(endpoint.get("path")).isEqualTo(map(map(podTemplate(BASE).get("metadata")).get("annotations"))
                .get("prometheus.io/path"));
        Map<String, Object> postgres = one(render("overlays/example-postgres"), "StatefulSet", "tagwatch-postgres");
        assertThat(map(postgres.get("spec")).get("replicas")).isEqualTo(1);
    }

    /** kubectl kustomize, as run-tests.sh renders them for CI. */
    static List<Map<String, Object>> render(String kustomization) {
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", KUBERNETES.resolve(kustomization).toString())
                    .redirectErrorStream(true).start();
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + out);
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(out)) {
                objects.add(map(document));
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException("kubectl (1.32, with kustomize) is needed to render deploy/kubernetes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> one(List<Map<String, Object>> objects, String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")))
                .filter(o -> name.equals(map(o.get("metadata")).get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    private static Map<String, Object> podTemplate(List<Map<String, Object>> objects) {
        return map(map(one(objects, "Deployment", "tagwatch").get("spec")).get("template"));
    }

    private static Map<String, Object> container(Map<String, Object> podTemplate) {
        return list(map(podTemplate.get("spec")).get("containers")).get(0);
    }

    private static Map<String, Object> data(Map<String, Object> configMap) {
        return map(configMap.get("data"));
    }

    private static Map<String, String> literalEnv(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : list(container.get("env"))) {
            if (variable.containsKey("value")) {
                env.put((String) variable.get("name"), (String) variable.get("value"));
            }
        }
        return env;
    }

    private static PropertySource<?> applicationYaml() {
        try {
            return new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> tagwatchKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode property : new ObjectMapper().readTree(new ClassPathResource(
                "META-INF/spring-configuration-metadata.json").getInputStream()).path("properties")) {
            keys.add(property.path("name").asText());
        }
        return keys;
    }

    private static String pomVersion() throws IOException {
        Matcher version = Pattern.compile("</parent>[\\s\\S]*?<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object node) {
        return (List<Map<String, Object>>) node;
    }
}
