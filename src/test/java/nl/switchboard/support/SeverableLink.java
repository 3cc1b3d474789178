package nl.switchboard.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a server (the database) that a test cuts and restores. Cut, it is
 * what a client sees of a server that went away: every open connection closed, every new one refused.
 * Used where the server itself cannot be stopped, as the PostgreSQL that other tests share.
 *
 * <p>A cut waits for the listener's thread to leave {@code accept()}: the JDK closes a server socket
 * with a thread in {@code accept()} only when that thread wakes, so a restore straight after the cut
 * could find the port still listened on ("Address already in use", which failed a CI run once).
 */
public final class SeverableLink implements AutoCloseable {

    private static final Duration ACCEPTOR_EXIT = Duration.ofSeconds(10);

    private final int targetPort;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile Thread acceptor;

    public SeverableLink(int targetPort) {
        this.targetPort = targetPort;
        this.port = BusTest.freePort();
        restore();
    }

    /** The port clients connect to instead of the server's. */
    public int port() {
        return port;
    }

    /** Closes every relayed connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        closeQuietly(listener);
        awaitAcceptorExit();
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    public void restore() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            acceptor = daemon("severable-link-" + port, () -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                continue; // closed by cut()
            }
            try {
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(server);
                if (socket.isClosed()) {
                    closeQuietly(client); // cut() came while this one was being connected
                    closeQuietly(server);
                    continue;
                }
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                closeQuietly(client); // the server refused: so is the client
            }
        }
    }

    private void pump(Socket from, Socket to) {
        daemon("severable-link-pump-" + port, () -> {
            byte[] buffer = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                }
            } catch (IOException e) {
                // the other side or cut() closed it
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private void awaitAcceptorExit() {
        try {
            acceptor.join(ACCEPTOR_EXIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (acceptor.isAlive()) {
            throw new IllegalStateException("the link's listener is still open " + ACCEPTOR_EXIT + " after it was closed");
        }
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            if (closeable != null) {
                closeable.close();
            }
        } catch (Exception e) {
            // already closed
        }
    }
}
