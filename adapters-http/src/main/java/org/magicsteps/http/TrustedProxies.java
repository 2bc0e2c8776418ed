package org.magicsteps.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import org.eclipse.jetty.util.InetAddressSet;

/**
 * The reverse proxies whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}): single
 * addresses and CIDR blocks, IPv4 or IPv6, such as {@code 10.0.0.0/8, 127.0.0.1, ::1}. A request
 * that comes from anywhere else is its own client, whatever its headers say; one from a trusted
 * proxy is attributed to the last address in the header that is not itself a trusted proxy, so a
 * client cannot hide behind addresses it writes into the header before the proxy appends the real
 * one. Only literal addresses are accepted (no host names: nothing here ever asks DNS).
 */
public final class TrustedProxies {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("(?=[^:]*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");
    private static final TrustedProxies NONE = new TrustedProxies(List.of(), new InetAddressSet());

    private final List<String> entries;
    private final InetAddressSet matcher;

    private TrustedProxies(List<String> entries, InetAddressSet matcher) {
        this.entries = List.copyOf(entries);
        this.matcher = matcher;
    }

    /** Nobody: {@code X-Forwarded-For} is ignored (the default). */
    public static TrustedProxies none() {
        return NONE;
    }

    /**
     * Parses a comma- or space-separated list of addresses and CIDR blocks; blank means none.
     *
     * @throws IllegalArgumentException naming the first entry that is not an address or a block
     */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) {
            return NONE;
        }
        List<String> entries = new ArrayList<>();
        InetAddressSet matcher = new InetAddressSet();
        for (String entry : list.trim().split("[,\\s]+")) {
            int slash = entry.indexOf('/');
            String address = slash < 0 ? entry : entry.substring(0, slash);
            InetAddress parsed = literal(address);
            if (parsed == null) {
                throw new IllegalArgumentException("'" + entry + "' is not an IP address or a CIDR block such as "
                        + "10.0.0.0/8 (host names are not accepted)");
            }
            int maxBits = parsed.getAddress().length * 8;
            int bits = maxBits;
            if (slash >= 0) {
                String prefix = entry.substring(slash + 1);
                if (!prefix.matches("\\d{1,3}") || Integer.parseInt(prefix) > maxBits) {
                    throw new IllegalArgumentException("'" + entry + "': the prefix length must be 0 to " + maxBits);
                }
                bits = Integer.parseInt(prefix);
            }
            matcher.add(parsed.getHostAddress() + "/" + bits);
            entries.add(entry);
        }
        return new TrustedProxies(entries, matcher);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The entries as configured. */
    public List<String> entries() {
        return entries;
    }

    /**
     * The client's address: {@code remoteAddress} itself unless it is a trusted proxy; then, reading
     * the forwarded addresses from the last one back, the first that is not a trusted proxy (or the
     * first of them, when all are). An entry that is not an address ends the walk at the proxy that
     * passed it on.
     *
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, in order
     */
    String clientAddress(String remoteAddress, Enumeration<String> forwardedFor) {
        if (entries.isEmpty() || forwardedFor == null || !trusted(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(forwardedFor)) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        String client = remoteAddress;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(withoutPort(hops.get(i)));
            if (hop == null) {
                return client;
            }
            client = hop.getHostAddress();
            if (!matcher.test(hop)) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(String address) {
        InetAddress parsed = literal(address);
        return parsed != null && matcher.test(parsed);
    }

    /** {@code 1.2.3.4:5678} and {@code [::1]:5678} as some proxies write them, without the port. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon > 0 && hop.indexOf(':', colon + 1) < 0 ? hop.substring(0, colon) : hop;
    }

    /**
     * The address a literal names, or {@code null}. Never a DNS lookup: the JDK resolves a name only
     * when it starts with neither a hex digit nor a colon, and such text never gets this far.
     */
    private static InetAddress literal(String text) {
        if (text == null || text.length() > 45 || !(IPV4.matcher(text).matches() || IPV6.matcher(text).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException notAnAddress) {
            return null;
        }
    }

    @Override
    public String toString() {
        return entries.isEmpty() ? "none" : String.join(", ", entries);
    }
}
