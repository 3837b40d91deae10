package com.web3crm.webhook.rules;

import java.util.Arrays;
import java.util.List;

/**
 * IP literals in webhook hosts: the WHATWG (browser) IPv4 parser, an RFC 4291 IPv6 text parser, their canonical
 * serializations, and the "is this a public unicast address" judgement.
 *
 * <p>IPv4 addresses are {@code long}s in {@code [0, 2^32)}; IPv6 addresses are {@code int[8]} of 16-bit pieces.
 * Parsers return {@code -1} / {@code null} on failure and never throw. Only ASCII digits count as digits.
 */
final class IpAddresses {
  private IpAddresses() {}

  private static final long IPV4_LIMIT = 1L << 32;

  /** First match wins: the broadcast address is listed before 240.0.0.0/4, which contains it. */
  private static final List<Ipv4Range> BLOCKED_IPV4 = List.of(
      Ipv4Range.of("0.0.0.0/8", "a \"this network\" address"),
      Ipv4Range.of("10.0.0.0/8", "a private-network address"),
      Ipv4Range.of("100.64.0.0/10", "a shared (CGNAT) address"),
      Ipv4Range.of("127.0.0.0/8", "a loopback address"),
      Ipv4Range.of("169.254.0.0/16", "a link-local address"),
      Ipv4Range.of("172.16.0.0/12", "a private-network address"),
      Ipv4Range.of("192.0.0.0/24", "an IETF protocol assignment address"),
      Ipv4Range.of("192.0.2.0/24", "a documentation address"),
      Ipv4Range.of("192.88.99.0/24", "a 6to4 relay anycast address"),
      Ipv4Range.of("192.168.0.0/16", "a private-network address"),
      Ipv4Range.of("198.18.0.0/15", "a benchmarking address"),
      Ipv4Range.of("198.51.100.0/24", "a documentation address"),
      Ipv4Range.of("203.0.113.0/24", "a documentation address"),
      Ipv4Range.of("224.0.0.0/4", "a multicast address"),
      Ipv4Range.of("255.255.255.255/32", "the broadcast address"),
      Ipv4Range.of("240.0.0.0/4", "a reserved address"));

  private static final List<Ipv6Range> BLOCKED_IPV6 = List.of(
      Ipv6Range.of("fc00::/7", "a unique-local address"),
      Ipv6Range.of("fe80::/10", "a link-local address"),
      Ipv6Range.of("fec0::/10", "a site-local address"),
      Ipv6Range.of("ff00::/8", "a multicast address"),
      Ipv6Range.of("64:ff9b::/96", "a NAT64 address"),
      Ipv6Range.of("64:ff9b:1::/48", "a local-use NAT64 address"),
      Ipv6Range.of("100::/64", "a discard-only address"),
      Ipv6Range.of("2001:db8::/32", "a documentation address"),
      Ipv6Range.of("3fff::/20", "a documentation address"),
      Ipv6Range.of("2001::/23", "an IETF protocol assignment address"),
      Ipv6Range.of("2002::/16", "a 6to4 address"));

  private static final Ipv6Range GLOBAL_UNICAST = Ipv6Range.of("2000::/3", "a global unicast address");

  // ---------------------------------------------------------------- IPv4

  /**
   * The WHATWG "ends in a number" test for an ASCII host without a trailing dot: the last label is all ASCII
   * digits, or {@code 0x}/{@code 0X} followed by zero or more hex digits.
   */
  static boolean endsInNumber(String host) {
    String last = host.substring(host.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.startsWith("0x") || last.startsWith("0X")) {
      return allDigits(last.substring(2), 16);
    }
    return allDigits(last, 10);
  }

