package dev.gatehouse.http;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.quarkus.logging.Log;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;

/**
 * The peers Gatehouse believes {@code X-Forwarded-For} from: Quarkus's own settings
 * ({@code quarkus.http.proxy.proxy-address-forwarding}, {@code allow-x-forwarded},
 * {@code trusted-proxies}: addresses, CIDRs or host names, resolved once at start), so Quarkus
 * and Gatehouse agree on who is a proxy.
 */
public final class TrustedProxies {

    static final TrustedProxies NONE = new TrustedProxies(false, List.of());

    private final boolean forwarding;
    private final List<IpSubnetFilterRule> ranges;

    TrustedProxies(boolean forwarding, List<IpSubnetFilterRule> ranges) {
        this.forwarding = forwarding;
        this.ranges = ranges;
    }

    /** Reads Quarkus's proxy settings; host names are resolved here (call it at start, not on a request). */
    public static TrustedProxies from(Config config) {
        boolean on = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class)
                .orElse(false);
        boolean forwarded = config.getOptionalValue("quarkus.http.proxy.allow-forwarded", Boolean.class)
                .orElse(false);
        boolean xForwarded = config.getOptionalValue("quarkus.http.proxy.allow-x-forwarded", Boolean.class)
                .orElse(!forwarded);
        List<String> entries = config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class)
                .orElse(List.of());
        return new TrustedProxies(
                on && xForwarded,
                entries.stream().flatMap(TrustedProxies::ranges).toList());
    }

    /** Whether {@code X-Forwarded-For} is read at all. */
    boolean forwarding() {
        return forwarding;
    }

    /**
     * Whether the socket peer may forward: a listed proxy, or any peer when none is listed
     * (Quarkus's rule, which a prod start refuses: see StartupChecks).
     */
    boolean trustsPeer(InetAddress peer) {
        return ranges.isEmpty() || listed(peer);
    }

    /** Whether a forwarded hop is a listed proxy. */
    boolean listed(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        return ranges.stream().anyMatch(range -> range.matches(socket));
    }

    /** An IP literal (no DNS lookup), or null when the text is not one. */
    static InetAddress literal(String text) {
        return text == null ? null : NetUtil.createInetAddressFromIpAddressString(text);
    }

    /** The address part of {@code host}, {@code host:port}, {@code [v6]:port} or a bare IPv6 address. */
    static String withoutPort(String entry) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            return close < 0 ? entry : entry.substring(1, close);
        }
        int colon = entry.indexOf(':');
        return colon >= 0 && colon == entry.lastIndexOf(':') ? entry.substring(0, colon) : entry;
    }

    /** One setting entry as ranges: a CIDR, an address, or a host name's addresses. */
    private static Stream<IpSubnetFilterRule> ranges(String entry) {
        String trimmed = entry.trim();
        int slash = trimmed.indexOf('/');
        String host = slash >= 0 ? trimmed.substring(0, slash) : withoutPort(trimmed);
        InetAddress address = literal(host);
        if (address != null) {
            int bits = slash >= 0 ? Integer.parseInt(trimmed.substring(slash + 1)) : address.getAddress().length * 8;
            return Stream.of(new IpSubnetFilterRule(address, bits, IpFilterRuleType.ACCEPT));
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(host))
                    .map(resolved -> new IpSubnetFilterRule(
                            resolved, resolved.getAddress().length * 8, IpFilterRuleType.ACCEPT));
        } catch (UnknownHostException e) {
            Log.warnf("Trusted proxy %s does not resolve; it is not trusted", host);
            return Stream.empty();
        }
    }
}
