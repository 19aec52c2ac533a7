package dev.gatehouse.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The client's address, as rate limits count it and the audit trail records it: the socket peer,
 * or, when the peer is a trusted proxy ({@link TrustedProxies}), the rightmost
 * {@code X-Forwarded-For} entry that is not a trusted proxy. Entries left of it are whatever the
 * client wrote, so they are never believed (RFC 7239 §7.4 reasons the same way); Quarkus's own
 * {@code remoteAddress()} takes the leftmost entry, which is why it is not used.
 * IPv6 clients are counted by their /64, since one subscriber usually holds a whole /64.
 *
 * <p>A static helper, since resources of several features call it with their request; the proxy
 * settings are installed at start by StartupChecks ({@link #trust}) and read from the
 * configuration on first use otherwise.
 */
public final class ClientIp {

    private static volatile TrustedProxies trusted;

    private ClientIp() {}

    /** Installs the proxy settings (at start, where host names may be resolved). */
    public static void trust(TrustedProxies proxies) {
        trusted = proxies;
    }

    /** The address a rate limit counts: {@link #address}, an IPv6 one cut to its /64. */
    public static String of(HttpServerRequest request) {
        String address = address(request);
        return address == null ? "unknown" : bucket(address);
    }

    /** The client's address in full (for the audit trail), or null when the request has none. */
    public static String address(HttpServerRequest request) {
        SocketAddress peer =
                request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        if (peer == null || peer.host() == null) {
            return null;
        }
        return client(peer.host(), request.headers().getAll("X-Forwarded-For"), proxies());
    }

    /** The client behind {@code peer}, given the {@code X-Forwarded-For} headers it sent. */
    static String client(String peer, List<String> forwardedFor, TrustedProxies proxies) {
        InetAddress peerAddress = TrustedProxies.literal(peer);
        if (!proxies.forwarding()
                || forwardedFor.isEmpty()
                || peerAddress == null
                || !proxies.trustsPeer(peerAddress)) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        forwardedFor.forEach(header -> {
            for (String entry : header.split(",")) {
                if (!entry.isBlank()) {
                    hops.add(entry.trim());
                }
            }
        });
        String nearest = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = TrustedProxies.literal(TrustedProxies.withoutPort(hops.get(i)));
            if (hop == null) {
                return nearest; // not an address: the last hop a trusted proxy vouched for stands
            }
            nearest = hop.getHostAddress();
            if (!proxies.listed(hop)) {
                return nearest;
            }
        }
        return nearest; // every hop is a trusted proxy: the leftmost one is the client
    }

    private static TrustedProxies proxies() {
        TrustedProxies current = trusted;
        if (current == null) {
            current = TrustedProxies.from(ConfigProvider.getConfig());
            trusted = current;
        }
        return current;
    }

    /** An IPv4 address as is; an IPv6 address as its /64 prefix. */
    static String bucket(String host) {
        if (!host.contains(":")) {
            return host;
        }
        try {
            byte[] bytes = InetAddress.getByName(host).getAddress();
            if (bytes.length == 4) {
                return InetAddress.getByAddress(bytes).getHostAddress();
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)))
                        .append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
