package io.linia.realtime.web;

import io.linia.realtime.internal.LiveFeed;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/** {@code /websocket} (RT-3), behind the same sign-in as the API: a session cookie or a bearer token. */
@Configuration
@EnableWebSocket
class WebSocketConfiguration implements WebSocketConfigurer {

    private final LiveFeed feed;

    WebSocketConfiguration(LiveFeed feed) {
        this.feed = feed;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(feed, "/websocket");
    }
}
