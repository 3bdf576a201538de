package com.needlepen.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
                Thread.sleep(500); // let it subscribe
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
                    lines = Files.readAllLines(subOut);
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
