package org.magicsteps.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Whose X-Forwarded-For is believed: parsing, the walk through the hops, and over real sockets. */
class TrustedProxiesTest {

    private static final TrustedProxies PROXIES = TrustedProxies.parse("127.0.0.1, 10.0.0.0/8 ::1 fd00::/8");

    private static String client(TrustedProxies proxies, String remote, String... headers) {
        return proxies.clientAddress(remote, Collections.enumeration(List.of(headers)));
    }

    @ParameterizedTest(name = "{0} via {1} is {2}")
    @CsvSource(delimiter = '|', value = {
        // remote     | X-Forwarded-For                         | client
        "127.0.0.1    | 203.0.113.7                             | 203.0.113.7",
        "127.0.0.1    | 198.51.100.1, 203.0.113.7               | 203.0.113.7",
        "127.0.0.1    | 203.0.113.7, 10.1.2.3                   | 203.0.113.7",
        "127.0.0.1    | 10.9.9.9, 10.1.2.3                      | 10.9.9.9",
        "10.0.0.2     | 203.0.113.7:51234                       | 203.0.113.7",
        "127.0.0.1    | [2001:db8::5]:443                       | 2001:db8:0:0:0:0:0:5",
        "0:0:0:0:0:0:0:1 | 2001:db8::5                          | 2001:db8:0:0:0:0:0:5",
        "127.0.0.1    | not-an-address                          | 127.0.0.1",
        "127.0.0.1    | 203.0.113.7, evil.example, 10.1.2.3     | 10.1.2.3",
        "127.0.0.1    | ''                                      | 127.0.0.1",
        "192.0.2.50   | 203.0.113.7                             | 192.0.2.50",
        "11.0.0.1     | 203.0.113.7                             | 11.0.0.1",
    })
    void theClientIsTheLastHopThatIsNotATrustedProxy(String remote, String header, String expected) {
        assertEquals(expected, client(PROXIES, remote, header));
    }

    @Test
    void severalHeadersAreOneListInOrder() {
        assertEquals("203.0.113.7", client(PROXIES, "127.0.0.1", "198.51.100.1", "203.0.113.7, 10.0.0.1"));
    }

    @Test
    void withNoTrustedProxyTheHeaderIsIgnored() {
        assertEquals("127.0.0.1", client(TrustedProxies.none(), "127.0.0.1", "203.0.113.7"));
        assertTrue(TrustedProxies.parse("  ").isEmpty());
        assertTrue(TrustedProxies.parse(null).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/x", "256.1.1.1",
        "1.2.3", ".:", "10.0.0.1/8/8", "fe80::1%eth0"})
    void refusesWhatIsNotALiteralAddressOrBlock(String entry) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustedProxies.parse("127.0.0.1, " + entry));
        assertTrue(e.getMessage().contains("'" + entry + "'"), e.getMessage());
    }

    @Test
    void keepsTheEntriesAsWritten() {
        assertEquals(List.of("127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8"), PROXIES.entries());
        assertEquals("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8", PROXIES.toString());
    }

    // Over real sockets: the test client is on 127.0.0.1 and plays the proxy by sending the header.

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static int login(TestServer server, String forwardedFor) {
        HttpRequest.Builder request = server.request("/token", null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=nobody&password=guess-guess"));
        if (forwardedFor != null) {
            request.header(TrustedProxies.FORWARDED_FOR, forwardedFor);
        }
        return server.send(request).status();
    }

    @Test
    void behindATrustedProxyEachClientHasItsOwnAllowance() {
        try (TestServer server = new TestServer(s -> s.withLoginLimits(1_000, 2, MINUTE)
                .withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            assertEquals(401, login(server, "203.0.113.7"));
            assertEquals(401, login(server, "203.0.113.7"));
            assertEquals(429, login(server, "203.0.113.7"), "this client's allowance is spent");
            assertEquals(401, login(server, "198.51.100.1"), "another client behind the same proxy is not blocked");
            assertEquals(429, login(server, "192.0.2.99, 203.0.113.7"),
                    "an address the client wrote itself, before the one the proxy appended, changes nothing");
        }
    }

    @Test
    void aClientThatIsNotATrustedProxyCannotSpoofItsAddress() {
        try (TestServer server = new TestServer(s -> s.withLoginLimits(1_000, 2, MINUTE))) {
            assertEquals(401, login(server, "203.0.113.1"));
            assertEquals(401, login(server, "203.0.113.2"));
            assertEquals(429, login(server, "203.0.113.3"), "a new X-Forwarded-For each time does not reset it");
            assertEquals(429, login(server, null));
        }
        try (TestServer server = new TestServer(s -> s.withLoginLimits(1_000, 2, MINUTE)
                .withTrustedProxies(TrustedProxies.parse("10.0.0.0/8")))) {
            assertEquals(401, login(server, "203.0.113.1"));
            assertEquals(401, login(server, "203.0.113.2"));
            assertEquals(429, login(server, "203.0.113.3"), "127.0.0.1 is not among the trusted proxies");
        }
    }

    @Test
    void registrationsAreCountedPerClientBehindTheProxyToo() {
        try (TestServer server = new TestServer(s -> s.withLoginLimits(1_000, 1, MINUTE)
                .withTrustedProxies(TrustedProxies.parse("127.0.0.1")))) {
            assertEquals(201, register(server, "reg-a", "203.0.113.7"));
            assertEquals(429, register(server, "reg-b", "203.0.113.7"));
            assertEquals(201, register(server, "reg-c", "198.51.100.1"));
        }
    }

    private static int register(TestServer server, String username, String forwardedFor) {
        return server.send(server.request("/register", null).header("Content-Type", "application/json")
                .header(TrustedProxies.FORWARDED_FOR, forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"senha123\"}"))).status();
    }
}
