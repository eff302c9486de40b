package dev.tabletalk.testkit.db;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BooleanSupplier;

/**
 * What the choice of a test database looks at besides the environment: whether something answers at an address,
 * and whether Docker is available. Injectable, so the choice has unit tests without services or Docker.
 *
 * @param reachable whether a TCP connection to a host and port succeeds quickly
 * @param docker whether Testcontainers can use a Docker daemon
 */
public record Probes(Reachability reachable, BooleanSupplier docker) {

    /** How long the reachability check of a default address waits: a local service answers far faster. */
    static final int CONNECT_TIMEOUT_MILLIS = 300;

    /** Whether a TCP server answers at an address. */
    @FunctionalInterface
    public interface Reachability {
        /** True when a connection to {@code host:port} succeeds. */
        boolean reachable(String host, int port);
    }

    /** The real probes: a short TCP connect, and Docker as {@link DockerProbe} sees it. */
    public static Probes real() {
        return new Probes(Probes::connects, DockerProbe::available);
    }

    static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
