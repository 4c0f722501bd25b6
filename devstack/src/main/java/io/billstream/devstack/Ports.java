package io.billstream.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * Hands out the well-known local ports when nothing listens on them, free ones otherwise, never the same port twice.
 * A port is only reserved until the server that gets it binds it, so another program can still take it in between;
 * the server then fails to start and the devstack says so.
 */
final class Ports {

    private final Set<Integer> handedOut = new HashSet<>();

    synchronized int preferredOrFree(int preferred) {
        if (!handedOut.contains(preferred) && isFree(preferred)) {
            handedOut.add(preferred);
            return preferred;
        }
        int port;
        do {
            port = anyFreePort();
        } while (handedOut.contains(port));
        handedOut.add(port);
        return port;
    }

    static boolean isFree(int port) {
        return canBind(port) && !answers(port);
    }

    /** Binding the wildcard address fails on a port that something listens on, on any local address. */
    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // As the servers themselves do, so that connections still in TIME_WAIT do not count as "taken".
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Catches a listener the bind test cannot see, such as one bound to the IPv4 loopback only on some systems. */
    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int anyFreePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
