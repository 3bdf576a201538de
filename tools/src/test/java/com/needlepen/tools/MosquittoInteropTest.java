package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.needlepen.firmware.mqtt.MqttSettings;
import com.needlepen.firmware.mqtt.PahoMqttTransport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firmware's telemetry through Mosquitto, a broker that is not ours, read back by Mosquitto's
 * own subscriber client. CI installs and starts Mosquitto and names it in NEEDLEPEN_MOSQUITTO_URL;
 * elsewhere the test starts a mosquitto binary itself if there is one, and is skipped (saying so)
 * if there is none.
 */
class MosquittoInteropTest {

    private static final String PROBE_TOPIC = "needlepen/np-sim-0001/interop-probe";
    private static final String PROBE = "interop-probe";

    @TempDir
    Path dir;

    @Test
    void givenMosquittoWhenASessionIsSimulatedThenMosquittoSubReceivesEveryPublishedMessage() throws Exception {
        String url = System.getenv("NEEDLEPEN_MOSQUITTO_URL");
        Process ownBroker = null;
        if (url == null) {
            Path binary = findOnPath("mosquitto");
            Assumptions.assumeTrue(binary != null, "no NEEDLEPEN_MOSQUITTO_URL and no mosquitto binary: not run here");
            int port = freePort();
            ownBroker = new ProcessBuilder(binary.toString(), "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
            url = "tcp://127.0.0.1:" + port;
            awaitPort(port);
        }
        try {
            String hostPort = url.substring(url.indexOf("://") + 3);
            String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
            String port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
            Path subOut = dir.resolve("sub.txt");
            Path sub = findOnPath("mosquitto_sub");
            Process subscriber = null;
            if (sub != null) {
                subscriber = new ProcessBuilder(sub.toString(), "-h", host, "-p", port, "-t", "needlepen/np-sim-0001/#",
                        "-R", "-q", "1", "-V", "mqttv5").redirectOutput(subOut.toFile())
                        .redirectError(dir.resolve("sub.err").toFile()).start();
                awaitSubscribed(url, subOut);
            }
            Path json = dir.resolve("summary.json");
            var r = SimulateCommandTest.runIn(dir, "simulate", "--fast", "--duration", "3s", "--broker", url,
                    "--summary-json", json.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            JsonNode s = new ObjectMapper().readTree(json.toFile());
            long published = s.get("published").asLong();
            assertThat(published).isGreaterThan(30);
            assertThat(s.get("received").asLong()).isEqualTo(published);
            assertThat(s.get("telemetry").get("undelivered").asLong()).isZero();
            if (subscriber != null) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                List<String> lines = List.of();
                while (System.nanoTime() < deadline) {
                    lines = Files.readAllLines(subOut).stream().filter(line -> !line.equals(PROBE)).toList();
                    if (lines.size() >= published) {
                        break;
                    }
                    Thread.sleep(20);
                }
                subscriber.destroy();
                assertThat(lines).hasSize((int) published);
                assertThat(lines).allSatisfy(line -> assertThat(line).startsWith("{\"schema\":\"needlepen."));
            }
        } finally {
            if (ownBroker != null) {
                ownBroker.destroy();
                ownBroker.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Publishes a probe under the subscribed filter until mosquitto_sub prints it: only then is it
     * subscribed (a fixed sleep lost the session's first messages when the subscriber was slow to start).
     * The simulator's own monitor subscribes later, so it never sees a probe.
     */
    private static void awaitSubscribed(String url, Path subOut) throws Exception {
        try (PahoMqttTransport probe = new PahoMqttTransport(MqttSettings.of(url, "interop-probe"))) {
            probe.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!Files.readAllLines(subOut).contains(PROBE)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("mosquitto_sub did not print a probe within 10 s: "
                            + Files.readString(subOut.resolveSibling("sub.err")));
                }
                if (probe.isConnected()) {
                    probe.publish(PROBE_TOPIC, PROBE.getBytes(StandardCharsets.UTF_8), 1, false);
                }
                Thread.sleep(50);
            }
        }
    }

    private static Path findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin";
        for (String d : path.split(":")) {
            Path p = Path.of(d, name);
            if (!d.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new AssertionError("mosquitto did not open port " + port);
    }
}
