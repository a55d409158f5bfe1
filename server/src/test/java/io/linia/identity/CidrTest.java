package io.linia.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SEC-8 network matching, table-driven. */
class CidrTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "10.0.0.0/8, 10.1.2.3, true",
            "10.0.0.0/8, 11.0.0.1, false",
            "192.168.1.0/24, 192.168.1.255, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "192.168.1.7, 192.168.1.7, true",
            "192.168.1.7, 192.168.1.8, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "127.0.0.0/8, 127.0.0.1, true",
            "10.1.2.3/8, 10.200.0.1, true",
            "2001:db8::/32, 2001:db8:1::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1/128, 0:0:0:0:0:0:0:1, true",
            "10.0.0.0/8, 2001:db8::1, false",
            "10.0.0.0/8, ::ffff:10.0.0.5, true",
            "10.0.0.0/8, not-an-ip, false",
    })
    void matches(String cidr, String ip, boolean expected) {
        assertThat(Cidr.parse(cidr).contains(ip)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.256/8", "10.0.0/8", "example.org/24", "10.0.0.0/x", "2001:db8::/129", " ", "::g/64"})
    void malformedNetworksAreRefused(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
