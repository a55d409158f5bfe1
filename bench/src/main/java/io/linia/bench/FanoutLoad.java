package io.linia.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * WebSocket fan-out (issue 3 performance, RT-3..5): {@code clients} WebSocket connections of one
 * tenant, each subscribed to {@code on_user_status_changed}, while {@code operators} operators
 * switch between FREE and PAUSED through the workstation API at {@code changesPerSecond} in all.
 * Every client measures every status event's delivery: receive time − the event's {@code since}
 * (the instant the ACD took the change; one clock on one host). At the end it checks that every
 * client received every change, none older after a newer one, and prints p50/p90/p99/max and the
 * CPU the server, its PostgreSQL and the load tool spent meanwhile.
 *
 * <p>Two clients: {@code netty} (the default) reads every connection on one Netty event loop
 * thread and looks at each frame's bytes only for its type and {@code since}, so the load tool
 * costs little beside the server on the same cores; {@code jdk} is the earlier client, the JDK's
 * {@code java.net.http} WebSocket (four HttpClients on four threads, each frame decoded to a
 * String), kept so that older figures can be compared.
 *
 * <p>Usage: {@code FanoutLoad <baseUrl> <providerPassword> [clients] [changesPerSecond] [seconds] [netty|jdk] [warmUpSeconds]}
 * (a warm-up of 30 s by default: the same changes first, checked but not in the figures);
 * the system property {@code linia.pid} names the server's process for the CPU figures.
 */
public final class FanoutLoad {

    private static final int OPERATORS = 20;
    private static final String SUBSCRIBE = "{\"type\":\"SUBSCRIBE\",\"topic\":\"on_user_status_changed\"}";

    private final BenchHttp api;

    FanoutLoad(String base) {
        this.api = new BenchHttp(base, Duration.ofSeconds(60));
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String providerPassword = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        double perSecond = args.length > 3 ? Double.parseDouble(args[3]) : 10;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 60;
        String kind = args.length > 5 ? args[5] : "netty";
        int warmUp = args.length > 6 ? Integer.parseInt(args[6]) : 30;
        long serverPid = Long.getLong("linia.pid", -1);
        FanoutLoad load = new FanoutLoad(base);

        String provider = load.api.token("provider", "admin", providerPassword);
        String admin = load.api.newTenant(provider, "fan", "UTC").adminToken();
        String queue = BenchHttp.id(load.api.send("POST", "/api/v1/queues", admin,
                "{\"number\":\"100\",\"name\":\"Fan-out\"}", 201));
        List<String> operators = new ArrayList<>();
        for (int i = 0; i < OPERATORS; i++) {
            String token = load.newOperator(admin, "op" + i);
            load.api.send("PUT", "/api/v1/agent/queues/" + queue, token, null, 200);
            load.api.send("PUT", "/api/v1/agent/state", token, "{\"state\":\"PAUSED\",\"reason\":\"meeting\"}", 200);
            operators.add(token);
        }

        Tally tally = new Tally(clients);
        Fleet fleet = switch (kind) {
            case "netty" -> new NettyFleet();
            case "jdk" -> new JdkFleet();
            default -> throw new IllegalArgumentException("client: netty or jdk, not " + kind);
        };
        long connect = System.nanoTime();
        fleet.open(URI.create(base.replace("http", "ws") + "/websocket"), admin, clients, tally);
        System.out.printf("%d clients (%s) connected and subscribed in %.1f s%n", clients, kind, (System.nanoTime() - connect) / 1e9);

        // a fresh server spends its first minute compiling (the JIT took 40 % of its CPU then):
        // the same load first, delivered in full but measured apart
        Changes run = new Changes(load.api, operators, perSecond);
        if (warmUp > 0) {
            long warm = run.during(warmUp);
            drain(tally, warm * clients);
            Histogram w = tally.delivery;
            System.out.printf("warm-up: %d changes in %d s, delivery p50 %d ms, p99 %d ms, max %d ms%n", warm, warmUp,
                    w.getValueAtPercentile(50), w.getValueAtPercentile(99), w.getMaxValue());
            w.reset();
        }
        long warmed = run.count;
        String loadAverage = Files.readString(Path.of("/proc/loadavg")).trim();
        Cpu before = Cpu.now(serverPid);
        long start = System.nanoTime();
        long changes = run.during(seconds);
        double took = (System.nanoTime() - start) / 1e9;
        long expected = changes * clients;
        drain(tally, (warmed + changes) * clients);
        Cpu after = Cpu.now(serverPid);
        fleet.close();

        int short_ = 0;
        for (int c = 0; c < clients; c++) {
            if (tally.received.get(c) != warmed + changes) {
                short_++;
            }
        }
        long received = tally.total.get() - warmed * clients;
        boolean ok = received == expected && short_ == 0 && tally.outOfOrder.get() == 0;
        System.out.printf("%d status changes in %.1f s (%.1f/s) to %d clients: %d frames expected, %d received, "
                        + "%d clients missing some, %d out of order (%s)%n",
                changes, took, changes / took, clients, expected, received, short_, tally.outOfOrder.get(),
                ok ? "none lost" : "MISMATCH");
        Histogram d = tally.delivery;
        System.out.printf("delivery: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (%.0f frames/s)%n",
                d.getValueAtPercentile(50), d.getValueAtPercentile(90), d.getValueAtPercentile(99), d.getMaxValue(),
                expected / took);
        System.out.println(before.until(after, received, loadAverage));
        System.exit(ok ? 0 : 1);
    }