  /**
   * The WHATWG IPv4 parser: 1-4 dot-separated parts, each decimal, {@code 0x} hex or leading-{@code 0} octal;
   * all but the last part are single bytes, the last fills the remaining bytes.
   *
   * @return the address in {@code [0, 2^32)}, or -1 if {@code host} is not a valid IPv4 host
   */
  static long parseIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4) {
      return -1;
    }
    long address = 0;
    for (int i = 0; i < parts.length; i++) {
      long number = parseIpv4Number(parts[i]);
      boolean last = i == parts.length - 1;
      long limit = last ? 1L << (8 * (4 - i)) : 256;
      if (number < 0 || number >= limit) {
        return -1;
      }
      address += last ? number : number << (8 * (3 - i));
    }
    return address;
  }

  private static long parseIpv4Number(String part) {
    if (part.isEmpty()) {
      return -1;
    }
    int radix = 10;
    int start = 0;
    if (part.startsWith("0x") || part.startsWith("0X")) {
      radix = 16;
      start = 2;
    } else if (part.length() > 1 && part.charAt(0) == '0') {
      radix = 8;
      start = 1;
    }
    long value = 0;
    for (int i = start; i < part.length(); i++) {
      int digit = digit(part.charAt(i), radix);
      if (digit < 0) {
        return -1;
      }
      value = value * radix + digit;
      if (value >= IPV4_LIMIT) {
        return -1;
      }
    }
    return value;
  }

  /** Dotted decimal, e.g. {@code 8.8.8.8}. */
  static String formatIpv4(long address) {
    return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
  }

  /** Why {@code address} is not a public unicast address (e.g. {@code a loopback address (127.0.0.0/8)}), or null. */
  static String ipv4BlockReason(long address) {
    for (Ipv4Range range : BLOCKED_IPV4) {
      if (range.contains(address)) {
        return range.description + " (" + range.cidr + ")";
      }
    }
    return null;
  }

  // ---------------------------------------------------------------- IPv6

  /**
   * RFC 4291 section 2.2 text forms, case-insensitive: eight groups of 1-4 hex digits, at most one {@code ::}
   * standing for one or more zero groups, and optionally a strict dotted-decimal IPv4 address as the last 32 bits.
   *
   * @return the eight 16-bit pieces, or null if {@code text} is not such an address
   */
  static int[] parseIpv6(String text) {
    int gap = text.indexOf("::");
    if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = parseGroups(gap < 0 ? text : text.substring(0, gap), gap < 0);
    int[] tail = gap < 0 ? new int[0] : parseGroups(text.substring(gap + 2), true);
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if (gap < 0 ? count != 8 : count > 7) {
      return null;
    }
    int[] pieces = new int[8];
    System.arraycopy(head, 0, pieces, 0, head.length);
    System.arraycopy(tail, 0, pieces, 8 - tail.length, tail.length);
    return pieces;
  }

  /** Colon-separated groups; the last may be dotted IPv4 (two pieces) if {@code ipv4Last}. Empty text: no groups. */
  private static int[] parseGroups(String text, boolean ipv4Last) {
    if (text.isEmpty()) {
      return new int[0];
    }
    String[] groups = text.split(":", -1);
    if (groups.length > 8) {
      return null;
    }
    int[] pieces = new int[groups.length + 1];
    int count = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      if (ipv4Last && i == groups.length - 1 && group.indexOf('.') >= 0) {
        long ipv4 = parseDottedQuad(group);
        if (ipv4 < 0) {
          return null;
        }
        pieces[count++] = (int) (ipv4 >>> 16);
        pieces[count++] = (int) (ipv4 & 0xFFFF);
      } else {
        if (group.isEmpty() || group.length() > 4 || !allDigits(group, 16)) {
          return null;
        }
        pieces[count++] = Integer.parseInt(group, 16);
      }
    }
    return Arrays.copyOf(pieces, count);
  }

  /** Strict {@code a.b.c.d}: four decimal parts 0-255 without leading zeros. */
  private static long parseDottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return -1;
    }
    long address = 0;
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || !allDigits(part, 10) || (part.length() > 1 && part.charAt(0) == '0')) {
        return -1;
      }
      int value = Integer.parseInt(part);
      if (value > 255) {
        return -1;
      }
      address = (address << 8) | value;
    }
    return address;
  }

  /**
   * WHATWG serialization: lower-case hex without leading zeros, the first longest run of two or more zero pieces
   * compressed to {@code ::}, no dotted IPv4; without brackets.
   */
  static String formatIpv6(int[] pieces) {
    int compress = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      int end = i;
      while (end < 8 && pieces[end] == 0) {
        end++;
      }
      if (end - i > bestLength) {
        compress = i;
        bestLength = end - i;
      }
      i = Math.max(end, i + 1);
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == compress) {
        out.append(i == 0 ? "::" : ":");
        i += bestLength - 1;
        continue;
      }
      out.append(Integer.toHexString(pieces[i]));
      if (i < 7) {
        out.append(':');
      }
    }
    return out.toString();
  }

  /**
   * Why {@code pieces} is not an allowed address, or null. Allowed: 2000::/3 outside the documentation, IETF and
   * 6to4 blocks; and IPv4-mapped ({@code ::ffff:a.b.c.d}) or IPv4-compatible ({@code ::a.b.c.d}) addresses whose
   * embedded IPv4 address is public.
   */
  static String ipv6BlockReason(int[] pieces) {
    long high = bits(pieces, 0);
    long low = bits(pieces, 4);
    if (high == 0 && low == 0) {
      return "the unspecified address (::/128)";
    }
    if (high == 0 && low == 1) {
      return "the loopback address (::1/128)";
    }
    if (high == 0 && (low >>> 32) == 0xFFFF) {
      return embeddedIpv4Reason("an IPv4-mapped", low & 0xFFFF_FFFFL);
    }
    if (high == 0 && (low >>> 32) == 0) {
      return embeddedIpv4Reason("an IPv4-compatible", low & 0xFFFF_FFFFL);
    }
    for (Ipv6Range range : BLOCKED_IPV6) {
      if (range.contains(high, low)) {
        return range.description + " (" + range.cidr + ")";
      }
    }
    return GLOBAL_UNICAST.contains(high, low) ? null : "not a global unicast address (outside 2000::/3)";
  }

  private static String embeddedIpv4Reason(String kind, long ipv4) {
    String reason = ipv4BlockReason(ipv4);
    return reason == null ? null : kind + " IPv6 address embedding " + reason;
  }

  // ---------------------------------------------------------------- helpers

  /** The 64 bits held by {@code pieces[from]} to {@code pieces[from + 3]}. */
  private static long bits(int[] pieces, int from) {
    long bits = 0;
    for (int i = from; i < from + 4; i++) {
      bits = (bits << 16) | pieces[i];
    }
    return bits;
  }

  private static boolean allDigits(String text, int radix) {
    for (int i = 0; i < text.length(); i++) {
      if (digit(text.charAt(i), radix) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The ASCII digit value of {@code c} in {@code radix} (8, 10 or 16), or -1; never a non-ASCII digit. */
  private static int digit(char c, int radix) {
    int value;
    if (c >= '0' && c <= '9') {
      value = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      value = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      value = c - 'A' + 10;
    } else {
      return -1;
    }
    return value < radix ? value : -1;
  }

  private record Ipv4Range(long network, int prefixLength, String cidr, String description) {
    static Ipv4Range of(String cidr, String description) {
      int slash = cidr.indexOf('/');
      return new Ipv4Range(
          parseDottedQuad(cidr.substring(0, slash)), Integer.parseInt(cidr.substring(slash + 1)), cidr, description);
    }

    boolean contains(long address) {
      int shift = 32 - prefixLength;
      return address >>> shift == network >>> shift;
    }
  }

  private record Ipv6Range(long high, long low, int prefixLength, String cidr, String description) {
    static Ipv6Range of(String cidr, String description) {
      int slash = cidr.indexOf('/');
      int[] pieces = parseIpv6(cidr.substring(0, slash));
      return new Ipv6Range(
          bits(pieces, 0), bits(pieces, 4), Integer.parseInt(cidr.substring(slash + 1)), cidr, description);
    }

    boolean contains(long otherHigh, long otherLow) {
      if (prefixLength <= 64) {
        int shift = 64 - prefixLength;
        return prefixLength == 0 || otherHigh >>> shift == high >>> shift;
      }
      int shift = 128 - prefixLength;
      return otherHigh == high && otherLow >>> shift == low >>> shift;
    }
  }
}
