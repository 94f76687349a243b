package io.tagwatch.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.stereotype.Component;

/**
 * This instance's name, as GET /api/v1/tags shows who ran a cycle and the logs say who changed a state:
 * tagwatch.instance-id, else the host name, which on Kubernetes is the pod's name and under Compose the
 * container's id.
 */
@Component
public class InstanceId {

    /** A DNS label's length, as a pod's name is. */
    private static final int MAX = 63;

    private final String id;

    public InstanceId(TagwatchProperties properties) {
        String name = properties.instanceId().isEmpty() ? hostName() : properties.instanceId();
        this.id = name.length() > MAX ? name.substring(0, MAX) : name;
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "tagwatch";
        }
    }
}
