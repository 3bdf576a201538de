package com.needlepen.firmware.mqtt;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the broker is, read from a broker URL such as {@code tcp://broker.local:1883}. Parsing
 * refuses at once what Paho would otherwise accept and then fail on at every retry, forever (a
 * port outside 1..65535, a path), or silently ignore (a query, user info). No name is resolved
 * here: a host that does not resolve yet may resolve later, so that is the transport's to report.
 *
 * @param host a host name or IP address literal, as written
 * @param port 1..65535
 */
public record BrokerAddress(String host, int port) {

    /** Paho's port for {@code tcp://} when the URL names none. */
    public static final int DEFAULT_PORT = 1883;

    /** What a broker URL may look like, for error messages. */
    public static final String ALLOWED =
            "allowed: tcp://host:port (port 1..65535, default 1883; nothing after the port; TLS, ssl://, is not supported yet)";

    private static final int MAX_PORT = 65_535;

    /**
     * Reads a broker URL.
     *
     * @throws IllegalArgumentException with one line naming the URL, what is wrong and what is allowed
     */
    public static BrokerAddress parse(String brokerUrl) {
        URI uri;
        try {
            uri = new URI(brokerUrl);
        } catch (URISyntaxException e) {
            throw refused(brokerUrl, "not a URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            // "host:1883" parses as scheme "host"; saying so would confuse
            throw refused(brokerUrl, "it does not start with tcp://");
        }
        if (!"tcp".equalsIgnoreCase(uri.getScheme())) {
            throw refused(brokerUrl, "scheme '" + uri.getScheme() + "' is not supported");
        }
        if (uri.getRawAuthority() == null) {
            throw refused(brokerUrl, "no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused(brokerUrl, "user info '" + uri.getRawUserInfo() + "@' is not supported");
        }
        if (uri.getHost() == null) {
            // java.net.URI leaves host and port unset when the authority is not host[:port] with a valid port
            throw refused(brokerUrl, "'" + uri.getRawAuthority() + "' is not a host name or address with a port");
        }
        if (uri.getRawAuthority().endsWith(":")) {
            throw refused(brokerUrl, "the port after ':' is missing");
        }
        int port = uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort();
        if (port < 1 || port > MAX_PORT) {
            throw refused(brokerUrl, "port " + port + " is outside 1..65535");
        }
        if (!uri.getRawPath().isEmpty()) {
            throw refused(brokerUrl, "a path ('" + uri.getRawPath() + "') is not allowed");
        }
        if (uri.getRawQuery() != null) {
            throw refused(brokerUrl, "a query ('?" + uri.getRawQuery() + "') is not allowed");
        }
        if (uri.getRawFragment() != null) {
            throw refused(brokerUrl, "a fragment ('#" + uri.getRawFragment() + "') is not allowed");
        }
        return new BrokerAddress(uri.getHost(), port);
    }

    private static IllegalArgumentException refused(String brokerUrl, String problem) {
        return new IllegalArgumentException("broker URL '" + brokerUrl + "': " + problem + "; " + ALLOWED);
    }
}
