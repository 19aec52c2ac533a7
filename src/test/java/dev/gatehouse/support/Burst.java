package dev.gatehouse.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sends the same request on many connections at once: every connection is opened first, then
 * every request is written before any answer is read, so the server works on all of them
 * together (what an attacker racing a limit does).
 */
public final class Burst {

    private Burst() {}

    /** The status codes of {@code count} copies of a form POST to {@code uri}. */
    public static List<Integer> postForm(URI uri, Map<String, String> headers, String form, int count) {
        return post(uri, "application/x-www-form-urlencoded", headers, form, count);
    }

    /** The status codes of {@code count} copies of a JSON POST to {@code uri}. */
    public static List<Integer> postJson(URI uri, Map<String, String> headers, String json, int count) {
        return post(uri, "application/json", headers, json, count);
    }

    /** The status codes of {@code count} copies of a GET of {@code uri}. */
    public static List<Integer> get(URI uri, Map<String, String> headers, int count) {
        return send(uri, head("GET", uri, headers) + "\r\n", count);
    }

    private static List<Integer> post(
            URI uri, String contentType, Map<String, String> headers, String form, int count) {
        StringBuilder head = head("POST", uri, headers)
                .append("Content-Type: ")
                .append(contentType)
                .append("\r\n")
                .append("Content-Length: ")
                .append(form.getBytes(StandardCharsets.UTF_8).length)
                .append("\r\n");
        return send(uri, head + "\r\n" + form, count);
    }

    private static StringBuilder head(String method, URI uri, Map<String, String> headers) {
        StringBuilder head = new StringBuilder(method + " " + uri.getRawPath() + " HTTP/1.1\r\n")
                .append("Host: ")
                .append(uri.getHost())
                .append(':')
                .append(uri.getPort())
                .append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        return head;
    }

    private static List<Integer> send(URI uri, String message, int count) {
        byte[] request = message.getBytes(StandardCharsets.UTF_8);
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new Socket(uri.getHost(), uri.getPort()));
            }
            for (Socket socket : sockets) {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
            }
            List<Integer> statuses = new ArrayList<>();
            for (Socket socket : sockets) {
                String status = new BufferedReader(
                                new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1))
                        .readLine();
                statuses.add(Integer.parseInt(status.split(" ")[1]));
            }
            return statuses;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (Socket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a test connection
                }
            }
        }
    }
}
