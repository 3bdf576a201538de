package com.needlepen.firmware.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.needlepen.broker.EmbeddedBroker;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The transport against a real broker in this JVM, a proxy that can cut connections, and fake
 * brokers that misbehave. Waits are for another party (the broker, a socket) and poll with a
 * deadline; the only time asserted is that close() does not sit out a connect timeout.
 */
class PahoMqttTransportTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long GET_SECONDS = 10;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(toClose);
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
    }

    @Test
    void givenASubscriber_whenPublishing500AtQos1_thenAllArriveWithPayloadsInOrder() throws Exception {
        EmbeddedBroker broker = broker();
        PahoMqttTransport subscriber = connected(MqttSettings.of(broker.url(), id("sub")));
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        subscriber.subscribe("pens/p1/samples", 1, (topic, payload, retained) -> received.add(new String(payload, UTF_8)))
                .get(GET_SECONDS, TimeUnit.SECONDS);
        PahoMqttTransport publisher = connected(MqttSettings.of(broker.url(), id("pub")));

        List<String> sent = IntStream.range(0, 500).mapToObj(i -> "sample-" + i).toList();
        List<CompletableFuture<Void>> acks = sent.stream()
                .map(text -> publisher.publish("pens/p1/samples", text.getBytes(UTF_8), 1, false)).toList();

        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(GET_SECONDS, TimeUnit.SECONDS);
        awaitUntil(() -> received.size() >= sent.size(), "all 500 messages received");
        assertThat(received).containsExactlyElementsOf(sent);
    }

    @Test
    void givenARetainedMessage_whenALateSubscriberSubscribes_thenItGetsItFlaggedRetained()
            throws Exception {
        EmbeddedBroker broker = broker();
        PahoMqttTransport publisher = connected(MqttSettings.of(broker.url(), id("pub")));
        publisher.publish("pens/p1/status", "online".getBytes(UTF_8), 1, true).get(GET_SECONDS, TimeUnit.SECONDS);

        PahoMqttTransport late = connected(MqttSettings.of(broker.url(), id("late")));
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        late.subscribe("pens/+/status", 1, (topic, payload, retained) ->
                received.add(topic + "=" + new String(payload, UTF_8) + (retained ? " (retained)" : "")));

        awaitUntil(() -> !received.isEmpty(), "the retained status received");
        assertThat(received).containsExactly("pens/p1/status=online (retained)");
    }

    @Test
    void givenAWill_whenTheConnectionDiesAbruptly_thenTheBrokerPublishesIt_andTheTransportReconnectsAndResubscribes() throws Exception {
        EmbeddedBroker broker = broker();
        TcpProxy network = track(new TcpProxy(broker.port()));
        PahoMqttTransport watcher = connected(MqttSettings.of(broker.url(), id("watcher")));
        List<String> statuses = Collections.synchronizedList(new ArrayList<>());
        watcher.subscribe("pens/p1/status", 1, (topic, payload, retained) -> statuses.add(new String(payload, UTF_8)))
                .get(GET_SECONDS, TimeUnit.SECONDS);

        PahoMqttTransport pen = track(new PahoMqttTransport(MqttSettings.of(network.url(), id("pen"))
                .withWill(new MqttSettings.Will("pens/p1/status", "offline".getBytes(UTF_8), 1, true))));
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger losses = new AtomicInteger();
        pen.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
                connects.incrementAndGet();
                pen.publish("pens/p1/status", "online".getBytes(UTF_8), 1, true); // birth, as the owner would
            }

            @Override
            public void disconnected(Throwable cause) {
                losses.incrementAndGet();
            }
        });
        List<String> commands = Collections.synchronizedList(new ArrayList<>());
        pen.subscribe("pens/p1/commands", 1, (topic, payload, retained) -> commands.add(new String(payload, UTF_8)));
        pen.start();
        awaitUntil(() -> statuses.contains("online"), "the pen's birth message");

        network.cutAll();

        awaitUntil(() -> statuses.contains("offline"), "the broker publishing the pen's will");
        awaitUntil(() -> connects.get() == 2 && pen.isConnected(), "the pen reconnecting by itself");
        assertThat(losses).hasValue(1);
        awaitUntil(() -> statuses.lastIndexOf("online") > statuses.indexOf("offline"), "a new birth message");
        // The subscription was re-made on the new connection: commands reach the pen again.
        awaitUntil(() -> {
            watcher.publish("pens/p1/commands", "ping".getBytes(UTF_8), 1, false);
            return commands.contains("ping");
        }, "a command delivered after the reconnect");
    }

    @Test
    void givenAWill_whenClosedCleanly_thenTheBrokerDiscardsIt() throws Exception {
        EmbeddedBroker broker = broker();
        PahoMqttTransport watcher = connected(MqttSettings.of(broker.url(), id("watcher")));
        List<String> statuses = Collections.synchronizedList(new ArrayList<>());
        watcher.subscribe("pens/p1/status", 1, (topic, payload, retained) -> statuses.add(new String(payload, UTF_8)))
                .get(GET_SECONDS, TimeUnit.SECONDS);
        String penId = id("pen");
        PahoMqttTransport pen = connected(MqttSettings.of(broker.url(), penId)
                .withWill(new MqttSettings.Will("pens/p1/status", "offline".getBytes(UTF_8), 1, false)));

        pen.close();

        // Once the broker has let go of the pen, a will would already be on its way to the watcher,
        // ahead of this marker.
        awaitUntil(() -> !broker.hasClient(penId), "the broker dropping the pen");
        watcher.publish("pens/p1/status", "marker".getBytes(UTF_8), 1, false).get(GET_SECONDS, TimeUnit.SECONDS);
        awaitUntil(() -> statuses.contains("marker"), "the marker");
        assertThat(statuses).containsExactly("marker");
    }

    @Test
    void givenNoBroker_whenStarted_thenItDoesNotThrow_publishFailsAtOnce_andItConnectsWhenTheBrokerAppears() throws Exception {
        int port = EmbeddedBroker.freeLoopbackPort();
        PahoMqttTransport pen = track(new PahoMqttTransport(MqttSettings.of(EmbeddedBroker.urlFor(port), id("pen"))));
        AtomicInteger connects = new AtomicInteger();
        pen.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
                connects.incrementAndGet();
            }

            @Override
            public void disconnected(Throwable cause) {
            }
        });

        pen.start();
        CompletableFuture<Void> attempt = pen.publish("pens/p1/samples", new byte[] {1}, 1, false);

        assertThat(pen.isConnected()).isFalse();
        assertThat(attempt).isCompletedExceptionally();
        assertThatThrownBy(attempt::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(MqttTransportException.class).hasMessageContaining("not connected");

        track(EmbeddedBroker.start(port));
        awaitUntil(pen::isConnected, "the transport connecting to the new broker");
        // Not a race: isConnected() turns true only after the listener's connected() has returned.
        assertThat(connects).hasValue(1);
        pen.publish("pens/p1/samples", new byte[] {1}, 1, false).get(GET_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void givenAListenerStillHandlingTheConnect_thenTheTransportDoesNotYetReportConnected_andOnceItDoesTheListenerHasRun()
            throws Exception {
        EmbeddedBroker broker = broker();
        PahoMqttTransport pen = track(new PahoMqttTransport(MqttSettings.of(broker.url(), id("pen"))));
        CountDownLatch listenerEntered = new CountDownLatch(1);
        CountDownLatch listenerMayReturn = new CountDownLatch(1);
        AtomicInteger connects = new AtomicInteger();
        pen.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
                listenerEntered.countDown();
                try {
                    listenerMayReturn.await(GET_SECONDS, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                connects.incrementAndGet();
            }

            @Override
            public void disconnected(Throwable cause) {
            }
        });
        pen.start();
        try {
            assertThat(listenerEntered.await(GET_SECONDS, TimeUnit.SECONDS)).as("the listener told of the connect").isTrue();

            // The link is up as far as the broker is concerned, but the listener has not finished.
            assertThat(pen.isConnected()).as("connected while the listener is still being told").isFalse();
        } finally {
            listenerMayReturn.countDown();
        }
        awaitUntil(pen::isConnected, "the transport reporting connected");
        assertThat(connects).as("what the listener did, seen by whoever sees connected").hasValue(1);
    }

    @Test
    void givenABrokerHostThatDoesNotResolve_thenOneWarningLineNamesTheHost_withoutPahosWrapperOrAStackTrace_andItKeepsRetrying()
            throws Exception {
        // .invalid never resolves (RFC 6761): no broker anywhere is contacted.
        ch.qos.logback.classic.Logger log =
                (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(PahoMqttTransport.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
        Level levelBefore = log.getLevel();
        log.setLevel(Level.DEBUG);
        try {
            PahoMqttTransport pen = track(new PahoMqttTransport(MqttSettings.of("tcp://nosuchhost.invalid:1883", id("pen"))));
            pen.start();

            awaitUntil(() -> events(logged, Level.DEBUG).stream().anyMatch(e -> e.contains("still unreachable")),
                    "a second attempt");
            List<String> warnings = events(logged, Level.WARN);
            assertThat(warnings).singleElement().asString()
                    .contains("broker host 'nosuchhost.invalid' is unknown: the name does not resolve")
                    .doesNotContain("Untranslated").doesNotContain("\n");
            synchronized (logged) {
                assertThat(logged.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).as("a stack trace").isNull());
            }
            assertThat(pen.isConnected()).isFalse();
        } finally {
            log.detachAppender(logged);
            log.setLevel(levelBefore);
        }
    }

    @Test
    void givenAFailureThatPahoWrapsUntranslated_whenDescribed_thenOnlyWhatHappenedIsSaid() {
        assertThat(PahoMqttTransport.describe(new MqttException(new UnknownHostException("nosuchhost.invalid")),
                "nosuchhost.invalid")).isEqualTo("broker host 'nosuchhost.invalid' is unknown: the name does not resolve");
        assertThat(PahoMqttTransport.describe(new MqttException(new IllegalArgumentException("port out of range:99999")),
                "broker.local")).isEqualTo("port out of range:99999");
    }

    @Test
    void givenAConnectedAndAFailingTransport_whenClosed_thenNoneOfTheirThreadsRemain() throws Exception {
        EmbeddedBroker broker = broker();
        String upId = id("up");
        String downId = id("down");
        PahoMqttTransport up = new PahoMqttTransport(MqttSettings.of(broker.url(), upId));
        PahoMqttTransport down = new PahoMqttTransport(MqttSettings.of(EmbeddedBroker.urlFor(EmbeddedBroker.freeLoopbackPort()), downId));
        up.start();
        down.start();
        awaitUntil(up::isConnected, "connected");
        up.publish("pens/p1/samples", new byte[] {1}, 1, false).get(GET_SECONDS, TimeUnit.SECONDS);
        assertThat(threadsNamed(upId)).as("Paho loops while connected").isPositive();
        assertThat(threadsNamed(downId)).as("the supervisor retrying").isPositive();

        up.close();
        down.close();

        assertThat(threadsNamed(upId)).as(() -> describeThreads(upId)).isZero();
        assertThat(threadsNamed(downId)).as(() -> describeThreads(downId)).isZero();
    }

    @Test
    void givenTheInFlightLimitReached_whenPublishing_thenItFailsAtOnce_andCloseFailsThoseStillInFlight()
            throws Exception {
        SilentBroker silent = track(new SilentBroker(SilentBroker.Mode.ACCEPT_THEN_SILENT));
        MqttSettings settings = MqttSettings.of(silent.url(), id("pen"));
        PahoMqttTransport pen = connected(new MqttSettings(settings.brokerUrl(), settings.clientId(),
                settings.connectTimeout(), settings.keepAlive(), 2, null));

        CompletableFuture<Void> first = pen.publish("pens/p1/samples", new byte[] {1}, 1, false);
        CompletableFuture<Void> second = pen.publish("pens/p1/samples", new byte[] {2}, 1, false);
        CompletableFuture<Void> third = pen.publish("pens/p1/samples", new byte[] {3}, 1, false);

        assertThat(third).isCompletedExceptionally();
        assertThatThrownBy(third::get).hasMessageContaining("too many publishes");
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        pen.close();

        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
    }

    @Test
    void givenABrokerThatNeverAnswersConnect_whenClosedMidConnect_thenItDoesNotWaitOutTheConnectTimeout()
            throws Exception {
        SilentBroker silent = track(new SilentBroker(SilentBroker.Mode.IGNORE_CONNECT));
        String penId = id("pen");
        MqttSettings settings = MqttSettings.of(silent.url(), penId);
        PahoMqttTransport pen = new PahoMqttTransport(settings);
        pen.start();
        awaitUntil(() -> silent.connections() > 0, "a connect in progress");

        long before = System.nanoTime();
        pen.close();

        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(settings.connectTimeout());
        assertThat(threadsNamed(penId)).as(() -> describeThreads(penId)).isZero();
    }

    @Test
    void givenABrokerThatNeverAnswersConnect_whenTheConnectTimeoutPasses_thenTheAttemptIsAbortedAndRetried()
            throws Exception {
        SilentBroker silent = track(new SilentBroker(SilentBroker.Mode.IGNORE_CONNECT));
        MqttSettings defaults = MqttSettings.of(silent.url(), id("pen"));
        PahoMqttTransport pen = track(new PahoMqttTransport(new MqttSettings(defaults.brokerUrl(),
                defaults.clientId(), Duration.ofSeconds(1), defaults.keepAlive(), defaults.maxInFlight(), null)));

        pen.start();

        awaitUntil(() -> silent.connections() >= 2, "a second attempt after the first timed out");
        assertThat(pen.isConnected()).isFalse();
    }

    @Test
    void givenABrokerThatHangsUpAtOnce_whenRetryingForAWhileAndThenClosed_thenNoThreadIsLeftSpinning()
            throws Exception {
        // Paho 1.2.5 strands its connecting thread when a connection dies while it starts its loops.
        SilentBroker hangUp = track(new SilentBroker(SilentBroker.Mode.HANG_UP));
        String penId = id("pen");
        PahoMqttTransport pen = new PahoMqttTransport(MqttSettings.of(hangUp.url(), penId));
        pen.start();
        awaitUntil(() -> hangUp.connections() >= 5, "five attempts hung up on");

        pen.close();

        assertThat(threadsNamed(penId)).as(() -> describeThreads(penId)).isZero();
    }

    @Test
    void givenAStartedTransport_whenSettingTheListener_thenRefused_andAClosedOneCannotStart() throws Exception {
        PahoMqttTransport pen = new PahoMqttTransport(MqttSettings.of(EmbeddedBroker.urlFor(EmbeddedBroker.freeLoopbackPort()), id("pen")));
        pen.start();
        assertThatThrownBy(() -> pen.setConnectionListener(new MqttTransport.ConnectionListener() {
            @Override
            public void connected() {
            }

            @Override
            public void disconnected(Throwable cause) {
            }
        })).isInstanceOf(IllegalStateException.class);
        pen.close();
        pen.close(); // twice is fine
        assertThatThrownBy(pen::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void whenPublishingToAWildcardTopicOrWithABadQos_thenRefusedAsAProgrammingError() {
        PahoMqttTransport pen = track(new PahoMqttTransport(MqttSettings.of("tcp://127.0.0.1:1", id("pen"))));
        assertThatThrownBy(() -> pen.publish("pens/+/samples", new byte[0], 1, false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pen.publish("pens/p1/samples", new byte[0], 3, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qos 3");
    }

    // ---- helpers ----

    private static List<String> events(ListAppender<ILoggingEvent> logged, Level level) {
        synchronized (logged) { // the appender appends under its own lock
            return logged.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private EmbeddedBroker broker() throws Exception {
        return track(EmbeddedBroker.start());
    }

    private PahoMqttTransport connected(MqttSettings settings) {
        PahoMqttTransport transport = track(new PahoMqttTransport(settings));
        transport.start();
        awaitUntil(transport::isConnected, settings.clientId() + " connected");
        return transport;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        toClose.add(closeable);
        return closeable;
    }

    /** Client ids unique per test, so thread names and broker sessions never mix between tests. */
    private String id(String role) {
        return role + "-" + Integer.toHexString(System.identityHashCode(this));
    }

    private static long threadsNamed(String fragment) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().contains(fragment)).count();
    }

    /** For failure messages: which threads, doing what. */
    private static String describeThreads(String fragment) {
        StringBuilder text = new StringBuilder("live threads named *" + fragment + "*:");
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            if (thread.isAlive() && thread.getName().contains(fragment)) {
                text.append("\n  ").append(thread.getName());
                for (int i = 0; i < Math.min(stack.length, 12); i++) {
                    text.append("\n      at ").append(stack[i]);
                }
            }
        });
        return text.toString();
    }

    private static void awaitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
