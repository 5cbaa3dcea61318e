package io.github.kcpat.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports for the servers the tests start, all on this machine's loopback. */
public final class Loopback {

    private Loopback() {
    }

    /** A port free on the loopback interface right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
            if (companionPort < 1024) {
                continue;
            }
            try (ServerSocket companion = new ServerSocket(companionPort)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port pair for JGroups");
    }
}
