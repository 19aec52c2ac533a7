package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClientIpTest {

    /** An ingress in 10.1.0.0/16 behind a load balancer at 192.0.2.10 (a host name would work too). */
    private static final TrustedProxies PROXIES = TrustedProxies.from(new SmallRyeConfigBuilder()
            .withDefaultValues(Map.of(
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.trusted-proxies", "10.1.0.0/16, 192.0.2.10, [2001:db8::1]:443"))
            .build());

    @Test
    void ipv4AddressesCountAlone() {
        assertEquals("203.0.113.7", ClientIp.bucket("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertEquals("2001:db8:85a3:42::/64", ClientIp.bucket("2001:db8:85a3:42:1:2:3:4"));
        assertEquals(
                ClientIp.bucket("2001:db8:85a3:42::1"), ClientIp.bucket("2001:0db8:85a3:0042:ffff:ffff:ffff:ffff"));
    }

    @Test
    void theRightmostEntryThatIsNotATrustedProxyIsTheClient() {
        assertEquals("203.0.113.7", ClientIp.client("10.1.2.3", List.of("198.51.100.1, 203.0.113.7"), PROXIES));
        assertEquals("203.0.113.7", ClientIp.client("10.1.2.3", List.of("203.0.113.7:5123, 192.0.2.10"), PROXIES));
        assertEquals(
                "2001:db8:1:2:0:0:0:3",
                ClientIp.client("10.1.2.3", List.of("[2001:db8:1:2::3]:80, 2001:db8::1"), PROXIES));
    }

    @Test
    void anUntrustedPeerKeepsItsOwnAddress() {
        assertEquals("203.0.113.99", ClientIp.client("203.0.113.99", List.of("198.51.100.1"), PROXIES));
        TrustedProxies off = TrustedProxies.from(new SmallRyeConfigBuilder()
                .withDefaultValues(Map.of("quarkus.http.proxy.trusted-proxies", "10.1.0.0/16"))
                .build());
        assertEquals("10.1.2.3", ClientIp.client("10.1.2.3", List.of("198.51.100.1"), off), "forwarding is off");
    }

    @Test
    void aHopThatIsNotAnAddressStopsAtTheLastVouchedForHop() {
        assertEquals("192.0.2.10", ClientIp.client("10.1.2.3", List.of("198.51.100.1, evil, 192.0.2.10"), PROXIES));
        assertEquals("10.1.2.3", ClientIp.client("10.1.2.3", List.of("unknown"), PROXIES));
    }
}
