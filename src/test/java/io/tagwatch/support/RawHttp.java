package io.tagwatch.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte for byte over a socket, for requests an HTTP client refuses to send: raw bytes
 * in the request target, malformed header lines, a missing Host. Each string is sent as ISO-8859-1,
 * one char per byte, so a test can put any byte anywhere.
 */
public final class RawHttp {

    /** A request as it goes on the wire; headers are whole lines ("Name: value") and may be malformed. */
    public record Request(String method, String target, String version, List<String> headers, String body) {

        byte[] bytes() {
            StringBuilder text = new StringBuilder(method).append(' ').append(target).append(' ').append(version)
                    .append("\r\n");
            headers.forEach(h -> text.append(h).append("\r\n"));
            return text.append("\r\n").append(body).toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        /** Printable, and short enough for a failure message. */
        public String describe() {
            StringBuilder text = new StringBuilder();
            for (char c : (method + " " + target + " " + version + " | " + String.join(" | ", headers)
                    + (body.isEmpty() ? "" : " | body: " + body)).toCharArray()) {
                text.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
            }
            return text.length() <= 600 ? text.toString()
                    : text.substring(0, 600) + "... (" + text.length() + " chars)";
        }
    }

    /**
     * An answer. {@code http09} marks one without status line or headers, which Tomcat sends when it could
     * not read a protocol version from the request line; its status is then 0.
     */
    public record Response(int status, Map<String, String> headers, String body, boolean http09) {

        public String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }
    }

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public Response send(Request request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            IOException unsent = null;
            try {
                socket.getOutputStream().write(request.bytes());
            } catch (IOException e) {
                // Tomcat answers a request head over its limit before reading the rest, and closes
                unsent = e;
            }
            try {
                return read(socket.getInputStream(), request.method().equals("HEAD"));
            } catch (IOException e) {
                if (unsent != null) {
                    e.addSuppressed(unsent);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no answer to " + request.describe(), e);
        }
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        byte[] start = in.readNBytes(5);
        if (!new String(start, StandardCharsets.ISO_8859_1).equals("HTTP/")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(start);
            in.transferTo(body);
            return new Response(0, Map.of(), body.toString(StandardCharsets.UTF_8), true);
        }
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        byte[] body;
        if (head || status == 204 || status == 304) {
            body = new byte[0];
        } else if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            body = chunks(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8), false);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
                size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            body.write(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray(); // the connection closes after the answer: trailers can stay unread
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the answer ended inside a line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
