package dev.gatehouse.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientIpTest {

    @Test
    void ipv4AddressesCountAlone() {
        assertEquals("203.0.113.7", ClientIp.bucket("203.0.113.7"));
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        assertEquals("2001:db8:85a3:42::/64", ClientIp.bucket("2001:db8:85a3:42:1:2:3:4"));
        assertEquals(ClientIp.bucket("2001:db8:85a3:42::1"), ClientIp.bucket("2001:0db8:85a3:0042:ffff:ffff:ffff:ffff"));
    }
}
