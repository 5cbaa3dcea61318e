package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Ports for the servers the tests start, all on this machine's loopback. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Every port handed out in this JVM: a server picks its ports when it is made and binds them only when it starts,
     * so a port free now may be another server's that has not started yet (seen: ClusterIT's node was given the shared
     * PostgreSQL server's management port while that server was still being built).
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /** A port free on the loopback interface right now, and never handed out before in this JVM. */
    public static int freePort() {
        while (true) {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (HANDED_OUT.add(port)) {
                return port;
            }
        }
    }

    /**
     * A free port whose companion is free too: JGroups' failure detection FD_SOCK2 listens on the transport port +
     * 50000, wrapping past 65535 (seen in the log: transport 43219, FD_SOCK2 27683; 7800 → 57800 in production).
     */
    public static int freeJGroupsPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            int companionPort = (port + 50000) % 65536;
            if (companionPort < 1024 || HANDED_OUT.contains(port) || HANDED_OUT.contains(companionPort)) {
                continue;
            }
            try (ServerSocket companion = new ServerSocket(companionPort)) {
                HANDED_OUT.add(port);
                HANDED_OUT.add(companionPort);
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port pair for JGroups");
    }
}
