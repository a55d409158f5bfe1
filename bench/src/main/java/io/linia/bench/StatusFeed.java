package io.linia.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A supervisor's {@code on_user_status_changed} subscription on {@code /websocket} (RT-5) for the
 * load tools: hands each status EVENT frame to the caller with its delay since the event's
 * {@code since} (ms, 0..59,999 for a histogram).
 */
final class StatusFeed {

    private static final Pattern SINCE = Pattern.compile("\"since\":(\\d+)");

    private StatusFeed() {
    }

    /** Subscribes; {@code onEvent} gets each status event's frame and its delivery delay in ms. */
    static WebSocket subscribe(String base, String token, BiConsumer<String, Long> onEvent) {
        // a client of its own: a pooled connection that served Tomcat's keep-alive limit answers the
        // upgrade with "Connection: upgrade, close", which the JDK's WebSocket refuses
        return HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                .buildAsync(URI.create(base.replace("http", "ws") + "/websocket"), new WebSocket.Listener() {
                    final StringBuilder partial = new StringBuilder();

                    @Override
                    public void onOpen(WebSocket ws) {
                        ws.sendText("{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}", true);
                        ws.request(1);
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        partial.append(data);
                        if (last) {
                            String frame = partial.toString();
                            partial.setLength(0);
                            Matcher m = SINCE.matcher(frame);
                            if (frame.contains("\"EVENT\"") && m.find()) {
                                onEvent.accept(frame, Math.min(59_999, Math.max(0,
                                        System.currentTimeMillis() - Long.parseLong(m.group(1)))));
                            }
                        }
                        ws.request(1);
                        return null;
                    }
                }).join();
    }
}
