package io.linia.test;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * The integration tests' Tomcat sends through small socket buffers (8 kB asked, 16 kB given):
 * on loopback the kernel would otherwise let a connection hold megabytes, and a WebSocket client
 * that stops reading (WebSocketIT) would take tens of thousands of events to run out of room.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServerConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> smallSendBuffers() {
        return factory -> factory.addConnectorCustomizers(connector -> connector.setProperty("socket.txBufSize", "8192"));
    }
}
