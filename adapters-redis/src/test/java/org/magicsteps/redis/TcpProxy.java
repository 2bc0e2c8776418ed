package org.magicsteps.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a local port to Redis, and can be stopped (cutting the live connections and hanging up
 * on new ones at once) and started again: a Redis that goes away and comes back, for real.
 *
 * <p>The port stays bound the whole time. Closing it and binding it again would race with every
 * other socket on this shared machine (an outgoing connection may be given that port meanwhile,
 * or a reconnect attempt may connect the port to itself), which failed the rebinding now and then.
 */
final class TcpProxy implements AutoCloseable {

    private final int targetPort;
    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean forwarding;

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        daemon(this::acceptForever);
    }

    int port() {
        return server.getLocalPort();
    }

    void start() {
        forwarding = true;
    }

    void stop() throws IOException {
        forwarding = false;
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    private void acceptForever() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (!forwarding) {
                    client.close(); // away: hang up before a byte is exchanged
                    continue;
                }
                Socket redis = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(redis);
                daemon(() -> pump(client, redis));
                daemon(() -> pump(redis, client));
            } catch (IOException closed) {
                if (server.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        server.close();
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException cut) {
            // One side went away; closing both tells the other.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
