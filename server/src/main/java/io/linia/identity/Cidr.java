package io.linia.identity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare
 * address means one host). Parsing never touches DNS: only literal addresses are accepted.
 */
public record Cidr(byte[] network, int prefix, String text) {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** @throws IllegalArgumentException with a reason a person can act on */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty network");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = literal(address);
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the prefix length after '/' must be a number");
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("the prefix length must be 0.." + max);
            }
        }
        return new Cidr(mask(bytes, prefix), prefix, s);
    }

    public boolean contains(String ip) {
        byte[] candidate;
        try {
            candidate = literal(ip);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (candidate.length != network.length) {
            return false;
        }
        return java.util.Arrays.equals(mask(candidate, prefix), network);
    }

    private static byte[] literal(String address) {
        if (IPV4.matcher(address).matches()) {
            String[] parts = address.split("\\.");
            byte[] b = new byte[4];
            for (int i = 0; i < 4; i++) {
                int v = Integer.parseInt(parts[i]);
                if (v > 255) {
                    throw new IllegalArgumentException("'" + address + "' is not an IPv4 address");
                }
                b[i] = (byte) v;
            }
            return b;
        }
        if (address.contains(":") && IPV6.matcher(address).matches()) {
            try {
                byte[] b = InetAddress.getByName(address).getAddress();
                if (b.length == 16 && isMappedV4(b)) {
                    return java.util.Arrays.copyOfRange(b, 12, 16);
                }
                return b;
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + address + "' is not an IPv6 address");
            }
        }
        throw new IllegalArgumentException("'" + address + "' is not an IP address");
    }

    private static boolean isMappedV4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
    }

    private static byte[] mask(byte[] address, int prefix) {
        BigInteger value = new BigInteger(1, address);
        int bits = address.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftRight(bits - prefix).shiftLeft(bits - prefix);
        byte[] raw = value.and(mask).toByteArray();
        byte[] out = new byte[address.length];
        int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }
}