    /** Waits until the clients heard {@code frames} in all, at most a minute. */
    private static void drain(Tally tally, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (tally.total.get() < frames && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    /** The operators' status changes, FREE and PAUSED in turn, evenly paced; one request after the other. */
    private static final class Changes {
        private final BenchHttp api;
        private final List<String> operators;
        private final long intervalNanos;
        private final boolean[] free = new boolean[OPERATORS];
        long count;

        Changes(BenchHttp api, List<String> operators, double perSecond) {
            this.api = api;
            this.operators = operators;
            this.intervalNanos = (long) (1e9 / perSecond);
        }

        /** Makes the changes due over the given seconds; returns how many. */
        long during(int seconds) throws InterruptedException {
            long made = 0;
            long start = System.nanoTime();
            for (long due = start; due < start + seconds * 1_000_000_000L; due += intervalNanos) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                int op = (int) (count % OPERATORS);
                free[op] = !free[op];
                api.send("PUT", "/api/v1/agent/state", operators.get(op), free[op]
                        ? "{\"state\":\"FREE\"}" : "{\"state\":\"PAUSED\",\"reason\":\"meeting\"}", 200);
                count++;
                made++;
            }
            return made;
        }
    }

    /** What the clients heard: frames per client, the newest {@code since} each saw, delivery times. */
    static final class Tally {
        final AtomicIntegerArray received;
        final AtomicLongArray newest;
        final AtomicLong total = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final Histogram delivery = new ConcurrentHistogram(60_000, 3);

        Tally(int clients) {
            received = new AtomicIntegerArray(clients);
            newest = new AtomicLongArray(clients);
        }

        /** A status event reached a client; the changes are made one after the other, so {@code since} never goes back. */
        void event(int client, long since, long now) {
            received.incrementAndGet(client);
            if (since < newest.get(client)) {
                outOfOrder.incrementAndGet();
            }
            newest.set(client, since);
            delivery.recordValue(Math.min(59_999, Math.max(0, now - since)));
            total.incrementAndGet();
        }
    }

    /** The WebSocket clients: {@code open} returns once every one is connected and subscribed. */
    interface Fleet {
        void open(URI uri, String token, int clients, Tally tally) throws Exception;

        void close();
    }

    /** Every connection on one Netty NIO event loop; frames are looked at as bytes. */
    static final class NettyFleet implements Fleet {
        private static final ByteBuf EVENT = constant("\"type\":\"EVENT\"");
        private static final ByteBuf ACK = constant("\"type\":\"SUBSCRIBE\"");
        private static final ByteBuf SINCE = constant("\"since\":");

        /** The native epoll transport where it loads (fewer copies and calls per read), else the JDK's selector; {@code -Dfanout.transport=nio} forces the latter. */
        private final boolean epoll = Epoll.isAvailable() && !"nio".equals(System.getProperty("fanout.transport"));
        private final EventLoopGroup loop = epoll ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1);

        private static ByteBuf constant(String s) {
            return Unpooled.unreleasableBuffer(Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII));
        }

