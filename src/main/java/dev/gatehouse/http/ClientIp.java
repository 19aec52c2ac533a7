package dev.gatehouse.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client's address as rate limits count it: the socket peer, or what a trusted proxy
 * forwarded (Quarkus applies {@code X-Forwarded-For} only from {@code quarkus.http.proxy.trusted-proxies}).
 * IPv6 clients are counted by their /64, since one subscriber usually holds a whole /64.
 */
public final class ClientIp {

    private ClientIp() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress address = request.remoteAddress();
        return address == null || address.host() == null ? "unknown" : bucket(address.host());
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
                prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return host;
        }
    }
}
