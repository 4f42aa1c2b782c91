package io.demandloop.local.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The JDK {@link HttpServer} on a free loopback port, with TCP_NODELAY on its connections.
 *
 * <p>Why: the JDK server writes a response's head and body in two writes and leaves Nagle's algorithm on by default;
 * against the client's delayed ACK every keep-alive exchange then waits about 40 ms for the body (issue 17 measured
 * 48 ms a delivery). The server reads {@code sun.net.httpserver.nodelay} once, when its configuration class loads,
 * so it is set here, before the first server is created, unless the user set it.
 */
public final class LoopbackHttpServer {

    /** The JDK server's switch for TCP_NODELAY on accepted connections. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    private LoopbackHttpServer() {
    }

    /** A server bound to {@code 127.0.0.1} on a free port, not yet started. */
    public static HttpServer create(int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), backlog);
    }
}