        @Override
        public void open(URI uri, String token, int clients, Tally tally) throws Exception {
            WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder().webSocketUri(uri)
                    .customHeaders(new DefaultHttpHeaders().add("Authorization", "Bearer " + token))
                    .handshakeTimeoutMillis(60_000).withUTF8Validator(false).build();
            System.out.println("Netty transport: " + (epoll ? "epoll" : "nio"));
            Bootstrap bootstrap = new Bootstrap().group(loop).channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 60_000);
            Semaphore opening = new Semaphore(64);
            List<CompletableFuture<Void>> subscribed = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                opening.acquire();
                CompletableFuture<Void> ack = new CompletableFuture<>();
                ack.whenComplete((v, e) -> opening.release());
                subscribed.add(ack);
                int client = c;
                bootstrap.clone().handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                                new WebSocketClientProtocolHandler(config), new WebSocketFrameAggregator(1 << 20),
                                new Reader(client, ack, tally));
                    }
                }).connect(uri.getHost(), uri.getPort()).addListener(f -> {
                    if (!f.isSuccess()) {
                        ack.completeExceptionally(f.cause());
                    }
                });
            }
            CompletableFuture.allOf(subscribed.toArray(CompletableFuture[]::new)).join();
        }

        @Override
        public void close() {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }

        /** One client: subscribes once the handshake is done, then counts the status events and their delay. */
        private static final class Reader extends SimpleChannelInboundHandler<TextWebSocketFrame> {
            private final int client;
            private final CompletableFuture<Void> ack;
            private final Tally tally;

            Reader(int client, CompletableFuture<Void> ack, Tally tally) {
                this.client = client;
                this.ack = ack;
                this.tally = tally;
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
                if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                    ctx.writeAndFlush(new TextWebSocketFrame(SUBSCRIBE));
                } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                    ack.completeExceptionally(new IOException("WebSocket handshake timed out"));
                }
                super.userEventTriggered(ctx, evt);
            }

            @Override
            protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                long now = System.currentTimeMillis();
                ByteBuf b = frame.content();
                if (isEvent(b)) {
                    long since = since(b);
                    if (since > 0) {
                        tally.event(client, since, now);
                    }
                } else if (ByteBufUtil.indexOf(ACK, b) >= 0) {
                    ack.complete(null);
                } else {
                    ack.completeExceptionally(new IOException("unexpected frame: " + b.toString(StandardCharsets.UTF_8)));
                }
            }

            /** An EVENT frame: our server writes the type first, so a look at its start mostly suffices. */
            private static boolean isEvent(ByteBuf b) {
                int at = b.readerIndex() + 1; // after '{'
                if (b.readableBytes() > EVENT.readableBytes() + 1 && ByteBufUtil.equals(EVENT, 0, b, at, EVENT.readableBytes())) {
                    return true;
                }
                return ByteBufUtil.indexOf(EVENT, b) >= 0;
            }

            /** The number after {@code "since":}, or -1. */
            private static long since(ByteBuf b) {
                int at = ByteBufUtil.indexOf(SINCE, b);
                if (at < 0) {
                    return -1;
                }
                long value = 0;
                for (int i = at + SINCE.readableBytes(); i < b.writerIndex(); i++) {
                    byte digit = b.getByte(i);
                    if (digit < '0' || digit > '9') {
                        break;
                    }
                    value = value * 10 + (digit - '0');
                }
                return value;
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) throws Exception {
                ack.completeExceptionally(new IOException("connection closed before the subscription"));
                super.channelInactive(ctx);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ack.completeExceptionally(cause);
                ctx.close();
            }
        }
    }

    /** The earlier client: the JDK's WebSocket, connections spread over four HttpClients on four threads. */
    static final class JdkFleet implements Fleet {
        private static final Pattern SINCE = Pattern.compile("\"since\":(\\d+)");

        private final ExecutorService listeners = Executors.newFixedThreadPool(4);
        private final List<WebSocket> sockets = new ArrayList<>();

        @Override
        public void open(URI uri, String token, int clients, Tally tally) throws Exception {
            // the JDK reads every connection of one HttpClient on one selector thread; 10,000 browsers
            // would read in parallel, so the connections are spread over a few clients
            HttpClient[] wsClients = new HttpClient[4];
            for (int i = 0; i < wsClients.length; i++) {
                wsClients[i] = HttpClient.newBuilder().executor(listeners).build();
            }
            Semaphore opening = new Semaphore(64);
            List<CompletableFuture<WebSocket>> pending = new ArrayList<>();
            CompletableFuture<?>[] subscribed = new CompletableFuture<?>[clients];
            for (int c = 0; c < clients; c++) {
                opening.acquire();
                CompletableFuture<Void> ack = new CompletableFuture<>();
                subscribed[c] = ack;
                pending.add(wsClients[c % wsClients.length].newWebSocketBuilder().header("Authorization", "Bearer " + token)
                        .buildAsync(uri, listener(c, ack, tally))
                        .whenComplete((ws, e) -> opening.release()));
            }
            for (CompletableFuture<WebSocket> p : pending) {
                sockets.add(p.join());
            }
            CompletableFuture.allOf(subscribed).join();
        }

        @Override
        public void close() {
            sockets.forEach(WebSocket::abort);
            listeners.shutdownNow();
        }

        private static WebSocket.Listener listener(int client, CompletableFuture<Void> ack, Tally tally) {
            return new WebSocket.Listener() {
                final StringBuilder partial = new StringBuilder();

                @Override
                public void onOpen(WebSocket ws) {
                    ws.sendText(SUBSCRIBE, true);
                    ws.request(1);
                }

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    long now = System.currentTimeMillis();
                    partial.append(data);
                    if (last) {
                        String frame = partial.toString();
                        partial.setLength(0);
                        if (frame.startsWith("{\"type\":\"SUBSCRIBE\"")) {
                            ack.complete(null);
                        } else {
                            Matcher m = SINCE.matcher(frame);
                            if (frame.contains("\"EVENT\"") && m.find()) {
                                tally.event(client, Long.parseLong(m.group(1)), now);
                            }
                        }
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public void onError(WebSocket ws, Throwable error) {
                    ack.completeExceptionally(error);
                }
            };
        }
    }

    /**
     * CPU seconds so far from /proc: the server's JVM, its PostgreSQL (the processes below it),
     * this load tool and the whole machine (busy and all), to tell what the fan-out cost from what
     * other work on the shared cores took.
     */
    record Cpu(double server, double serverSys, double postgres, double tool, double machineBusy, double machineAll,
               java.util.Map<Long, String> threadGroup, java.util.Map<Long, Double> threadCpu) {
        /** The server's threads by what they do, from their names. */
        private static final String[][] GROUPS = {{"linia-websocke", "fan-out"}, {"http-nio-", "tomcat"},
            {"C1 Compiler", "jit"}, {"C2 Compiler", "jit"}, {"GC Thread", "gc"}, {"G1 ", "gc"}};

        private static final double TICK = ticksPerSecond();

        static Cpu now(long serverPid) {
            double[] server = serverPid > 0 ? ticks(serverPid) : new double[2];
            double postgres = 0;
            for (long pid : postgres(serverPid)) {
                double[] t = ticks(pid);
                postgres += t[0] + t[1];
            }
            double[] tool = ticks(ProcessHandle.current().pid());
            String[] cpu;
            try {
                cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            double all = 0;
            for (int i = 1; i <= 8 && i < cpu.length; i++) {
                all += Double.parseDouble(cpu[i]);
            }
            double idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
            java.util.Map<Long, String> groups = new java.util.HashMap<>();
            java.util.Map<Long, Double> spent = new java.util.HashMap<>();
            if (serverPid > 0) {
                try (var tasks = Files.list(Path.of("/proc/" + serverPid + "/task"))) {
                    for (Path task : (Iterable<Path>) tasks::iterator) {
                        String stat = Files.readString(task.resolve("stat"));
                        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        String group = "other";
                        for (String[] g : GROUPS) {
                            if (name.startsWith(g[0])) {
                                group = g[1];
                                break;
                            }
                        }
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long tid = Long.parseLong(task.getFileName().toString());
                        groups.put(tid, group);
                        spent.put(tid, (Double.parseDouble(f[11]) + Double.parseDouble(f[12])) / TICK);
                    }
                } catch (IOException | RuntimeException e) {
                    // threads come and go; the totals above still hold
                }
            }
            return new Cpu((server[0] + server[1]) / TICK, server[1] / TICK, postgres / TICK, (tool[0] + tool[1]) / TICK,
                    (all - idle) / TICK, all / TICK, groups, spent);
        }

        /** What the run cost, per frame where it scales with frames. */
        String until(Cpu after, long frames, String loadAverage) {
            double server = after.server - this.server;
            double sys = after.serverSys - this.serverSys;
            double tool = after.tool - this.tool;
            double pg = after.postgres - this.postgres;
            double busy = after.machineBusy - machineBusy;
            double wall = (after.machineAll - machineAll) / Runtime.getRuntime().availableProcessors();
            // per thread, so that threads which ended meanwhile (idle Tomcat workers) subtract nothing
            java.util.Map<String, Double> byGroup = new java.util.TreeMap<>();
            for (var e : after.threadCpu.entrySet()) {
                byGroup.merge(after.threadGroup.get(e.getKey()), e.getValue() - threadCpu.getOrDefault(e.getKey(), 0.0), Double::sum);
            }
            StringBuilder threads = new StringBuilder();
            byGroup.forEach((group, spent) -> threads.append(
                    String.format(" %s %.1f s (%.1f µs/frame)", group, spent, spent * 1e6 / Math.max(1, frames))));
            return String.format("cpu: server %.1f s (kernel %.1f s) = %.1f µs/frame; postgres %.1f s; load tool %.1f s = %.1f µs/frame;"
                            + " other processes %.1f s; machine busy %.0f%% of %d cores over %.0f s; load average before %s%n"
                            + "server threads:%s",
                    server, sys, server * 1e6 / Math.max(1, frames), pg, tool, tool * 1e6 / Math.max(1, frames),
                    Math.max(0, busy - server - tool - pg), 100 * busy / Math.max(1e-9, after.machineAll - machineAll),
                    Runtime.getRuntime().availableProcessors(), wall, loadAverage, threads);
        }

        /** utime and stime of a process, in ticks (0 when it is gone). */
        private static double[] ticks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return new double[] {Double.parseDouble(f[11]), Double.parseDouble(f[12])};
            } catch (IOException | RuntimeException e) {
                return new double[2];
            }
        }

        /**
         * The embedded PostgreSQL: its postmaster (named in postmaster.pid under the data directory
         * given as {@code linia.data}; pg_ctl leaves it without the server as parent) and its backends.
         */
        private static java.util.Set<Long> postgres(long serverPid) {
            java.util.Set<Long> out = new java.util.HashSet<>();
            ProcessHandle.of(serverPid).ifPresent(p -> p.descendants().forEach(d -> out.add(d.pid())));
            String data = System.getProperty("linia.data");
            if (data != null) {
                try {
                    long postmaster = Long.parseLong(Files.readAllLines(Path.of(data, "pg", "postmaster.pid")).get(0).trim());
                    out.add(postmaster);
                    ProcessHandle.of(postmaster).ifPresent(p -> p.descendants().forEach(d -> out.add(d.pid())));
                } catch (IOException | RuntimeException e) {
                    // no PostgreSQL figure then
                }
            }
            out.remove(serverPid);
            return out;
        }

        private static double ticksPerSecond() {
            try {
                Process p = new ProcessBuilder("getconf", "CLK_TCK").start();
                return Double.parseDouble(new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim());
            } catch (IOException | RuntimeException e) {
                return 100;
            }
        }
    }

    /** A new operator in the caller's tenant, past the first-sign-in password change; returns the token. */
    private String newOperator(String adminToken, String login) {
        String password = "Fan-Pass-" + System.nanoTime();
        api.send("POST", "/api/v1/users", adminToken, "{\"login\":\"" + login + "\",\"fullName\":\"Operator " + login
                + "\",\"password\":\"" + password + "\",\"roles\":[\"operator\"]}", 201);
        return api.passwordChanged("fan", login, password);
    }
}
