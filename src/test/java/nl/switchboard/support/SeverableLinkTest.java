package nl.switchboard.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import org.junit.jupiter.api.Test;

/**
 * The link the outage tests cut: refused while cut, relaying again as soon as it is restored, however
 * quickly the two follow each other (a restore straight after a cut once failed CI).
 */
class SeverableLinkTest {

    private static final int CUTS = 200;

    @Test
    void aRestoreStraightAfterACutRelaysAgain() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                SeverableLink link = new SeverableLink(echo.getLocalPort())) {
            Thread server = new Thread(() -> echo(echo), "echo");
            server.setDaemon(true);
            server.start();
            for (int i = 0; i < CUTS; i++) {
                int sent = i % 256;
                try (Socket client = new Socket(InetAddress.getLoopbackAddress(), link.port())) {
                    client.getOutputStream().write(sent);
                    assertThat(client.getInputStream().read()).as("echoed through the link").isEqualTo(sent);
                    link.cut();
                    assertThat(client.getInputStream().read()).as("an open connection ends with the cut").isEqualTo(-1);
                }
                assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), link.port()).close())
                        .isInstanceOf(ConnectException.class);
                link.restore();
            }
        }
    }

    private static void echo(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept(); InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                for (int read; (read = in.read()) >= 0; ) {
                    out.write(read);
                    out.flush();
                }
            } catch (IOException e) {
                // the link closed it, or the test ended
            }
        }
    }
}
